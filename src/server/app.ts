// The HTTP API and the web UI as a hono app, separate from any listener so tests call `app.request()`.
import { createHash, timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MeetingFilter, StatsDimension, Store } from '../store/store.js';
import { asyncStore, sqliteOf, type ArchiveStore } from '../store/archive-store.js';
import type { ReadoutRecord } from '../record/schema.js';
import type { SourceFormat } from '../source/load.js';
import { EXTRACTOR_VERSION } from '../extractor-version.js';
import type { ExtractPool } from '../ingest/extract-pool.js';
import { normalizeFilter } from '../query/filters.js';
import { UsageError } from '../errors.js';
import { type Asset, defaultWebRoot, loadAssets } from './assets.js';
import { networkOf } from './network.js';
import { compareReadouts, storedReadout } from '../compare/compare.js';
import { ArchiveBusy, whenWritable } from './write-lock.js';
import {
  ErrorSchema, FacetsSchema, FilterQuery, HealthSchema, IdParam, IngestQuery, IngestResultSchema, ListQuery,
  ComparisonSchema, CompareQuery, MeetingDetailSchema, MeetingListSchema, MeetingsQuery, NetworkQuery, NetworkSchema,
  ParticipantsSchema, SearchQuery,
  SearchResultSchema, StatsQuery, StatsSchema, TopicsSchema,
} from './schemas.js';
import { TOPIC_LABELS } from './topics.js';

/** What POST /api/documents extracts with; `format` comes from the request's Content-Type. */
export type Extractor = (bytes: Uint8Array, options: { path: string | null; format: SourceFormat | 'pdf' }) =>
  Extracted | Promise<Extracted>;
type Extracted = { record: ReadoutRecord; text: string };

export interface AppOptions {
  /** The archive: the SQLite store (whose write lock a POST waits for without blocking readers), or any store of
   *  the asynchronous contract (a PostgreSQL server). */
  store: Store | ArchiveStore;
  /** Bearer token that allows POST /api/documents; without one the API is read-only. */
  token?: string | null;
  /** Largest accepted request body in bytes (default 2 MiB). */
  maxBodyBytes?: number;
  /** Directory of the built UI (default: web-dist/ at the package root); `null` serves no UI. */
  webRoot?: string | null;
  /** Extraction used by POST /api/documents. Default: on `pool`'s worker threads when given, so a large upload
   *  does not hold up other requests; else the library's extractDocument on the request's thread. */
  extract?: Extractor;
  /** Worker threads for POST /api/documents (the ingest's pool); the caller closes it. */
  pool?: ExtractPool;
  extractorVersion?: string;
  /** Compute the unfiltered aggregations right after start-up, so the first page view is fast on a big archive. */
  warm?: boolean;
}

type ErrorBody = z.infer<typeof ErrorSchema>;

export function errorBody(code: string, message: string, details?: { path: string; message: string }[]): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

const json = (schema: z.ZodType, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorSchema, 'Bad parameters'),
  500: json(ErrorSchema, 'Internal error'),
};

/** The parameters' values are parsed already (schemas.ts); what is left is checked across fields. */
function toFilter(q: z.infer<typeof FilterQuery>): MeetingFilter {
  return normalizeFilter({
    participant: q.participant, country: q.country, kind: q.kind, mode: q.mode, topic: q.topic, act: q.act,
    from: q.from, to: q.to, year: q.year, text: q.q, includeNonReadouts: q.includeNonReadouts, count: q.count,
  });
}

// Control characters cannot occur in stored text, so they delimit matches in snippets unambiguously.
const MARK_OPEN = '\u0002';
const MARK_CLOSE = '\u0003';

/** A snippet with markers -> plain text plus the [start, end) ranges of the matched terms. */
export function splitSnippet(marked: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_OPEN) start = snippet.length;
    else if (ch === MARK_CLOSE) { if (start >= 0 && snippet.length > start) highlights.push([start, snippet.length]); start = -1; }
    else snippet += ch;
  }
  return { snippet, highlights };
}

