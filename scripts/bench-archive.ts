// Archive benchmark: ingest throughput into SQLite for a generated corpus (100,000 documents by default), database
// size, peak memory, and query latency (median, p95) for full-text search, filtered meeting lists and stats.
//   node --import tsx scripts/bench-archive.ts [--docs N] [--store-docs N] [--dir DIR] [--keep] [--json]
// The corpus is generated to files first (DIR/corpus, reused by later runs with the same --dir): the dev corpus with
// other names, dates and paragraph order, and beside each text the record made from its gold. Then, each in a child
// process (scripts/bench-archive-ingest.mjs) through src/store/ingest.ts, what `readout ingest DIR` runs:
//   * ingest: the documents end to end (read, hash, extract on the worker thread, store), the figure the target is
//     judged on, and the archive the queries are timed over;
//   * store path (with --store-docs N): the generated records stand in for extraction, which shows the writer's
//     own cost.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadoutRecord, Statement } from '../dist/src/record/schema.js';
import { openSqliteStore } from '../dist/src/store/sqlite/index.js';
import { compareReadouts, storedReadout } from '../dist/src/compare/compare.js';
import type { MeetingFilter, StatsDimension, Store } from '../dist/src/store/store.js';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DEV = [join(REPO, '..', 'shared')].map((d) => join(d, 'corpus', 'dev')).find((d) => existsSync(d));
const GOLD = DEV ? join(DEV, '..', '..', 'gold', 'dev') : undefined;

export interface BenchArchiveOptions {
  docs?: number; // documents ingested end to end, the archive the queries run on (default 100,000)
  storeDocs?: number; // documents through the store path (generated records, no extraction; default 0: skipped)
  dir?: string; // where the corpus and the databases go (default: a temp folder, removed unless keep)
  keep?: boolean;
  runs?: number; // timed runs per query variant
  log?: (line: string) => void;
}

export interface IngestFigures { documents: number; stored: number; seconds: number; docsPerSecond: number; cpuMsPerDoc: number; dbBytes: number; peakRssMB: number; heapPeakMB: number }
export interface QueryFigures { name: string; runs: number; p50ms: number; p95ms: number; maxMs: number; slowest: string }
export interface BenchArchiveResult {
  ingest: IngestFigures;
  storePath: IngestFigures | null;
  queries: QueryFigures[];
  targets: { ingestDocsPerSecond: number; queryP95Ms: number; peakRssMB: number };
  pass: boolean;
}

// --- corpus ----------------------------------------------------------------------------------------------------

interface Gold {
  doc: string;
  meeting: { title: string | null; kind: ReadoutRecord['meeting']['kind']; mode: ReadoutRecord['meeting']['mode']; format: ReadoutRecord['meeting']['format'];
    countries: string[]; date: string | null; durationMinutes?: number | null; locationCountry?: string | null };
  participants: { name: string; country: string; role: ReadoutRecord['participants'][number]['role'] }[];
  topics: string[];
  countries: string[];
  statements: { quote: string; speakers: string[]; act: Statement['act'] }[];
}
interface Seed { name: string; text: string; gold: Gold }
interface Actor { id: string; name: string; surname: string; country: string }

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One document in this many is a counterpart readout of the one before it. */
const COUNTERPART_EVERY = 4;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATE_RE = new RegExp(`\\b(${MONTHS.join('|')}) (\\d{1,2}), (\\d{4})\\b`, 'g');
// the seeds' other ways of writing a date ("14 June 2024", "2022-05-23"): left as they were, a few seeds' dates
// held thousands of generated readouts on one day, which no archive has
const DAY_MONTH_RE = new RegExp(`\\b(\\d{1,2}) (${MONTHS.join('|')}) (\\d{4})\\b`, 'g');
const ISO_DATE_RE = /\b\d{4}-\d{2}-\d{2}\b/g;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const STATEMENT_TOPICS: [string, RegExp][] = [
  ['senkaku', /Senkaku/], ['north-korea-weapons', /nuclear|missile|ballistic|launch/i], ['north-korea-pressure', /sanction|Security Council|pressure/i],
  ['abductions', /abduction/i], ['defense-cooperation', /alliance|deterren|defen[cs]e|security/i], ['economy', /econom|trade|invest/i],
  ['north-korea-diplomacy', /dialogue|summit with|talks with North/i], ['china', /China/], ['south-korea', /ROK|Republic of Korea/],
  ['rule-of-law', /Indo-Pacific|rule of law|rules-based/i], ['taiwan', /Taiwan/], ['ukraine', /Ukraine/], ['visits', /visit/i],
];

