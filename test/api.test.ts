// The HTTP API over a real SQLite archive, through app.request() (no port). The documents are written here
// with hand-made records so the API is tested apart from extraction quality.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { ExtractPool } from '../src/ingest/extract-pool.js';
import Database from 'better-sqlite3';
import type { Store } from '../src/store/store.js';
import type { ReadoutRecord, Statement } from '../src/record/schema.js';

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

interface Fixture { text: string; title: string; date: string; kind: ReadoutRecord['meeting']['kind']; mode: ReadoutRecord['meeting']['mode'];
  people: [string, string, ReadoutRecord['participants'][number]['role']][]; statements: [string, Statement['act'], string[], string[]][] }

function makeDoc(f: Fixture) {
  const sha256 = createHash('sha256').update(f.text).digest('hex');
  const statements: Statement[] = f.statements.map(([sentence, act, speakers, topics]) => {
    const start = f.text.indexOf(sentence);
    assert.ok(start >= 0, `fixture sentence not in text: ${sentence}`);
    const countries = f.people.filter((p) => speakers.includes(p[0])).map((p) => p[1]);
    return { text: sentence, span: [start, start + sentence.length], item: null, speakers, speakerCountries: [...new Set(countries)], act, topics };
  });
  const record: ReadoutRecord = {
    schema: 'readout/1',
    source: { path: null, url: null, sha256, publisher: null, publishedDate: f.date },
    meeting: {
      title: f.title, kind: f.kind, mode: f.mode, format: 'bilateral', countries: [...new Set(f.people.map((p) => p[1]))], date: f.date,
      start: null, durationMinutes: 60, durationApproximate: true, location: { city: null, country: null, venue: null }, occasion: null,
    },
    participants: f.people.map(([name, country, role]) => ({ name, title: null, role, country, actorId: null, mentions: [] })),
    statements,
    topics: [...new Set(statements.flatMap((s) => s.topics))],
    mentions: { countries: [], organizations: [], people: [] },
    related: [],
  };
  return { path: `fixtures/${f.date}.txt`, sha256, text: f.text, record, extractorVersion: 'test' };
}

const FIXTURES: Fixture[] = [
  {
    title: 'Japan-U.S. Foreign Ministers\' Meeting', date: '2023-11-07', kind: 'foreign-ministers', mode: 'in-person',
    text: 'Japan-U.S. Foreign Ministers\' Meeting\n\n1. The two ministers strongly condemned North Korea\'s ballistic missile launches and reaffirmed their commitment to denuclearization. 2. Minister Kamikawa requested support on the abductions issue.',
    people: [['Kamikawa Yoko', 'JP', 'foreign-minister'], ['Antony Blinken', 'US', 'foreign-minister']],
    statements: [
      ['The two ministers strongly condemned North Korea\'s ballistic missile launches', 'oppose', ['Kamikawa Yoko', 'Antony Blinken'], ['north-korea-weapons']],
      ['reaffirmed their commitment to denuclearization', 'affirm', ['Kamikawa Yoko', 'Antony Blinken'], ['north-korea-weapons']],
      ['Minister Kamikawa requested support on the abductions issue.', 'request', ['Kamikawa Yoko'], ['abductions']],
    ],
  },
  {
    title: 'Japan-China Summit Meeting', date: '2023-11-16', kind: 'summit', mode: 'in-person',
    text: 'Japan-China Summit Meeting\n\nThe two leaders reaffirmed a mutually beneficial relationship. Prime Minister Kishida expressed serious concerns about the East China Sea.',
    people: [['Kishida Fumio', 'JP', 'leader'], ['Xi Jinping', 'CN', 'leader']],
    statements: [
      ['The two leaders reaffirmed a mutually beneficial relationship.', 'affirm', ['Kishida Fumio', 'Xi Jinping'], ['china']],
      ['Prime Minister Kishida expressed serious concerns about the East China Sea.', 'oppose', ['Kishida Fumio'], ['east-china-sea']],
    ],
  },
  {
    title: 'Japan-U.S. Summit Telephone Talk', date: '2021-10-05', kind: 'summit', mode: 'telephone',
    text: 'Japan-U.S. Summit Telephone Talk\n\nPresident Biden congratulated Prime Minister Kishida. The two leaders agreed to meet in person at an early date.',
    people: [['Kishida Fumio', 'JP', 'leader'], ['Joseph R. Biden', 'US', 'leader']],
    statements: [
      ['President Biden congratulated Prime Minister Kishida.', 'support', ['Joseph R. Biden'], []],
      ['The two leaders agreed to meet in person at an early date.', 'agree', ['Kishida Fumio', 'Joseph R. Biden'], ['visits']],
    ],
  },
];

