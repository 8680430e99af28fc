// Web addresses -> document bytes, politely: robots.txt honoured per origin (RFC 9309), at most one request per
// interval to each host, a global cap on requests in flight, a timeout and a size cap per request, redirects
// followed by hand so that every hop is checked. Problems come back as values with a one-line reason, never thrown,
// so a batch of addresses goes on past a bad one.
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MIMEType } from 'node:util';
import pLimit, { type LimitFunction } from 'p-limit';
import robotsModule from 'robots-parser';
import { packageRoot } from '../data/paths.js';
import type { DocumentOrigin } from '../index.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import { SourceError } from './errors.js';
import type { SourceFormat } from './load.js';

// robots-parser is CommonJS (module.exports = fn) but its typings declare an ES default export
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

export interface FetcherOptions {
  /** Per request (one hop: headers and body), in ms; default 20 s. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes; default the decoder's limit. */
  maxBytes?: number;
  /** Redirects followed per address; default 5. */
  maxRedirects?: number;
  /** Least time between the starts of two requests to one host, in ms; default 1000. */
  hostIntervalMs?: number;
  /** Requests in flight across all hosts; default 8. */
  concurrency?: number;
  /** Default `readout/<version> (+https://github.com/readout/readout)`. */
  userAgent?: string;
}

/** Validators from an earlier fetch of the same address, sent as If-None-Match / If-Modified-Since. */
export interface Conditional { etag?: string | null; lastModified?: string | null }

export interface FetchedDocument {
  ok: true;
  /** The address as asked. */
  url: string;
  /** The address after redirects. */
  finalUrl: string;
  status: number;
  /** Empty when `notModified`. */
  bytes: Uint8Array;
  /** The media type (`text/html`), lower case; null without a usable Content-Type. */
  contentType: string | null;
  /** The Content-Type header's charset, as written; null when it names none. */
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
  /** A 304 answer to a conditional request: the copy the caller has is current. */
  notModified: boolean;
}

export interface FetchFailure {
  ok: false;
  url: string;
  /** Where the failure happened (a redirect's target, or `url`). */
  finalUrl: string;
  /** The HTTP status when a server answered, else null (network, timeout, size, robots, scheme). */
  status: number | null;
  /** One line, e.g. `HTTP 404 Not Found`, `timed out after 20 s`, `disallowed by robots.txt`. */
  reason: string;
}

export type FetchResult = FetchedDocument | FetchFailure;

const DEFAULTS = { timeoutMs: 20_000, maxRedirects: 5, hostIntervalMs: 1000, concurrency: 8 };
/** RFC 9309 asks crawlers to parse at least 500 KiB of a robots.txt; what is past that is ignored. */
const ROBOTS_MAX_BYTES = 500 * 1024;
const ROBOTS_TOKEN = 'readout';
const ACCEPT = 'text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.9,*/*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

let agent: string | null = null;

/** `readout/<version> (+https://github.com/readout/readout)`, the version being the package's release. */
export function userAgent(): string {
  if (agent) return agent;
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  agent = `${ROBOTS_TOKEN}/${pkg.version} (+https://github.com/readout/readout)`;
  return agent;
}

/** A failure before it is tied to the address asked. */
interface Problem { reason: string; status: number | null; at: string }
/** One HTTP answer; `bytes` is read for 2xx only. */
interface Reply { status: number; headers: Headers; bytes: Uint8Array }
interface Cap { bytes: number; truncate: boolean }
type Robots = { allows(url: string): boolean } | { unreachable: string };

function problem(reason: string, at: URL | string, status: number | null = null): Problem {
  return { reason, status, at: String(at) };
}

function isProblem(x: object): x is Problem {
  return 'reason' in x;
}