export function loadSeeds(): Seed[] {
  if (!DEV || !GOLD || !existsSync(GOLD)) throw new Error('bench-archive: the dev corpus and its gold (../shared/corpus/dev, ../shared/gold/dev) are needed');
  return readdirSync(DEV).filter((f) => f.endsWith('.txt')).sort().flatMap((f) => {
    const g = join(GOLD, f.replace(/\.txt$/, '.gold.json'));
    if (!existsSync(g)) return [];
    return [{ name: f, text: readFileSync(join(DEV, f), 'utf8'), gold: JSON.parse(readFileSync(g, 'utf8')) as Gold }];
  });
}

function loadActorPool(): Map<string, Actor[]> {
  const pool = new Map<string, Actor[]>();
  const file = join(REPO, 'data', 'actors.json');
  if (!existsSync(file)) return pool;
  for (const a of (JSON.parse(readFileSync(file, 'utf8')) as { actors: Actor[] }).actors) {
    if (!a.surname || !a.name.includes(' ')) continue;
    pool.set(a.country, [...(pool.get(a.country) ?? []), a]);
  }
  return pool;
}

/** Document `i` of the generated corpus: a seed with other people, another date and its paragraphs reordered, and the record that goes with it. */
export function generateDocument(i: number, seeds: Seed[], pool: Map<string, Actor[]>): { path: string; text: string; record: ReadoutRecord } {
  // Every fourth document is another government's readout of the meeting before it: the same people, date and
  // seed, its paragraphs in another order; the archive links the two (one meeting, two readouts).
  const meeting = i % COUNTERPART_EVERY === COUNTERPART_EVERY - 1 ? i - 1 : i;
  const seed = seeds[meeting % seeds.length]!;
  const rng = mulberry32(meeting * 2654435761 + 17);
  const g = seed.gold;
  // People: each participant becomes another actor of the same country (whole name first, then the surname alone).
  const people = g.participants.map((p) => {
    const candidates = pool.get(p.country) ?? [];
    const a = candidates.length ? candidates[Math.floor(rng() * candidates.length)]! : null;
    const surname = p.name.split(' ').pop()!;
    return { ...p, oldSurname: surname, newName: a?.name ?? p.name, newSurname: a?.surname ?? surname, actorId: a?.id ?? null };
  });
  const rename = (s: string) => {
    let out = s;
    people.forEach((p, k) => { out = out.replace(new RegExp(esc(p.name), 'g'), `\u0001${k}\u0001`); });
    people.forEach((p, k) => { if (p.oldSurname.length > 2) out = out.replace(new RegExp(`\\b${esc(p.oldSurname)}\\b`, 'g'), `\u0002${k}\u0002`); });
    return out.replace(/\u0001(\d+)\u0001/g, (_, k: string) => people[+k]!.newName).replace(/\u0002(\d+)\u0002/g, (_, k: string) => people[+k]!.newSurname);
  };
  // Date: one new date for the meeting and every date line.
  const year = 2001 + Math.floor(rng() * 25);
  const month = Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let text = rename(seed.text).replace(DATE_RE, `${MONTHS[month]} ${day}, ${year}`)
    .replace(DAY_MONTH_RE, `${day} ${MONTHS[month]} ${year}`).replace(ISO_DATE_RE, iso);
  // Order: the body paragraphs (after title, date line and lead) shuffled.
  const paras = text.split(/\n{2,}/);
  const head = paras.slice(0, Math.min(3, paras.length - 1));
  const body = paras.slice(head.length);
  const order = meeting === i ? rng : mulberry32(i * 2654435761 + 29);
  for (let k = body.length - 1; k > 0; k--) { const j = Math.floor(order() * (k + 1)); [body[k], body[j]] = [body[j]!, body[k]!]; }
  text = [...head, ...body].join('\n\n') + `\n\nRef. ${i}\n`;

  const statements: Statement[] = [];
  for (const s of g.statements) {
    const quote = rename(s.quote);
    const at = text.indexOf(quote);
    if (at < 0) continue;
    const start = Math.max(text.lastIndexOf('. ', at) + 2, text.lastIndexOf('\n', at) + 1);
    const dot = text.indexOf('.', at + quote.length);
    const nl = text.indexOf('\n', at + quote.length);
    const end = Math.min(dot < 0 ? text.length : dot + 1, nl < 0 ? text.length : nl);
    const sentence = text.slice(start, end);
    statements.push({
      text: sentence, span: [start, end], item: null,
      speakers: people.filter((p) => s.speakers.includes(p.country)).map((p) => p.newName), speakerCountries: s.speakers, act: s.act,
      topics: STATEMENT_TOPICS.filter(([t, re]) => g.topics.includes(t) && re.test(sentence)).map(([t]) => t),
    });
  }
  statements.sort((a, b) => a.span[0] - b.span[0]);
  const record: ReadoutRecord = {
    schema: 'readout/1',
    source: { path: `gen/${i}.txt`, url: null, sha256: '', publisher: null, publishedDate: iso },
    meeting: {
      title: g.meeting.title, kind: g.meeting.kind, mode: g.meeting.mode, format: g.meeting.format, countries: g.meeting.countries, date: iso,
      start: null, durationMinutes: g.meeting.durationMinutes ?? null, durationApproximate: true,
      location: { city: null, country: g.meeting.locationCountry ?? null, venue: null }, occasion: null,
    },
    participants: people.map((p) => ({ name: p.newName, title: null, role: p.role, country: p.country, actorId: p.actorId, mentions: [] })),
    statements, topics: g.topics, mentions: { countries: g.countries, organizations: [], people: [] }, related: [],
  };
  return { path: `gen/${i}.txt`, text, record };
}