const TOKEN = 'test-token-0123456789';
let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
const ids: string[] = [];

const count = async (qs: string) => {
  const r = await get(`/api/meetings?${qs}`);
  assert.equal(r.status, 200, `${qs}: ${JSON.stringify(r.body)}`);
  return r.body.total;
};
async function get(url: string): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await app.request(url);
  const text = await res.text();
  let body: Json;
  try { body = JSON.parse(text) as Json; } catch { body = { raw: text }; }
  return { status: res.status, body, headers: res.headers };
}

function assertError(r: { status: number; body: Json; headers: Headers }, status: number, code?: string) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(typeof r.body.error?.code, 'string');
  assert.equal(typeof r.body.error?.message, 'string');
  if (code) assert.equal(r.body.error?.code, code);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'readout-api-'));
  store = openSqliteStore(join(dir, 'archive.db'), { create: true });
  for (const f of FIXTURES) ids.push(store.put(makeDoc(f)).id);
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!DOCTYPE html><title>readout</title><div id="app"></div>');
  writeFileSync(join(web, 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  app = createApp({ store, token: TOKEN, webRoot: web, maxBodyBytes: 64 * 1024 });
});

after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/meetings', () => {
  test('lists all meetings newest first with paging metadata', async () => {
    const r = await get('/api/meetings');
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 3);
    const items = r.body.items as { id: string; date: string; participants: unknown[]; statementCount: number }[];
    assert.deepEqual(items.map((m) => m.date), ['2023-11-16', '2023-11-07', '2021-10-05']);
    assert.equal(items[1].statementCount, 3);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('pages with limit and offset', async () => {
    const r = await get('/api/meetings?limit=1&offset=1');
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 3);
    assert.equal(r.body.limit, 1);
    assert.equal(r.body.offset, 1);
    assert.equal((r.body.items as unknown[]).length, 1);
    assert.equal((r.body.items as { date: string }[])[0].date, '2023-11-07');
  });

  test('every filter the CLI has', async () => {
    assert.equal(await count('country=CN'), 1);
    assert.equal(await count('country=us'), 2, 'country codes are case-insensitive');
    assert.equal(await count('kind=summit'), 2);
    assert.equal(await count('mode=telephone'), 1);
    assert.equal(await count('topic=abductions'), 1);
    assert.equal(await count('act=agree'), 1);
    assert.equal(await count('year=2023'), 2);
    assert.equal(await count('from=2023-01-01&to=2023-11-10'), 1);
    assert.equal(await count('participant=Kishida%20Fumio'), 2);
    assert.equal(await count('q=denuclearization'), 1);
    assert.equal(await count('country=JP&kind=summit&year=2023'), 1);
  });

  test('bad parameters are 400 with a JSON error naming the parameter', async () => {
    for (const qs of ['limit=0', 'limit=1000', 'limit=abc', 'offset=-1', 'kind=bogus', 'mode=carrier-pigeon', 'act=shouted',
      'country=JPN', 'country=J1', 'from=2023-13', 'to=yesterday', 'year=abc', 'year=20231', 'topic=%3Cscript%3E', `q=${'x'.repeat(501)}`]) {
      const r = await get(`/api/meetings?${qs}`);
      assertError(r, 400, 'bad_request');
      assert.ok(r.body.error?.message.startsWith(qs.split('=')[0]), `${qs}: ${r.body.error?.message}`);
    }
  });

  test('filters mean what they mean on the CLI: periods, aliases, impossible dates, from after to', async () => {
    assert.equal(await count('from=2023'), 2);
    assert.equal(await count('from=2023-11&to=2023-11'), 2);
    assert.equal(await count('to=2021'), 1);
    assert.equal(await count('mode=phone'), 1);
    assert.equal(await count('country=jp&kind=2%2B2'), 0);
    for (const qs of ['from=2019-99-99', 'from=2019-02-30', 'to=2023-00', 'from=20']) {
      const r = await get(`/api/meetings?${qs}`);
      assertError(r, 400, 'bad_request');
      assert.ok(r.body.error?.message.startsWith(qs.split('=')[0]), `${qs}: ${r.body.error?.message}`);
    }
    assertError(await get('/api/meetings?from=2024&to=2023'), 400, 'bad_request');
  });

  test('unknown parameters are 400 naming them, never ignored', async () => {
    for (const [path, key] of [['/api/meetings?contry=JP', 'contry'], ['/api/search?q=x&limt=5', 'limt'],
      ['/api/stats?dimensions=topic', 'dimensions'], ['/api/facets?yaer=2023', 'yaer'], ['/api/network?foo=1', 'foo']]) {
      const r = await get(path);
      assertError(r, 400, 'bad_request');
      assert.ok(r.body.error?.message.includes(key), `${path}: ${r.body.error?.message}`);
    }
  });

  test('SQL-looking input is data, not SQL', async () => {
    const r = await get(`/api/meetings?participant=${encodeURIComponent("x' OR '1'='1")}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 0);
    const s = await get(`/api/search?q=${encodeURIComponent('"; DROP TABLE documents; --')}`);
    assert.ok(s.status === 200 || s.status === 400, String(s.status));
    assert.equal((await get('/api/meetings')).body.total, 3);
  });
});

describe('GET /api/meetings/{id}', () => {
  test('returns the text, the record and spans that index the text', async () => {
    const r = await get(`/api/meetings/${ids[0]}`);
    assert.equal(r.status, 200);
    const text = r.body.text as string;
    const record = r.body.record as ReadoutRecord;
    assert.equal(record.meeting.title, FIXTURES[0].title);
    assert.equal(record.statements.length, 3);
    for (const s of record.statements) assert.equal(text.slice(s.span[0], s.span[1]), s.text);
    assert.equal(record.participants[1].name, 'Antony Blinken');
  });

  test('unknown id is a 404 JSON error', async () => {
    assertError(await get('/api/meetings/0000000000000000'), 404, 'not_found');
  });

  test('a malformed id is a 400, and path tricks never reach a file', async () => {
    assertError(await get('/api/meetings/abc$def'), 400, 'bad_request');
    const r = await get('/api/meetings/..%2F..%2Fpackage.json');
    assert.ok(r.status === 400 || r.status === 404);
    assert.ok(r.body.error);
  });
});

describe('GET /api/search', () => {
  test('finds statements with plain snippets and highlight ranges', async () => {
    const r = await get('/api/search?q=denuclearization');
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 1);
    const hit = (r.body.items as { meetingId: string; snippet: string; highlights: [number, number][]; act: string; statementIndex: number }[])[0];
    assert.equal(hit.meetingId, ids[0]);
    assert.equal(hit.act, 'affirm');
    assert.equal(hit.statementIndex, 1);
    assert.ok(!hit.snippet.includes('\u0002') && !hit.snippet.includes('\u0003'), 'markers are stripped');
    assert.equal(hit.highlights.length, 1);
    assert.equal(hit.snippet.slice(...hit.highlights[0]).toLowerCase(), 'denuclearization');
  });

  test('takes the meeting filters and paging', async () => {
    const all = await get('/api/search?q=leaders');
    assert.equal(all.body.total, 2);
    const filtered = await get('/api/search?q=leaders&mode=telephone&limit=1');
    assert.equal(filtered.body.total, 1);
    assert.equal((filtered.body.items as unknown[]).length, 1);
  });

  test('a missing or empty query is 400', async () => {
    assertError(await get('/api/search'), 400, 'bad_request');
    assertError(await get('/api/search?q='), 400, 'bad_request');
    assertError(await get('/api/search?q=()'), 400, 'bad_request');
    assertError(await get('/api/search?q=x&limit=-5'), 400, 'bad_request');
  });
});

describe('aggregations', () => {
  test('GET /api/stats by year and dimension', async () => {
    const r = await get('/api/stats?by=year&dimension=kind');
    assert.equal(r.status, 200);
    const rows = r.body.rows as { period: string; key: string; count: number }[];
    assert.deepEqual(rows.find((x) => x.period === '2023' && x.key === 'summit')?.count, 1);
    assert.deepEqual(rows.find((x) => x.period === '2021' && x.key === 'summit')?.count, 1);
    const months = await get('/api/stats?by=month&topic=china');
    assert.equal(months.status, 200);
    assert.deepEqual((months.body.rows as { period: string; count: number }[]).map((x) => [x.period, x.count]), [['2023-11', 1]]);
    assertError(await get('/api/stats?by=week'), 400, 'bad_request');
    assertError(await get('/api/stats?dimension=colour'), 400, 'bad_request');
  });

  test('GET /api/facets counts under the filters', async () => {
    const r = await get('/api/facets?country=JP');
    assert.equal(r.status, 200);
    for (const k of ['country', 'participant', 'kind', 'mode', 'topic', 'year']) assert.ok(Array.isArray(r.body[k]), k);
    const country = r.body.country as { key: string; count: number }[];
    assert.equal(country.find((c) => c.key === 'JP')?.count, 3);
    const year = (await get('/api/facets?kind=summit')).body.year as { key: string; count: number }[];
    assert.deepEqual(year.map((y) => y.key).sort(), ['2021', '2023']);
    assertError(await get('/api/facets?year=x'), 400);
  });

  test('GET /api/participants and /api/topics', async () => {
    const p = await get('/api/participants?limit=2');
    assert.equal(p.status, 200);
    const items = p.body.items as { name: string; count: number }[];
    assert.equal(items.length, 2);
    assert.deepEqual(items[0], { name: 'Kishida Fumio', count: 2 });
    const t = await get('/api/topics');
    const topics = t.body.items as { id: string; label: string; count: number }[];
    assert.equal(topics.find((x) => x.id === 'east-china-sea')?.label, 'East China Sea');
    assertError(await get('/api/participants?limit=0'), 400);
  });

  test('GET /api/network links participants who met', async () => {
    const r = await get('/api/network');
    assert.equal(r.status, 200);
    const nodes = r.body.nodes as { id: string; meetings: number }[];
    const edges = r.body.edges as { source: string; target: string; meetings: number }[];
    assert.equal(nodes.find((n) => n.id === 'Kishida Fumio')?.meetings, 2);
    assert.ok(edges.some((e) => [e.source, e.target].sort().join('|') === 'Kishida Fumio|Xi Jinping'));
    const one = await get('/api/network?participant=Xi%20Jinping');
    assert.equal((one.body.nodes as unknown[]).length, 2);
    assertError(await get('/api/network?limit=1'), 400);
  });

  test('GET /api/health', async () => {
    const r = await get('/api/health');
    assert.deepEqual(r.body, { ok: true, documents: 3, writable: true });
  });
});

describe('POST /api/documents', () => {
  const readout = 'Japan-Australia Summit Video Teleconference Meeting\n\nOn January 6, Prime Minister Kishida held a video teleconference with Prime Minister Morrison. The two leaders welcomed the signing of the Reciprocal Access Agreement.\n';
  const post = (body: BodyInit, headers: Record<string, string>, target = app, qs = '') =>
    target.request(`/api/documents${qs}`, { method: 'POST', body, headers });

  test('without a token is 401', async () => {
    const res = await post(readout, { 'Content-Type': 'text/plain' });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    assert.equal(((await res.json()) as Json).error?.code, 'unauthorized');
  });

  test('with a wrong token is 401', async () => {
    const res = await post(readout, { 'Content-Type': 'text/plain', Authorization: 'Bearer nope' });
    assert.equal(res.status, 401);
  });

  test('a server started without a token is read-only (403)', async () => {
    const ro = createApp({ store, webRoot: null });
    const res = await post(readout, { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` }, ro);
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Json).error?.code, 'read_only');
  });

  test('an oversized body is 413', async () => {
    const big = 'x'.repeat(65 * 1024);
    const res = await post(big, { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as Json).error?.code, 'payload_too_large');
    // Without a Content-Length the limit still holds while streaming.
    const stream = new ReadableStream<Uint8Array>({
      start(c) { for (let i = 0; i < 70; i++) c.enqueue(new Uint8Array(1024).fill(120)); c.close(); },
    });
    const res2 = await app.request('/api/documents', { method: 'POST', body: stream, headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` }, duplex: 'half' } as RequestInit);
    assert.equal(res2.status, 413);
  });

  test('an unsupported media type is 415, an empty body 400', async () => {
    const res = await post('{"text":"x"}', { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` });
    assert.equal(res.status, 415);
    const empty = await post('', { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` });
    assert.ok(empty.status === 400, String(empty.status));
  });

  test('extracts and stores a document; the same bytes twice are stored once', async () => {
    const headers = { 'Content-Type': 'text/plain; charset=utf-8', Authorization: `Bearer ${TOKEN}` };
    const res = await post(readout, headers, app, '?path=../../etc/passwd%20copy.txt');
    assert.equal(res.status, 201);
    const body = await res.json() as { id: string; added: boolean; record: ReadoutRecord };
    assert.equal(body.added, true);
    assert.equal(body.record.schema, 'readout/1');
    const stored = await get(`/api/meetings/${body.id}`);
    assert.equal(stored.status, 200);
    assert.equal(stored.body.path, 'passwd_copy.txt', 'only a sanitized base name is kept as a label');
    assert.equal(stored.body.text, readout);
    const again = await post(readout, headers);
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { added: boolean }).added, false);
    assert.equal((await get('/api/health')).body.documents, 4);
  });

  test('the Content-Type decides text or HTML: a text/plain body with a few tags keeps them', async () => {
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const tagged = readout.replace('The two leaders', 'The <b>two</b> leaders <i>(joint)</i>');
    const asText = await post(tagged, { ...headers, 'Content-Type': 'text/plain' });
    assert.equal(asText.status, 201);
    const stored = await get(`/api/meetings/${((await asText.json()) as { id: string }).id}`);
    assert.equal(stored.body.text, tagged, 'nothing of a text/plain body is dropped');
    const asHtml = await post(`<html><body><h1>Title</h1><p>${tagged}</p></body></html>`, { ...headers, 'Content-Type': 'text/html' });
    assert.equal(asHtml.status, 201);
    const page = await get(`/api/meetings/${((await asHtml.json()) as { id: string }).id}`);
    assert.doesNotMatch(page.body.text as string, /<b>|<p>/);
  });

  test('while another process holds the write lock, a POST waits for it without holding up readers', async () => {
    const other = new Database(join(dir, 'archive.db'));
    other.exec('BEGIN IMMEDIATE');
    let posted = false;
    const upload = post(readout.replace('January 6', 'January 7'), { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` })
      .then((r) => { posted = true; return r; });
    await new Promise((r) => setTimeout(r, 100));
    const read = await get('/api/meetings?limit=1');
    assert.equal(read.status, 200);
    assert.equal(posted, false, 'the POST waits for the lock');
    other.exec('COMMIT');
    other.close();
    assert.equal((await upload).status, 201);
  });

  test('on the extraction pool, a large upload does not hold up readers', async () => {
    const pool = new ExtractPool(1);
    try {
      const pooled = createApp({ store, token: TOKEN, webRoot: null, pool, maxBodyBytes: 4 << 20 });
      const big = `${readout}\n${'The two leaders discussed regional affairs and agreed to cooperate closely. '.repeat(10_000)}`;
      const order: string[] = [];
      const upload = post(big, { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` }, pooled)
        .then((r) => { order.push(`post ${r.status}`); });
      // give the upload time to reach the worker, then read while it is extracted there
      await new Promise((r) => setTimeout(r, 150));
      const read = await pooled.request('/api/meetings?limit=1');
      order.push(`get ${read.status}`);
      await upload;
      assert.deepEqual(order, ['get 200', 'post 201'], 'the read is answered before the upload is extracted');
    } finally {
      await pool.close();
    }
  });
});

describe('OpenAPI and the web UI', () => {
  test('/api/openapi.json describes every endpoint from the validating schemas', async () => {
    const r = await get('/api/openapi.json');
    assert.equal(r.status, 200);
    const doc = r.body as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    assert.match(doc.openapi, /^3\.1\./);
    assert.equal(doc.info.title, 'readout API');
    for (const p of ['/api/meetings', '/api/meetings/{id}', '/api/search', '/api/stats', '/api/facets', '/api/participants',
      '/api/topics', '/api/network', '/api/health', '/api/compare']) {
      assert.ok(doc.paths[p]?.get, `GET ${p}`);
      assert.ok(doc.paths[p].get.responses['200'], `${p} 200`);
    }
    assert.ok(doc.paths['/api/documents']?.post.responses['401']);
    assert.ok(doc.paths['/api/documents'].post.responses['413']);
    const names = doc.paths['/api/meetings'].get.parameters?.map((x) => x.name).sort();
    assert.deepEqual(names, ['act', 'count', 'country', 'from', 'includeNonReadouts', 'kind', 'limit', 'mode', 'offset',
      'participant', 'q', 'to', 'topic', 'year']);
    assert.ok(doc.paths['/api/meetings/{id}'].get.parameters?.some((x) => x.name === 'id' && x.in === 'path'));
    for (const s of ['MeetingSummary', 'MeetingDetail', 'SearchHit', 'Error', 'Facets', 'Stats', 'Network', 'Comparison',
      'ReadoutRef']) assert.ok(doc.components.schemas[s], s);
  });

  test('unknown API paths are 404 JSON', async () => {
    assertError(await get('/api/nothing-here'), 404, 'not_found');
    const res = await app.request('/api/meetings', { method: 'DELETE' });
    assert.equal(res.status, 404);
  });

  test('serves the built UI from memory, with security headers, and nothing else', async () => {
    const index = await app.request('/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.match(index.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await index.text(), /id="app"/);
    const js = await app.request('/assets/app-123.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/secret.txt', '/..%2fsecret.txt']) {
      const res = await app.request(p);
      assert.equal(res.status, 404, p);
      assert.doesNotMatch(await res.text(), /do not serve/);
    }
  });
});
