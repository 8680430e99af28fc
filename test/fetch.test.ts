// The fetching layer against a local server (127.0.0.1 and localhost only): charsets, redirects, HTTP and network
// failures, timeouts, the size cap, robots.txt, conditional requests, the User-Agent and the per-host rate limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Fetcher, documentOrigin, userAgent, type FetchResult, type FetchedDocument, type FetcherOptions }
  from '../src/source/fetch.js';
import { decodeDocument } from '../src/index.js';

interface Hit { path: string; host: string; at: number; headers: IncomingMessage['headers'] }

const hits: Hit[] = [];
let robotsStatus = 200;
let active = 0;
let maxActive = 0;
let server: Server;
let port = 0;

const ROBOTS = 'User-agent: *\nDisallow: /private\n\n' +
  'User-agent: readout\nDisallow: /private\nDisallow: /not-for-readout\n';
const SJIS = [0x8a, 0x4f, 0x96, 0xb1, 0x8f, 0xc8]; // 外務省
const CP1252 = [0x93, 0x4d, 0x69, 0x6e, 0x69, 0x73, 0x74, 0xe8, 0x72, 0x65, 0x94]; // “Ministère”
const UTF8_PAGE = '<html><body><p>Déclaration — 外務省</p></body></html>';
const LAST_MODIFIED = 'Wed, 08 Feb 2023 10:00:00 GMT';