function httpReason(status: number): string {
  return `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function sizeLabel(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  return n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

/** undici reports network failures as `TypeError: fetch failed` with the system error as `cause`. */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `timed out after ${+(timeoutMs / 1000).toFixed(1)} s`;
  const code = e?.cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'DNS lookup failed';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection closed by the server';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'connection timed out';
  if (/CERT|SSL|TLS/.test(code)) return `TLS certificate problem (${code})`;
  return `network error (${code || e?.cause?.message || e?.message || String(err)})`;
}

/** Reads a body up to `cap.bytes`; past that it stops reading and either truncates or reports `over`. */
async function readCapped(body: ReadableStream<Uint8Array> | null, cap: Cap): Promise<Uint8Array | 'over'> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > cap.bytes) {
      await reader.cancel();
      if (!cap.truncate) return 'over';
      break;
    }
  }
  return Buffer.concat(chunks, size).subarray(0, cap.bytes);
}

/** Sizes a server announces can be refused before any of the body is read. */
function announcedTooLarge(headers: Headers, limit: number): boolean {
  const length = Number(headers.get('content-length'));
  return Number.isFinite(length) && length > limit;
}

function parseContentType(header: string | null): { contentType: string | null; charset: string | null } {
  if (!header) return { contentType: null, charset: null };
  try {
    const mime = new MIMEType(header);
    return { contentType: mime.essence, charset: mime.params.get('charset') };
  } catch {
    return { contentType: null, charset: null };
  }
}

/** A redirect's target (URL.parse is Node 22+). */
function resolve(location: string | null, base: URL): URL | null {
  try {
    return location ? new URL(location, base) : null;
  } catch {
    return null;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

interface HostGate { turn: LimitFunction; lastStart: number }

export class Fetcher {
  private readonly options: Required<FetcherOptions>;
  private readonly inFlight: LimitFunction;
  private readonly gates = new Map<string, HostGate>();
  private readonly robots = new Map<string, Promise<Robots>>();

  constructor(options: FetcherOptions = {}) {
    this.options = { ...DEFAULTS, maxBytes: DEFAULT_MAX_BYTES, userAgent: userAgent(), ...options };
    this.inFlight = pLimit(this.options.concurrency);
  }

  /** Fetches one address; every network, HTTP, size and robots problem is a FetchFailure. */
  async fetch(url: string, conditional: Conditional = {}): Promise<FetchResult> {
    let start: URL;
    try {
      start = new URL(url);
    } catch {
      return { ok: false, url, finalUrl: url, status: null, reason: 'invalid URL' };
    }
    const headers = this.headers(conditional);
    const cap = { bytes: this.options.maxBytes, truncate: false };
    const got = await this.follow(start, headers, cap, true);
    if (isProblem(got)) return { ok: false, url, finalUrl: got.at, status: got.status, reason: got.reason };
    const asked = 'if-none-match' in headers || 'if-modified-since' in headers;
    return this.toDocument(url, got.url, got.reply, conditional, asked);
  }

  private headers(conditional: Conditional): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: ACCEPT };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    return headers;
  }

  private toDocument(url: string, at: URL, reply: Reply, sent: Conditional, conditional: boolean): FetchResult {
    const notModified = reply.status === 304;
    if (notModified && !conditional) return { ok: false, url, finalUrl: at.href, status: 304, reason: httpReason(304) };
    // a 304 may leave the validators out: the caller's still hold
    const etag = reply.headers.get('etag') ?? (notModified ? sent.etag ?? null : null);
    const lastModified = reply.headers.get('last-modified') ?? (notModified ? sent.lastModified ?? null : null);
    return {
      ok: true, url, finalUrl: at.href, status: reply.status, bytes: reply.bytes,
      ...parseContentType(reply.headers.get('content-type')), etag, lastModified, notModified,
    };
  }

  /** GETs `start`, following redirects by hand so each hop is checked (scheme, and robots.txt when `robots`). */
  private async follow(start: URL, headers: Record<string, string>, cap: Cap, robots: boolean):
    Promise<{ url: URL; reply: Reply } | Problem> {
    let url = start;
    for (let hops = 0; ; hops++) {
      if (!isHttp(url)) return problem(hops ? `not http(s): redirected to ${url.protocol}` : 'not http(s)', url);
      const blocked = robots ? await this.robotsBlock(url) : null;
      if (blocked) return problem(blocked, url);
      const reply = await this.send(url, headers, cap);
      if (isProblem(reply) || !REDIRECTS.has(reply.status)) return isProblem(reply) ? reply : { url, reply };
      if (hops === this.options.maxRedirects) {
        return problem(`too many redirects (more than ${this.options.maxRedirects})`, url, reply.status);
      }
      const next = resolve(reply.headers.get('location'), url);
      if (!next) return problem(`${httpReason(reply.status)} without a valid Location`, url, reply.status);
      url = next;
    }
  }

  /** One GET without following redirects, in the host's turn and a global slot; the body read for 2xx only. */
  private send(url: URL, headers: Record<string, string>, cap: Cap): Promise<Reply | Problem> {
    return this.politely(url.hostname, async () => {
      const { timeoutMs } = this.options;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const res = await fetch(url, { headers, redirect: 'manual', signal });
        const reply = { status: res.status, headers: res.headers, bytes: new Uint8Array(0) };
        if (res.status < 200 || res.status > 299) {
          await res.body?.cancel();
          const failed = res.status >= 400 || (res.status !== 304 && !REDIRECTS.has(res.status));
          return failed ? problem(httpReason(res.status), url, res.status) : reply;
        }
        const tooLarge = problem(`larger than the ${sizeLabel(cap.bytes)} limit`, url);
        if (!cap.truncate && announcedTooLarge(res.headers, cap.bytes)) {
          await res.body?.cancel();
          return tooLarge;
        }
        const bytes = await readCapped(res.body, cap);
        return bytes === 'over' ? tooLarge : { ...reply, bytes };
      } catch (err) {
        return problem(networkReason(err, timeoutMs), url);
      }
    });
  }

  /** Runs `task` when the host's previous request started at least the interval ago and a global slot is free;
   *  one request at a time per host, and waiting for the host holds no global slot. */
  private politely<T>(host: string, task: () => Promise<T>): Promise<T> {
    let gate = this.gates.get(host);
    if (!gate) this.gates.set(host, (gate = { turn: pLimit(1), lastStart: -Infinity }));
    const g = gate;
    return g.turn(async () => {
      const wait = g.lastStart + this.options.hostIntervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      return this.inFlight(() => {
        g.lastStart = performance.now();
        return task();
      });
    });
  }

  /** Why robots.txt keeps readout from `url` (or why it could not be read), or null when `url` may be fetched. */
  private async robotsBlock(url: URL): Promise<string | null> {
    let robots = this.robots.get(url.origin);
    if (!robots) this.robots.set(url.origin, (robots = this.loadRobots(url.origin)));
    const rules = await robots;
    if ('unreachable' in rules) return rules.unreachable;
    return rules.allows(url.href) ? null : 'disallowed by robots.txt';
  }

  /** RFC 9309: a 4xx (or redirects that lead nowhere) means no rules; a 5xx or no answer means keep out. */
  private async loadRobots(origin: string): Promise<Robots> {
    const robotsUrl = new URL('/robots.txt', origin);
    const headers = { 'user-agent': this.options.userAgent, accept: 'text/plain' };
    const got = await this.follow(robotsUrl, headers, { bytes: ROBOTS_MAX_BYTES, truncate: true }, false);
    if (isProblem(got)) {
      // no answer at all: the site is down or unknown, which says more than "disallowed"
      if (got.status === null) return { unreachable: got.reason };
      if (got.status >= 500) return { unreachable: `disallowed by robots.txt (robots.txt answered ${got.reason})` };
    }
    const text = isProblem(got) ? '' : new TextDecoder().decode(got.reply.bytes);
    const parsed = robotsParser(robotsUrl.href, text);
    return { allows: (href) => parsed.isAllowed(href, ROBOTS_TOKEN) !== false };
  }
}

const FORMATS = new Map<string, SourceFormat | 'pdf'>([
  ['text/html', 'html'], ['application/xhtml+xml', 'html'], ['text/plain', 'text'], ['application/pdf', 'pdf'],
]);

/** What the transport said about a fetched document, for `decodeDocument(doc.bytes, doc.finalUrl, origin)`: the
 *  format its media type names (sniffed when another) and the Content-Type's charset. */
export function documentOrigin(doc: FetchedDocument): DocumentOrigin {
  return { format: FORMATS.get(doc.contentType ?? ''), charset: doc.charset };
}

/** A web address's bytes and what its server said of them, for decodeDocument; a failed fetch is a SourceError
 *  with its one-line reason. */
export async function fetchSource(fetcher: Fetcher, url: string): Promise<{ bytes: Uint8Array; origin: DocumentOrigin }> {
  const got = await fetcher.fetch(url);
  if (!got.ok) throw new SourceError(url, got.reason);
  return { bytes: got.bytes, origin: documentOrigin(got) };
}