// --- measuring -------------------------------------------------------------------------------------------------

const SHARD = 1000; // files per folder of the generated corpus

/**
 * Writes documents 0..count-1 as DIR/NNN/iiiiiii.txt with the record beside each (.json), before anything is timed:
 * the ingest then reads files as `readout ingest DIR` does. A folder already holding as many is reused.
 */
/** The shard folders holding documents 0..count-1 of a corpus writeCorpus wrote. */
export const corpusShards = (dir: string, count: number) =>
  Array.from({ length: Math.ceil(count / SHARD) }, (_, k) => join(dir, String(k).padStart(3, '0')));

export function writeCorpus(dir: string, count: number, log: (l: string) => void): void {
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { docs: number }).docs >= count) return;
  log(`archive: writing ${count} generated documents to ${dir}`);
  const seeds = loadSeeds();
  const pool = loadActorPool();
  for (let i = 0; i < count; i++) {
    const shard = join(dir, String(Math.floor(i / SHARD)).padStart(3, '0'));
    if (i % SHARD === 0) mkdirSync(shard, { recursive: true });
    const d = generateDocument(i, seeds, pool);
    const file = join(shard, String(i).padStart(7, '0'));
    writeFileSync(`${file}.txt`, d.text);
    writeFileSync(`${file}.json`, JSON.stringify(d.record));
  }
  writeFileSync(manifest, JSON.stringify({ docs: count }));
}

const fileBytes = (path: string) => ['', '-wal', '-shm'].reduce((s, ext) => s + (existsSync(path + ext) ? statSync(path + ext).size : 0), 0);

interface Phase { dbPath: string; inputs: string[]; count: number; withRecords: boolean; label: string }