function sameToken(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

/** What a POSTed document is, by its Content-Type: the sender's word, not a guess from the bytes. */
const FORMATS: Record<string, SourceFormat | 'pdf'> = { 'text/plain': 'text', 'text/html': 'html', 'application/pdf': 'pdf' };

/** Decoding on the request's thread (milliseconds), extraction on the pool's workers (seconds for a large page). */
async function defaultExtractor(pool: ExtractPool | undefined): Promise<Extractor> {
  const lib = await import('../index.js');
  return async (bytes, o) => {
    const input = await lib.decodeDocument(bytes, o.path, { format: o.format });
    if (!pool) return { record: lib.extract(input.text, input), text: input.text };
    const out = await pool.send(input.text, o.path, input.sha256).take();
    if ('error' in out) throw new Error(out.error);
    return out;
  };
}

/** The synchronous SQLite store, told apart from the asynchronous contract by its write-lock calls. */
const isSqlite = (store: Store | ArchiveStore): store is Store => 'tryBegin' in store;

export function createApp(options: AppOptions): OpenAPIHono {
  const sqlite = isSqlite(options.store) ? options.store : sqliteOf(options.store);
  const store: ArchiveStore = sqlite ? asyncStore(sqlite) : options.store as ArchiveStore;
  const token = options.token && options.token.length > 0 ? options.token : null;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const assets: Map<string, Asset> = options.webRoot === null ? new Map() : loadAssets(options.webRoot ?? defaultWebRoot());
  // Aggregations over a large archive take seconds and change only when documents do: cache them, and drop
  // the cache when the archive changes (its change token: another process may be ingesting, linking or
  // reindexing), or after ten minutes.
  const cache = new Map<string, { at: number; value: unknown }>();
  let cachedState = '';
  const TTL_MS = 10 * 60_000;
  // promises are cached, so concurrent requests for one aggregation compute it once
  const cached = async <T>(key: unknown[], compute: () => Promise<T>): Promise<T> => {
    const state = await store.changeToken();
    if (state !== cachedState) { cache.clear(); cachedState = state; }
    const k = JSON.stringify(key);
    const hit = cache.get(k);
    if (hit && Date.now() - hit.at < TTL_MS) {
      cache.delete(k);
      cache.set(k, hit); // most recently used last
      return hit.value as T;
    }
    const value = compute();
    if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
    cache.set(k, { at: Date.now(), value });
    value.catch(() => cache.delete(k)); // a failure is not kept
    return value;
  };
  const facets = (f: MeetingFilter) => cached(['facets', f], () => store.facets(f));
  const stats = (by: 'month' | 'year', dim: StatsDimension | null, f: MeetingFilter) =>
    cached(['stats', by, dim, f], () => store.stats(by, dim, f));
  if (options.warm) {
    setTimeout(() => {
      Promise.all([facets({}), ...(['kind', 'country', 'topic'] as const).map((dim) => stats('year', dim, {})),
        cached(['network', {}, 30], () => networkOf(store, {}, 30))])
        .catch((err: unknown) => console.error(`readout serve: warming the caches failed: ${(err as Error).message}`));
    }, 250).unref(); // after the listener is up and its URL printed
  }

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => (i.code === 'unrecognized_keys'
          ? { path: i.keys.join(', '), message: `unknown parameter${i.keys.length > 1 ? 's' : ''}` }
          : { path: i.path.join('.'), message: i.message }));
        const first = details[0];
        return c.json(errorBody('bad_request', first ? `${first.path || 'request'}: ${first.message}` : 'invalid request', details), 400);
      }
    },
  });

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });
  // Small answers go as they are: gzip costs more than it saves on a few kilobytes (most of the API's answers). The
  // middleware skips only a body whose length it is told, so a JSON answer (in memory already) is measured.
  app.use('*', compress({ threshold: 16 * 1024 }));
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('Content-Type')?.startsWith('application/json') && !c.res.headers.has('Content-Length')) {
      const body = await c.res.arrayBuffer();
      const res = new Response(body, c.res);
      res.headers.set('Content-Length', String(body.byteLength));
      c.res = res;
    }
  });
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json(errorBody(status === 413 ? 'payload_too_large' : 'http_error', err.message || 'request failed'), status);
    }
    if (err instanceof ArchiveBusy) return c.json(errorBody('busy', err.message), 503, { 'Retry-After': '5' });
    // The query layer rejects what it cannot run (an empty search, an unknown participant alias...).
    if (err instanceof UsageError) return c.json(errorBody('bad_request', err.message), 400);
    console.error(`readout serve: ${(err as Error).stack ?? String(err)}`);
    return c.json(errorBody('internal', 'internal server error'), 500);
  });

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
      return c.json(errorBody('not_found', `no endpoint ${c.req.method} ${c.req.path}`), 404);
    }
    return c.json(errorBody('not_found', 'not found'), 404);
  });

  // --- read endpoints -------------------------------------------------------------------------------

  app.openapi(createRoute({
    method: 'get', path: '/api/health', summary: 'Liveness and archive size',
    responses: { 200: json(HealthSchema, 'Health'), 500: errors[500] },
  }), async (c) => c.json({ ok: true, documents: await store.count(), writable: token !== null }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/meetings', summary: 'Meetings matching the filters, newest first, paged',
    request: { query: MeetingsQuery },
    responses: { 200: json(MeetingListSchema, 'A page of meetings'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    const page = await store.meetings(toFilter(q), { limit: q.limit, offset: q.offset });
    return c.json({ total: page.total, limit: q.limit, offset: q.offset, items: page.items }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/meetings/{id}', summary: 'One meeting: its text, record, statements and spans',
    request: { params: IdParam },
    responses: { 200: json(MeetingDetailSchema, 'The stored document'), 404: json(ErrorSchema, 'Unknown id'), ...errors },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const doc = await store.get(id);
    if (!doc) return c.json(errorBody('not_found', `no meeting with id ${id}`), 404);
    return c.json({
      id: doc.id, path: doc.path, sha256: doc.sha256, extractorVersion: doc.extractorVersion,
      ingestedAt: doc.ingestedAt, text: doc.text, record: doc.record, meeting: await store.meetingOf(doc.id),
      readouts: await store.readouts(doc.id),
    }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/compare', summary: 'Two readouts side by side: facts, topics, aligned statements',
    request: { query: CompareQuery },
    responses: { 200: json(ComparisonSchema, 'The comparison'), 404: json(ErrorSchema, 'Unknown id'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    // a comparison reads and aligns two records: kept, as aggregations are, until the archive changes
    const comparison = await cached(['compare', q.a, q.b], async () => {
      const [a, b] = await Promise.all([store.get(q.a), store.get(q.b)]);
      if (!a || !b) return null;
      // the archive's word on identity (a user's link or unlink included) over the evidence alone
      const [ma, mb] = await Promise.all([store.meetingOf(a.id), store.meetingOf(b.id)]);
      return { ...compareReadouts(storedReadout(a), storedReadout(b)), sameMeeting: ma === mb };
    });
    if (!comparison) return c.json(errorBody('not_found', `no readout with id ${q.a} or ${q.b}`), 404);
    return c.json(comparison, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/search', summary: 'Full-text search over statements, with snippets',
    request: { query: SearchQuery },
    responses: { 200: json(SearchResultSchema, 'A page of hits'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    const { q: text, limit, offset, ...rest } = q;
    const res = await store.search(text, toFilter(rest), { limit, offset }, { open: MARK_OPEN, close: MARK_CLOSE });
    return c.json({ total: res.total, limit, offset, items: res.items.map((h) => ({ ...h, ...splitSnippet(h.snippet) })) }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/stats', summary: 'Meeting counts per period, optionally split by a dimension',
    request: { query: StatsQuery },
    responses: { 200: json(StatsSchema, 'Counts'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    const rows = await stats(q.by, q.dimension ?? null, toFilter(q));
    return c.json({ by: q.by, dimension: q.dimension ?? null, rows }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/facets', summary: 'Facet counts (country, participant, kind, mode, topic, year) under the filters',
    request: { query: FilterQuery },
    responses: { 200: json(FacetsSchema, 'Facets'), ...errors },
  }), async (c) => c.json(await facets(toFilter(c.req.valid('query'))), 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/participants', summary: 'Participants (actors) by number of meetings',
    request: { query: ListQuery },
    responses: { 200: json(ParticipantsSchema, 'Participants'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    const items = (await facets(toFilter(q))).participant.slice(0, q.limit).map((p) => ({ name: p.key, count: p.count }));
    return c.json({ items }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/topics', summary: 'Topics with labels and meeting counts',
    request: { query: ListQuery },
    responses: { 200: json(TopicsSchema, 'Topics'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    const items = (await facets(toFilter(q))).topic.slice(0, q.limit).map((t) => ({
      id: t.key, label: TOPIC_LABELS[t.key]?.label ?? t.key, scope: TOPIC_LABELS[t.key]?.scope ?? null, count: t.count,
    }));
    return c.json({ items }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/network', summary: 'Who met whom: participants and the meetings they shared',
    request: { query: NetworkQuery },
    responses: { 200: json(NetworkSchema, 'Graph'), ...errors },
  }), async (c) => {
    const q = c.req.valid('query');
    const f = toFilter(q);
    return c.json(await cached(['network', f, q.limit], () => networkOf(store, f, q.limit)), 200);
  });

  // --- write endpoint -------------------------------------------------------------------------------

  let extractor: Extractor | undefined = options.extract;
  const extractorVersion = options.extractorVersion ?? EXTRACTOR_VERSION;
  const requireToken = async (c: Context, next: () => Promise<void>) => {
    if (!token) return c.json(errorBody('read_only', 'this server is read-only: start it with READOUT_TOKEN set to accept documents'), 403);
    const header = c.req.header('Authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return c.json(errorBody('unauthorized', 'missing bearer token'), 401, { 'WWW-Authenticate': 'Bearer' });
    if (!sameToken(m[1], token)) return c.json(errorBody('unauthorized', 'invalid token'), 401, { 'WWW-Authenticate': 'Bearer' });
    await next();
  };
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => c.json(errorBody('payload_too_large', `request body exceeds ${maxBodyBytes} bytes`), 413),
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openapi(createRoute({
    method: 'post', path: '/api/documents',
    summary: 'Extract a readout (text or HTML in the body) and store it; needs the bearer token',
    security: [{ bearer: [] }],
    middleware: [requireToken, limitBody] as const,
    request: {
      query: IngestQuery,
      body: {
        required: true,
        content: {
          'text/plain': { schema: z.string() },
          'text/html': { schema: z.string() },
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
    },
    responses: {
      201: json(IngestResultSchema, 'Stored'),
      200: json(IngestResultSchema, 'Already stored (same sha256)'),
      401: json(ErrorSchema, 'Missing or wrong token'),
      403: json(ErrorSchema, 'Server is read-only'),
      413: json(ErrorSchema, 'Body too large'),
      415: json(ErrorSchema, 'Unsupported media type'),
      503: json(ErrorSchema, 'Another writer held the archive too long; retry'),
      422: json(ErrorSchema, 'Not extractable'),
      ...errors,
    },
  }), async (c) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
    const format = FORMATS[type];
    if (!format) return c.json(errorBody('unsupported_media_type', 'send the readout as text/plain, text/html or application/pdf'), 415);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) return c.json(errorBody('bad_request', 'empty body'), 400);
    const label = c.req.valid('query').path ?? null;
    // Only the base name is kept: it is a label for people, and nothing reads it from disk.
    const path = label ? label.replace(/^.*[\\/]/, '').replace(/[^\w.@+-]/g, '_').slice(0, 200) || null : null;
    let extracted: Extracted;
    try {
      extracted = await (extractor ??= await defaultExtractor(options.pool))(bytes, { path, format });
    } catch (err) {
      return c.json(errorBody('unprocessable', (err as Error).message.split('\n')[0] || 'could not extract'), 422);
    }
    const raw = Buffer.from(extracted.text, 'utf8').equals(bytes) ? null : bytes;
    const doc = { path, sha256: extracted.record.source.sha256, text: extracted.text, record: extracted.record,
      extractorVersion, raw };
    // SQLite: the write lock is waited for on the event loop; a server database takes concurrent writers itself
    const { id, added } = sqlite ? await whenWritable(sqlite, () => sqlite.put(doc))
      : await store.transaction((tx) => tx.put(doc));
    if (added) cache.clear();
    return c.json({ id, added, record: extracted.record }, added ? 201 : 200);
  });

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'readout API', version: '1',
      description: 'Diplomatic meeting readouts as structured records (schema readout/1). Errors are {"error":{"code","message"}}.',
    },
  });

  // --- web UI ---------------------------------------------------------------------------------------

  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.json(errorBody('not_found', `no endpoint GET ${c.req.path}`), 404);
    const asset = assets.get(c.req.path);
    if (!asset) {
      if (c.req.path === '/' ) {
        return c.text('readout: the web UI is not built (run `npm run build`); the API is at /api/openapi.json\n', 200);
      }
      return c.json(errorBody('not_found', 'not found'), 404);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200);
  });

  return app;
}
