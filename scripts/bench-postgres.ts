// The archive on SQLite and on PostgreSQL side by side, in one run: ingest of N generated readouts (one process, and
// two at once, each half of the files), database size, query latency (meetings with filters, search, stats) over
// each archive, and `readout serve` on PostgreSQL under concurrent readers.
//   node --import tsx scripts/bench-postgres.ts [--docs N] [--readers N] [--seconds S] [--runs N] [--dir DIR] [--json]
// The corpus is scripts/bench-archive.ts's (generateDocument: seeds from the dev corpus with other names, dates and
// order, one in four a counterpart readout of the meeting before it), written to DIR/corpus once. Every ingest is
// `readout ingest` itself (bin/readout.js over dist: build first), so the figures are what a user gets. PostgreSQL
// is a throwaway cluster (test/pg-cluster.ts) with its durability settings left on (fsync, synchronous_commit).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { corpusShards, writeCorpus } from './bench-archive.js';
import { asyncStore, type ArchiveStore } from '../src/store/archive-store.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { normalizeFilter } from '../src/query/filters.js';
import type { MeetingFilter, StatsDimension } from '../src/store/store.js';
import { expandInputs, ingest as ingestItems } from '../src/ingest/ingest.js';
import { sha256Hex } from '../src/source/sha256.js';
import type { ReadoutRecord } from '../src/record/schema.js';
import { startPgCluster } from '../test/pg-cluster.js';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const READOUT = join(REPO, 'bin', 'readout.js');

interface Options {
  docs: number; readers: number; seconds: number; runs: number; dir?: string; log: (l: string) => void;
}
interface Ingest {
  label: string; processes: number; docs: number; seconds: number; docsPerSecond: number; dbBytes: number;
}
interface Latency { name: string; runs: number; p50ms: number; p95ms: number; maxMs: number }
interface Serve extends Latency {
  readers: number; seconds: number; requestsPerSecond: number; errors: number; errorKinds: string[];
}
interface Result { docs: number; ingest: Ingest[]; queries: { sqlite: Latency[]; postgres: Latency[] }; serve: Serve }