/** Each ingest runs in a process of its own on plain Node, so its peak memory (getrusage's maximum RSS) is its own. */
async function ingestInChild(phase: Phase, log: (l: string) => void): Promise<IngestFigures> {
  const child = spawn(process.execPath, [join(REPO, 'scripts', 'bench-archive-ingest.mjs'), JSON.stringify(phase)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  createInterface({ input: child.stderr }).on('line', (l) => log(l));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench-archive: the ${phase.label} ingest exited with ${code}`);
  const figures = JSON.parse(out.trim().split('\n').pop()!) as IngestFigures;
  figures.dbBytes = fileBytes(phase.dbPath);
  return figures;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

function timeQueries(store: Store, runs: number): QueryFigures[] {
  const searches: [string, MeetingFilter][] = [
    ['Senkaku', {}], ['"North Korea"', {}], ['missile*', {}], ['abductions', {}], ['"Indo-Pacific"', {}], ['alliance AND strengthen', {}],
    ['Senkaku', { act: 'affirm' }], ['"North Korea"', { country: 'KR', from: '2015' }], ['"North Korea"', { text: 'Senkaku' }],
  ];
  const lists: MeetingFilter[] = [
    {}, { country: 'US' }, { participant: 'Kono' }, { topic: 'senkaku', from: '2015' }, { kind: 'foreign-ministers', mode: 'telephone' },
    { act: 'oppose', country: 'CN' }, { text: 'Senkaku', country: 'US' }, { from: '2010-01-01', to: '2012-12-31' }, { participant: 'Pompeo', topic: 'north-korea-weapons' },
    { includeNonReadouts: true },
  ];
  const stats: ['month' | 'year', StatsDimension | null, MeetingFilter][] = [
    ['year', 'participant', { topic: 'senkaku', act: 'affirm' }], ['year', 'topic', {}], ['month', null, { country: 'KR' }],
    ['year', 'act', { participant: 'Kono' }], ['year', 'country', { from: '2020' }], ['year', 'act', { topic: 'north-korea-weapons' }],
  ];
  const measure = (name: string, variants: [string, () => unknown][]): QueryFigures => {
    const all: number[] = [];
    let slowest = { ms: 0, what: '' };
    for (const [what, fn] of variants) {
      fn(); // warm the page cache and the prepared statement
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        fn();
        const ms = performance.now() - t;
        all.push(ms);
        if (ms > slowest.ms) slowest = { ms, what };
      }
    }
    const round = (x: number) => +x.toFixed(2);
    return { name, runs: all.length, p50ms: round(percentile(all, 50)), p95ms: round(percentile(all, 95)), maxMs: round(slowest.ms), slowest: slowest.what };
  };
  // two readouts of one meeting, compared as `readout compare` does (both read from the archive)
  const linked = store.meetings({}, { limit: 2000 }).items.filter((m) => m.readouts.length > 1).slice(0, 20);
  const compare = (a: string, b: string) => {
    return compareReadouts(storedReadout(store.get(a)!), storedReadout(store.get(b)!));
  };
  return [
    measure('compare two readouts of a meeting',
      linked.map((m) => [m.id, () => compare(m.readouts[0]!.id, m.readouts[1]!.id)])),
    measure('full-text search (20 best statements + total)', searches.map(([q, f]) => [`${q} ${JSON.stringify(f)}`, () => store.search(q, f, { limit: 20 })])),
    measure('filtered meeting list (50 newest + total)', lists.map((f) => [JSON.stringify(f), () => store.meetings(f, { limit: 50 })])),
    measure('stats (counts per period and key)', stats.map(([by, dim, f]) => [`${by} ${dim} ${JSON.stringify(f)}`, () => store.stats(by, dim, f)])),
  ];
}

const READERS = 50;
const READ_SECONDS = 10;

/** `readout serve` in a child process over the archive; READERS clients each GET /api/compare of a linked pair in
 *  turn, one request after another, for READ_SECONDS: the latencies they see. */
async function serveUnderReaders(dbPath: string, pairs: (readonly [string, string])[]): Promise<QueryFigures> {
  const server = spawn(process.execPath, [join(REPO, 'bin', 'readout.js'), 'serve', '--db', dbPath, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
    const url = /at (http:\/\/\S+?)\/? /.exec(line)?.[1];
    if (!url) throw new Error(`bench-archive: readout serve said "${line}"`);
    const all: number[] = [];
    let errors = 0;
    const until = performance.now() + READ_SECONDS * 1000;
    await Promise.all(Array.from({ length: READERS }, async (_, k) => {
      for (let n = k; performance.now() < until; n += READERS) {
        // every request a pair no reader asked for lately: the server's cache (256) does not answer
        const [a, b] = pairs[n % pairs.length]!;
        const t = performance.now();
        const res = await fetch(`${url}/api/compare?a=${a}&b=${b}`);
        await res.arrayBuffer();
        all.push(performance.now() - t);
        if (res.status !== 200) errors++;
      }
    }));
    if (errors) throw new Error(`bench-archive: ${errors} of ${all.length} /api/compare requests failed`);
    const round = (x: number) => +x.toFixed(2);
    return { name: `/api/compare, ${READERS} concurrent readers over HTTP`, runs: all.length,
      p50ms: round(percentile(all, 50)), p95ms: round(percentile(all, 95)),
      maxMs: round(all.reduce((m, x) => Math.max(m, x), 0)),
      slowest: `${Math.round(all.length / READ_SECONDS)} requests/s, no error` };
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

export async function benchArchive(options: BenchArchiveOptions = {}): Promise<BenchArchiveResult> {
  const docs = options.docs ?? 100_000;
  const storeDocs = options.storeDocs ?? 0;
  const log = options.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'readout-bench-archive-'));
  mkdirSync(dir, { recursive: true });
  loadSeeds(); // fails early without the dev corpus
  try {
    const corpus = join(dir, 'corpus');
    writeCorpus(corpus, Math.max(docs, storeDocs), log);
    const shards = (count: number) => corpusShards(corpus, count);
    const run = async (label: string, count: number, withRecords: boolean) => {
      const dbPath = join(dir, `archive-${label.replace(/\W+/g, '-')}.db`);
      rmSync(dbPath, { force: true });
      return { dbPath, figures: await ingestInChild({ dbPath, inputs: shards(count), count, withRecords, label }, log) };
    };
    let storePath: IngestFigures | null = null;
    if (storeDocs > 0) {
      log(`archive: ingesting ${storeDocs} generated documents with their records (store path, no extraction)`);
      storePath = (await run('store path', storeDocs, true)).figures;
    }
    log(`archive: ingesting ${docs} generated documents end to end (read, hash, extract, store)`);
    const ingest = await run('ingest', docs, false);
    log(`archive: timing queries over ${ingest.figures.stored} meetings`);
    const reader = openSqliteStore(ingest.dbPath);
    const queries = timeQueries(reader, options.runs ?? 20);
    // far more distinct pairs than the server's cache holds (256): every request compares anew
    const pairs = reader.meetings({}, { limit: 20_000 }).items.filter((m) => m.readouts.length > 1).slice(0, 5000)
      .map((m) => [m.readouts[0]!.id, m.readouts[1]!.id] as const);
    reader.close();
    log(`archive: /api/compare under ${READERS} concurrent readers for ${READ_SECONDS} s (readout serve)`);
    queries.push(await serveUnderReaders(ingest.dbPath, pairs));
    const targets = { ingestDocsPerSecond: 1000, queryP95Ms: 50, peakRssMB: 500 };
    const pass = ingest.figures.docsPerSecond >= targets.ingestDocsPerSecond && ingest.figures.peakRssMB < targets.peakRssMB
      && queries.every((q) => q.p95ms < targets.queryP95Ms);
    return { ingest: ingest.figures, storePath, queries, targets, pass };
  } finally {
    if (!options.keep && !options.dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatArchiveBench(r: BenchArchiveResult): string {
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  const ing = (label: string, x: IngestFigures) =>
    `  ${label.padEnd(10)} ${x.documents} docs (${x.stored} stored) in ${x.seconds} s = ${x.docsPerSecond} docs/s (${x.cpuMsPerDoc} ms CPU/doc); `
    + `database ${mb(x.dbBytes)}; peak RSS ${x.peakRssMB} MB (process maximum; JS heap ${x.heapPeakMB} MB)`;
  return [
    'Archive (SQLite)',
    ing('ingest', r.ingest),
    ...(r.storePath ? [ing('store path', r.storePath)] : []),
    ...r.queries.map((q) => `  ${q.name}: p50 ${q.p50ms} ms, p95 ${q.p95ms} ms, max ${q.maxMs} ms (${q.runs} runs; slowest: ${q.slowest})`),
    `  targets (end-to-end ingest and queries): >= ${r.targets.ingestDocsPerSecond} docs/s, p95 < ${r.targets.queryP95Ms} ms, `
    + `peak RSS < ${r.targets.peakRssMB} MB: ${r.pass ? 'met' : 'NOT met'}`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => { const k = process.argv.indexOf(name); return k > 0 ? process.argv[k + 1] : undefined; };
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const result = await benchArchive({
    docs: num(arg('--docs')), storeDocs: num(arg('--store-docs')), dir: arg('--dir'), keep: process.argv.includes('--keep'), runs: num(arg('--runs')),
  });
  process.stdout.write((process.argv.includes('--json') ? JSON.stringify(result, null, 2) : formatArchiveBench(result)) + '\n');
}