function page(res: ServerResponse, type: string, body: Buffer | string): void {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

/** Writes until the client goes away. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const chunk = Buffer.alloc(16 * 1024, 0x61);
  const write = () => { while (!res.destroyed && res.write(chunk)); };
  res.on('drain', write);
  write();
}

function conditional(req: IncomingMessage, res: ServerResponse): void {
  const headers = { etag: '"v1"', 'last-modified': LAST_MODIFIED };
  if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === LAST_MODIFIED) {
    res.writeHead(304, headers);
    res.end();
  } else {
    res.writeHead(200, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The ministers met.');
  }
}

function later(res: ServerResponse, ms: number, then: () => void): void {
  const timer = setTimeout(then, ms);
  res.on('close', () => clearTimeout(timer));
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/robots.txt': (_req, res) => {
    if (robotsStatus !== 200) { res.writeHead(robotsStatus); res.end(); } else page(res, 'text/plain', ROBOTS);
  },
  '/utf8': (_req, res) => page(res, 'text/html; charset=utf-8', UTF8_PAGE),
  '/sjis': (_req, res) => page(res, 'text/html; charset=Shift_JIS',
    Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from(SJIS), Buffer.from('</p></body></html>')])),
  '/latin1': (_req, res) => page(res, 'text/plain; charset=ISO-8859-1', Buffer.from(CP1252)),
  '/pdf': (_req, res) => page(res, 'application/pdf', '%PDF-1.4\n%%EOF\n'),
  '/r/1': (_req, res) => redirect(res, 302, '/r/2'),
  '/r/2': (_req, res) => redirect(res, 301, `http://127.0.0.1:${port}/utf8`),
  '/loop': (_req, res) => redirect(res, 302, '/loop'),
  '/to-private': (_req, res) => redirect(res, 302, '/private'),
  '/to-ftp': (_req, res) => redirect(res, 302, 'ftp://127.0.0.1/file'),
  '/private': (_req, res) => page(res, 'text/plain', 'secret'),
  '/not-for-readout': (_req, res) => page(res, 'text/plain', 'secret'),
  '/broken': (_req, res) => { res.writeHead(500); res.end('oops'); },
  '/slow': (_req, res) => later(res, 2000, () => page(res, 'text/plain', 'late')),
  '/slow-body': (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.write('start'); },
  '/endless': (_req, res) => endless(res),
  '/announced': (_req, res) => { res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }); res.write('a'); },
  '/etag': conditional,
  '/busy': (_req, res) => {
    maxActive = Math.max(maxActive, ++active);
    later(res, 150, () => { active--; page(res, 'text/plain', 'done'); });
  },
};

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  hits.push({ path, host: req.headers.host ?? '', at: performance.now(), headers: req.headers });
  const route = routes[path];
  if (route) route(req, res);
  else { res.writeHead(404); res.end('not here'); }
}

before(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const at = (path: string, host = '127.0.0.1') => `http://${host}:${port}${path}`;
const fetcher = (options: FetcherOptions = {}) => new Fetcher({ hostIntervalMs: 0, ...options });
const hitsOf = (path: string, host = '127.0.0.1') => hits.filter((h) => h.path === path && h.host.startsWith(host));

function ok(result: FetchResult): FetchedDocument {
  assert.ok(result.ok, `expected a document, got ${result.ok ? '' : result.reason}`);
  return result;
}

function failed(result: FetchResult, reason: string | RegExp, status: number | null = null): void {
  assert.equal(result.ok, false, 'expected a failure');
  if (result.ok) return;
  if (typeof reason === 'string') assert.equal(result.reason, reason);
  else assert.match(result.reason, reason);
  assert.equal(result.status, status);
  assert.ok(!result.reason.includes('\n'), 'reason is one line');
}

test('a UTF-8 page: media type, charset; decodeDocument reads it', async () => {
  const doc = ok(await fetcher().fetch(at('/utf8')));
  assert.equal(doc.status, 200);
  assert.equal(doc.contentType, 'text/html');
  assert.equal(doc.charset, 'utf-8');
  assert.equal(doc.finalUrl, at('/utf8'));
  assert.equal(doc.notModified, false);
  assert.deepEqual(documentOrigin(doc), { format: 'html', charset: 'utf-8' });
  assert.equal((await decodeDocument(doc.bytes, doc.finalUrl, documentOrigin(doc))).text, 'Déclaration — 外務省');
});

test('a Shift_JIS page with the charset only in the header reaches the decoder as Japanese', async () => {
  const doc = ok(await fetcher().fetch(at('/sjis')));
  assert.equal(doc.charset, 'Shift_JIS');
  assert.deepEqual([...doc.bytes.subarray(15, 21)], SJIS, 'the bytes as served');
  assert.equal((await decodeDocument(doc.bytes, doc.finalUrl, documentOrigin(doc))).text, '外務省');
  // without the header's word the decoder guesses windows-1252
  assert.notEqual((await decodeDocument(doc.bytes, doc.finalUrl)).text, '外務省');
});

test('an ISO-8859-1 header decodes as windows-1252, as browsers do (0x93 is a quote, not a control)', async () => {
  const doc = ok(await fetcher().fetch(at('/latin1')));
  assert.deepEqual(documentOrigin(doc), { format: 'text', charset: 'ISO-8859-1' });
  assert.equal((await decodeDocument(doc.bytes, doc.finalUrl, documentOrigin(doc))).text, '“Ministère”');
});

test('a PDF is named one by its media type; its bytes are as served', async () => {
  const doc = ok(await fetcher().fetch(at('/pdf')));
  assert.equal(documentOrigin(doc).format, 'pdf');
  assert.equal(Buffer.from(doc.bytes).toString('latin1'), '%PDF-1.4\n%%EOF\n');
});

test('redirects are followed: url as asked, finalUrl after them', async () => {
  const doc = ok(await fetcher().fetch(at('/r/1')));
  assert.equal(doc.url, at('/r/1'));
  assert.equal(doc.finalUrl, at('/utf8'));
});

test('a redirect loop stops after 5 redirects', async () => {
  const before = hitsOf('/loop').length;
  failed(await fetcher().fetch(at('/loop')), 'too many redirects (more than 5)', 302);
  assert.equal(hitsOf('/loop').length - before, 6);
});

test('each redirect hop is checked: robots.txt and the scheme', async () => {
  const f = fetcher();
  failed(await f.fetch(at('/to-private')), 'disallowed by robots.txt');
  const ftp = await f.fetch(at('/to-ftp'));
  failed(ftp, 'not http(s): redirected to ftp:');
  assert.equal(ftp.ok ? '' : ftp.finalUrl, 'ftp://127.0.0.1/file');
  failed(await f.fetch('file:///etc/passwd'), 'not http(s)');
  failed(await f.fetch('not a url'), 'invalid URL');
});

test('HTTP errors carry the status', async () => {
  const f = fetcher();
  failed(await f.fetch(at('/missing')), 'HTTP 404 Not Found', 404);
  failed(await f.fetch(at('/broken')), 'HTTP 500 Internal Server Error', 500);
});

test('network failures are values, not exceptions', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const free = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  failed(await fetcher().fetch(`http://127.0.0.1:${free}/x`), 'connection refused');
});

test('a slow answer or a slow body times out', async () => {
  const f = fetcher({ timeoutMs: 200 });
  failed(await f.fetch(at('/slow')), 'timed out after 0.2 s');
  failed(await f.fetch(at('/slow-body')), 'timed out after 0.2 s');
});

test('the size cap: an endless body stops at the cap; a larger Content-Length is refused before reading', async () => {
  const f = fetcher({ maxBytes: 64 * 1024, timeoutMs: 5000 });
  failed(await f.fetch(at('/endless')), 'larger than the 64 KB limit');
  const started = performance.now();
  failed(await f.fetch(at('/announced')), 'larger than the 64 KB limit');
  assert.ok(performance.now() - started < 1000, 'refused without waiting for the body');
});

test('robots.txt: disallowed paths, the readout group, fetched once per origin', async () => {
  const f = fetcher();
  const before = hitsOf('/robots.txt', 'localhost').length;
  const results = await Promise.all([
    f.fetch(at('/private', 'localhost')),
    f.fetch(at('/not-for-readout', 'localhost')),
    f.fetch(at('/utf8', 'localhost')),
  ]);
  failed(results[0], 'disallowed by robots.txt');
  failed(results[1], 'disallowed by robots.txt');
  ok(results[2]);
  assert.equal(hitsOf('/robots.txt', 'localhost').length - before, 1);
  assert.equal(hitsOf('/private', 'localhost').length, 0, 'a disallowed page is never requested');
});

test('robots.txt per RFC 9309: a 4xx allows everything, a 5xx keeps readout out for the run', async () => {
  try {
    robotsStatus = 404;
    ok(await fetcher().fetch(at('/private')));
    robotsStatus = 503;
    const f = fetcher();
    const reason = 'disallowed by robots.txt (robots.txt answered HTTP 503 Service Unavailable)';
    failed(await f.fetch(at('/utf8')), reason);
    robotsStatus = 200;
    failed(await f.fetch(at('/utf8')), reason);
  } finally {
    robotsStatus = 200;
  }
});

test('conditional requests: If-None-Match / If-Modified-Since, and 304 is notModified', async () => {
  const f = fetcher();
  const first = ok(await f.fetch(at('/etag')));
  assert.equal(first.etag, '"v1"');
  assert.equal(first.lastModified, LAST_MODIFIED);
  const again = ok(await f.fetch(at('/etag'), { etag: first.etag, lastModified: first.lastModified }));
  assert.equal(again.notModified, true);
  assert.equal(again.status, 304);
  assert.equal(again.bytes.length, 0);
  assert.equal(again.etag, '"v1"');
  const sent = hitsOf('/etag').at(-1)!.headers;
  assert.equal(sent['if-none-match'], '"v1"');
  assert.equal(sent['if-modified-since'], LAST_MODIFIED);
});

test('the User-Agent names readout and its package version', async () => {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
  assert.equal(userAgent(), `readout/${version} (+https://github.com/readout/readout)`);
  ok(await fetcher().fetch(at('/utf8')));
  assert.equal(hits.at(-1)!.headers['user-agent'], userAgent());
  assert.equal(hitsOf('/robots.txt').at(-1)!.headers['user-agent'], userAgent());
});

test('rate limit: requests to one host start at least the interval apart', async () => {
  const f = new Fetcher({ hostIntervalMs: 200 });
  const from = hits.length;
  await Promise.all([f.fetch(at('/utf8')), f.fetch(at('/latin1'))]);
  const times = hits.slice(from).map((h) => h.at); // robots.txt, then the two pages
  assert.equal(times.length, 3);
  for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 180, `gap ${times[i] - times[i - 1]} ms`);
});

test('rate limit: two hosts are not serialized behind each other', async () => {
  const f = new Fetcher({ hostIntervalMs: 600 });
  const from = hits.length;
  await Promise.all([f.fetch(at('/utf8', '127.0.0.1')), f.fetch(at('/utf8', 'localhost'))]);
  const seen = hits.slice(from);
  const time = (path: string, host: string) => seen.find((h) => h.path === path && h.host.startsWith(host))!.at;
  assert.ok(Math.abs(time('/robots.txt', '127.0.0.1') - time('/robots.txt', 'localhost')) < 300);
  assert.ok(Math.abs(time('/utf8', '127.0.0.1') - time('/utf8', 'localhost')) < 300);
});

test('global concurrency caps requests in flight across hosts', async () => {
  maxActive = 0;
  const f = fetcher({ concurrency: 1 });
  const docs = await Promise.all([f.fetch(at('/busy', '127.0.0.1')), f.fetch(at('/busy', 'localhost'))]);
  docs.forEach(ok);
  assert.equal(maxActive, 1);
});