/** `readout` in a child process; its stderr logged, its stdout returned. */
async function readout(args: string[], log: (l: string) => void): Promise<string> {
  const child = spawn(process.execPath, [READOUT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  createInterface({ input: child.stderr }).on('line', (l) => log(`  ${l}`));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`readout ${args[0]} exited with ${code}`);
  return out;
}

/** The shards ingested by `processes` ingests at once into `db`, each a contiguous part of them. */
async function ingest(label: string, db: string, shards: string[], docs: number, processes: number,
  size: () => Promise<number>, log: (l: string) => void): Promise<Ingest> {
  const parts = Array.from({ length: processes }, (_, k) =>
    shards.slice(Math.floor((k * shards.length) / processes), Math.floor(((k + 1) * shards.length) / processes)));
  log(`${label}: ${docs} readouts, ${processes} process${processes > 1 ? 'es' : ''} at once`);
  const t0 = performance.now();
  const said = await Promise.all(parts.map((p) => readout(['ingest', ...p, '--db', db, '--quiet'], log)));
  const seconds = (performance.now() - t0) / 1000;
  said.forEach((s) => log(`  ${s.trim()}`));
  return { label, processes, docs, seconds: +seconds.toFixed(1), docsPerSecond: Math.round(docs / seconds),
    dbBytes: await size() };
}

/** The writer alone, in this process: the record generated beside each file stands in for extraction, so the figure
 *  is the backend's own (extraction is the same work for both). */
async function writerOnly(label: string, store: ArchiveStore, shards: string[], docs: number,
  size: () => Promise<number>): Promise<Ingest> {
  const { items } = await expandInputs(shards);
  const generated = (bytes: Uint8Array, path: string | null) => {
    const record = JSON.parse(readFileSync(path!.replace(/\.txt$/, '.json'), 'utf8')) as ReadoutRecord;
    Object.assign(record.source, { path, sha256: sha256Hex(bytes) });
    return { record, text: Buffer.from(bytes).toString('utf8') };
  };
  const t0 = performance.now();
  await ingestItems(store, items.slice(0, docs), { extract: generated });
  const seconds = (performance.now() - t0) / 1000;
  await store.close();
  return { label: `${label} (writer only)`, processes: 1, docs, seconds: +seconds.toFixed(1),
    docsPerSecond: Math.round(docs / seconds), dbBytes: await size() };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const round = (x: number) => +x.toFixed(2);
const latency = (name: string, all: number[]): Latency =>
  ({ name, runs: all.length, p50ms: round(percentile(all, 50)), p95ms: round(percentile(all, 95)),
    maxMs: round(Math.max(0, ...all)) });

const SEARCHES: [string, MeetingFilter][] = [
  ['Senkaku', {}], ['"North Korea"', {}], ['missile*', {}], ['abductions', {}], ['"Indo-Pacific"', {}],
  ['alliance AND strengthen', {}], ['Senkaku', { act: 'affirm' }], ['"North Korea"', { country: 'KR', from: '2015' }],
  ['"North Korea"', { text: 'Senkaku' }],
];
const LISTS: MeetingFilter[] = [
  {}, { country: 'US' }, { participant: 'Kono' }, { topic: 'senkaku', from: '2015' },
  { kind: 'foreign-ministers', mode: 'telephone' }, { act: 'oppose', country: 'CN' },
  { text: 'Senkaku', country: 'US' },
  { from: '2010-01-01', to: '2012-12-31' }, { participant: 'Pompeo', topic: 'north-korea-weapons' },
  { includeNonReadouts: true },
];
const STATS: ['month' | 'year', StatsDimension | null, MeetingFilter][] = [
  ['year', 'participant', { topic: 'senkaku', act: 'affirm' }], ['year', 'topic', {}],
  ['month', null, { country: 'KR' }],
  ['year', 'act', { participant: 'Kono' }], ['year', 'country', { from: '2020' }],
  ['year', 'act', { topic: 'north-korea-weapons' }],
];

/** The same queries over either archive, through the one contract: each variant once to warm, then `runs` timed. */
async function timeQueries(store: ArchiveStore, runs: number): Promise<Latency[]> {
  const measure = async (name: string, variants: (() => Promise<unknown>)[]) => {
    const all: number[] = [];
    for (const fn of variants) {
      await fn();
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        await fn();
        all.push(performance.now() - t);
      }
    }
    return latency(name, all);
  };
  return [
    await measure('meetings with filters (50 newest + total)',
      LISTS.map((f) => () => store.meetings(normalizeFilter(f), { limit: 50 }))),
    await measure('search (20 best statements + total)',
      SEARCHES.map(([q, f]) => () => store.search(q, normalizeFilter(f), { limit: 20 }))),
    await measure('stats (counts per period and key)',
      STATS.map(([by, dim, f]) => () => store.stats(by, dim, normalizeFilter(f)))),
  ];
}

/** `readout serve` over the archive in a child process; `readers` closed-loop clients, each asking in turn a meeting
 *  list, a search, stats or a comparison of two readouts of a meeting, for `seconds`. */
async function serveUnderReaders(db: string, pairs: [string, string][], readers: number, seconds: number):
  Promise<Serve> {
  const server = spawn(process.execPath, [READOUT, 'serve', '--db', db, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const url = /at (http:\/\/\S+?)\/? /.exec(line)?.[1];
    if (!url) throw new Error(`readout serve said "${line}"`);
    // the API names the text filter q, which /api/search takes for its query
    const query = ({ text, ...f }: MeetingFilter) => ({ ...(text ? { q: text } : {}), ...f as Record<string, string> });
    const paths = [
      ...LISTS.slice(0, 9).map((f) => `/api/meetings?${new URLSearchParams(query(f))}`),
      ...SEARCHES.filter(([, f]) => !f.text).map(([q, f]) => `/api/search?${new URLSearchParams({ ...query(f), q })}`),
      ...STATS.map(([by, dim, f]) => `/api/stats?${new URLSearchParams({ by, ...(dim ? { dimension: dim } : {}),
        ...f as Record<string, string> })}`),
    ];
    const all: number[] = [];
    const errors = new Map<string, number>(); // what went wrong, how often
    const failed = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
    const until = performance.now() + seconds * 1000;
    await Promise.all(Array.from({ length: readers }, async (_, k) => {
      for (let n = k; performance.now() < until; n += readers) {
        // every fourth a comparison, each of a pair no reader asked for lately (the server's cache holds 256)
        const [a, b] = pairs[Math.floor(n / 4) % pairs.length] ?? ['', ''];
        const path = n % 4 === 3 && pairs.length ? `/api/compare?a=${a}&b=${b}` : paths[(n * 31) % paths.length]!;
        const t = performance.now();
        try {
          const res = await fetch(url + path);
          const body = await res.text();
          if (res.status !== 200) failed(`${res.status} ${body.slice(0, 120)}`);
        } catch (err) {
          failed(String(err));
        }
        all.push(performance.now() - t);
      }
    }));
    return { ...latency(`readout serve on PostgreSQL, ${readers} readers`, all), readers, seconds,
      requestsPerSecond: Math.round(all.length / seconds), errors: [...errors.values()].reduce((x, y) => x + y, 0),
      errorKinds: [...errors.keys()].slice(0, 5) };
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

export async function benchPostgres(options: Options): Promise<Result> {
  const { docs, log } = options;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'readout-bench-pg-'));
  mkdirSync(dir, { recursive: true });
  const corpus = join(dir, 'corpus');
  writeCorpus(corpus, docs, log); // unless the folder holds as many
  const shards = corpusShards(corpus, docs);
  const cluster = await startPgCluster({ durable: true });
  try {
    const sqliteFile = (name: string) => {
      const f = join(dir, name);
      for (const x of ['', '-wal', '-shm']) rmSync(f + x, { force: true });
      return f;
    };
    const fileSize = (f: string) => async () => ['', '-wal', '-shm']
      .reduce((s, x) => s + (existsSync(f + x) ? statSync(f + x).size : 0), 0);
    const pgSize = (url: string) => async () => {
      const client = new pg.Client(url);
      await client.connect();
      try {
        const sql = 'SELECT pg_database_size(current_database()) AS n';
        return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
      } finally {
        await client.end();
      }
    };
    const [sqlite1, sqlite2] = [sqliteFile('one.db'), sqliteFile('two.db')];
    const [pg1, pg2] = [await cluster.database(), await cluster.database()];
    const runs: Ingest[] = [];
    for (const [label, db, processes, size] of [
      ['SQLite', sqlite1, 1, fileSize(sqlite1)], ['SQLite', sqlite2, 2, fileSize(sqlite2)],
      ['PostgreSQL', pg1, 1, pgSize(pg1)], ['PostgreSQL', pg2, 2, pgSize(pg2)],
    ] as const) runs.push(await ingest(label, db, shards, docs, processes, size, log));
    log('the writer alone on both (generated records, no extraction)');
    const [sqlite3, pg3] = [sqliteFile('writer.db'), await cluster.database()];
    runs.push(await writerOnly('SQLite', asyncStore(openSqliteStore(sqlite3)), shards, docs, fileSize(sqlite3)));
    runs.push(await writerOnly('PostgreSQL', await openPostgresStore(pg3), shards, docs, pgSize(pg3)));
    log('timing queries on both archives');
    const lite = asyncStore(openSqliteStore(sqlite1));
    const post = await openPostgresStore(pg1, { create: false });
    const queries = { sqlite: await timeQueries(lite, options.runs), postgres: await timeQueries(post, options.runs) };
    const pairs = (await post.meetings({}, { limit: 20_000 })).items.filter((m) => m.readouts.length > 1).slice(0, 5000)
      .map((m) => [m.readouts[0]!.id, m.readouts[1]!.id] as [string, string]);
    await lite.close();
    await post.close();
    log(`readout serve on PostgreSQL under ${options.readers} readers for ${options.seconds} s`);
    const serve = await serveUnderReaders(pg1, pairs, options.readers, options.seconds);
    return { docs, ingest: runs, queries, serve };
  } finally {
    cluster.stop();
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatBench(r: Result): string {
  const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
  const rows = [
    `Ingest of ${r.docs} generated readouts (readout ingest; two processes: each half of the files)`,
    ...r.ingest.map((x) => `  ${x.label.padEnd(10)} ${x.processes} process${x.processes > 1 ? 'es' : '  '}  `
      + `${String(x.docsPerSecond).padStart(6)} docs/s  ${String(x.seconds).padStart(7)} s  database ${mb(x.dbBytes)}`),
    'Queries (p50 / p95 / max ms)              SQLite                  PostgreSQL',
    ...r.queries.sqlite.map((q, k) => {
      const p = r.queries.postgres[k]!;
      const cell = (x: Latency) => `${x.p50ms} / ${x.p95ms} / ${x.maxMs}`.padEnd(24);
      return `  ${q.name.padEnd(40)} ${cell(q)}${cell(p)}(${q.runs} runs)`;
    }),
    `${r.serve.name} for ${r.serve.seconds} s: p50 ${r.serve.p50ms} ms, p95 ${r.serve.p95ms} ms, `
    + `max ${r.serve.maxMs} ms, `
    + `${r.serve.requestsPerSecond} requests/s, ${r.serve.errors} errors ${r.serve.errorKinds.join('; ')}`,
  ];
  const one = r.ingest.find((x) => x.label === 'PostgreSQL')!;
  const p95 = Math.max(...[...r.queries.sqlite, ...r.queries.postgres].map((q) => q.p95ms));
  rows.push(`targets: PostgreSQL ingest >= 1000 docs/s with one process (${one.docsPerSecond}), query p95 < 50 ms `
    + `(worst ${p95}), serve without error (${r.serve.errors}): `
    + (one.docsPerSecond >= 1000 && p95 < 50 && r.serve.errors === 0 ? 'met' : 'NOT met'));
  return rows.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => {
    const k = process.argv.indexOf(name);
    return k > 0 ? Number(process.argv[k + 1]) : fallback;
  };
  const k = process.argv.indexOf('--dir');
  const result = await benchPostgres({
    docs: arg('--docs', 100_000), readers: arg('--readers', 200), seconds: arg('--seconds', 30),
    runs: arg('--runs', 20),
    dir: k > 0 ? process.argv[k + 1] : undefined, log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(result, null, 2) : formatBench(result)}\n`);
}
