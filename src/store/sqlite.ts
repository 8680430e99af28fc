// The archive on embedded SQLite (better-sqlite3).
// Layout, chosen for 100,000+ documents:
//  * keys carry the date: a document's is (day number << 20) + sequence, a statement's is document key * 2048 +
//    a slot for its act + a counter (rows.ts), and they are the FTS5 rowids, so "newest first" is a backwards rowid
//    walk that stops after one page (the bulky tables hold the key in an indexed column and grow by appending);
//  * texts that are not readouts take keys of day -1, below every meeting: every range a query reads leaves them out
//    unless it asks for them, and the rollup does not count them;
//  * FTS5 rows are written at commit, in rowid order, so each transaction makes one FTS5 segment per index;
//  * every filter (country, kind, mode, topic, act, participant) is a tag token in an FTS5 `tags` column beside
//    the text, so filtering is an FTS5 doclist intersection, dates a rowid range; counts come from the same index;
//  * `rollup` keeps per-month counts, so unfiltered stats and facets read a few hundred rows;
//  * the full record JSON and text stay in `bodies` for `get`.
import Database from 'better-sqlite3';
import { gunzipSync } from 'node:zlib';
import { ACTS, type ReadoutRecord } from '../record/schema.js';
import { resolveParticipant } from '../query/actors.js';
import { toFtsQuery } from '../query/fts.js';
import { dayRange, periodEnd, periodStart } from '../query/resolve.js';
import { UsageError } from '../query/filters.js';
import { BUSY_TIMEOUT_MS, isBusy, retryBusy } from './busy.js';
import { LINKS_SCHEMA, MeetingLinks, type MeetingLink } from './meeting-links.js';
import {
  DocumentError, statsUnit, type DocumentInput, type Facets, type IngestFailure, type MeetingFilter, type MeetingSummary,
  type Page, type FetchState, type ReadoutRef, type SearchOptions, type SearchResult, type StatsDimension, type StatsRow, type Store, type StoredDocument,
} from './store.js';
import {
  ACT_SLOT, documentRows, idOf, isoOfDay, parseRecord, rollupSeries, splitSeries, STMT_BITS, STMT_SHIFT, tag,
  ymOf, type DocumentRows,
} from './rows.js';

export { idOf } from './rows.js';

const SCHEMA_VERSION = 10;
const MIGRATED = new Set([6, 7, 8, 9]); // earlier versions opened for writing are migrated (setUp)
const YM_SHIFT = 2 ** 20; // a rollup row's id: series id * YM_SHIFT + yyyymm
// A rollup delta travels as one number, row id * DELTA_RANGE + count + DELTA_BIAS, exact below 2^53: series ids stay
// under MAX_SERIES (far beyond any taxonomy: acts x topics is a few thousand).
const DELTA_RANGE = 2 ** 16;
const DELTA_BIAS = 2 ** 15;
const MAX_SERIES = 2 ** 53 / YM_SHIFT / DELTA_RANGE;
const DOC_SHIFT = 2 ** 20; // document keys per day
const MEETING_SERIES = 'meetings\u0001'; // the rollup series that count meetings (rows.ts seriesKey)
const NON_READOUT_DAY = -1; // the keys of texts that are not readouts (resolve.ts's day range says the same)
export const SEARCH_COUNT_CAP = 10_000;
// columnsize=0: no per-row length table (results are ordered by date, not bm25), one b-tree write less per row.
const FTS_OPTIONS = `tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'", columnsize = 0`;

// Month counts keyed by one integer (series * YM_SHIFT + yyyymm): an ingest batch upserts ~17 rows a document in
// random months, and integer-keyed upserts cost a quarter of what they cost keyed by (unit, dim, ym, key) text.
const ROLLUP_SCHEMA = `
CREATE TABLE rollup_series (id INTEGER PRIMARY KEY, unit TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, UNIQUE (unit, dim, key));
CREATE TABLE rollup (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);`;

// The document keys a document takes after its own for its statements' further blocks (rows.ts), to that document;
// empty but for documents with more than 128 statements of one act.
// What a web server said of each address ingested from it, for conditional requests when it is ingested again.
const FETCHES_SCHEMA = `
CREATE TABLE IF NOT EXISTS fetches (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, sha256 TEXT NOT NULL, at TEXT NOT NULL);`;

const BLOCKS_SCHEMA = `
CREATE TABLE doc_blocks (key INTEGER PRIMARY KEY, doc INTEGER NOT NULL);
CREATE INDEX doc_blocks_doc ON doc_blocks(doc);`;

const SCHEMA = `
-- Appended as documents come, the date-carrying key indexed (see bodies below).
CREATE TABLE documents (
  doc INTEGER NOT NULL UNIQUE,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  path TEXT,
  title TEXT,
  date TEXT,
  ym INTEGER NOT NULL,
  kind TEXT NOT NULL,
  mode TEXT NOT NULL,
  format TEXT NOT NULL,
  countries TEXT NOT NULL,
  topics TEXT NOT NULL,
  participants TEXT NOT NULL,
  statement_count INTEGER NOT NULL,
  extractor_version TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  linked INTEGER NOT NULL DEFAULT 0 -- 1: a later readout of a meeting stored before (links): counted in no meeting
);
CREATE INDEX documents_path ON documents(path);
CREATE INDEX documents_linked ON documents(doc) WHERE linked = 1;
-- Bulky columns apart, so reading documents stays cheap; text and tags are doc_fts's content.
-- The two bulky tables keep their date-carrying key in an indexed column rather than as the rowid: rows are
-- then appended at the end of the file as they come, where a rowid that is a date put each one amid a
-- gigabyte of pages (a page read, a split, two page writes); the key's index is small enough to stay cached.
CREATE TABLE bodies (
  doc INTEGER NOT NULL UNIQUE,
  text TEXT NOT NULL,
  tags TEXT NOT NULL,
  record TEXT NOT NULL,
  raw BLOB
);
CREATE TABLE statements (
  sid INTEGER NOT NULL UNIQUE,
  doc INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  ym INTEGER NOT NULL,
  item TEXT,
  act TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  speakers TEXT NOT NULL,
  speaker_countries TEXT NOT NULL,
  topics TEXT NOT NULL,
  text TEXT NOT NULL,
  tags TEXT NOT NULL
);
-- Narrow, so "by whom" counts over thousands of statements stay in cache (statements rows are wide): two small
-- integers a row, the names once in speakers.
CREATE TABLE speakers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE statement_speakers (sid INTEGER NOT NULL, speaker INTEGER NOT NULL, PRIMARY KEY (sid, speaker)) WITHOUT ROWID;
${ROLLUP_SCHEMA}
${BLOCKS_SCHEMA}
${FETCHES_SCHEMA}
${LINKS_SCHEMA}
CREATE TABLE failures (path TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE VIRTUAL TABLE doc_fts USING fts5(text, tags, content = 'bodies', content_rowid = 'doc', ${FTS_OPTIONS});
CREATE VIRTUAL TABLE statement_fts USING fts5(text, tags, content = 'statements', content_rowid = 'sid', ${FTS_OPTIONS});
`;

interface DocRow {
  doc: number; id: string; sha256: string; path: string | null; title: string | null; date: string | null; ym: number;
  kind: string; mode: string; format: string; countries: string; topics: string; participants: string;
  statement_count: number; extractor_version: string; ingested_at: string;
}

/** Opens (creating when `create` is not false) an archive file. Throws a one-line Error for a bad path. */
export function openSqliteStore(path: string, options: { create?: boolean; readonly?: boolean } = {}): Store {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: options.create === false, readonly: options.readonly ?? false });
    // First: the switch to WAL, and all else, waits for another process rather than failing at once.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!db.readonly) db.pragma('journal_mode = WAL');
  } catch (err) {
    throw new Error(`cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return new SqliteStore(db);
  } catch (err) {
    db.close();
    throw err;
  }
}

interface Match { docFts: string | null; stmtFts: string | null; dayFrom: number; dayTo: number; docText: string | null; year: number | null }

class SqliteStore implements Store {
  private readonly stmts = new Map<string, Database.Statement>();
  /** Rollup deltas of the open transaction by rollup row id (series id * YM_SHIFT + ym); zero where none. */
  private readonly pendingRollup = new Map<number, number>();
  /** Rollup series keys to their ids in `rollup_series`; forgotten on rollback, like speakerIds. */
  private readonly seriesIds = new Map<string, number>();
  /** Documents written in the open transaction, to the document keys they take: their FTS5 rows go in at commit. */
  private readonly unindexed = new Map<number, number>();
  /** Speaker names to their ids in `speakers`; forgotten on rollback, which may take new ids back. */
  private readonly speakerIds = new Map<string, number>();

  /** Which readouts report one meeting (meeting-links.ts). */
  private readonly links: MeetingLinks;

  constructor(private readonly db: Database.Database) {
    this.links = new MeetingLinks(db, DOC_SHIFT);
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (db.readonly) {
      if (version === 0) throw new Error('empty database opened read-only');
      if (MIGRATED.has(version)) throw new Error(`archive schema version ${version} is migrated when opened for writing`);
      throw unsupported(version);
    }
    // Under the write lock, the version read again: another process may have created or migrated it meanwhile.
    this.transaction(() => this.setUp(db.pragma('user_version', { simple: true }) as number));
  }

  private setUp(version: number): void {
    const db = this.db;
    if (version === SCHEMA_VERSION) return;
    if (version === 0) {
      const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
      if (tables.n > 0) throw new Error('not a readout archive (the database has other tables)');
      db.exec(SCHEMA);
      for (const fts of ['doc_fts', 'statement_fts']) {
        // Pending FTS5 updates stay in memory up to 4 MB per table (default 1 MB): fewer, larger segments at ingest.
        db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('hashsize', ${4 << 20})`);
        // Merge segments 8 at a time (default 4): half the merge work while a large archive is ingested.
        db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('automerge', 8)`);
      }
    } else if (MIGRATED.has(version)) {
      // meeting links first: the later steps rewrite documents, which links and documents.linked follow
      if (version <= 9) {
        db.exec(`${LINKS_SCHEMA}
          ALTER TABLE documents ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
          CREATE INDEX documents_linked ON documents(doc) WHERE linked = 1;`);
      }
      if (version === 6) migrateRollup(db);
      if (version <= 7) this.migrateNonReadouts();
      if (version <= 8) db.exec(FETCHES_SCHEMA);
    } else {
      throw unsupported(version);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  /** Schema 7 stored texts that are not readouts as undated meetings: they move to their own keys, out of the
   *  rollup. */
  private migrateNonReadouts(): void {
    this.db.exec(BLOCKS_SCHEMA);
    const ids = this.db.prepare(`SELECT d.id FROM documents d JOIN bodies b ON b.doc = d.doc
      WHERE d.doc >= 0 AND d.statement_count = 0 AND d.countries = '[]'
      AND EXISTS (SELECT 1 FROM json_each(b.record, '$.warnings') w WHERE w.value LIKE 'not a readout%')`)
      .pluck().all() as string[];
    for (const id of ids) {
      const doc = this.get(id)!;
      this.replaceRecord(id, doc.record, doc.extractorVersion);
    }
  }

  private q(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) { s = this.db.prepare(sql); this.stmts.set(sql, s); }
    return s;
  }

  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    this.begin();
    try {
      const out = fn();
      this.commit();
      return out;
    } catch (err) {
      this.rollback();
      throw err;
    }
  }

  /** IMMEDIATE: the write lock now, waited for (busy.ts). A deferred BEGIN takes it at the first write, and there, in
   *  WAL mode, fails at once when another writer holds it. */
  begin(): void {
    this.beginImmediate(true);
  }

  tryBegin(): boolean {
    return this.beginImmediate(false);
  }

  /** BEGIN IMMEDIATE with no busy timeout: polled here when `wait`, else false at once when another writer has it. */
  private beginImmediate(wait: boolean): boolean {
    this.db.pragma('busy_timeout = 0');
    try {
      if (wait) retryBusy(() => this.db.exec('BEGIN IMMEDIATE'));
      else this.db.exec('BEGIN IMMEDIATE');
      return true;
    } catch (err) {
      if (!wait && isBusy(err)) return false;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  commit(): void {
    this.index();
    this.flushRollup();
    this.db.exec('COMMIT');
  }

  rollback(): void {
    this.zeroRollup();
    this.unindexed.clear();
    this.speakerIds.clear();
    this.seriesIds.clear();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /**
   * FTS5 rows for the documents of the transaction, in rowid order: FTS5 writes its pending terms out as a new
   * segment whenever a rowid comes lower than the one before, and documents come in any date order, so inserting
   * them as they came made a segment of one or two documents at a time, and most of the ingest went into merging them.
   */
  private index(): void {
    const body = this.q('SELECT text, tags FROM bodies WHERE doc = ?').raw();
    const statements = this.q('SELECT sid, text, tags FROM statements WHERE sid BETWEEN ? AND ?').raw();
    const docFts = this.q('INSERT INTO doc_fts (rowid, text, tags) VALUES (?, ?, ?)');
    const statementFts = this.q('INSERT INTO statement_fts (rowid, text, tags) VALUES (?, ?, ?)');
    // Read back rather than kept from insert(): a batch of texts held in memory until the commit outlives
    // V8's young generation and swells the heap.
    for (const [doc, blocks] of [...this.unindexed].sort((a, b) => a[0] - b[0])) {
      docFts.run(doc, ...(body.get(doc) as [string, string]));
      const rows = statements.all(...this.statementKeys(doc, blocks)) as [number, string, string][];
      for (const row of rows) statementFts.run(...row);
    }
    this.unindexed.clear();
  }

  // Rollup deltas add up in memory over a transaction: a row repeated within the batch is one upsert at the commit.
  private bumpRollup(series: readonly string[], ym: number, sign: 1 | -1): void {
    // The ids first: a failure among them leaves the counts untouched.
    for (const row of series.map((key) => this.seriesId(key) * YM_SHIFT + ym)) {
      this.pendingRollup.set(row, (this.pendingRollup.get(row) ?? 0) + sign);
    }
  }

  private seriesId(key: string): number {
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      const [unit, dim, k] = splitSeries(key);
      const row = this.q('SELECT id FROM rollup_series WHERE unit = ? AND dim = ? AND key = ?').get(unit, dim, k) as { id: number } | undefined;
      id = row ? row.id : Number(this.q('INSERT INTO rollup_series (unit, dim, key) VALUES (?, ?, ?)').run(unit, dim, k).lastInsertRowid);
      if (id >= MAX_SERIES) throw new Error(`more than ${MAX_SERIES} rollup series`);
      this.seriesIds.set(key, id);
    }
    return id;
  }

  private flushRollup(): void {
    // One statement for the whole batch (documents in random date order leave ~17 rows a document): a call into
    // SQLite per row cost more than the upserts themselves. It runs after index(), so the statement journal it
    // opens makes FTS5 flush nothing it would not flush at the commit anyway.
    const packed = packRollupDeltas(this.pendingRollup);
    // Only a removal takes a count down to zero.
    const down: number[] = [];
    for (const [row, n] of this.pendingRollup) if (n < 0) down.push(row);
    if (packed.length) {
      this.q(`INSERT INTO rollup (id, n) SELECT value / ${DELTA_RANGE}, value % ${DELTA_RANGE} - ${DELTA_BIAS} FROM json_each(?) WHERE true
        ON CONFLICT (id) DO UPDATE SET n = n + excluded.n`).run(JSON.stringify(packed));
    }
    const drop = this.q('DELETE FROM rollup WHERE id = ? AND n <= 0');
    for (const row of down) drop.run(row);
    this.zeroRollup();
  }

  // Counts are set to zero rather than the map cleared: refilled from empty, its table was reallocated as it grew to
  // ~17,000 rows a batch, and those tables, alive through the batch, ended as old-generation garbage (about 1 KB a
  // document, over 100 MB in a large ingest before V8 collected it). Kept, it holds the rows the archive has touched.
  private zeroRollup(): void {
    if (this.pendingRollup.size > 500_000) { this.pendingRollup.clear(); return; }
    for (const row of this.pendingRollup.keys()) this.pendingRollup.set(row, 0);
  }

  has(sha256: string): boolean {
    const row = this.q('SELECT sha256 FROM documents WHERE id = ?').get(idOf(sha256)) as { sha256: string } | undefined;
    if (row && row.sha256 !== sha256) {
      throw new DocumentError(`id collision: ${idOf(sha256)} is taken by another document`);
    }
    return row !== undefined;
  }

  put(input: DocumentInput): { id: string; added: boolean } {
    const id = idOf(input.sha256);
    if (this.has(input.sha256)) return { id, added: false };
    let rows: DocumentRows;
    try {
      rows = documentRows(input);
    } catch (err) {
      throw unstorable(err);
    }
    return this.transaction(() => {
      this.atomically(() => {
        const doc = this.insert(rows, new Date().toISOString());
        if (rows.readout) this.syncCounted(this.links.autoLink(id, input.sha256, doc, input.record));
      });
      if (input.path) this.q('DELETE FROM failures WHERE path = ?').run(input.path);
      return { id, added: true };
    });
  }

  /**
   * One document's writes in a savepoint of the open transaction: when they fail, nothing of the document stays and
   * the transaction goes on (DocumentError). FTS5 writes its pending rows out at each savepoint, which once made
   * batches 3x slower, but a put leaves none pending: documents go into the FTS5 indexes at the commit.
   */
  private atomically(fn: () => void, undo?: () => void): void {
    this.q('SAVEPOINT document').run();
    try {
      fn();
      this.q('RELEASE document').run();
    } catch (err) {
      // The database's own failures (disk full, I/O) may have ended the transaction: they are not the document's.
      if (!this.db.inTransaction || !documentFault(err)) throw err;
      this.q('ROLLBACK TO document').run();
      this.q('RELEASE document').run();
      // Memory to match: insert() changes it last, when all its writes went through; ids cached meanwhile may be gone.
      undo?.();
      this.speakerIds.clear();
      this.seriesIds.clear();
      throw unstorable(err);
    }
  }

  /** The first free document key of a day (from `base`) for `blocks` keys. */
  private nextKey(base: number, blocks: number, date: string | null): number {
    const end = base + DOC_SHIFT - 1;
    const last = (table: string, key: string) =>
      (this.q(`SELECT max(${key}) FROM ${table} WHERE ${key} BETWEEN ? AND ?`).pluck().get(base, end) as number | null) ?? base - 1;
    const doc = Math.max(last('documents', 'doc'), last('doc_blocks', 'key')) + 1;
    if (doc + blocks - 1 > end) {
      throw new DocumentError(`more than ${DOC_SHIFT} documents dated ${date ?? '(no date)'}`);
    }
    return doc;
  }

  private insert(r: DocumentRows, at: string): number {
    const doc = this.nextKey((r.readout ? r.day : NON_READOUT_DAY) * DOC_SHIFT, r.blocks, r.date);
    this.q(`INSERT INTO documents (doc, id, sha256, path, title, date, ym, kind, mode, format, countries, topics, participants,
      statement_count, extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      doc, r.id, r.sha256, r.path, r.title, r.date, r.ym, r.kind, r.mode, r.format, r.countries, r.topics, r.participants,
      r.statementCount, r.extractorVersion, at);
    this.q('INSERT INTO bodies (doc, text, tags, record, raw) VALUES (?, ?, ?, ?, ?)').run(doc, r.text, r.tags, r.record, r.raw);
    const block = this.q('INSERT INTO doc_blocks (key, doc) VALUES (?, ?)');
    for (let k = doc + 1; k < doc + r.blocks; k++) block.run(k, doc);
    const statement = this.q(`INSERT INTO statements (sid, doc, idx, ym, item, act, span_start, span_end, speakers, speaker_countries, topics, text, tags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const speaker = this.q('INSERT INTO statement_speakers (sid, speaker) VALUES (?, ?)');
    for (const s of r.statements) {
      // The act sits in the rowid, so counts by act need no row read.
      const sid = doc * STMT_SHIFT + s.key;
      statement.run(sid, doc, s.idx, r.ym, s.item, s.act, s.spanStart, s.spanEnd, s.speakers, s.speakerCountries, s.topics, s.text, s.tags);
      for (const name of s.speakerNames) speaker.run(sid, this.speakerId(name));
    }
    this.bumpRollup(r.rollup, r.ym, 1);
    this.unindexed.set(doc, r.blocks);
    return doc;
  }

  /** The id of a speaker's name, added to `speakers` the first time it is seen. */
  private speakerId(name: string): number {
    let id = this.speakerIds.get(name);
    if (id === undefined) {
      const row = this.q('SELECT id FROM speakers WHERE name = ?').get(name) as { id: number } | undefined;
      id = row ? row.id : Number(this.q('INSERT INTO speakers (name) VALUES (?)').run(name).lastInsertRowid);
      this.speakerIds.set(name, id);
    }
    return id;
  }

  /** The statement keys of a document that takes `blocks` document keys. */
  private statementKeys(doc: number, blocks: number): [number, number] {
    return [doc * STMT_SHIFT, (doc + blocks) * STMT_SHIFT - 1];
  }

  /** Takes a document out entirely (rows, FTS entries, rollup counts); gives back what puts its counts and FTS5 turn
   *  back in memory, for a savepoint that takes the removal back. */
  private remove(doc: number): () => void {
    const body = this.q(`SELECT b.text, b.tags, b.record, d.ym, d.linked FROM bodies b JOIN documents d ON d.doc = b.doc
      WHERE b.doc = ?`).get(doc) as { text: string; tags: string; record: string; ym: number; linked: number };
    const pending = this.unindexed.get(doc);
    const blocks = pending ?? (this.q('SELECT count(*) FROM doc_blocks WHERE doc = ?').pluck().get(doc) as number) + 1;
    const sids = this.statementKeys(doc, blocks);
    // A document written in this transaction is not in the FTS indexes yet.
    if (pending === undefined) {
      // Rows as arrays, the mode index() sets on this cached statement.
      for (const row of this.q('SELECT sid, text, tags FROM statements WHERE sid BETWEEN ? AND ?').raw().all(...sids) as [number, string, string][]) {
        this.q(`INSERT INTO statement_fts (statement_fts, rowid, text, tags) VALUES ('delete', ?, ?, ?)`).run(...row);
      }
      this.q(`INSERT INTO doc_fts (doc_fts, rowid, text, tags) VALUES ('delete', ?, ?, ?)`).run(doc, body.text, body.tags);
    }
    this.q('DELETE FROM statement_speakers WHERE sid BETWEEN ? AND ?').run(...sids);
    this.q('DELETE FROM statements WHERE sid BETWEEN ? AND ?').run(...sids);
    this.q('DELETE FROM doc_blocks WHERE doc = ?').run(doc);
    this.q('DELETE FROM bodies WHERE doc = ?').run(doc);
    this.q('DELETE FROM documents WHERE doc = ?').run(doc);
    // Keys below 0 (not readouts) count in no series; those above in rollupSeries, whatever schema 7 stored there.
    // A linked readout's meeting counts were taken off when it was linked.
    const series = (doc >= 0 ? rollupSeries(JSON.parse(body.record) as ReadoutRecord) : [])
      .filter((k) => !body.linked || !k.startsWith(MEETING_SERIES));
    this.bumpRollup(series, body.ym, -1);
    this.unindexed.delete(doc);
    return () => {
      this.bumpRollup(series, body.ym, 1);
      if (pending !== undefined) this.unindexed.set(doc, pending);
    };
  }

  replaceRecord(id: string, record: ReadoutRecord, extractorVersion: string, text?: string): void {
    this.transaction(() => {
      const row = this.q(`SELECT d.doc, d.sha256, d.path, d.ingested_at, b.text, b.raw FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?`).get(id) as
        { doc: number; sha256: string; path: string | null; ingested_at: string; text: string; raw: Buffer | null } | undefined;
      if (!row) throw new Error(`no meeting with id ${id}`);
      // Before anything is written; the stored source bytes are kept as they are (already compressed).
      const rows = documentRows({ path: row.path, sha256: row.sha256, text: text ?? row.text, record, extractorVersion, raw: null });
      // The date may have changed, and with it the key: the document goes out and back in, or stays as it was.
      let undo = () => {};
      this.atomically(() => {
        undo = this.remove(row.doc);
        const doc = this.insert({ ...rows, raw: row.raw }, row.ingested_at);
        this.syncCounted(rows.readout ? this.links.autoLink(id, row.sha256, doc, record) : [id]);
      }, () => undo());
    });
  }

  recordFailure(path: string, reason: string): void {
    // In a transaction of its own when none is open: an implicit one could not wait for another writer.
    const upsert = this.q(`INSERT INTO failures (path, reason, at) VALUES (?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, at = excluded.at`);
    this.transaction(() => upsert.run(path, reason, new Date().toISOString()));
  }

  failures(): IngestFailure[] {
    return this.q('SELECT path, reason, at FROM failures ORDER BY at, path').all() as IngestFailure[];
  }

  fetchState(url: string): FetchState | null {
    const row = this.q('SELECT etag, last_modified AS lastModified, sha256 FROM fetches WHERE url = ?').get(url);
    return (row as FetchState | undefined) ?? null;
  }

  recordFetch(url: string, state: FetchState): void {
    const upsert = this.q(`INSERT INTO fetches (url, etag, last_modified, sha256, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
      sha256 = excluded.sha256, at = excluded.at`);
    this.transaction(() => upsert.run(url, state.etag, state.lastModified, state.sha256, new Date().toISOString()));
  }

  // --- reading -------------------------------------------------------------------------------------------

  /**
   * A filter as FTS5 tag expressions (for documents, and for statements where act, topic and participant
   * apply to the statement itself) plus a day range.
   */
  private match(filter: MeetingFilter): Match {
    const both: string[] = [];
    const docOnly: string[] = [];
    const stmtOnly: string[] = [];
    const term = (t: string) => `"${t}"`;
    if (filter.country) both.push(term(tag('c', filter.country)));
    if (filter.kind) both.push(term(tag('k', filter.kind)));
    if (filter.mode) both.push(term(tag('m', filter.mode)));
    if (filter.topic) both.push(term(tag('t', filter.topic)));
    if (filter.act) both.push(term(tag('a', filter.act)));
    if (filter.participant) {
      const m = resolveParticipant(filter.participant);
      const alts = [...m.actorIds.map((x) => tag('p', x)), ...m.names.map((x) => tag('n', x)),
        ...m.surnames.map((x) => tag(m.surnameOnlyUnlinked ? 'u' : 's', x))];
      both.push(`(${[...new Set(alts)].map(term).join(' OR ')})`);
    }
    const tags = (extra: string[]) => (extra.length ? `tags : (${extra.join(' AND ')})` : null);
    const text = filter.text ? `text : (${toFtsQuery(filter.text)})` : null;
    const docParts = [text, tags([...both, ...docOnly])].filter(Boolean);
    const stmtParts = [tags([...both, ...stmtOnly])].filter(Boolean);
    const { dayFrom, dayTo } = dayRange(filter);
    return {
      docFts: docParts.length ? docParts.join(' AND ') : null, stmtFts: stmtParts.length ? stmtParts.join(' AND ') : null,
      dayFrom, dayTo, docText: filter.text ? toFtsQuery(filter.text) : null, year: filter.year ?? null,
    };
  }

  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      const problem = searchProblem((err as Error).message);
      if (problem) throw new UsageError(`bad search query: ${problem}`);
      throw err;
    }
  }

  private summary(row: DocRow, readouts = true): MeetingSummary {
    return {
      id: row.id, title: row.title, date: row.date, kind: row.kind, mode: row.mode, format: row.format,
      countries: JSON.parse(row.countries) as string[], participants: JSON.parse(row.participants) as MeetingSummary['participants'],
      topics: JSON.parse(row.topics) as string[], statementCount: row.statement_count, path: row.path,
      readouts: readouts ? this.readouts(row.id) : [],
    };
  }

  /** Rowid bounds of documents in the day range. */
  private docRange(m: Match): [number, number] {
    return [m.dayFrom * DOC_SHIFT, m.dayTo === Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : (m.dayTo + 1) * DOC_SHIFT - 1];
  }

  meetings(filter: MeetingFilter, page: Page = {}): { total: number; items: MeetingSummary[] } {
    return this.run(() => {
      const m = this.match(filter);
      const [lo, hi] = this.docRange(m);
      // a meeting once, by its first readout, unless readouts are counted
      const once = filter.count !== 'readouts';
      const firstOnly = (key: string) =>
        (once ? ` AND ${key} NOT IN (SELECT doc FROM documents WHERE linked = 1)` : '');
      let total: number;
      let docs: number[];
      if (m.docFts) {
        const where = `doc_fts MATCH ? AND rowid BETWEEN ? AND ?${firstOnly('doc_fts.rowid')}`;
        total = (this.q(`SELECT count(*) AS n FROM doc_fts WHERE ${where}`).get(m.docFts, lo, hi) as { n: number }).n;
        docs = (this.q(`SELECT rowid AS doc FROM doc_fts WHERE ${where} ORDER BY rowid DESC LIMIT ? OFFSET ?`)
          .all(m.docFts, lo, hi, page.limit ?? -1, page.offset ?? 0) as { doc: number }[]).map((r) => r.doc);
      } else {
        const where = `doc BETWEEN ? AND ?${once ? ' AND linked = 0' : ''}`;
        // Without a date range the count reads the smallest index rather than the table.
        total = lo <= 0 && hi === Number.MAX_SAFE_INTEGER
          ? this.count() - (lo < 0 ? 0 : this.nonReadouts()) - (once ? this.linkedCount() : 0)
          : (this.q(`SELECT count(*) AS n FROM documents WHERE ${where}`).get(lo, hi) as { n: number }).n;
        docs = (this.q(`SELECT doc FROM documents WHERE ${where} ORDER BY doc DESC LIMIT ? OFFSET ?`)
          .all(lo, hi, page.limit ?? -1, page.offset ?? 0) as { doc: number }[]).map((r) => r.doc);
      }
      const one = this.q('SELECT * FROM documents WHERE doc = ?');
      return { total, items: docs.map((d) => this.summary(one.get(d) as DocRow, page.readouts !== false)) };
    });
  }

  linkedCount(): number {
    return this.q('SELECT count(*) FROM documents WHERE linked = 1').pluck().get() as number;
  }

  /** Brings `documents.linked` and the meeting counts of the rollup in line with `links` for these documents: a
   *  readout that joined a meeting stops counting as one, one that left it counts again. */
  private syncCounted(ids: readonly string[]): void {
    for (const id of ids) {
      const row = this.q(`SELECT d.doc, d.ym, d.linked, b.record FROM documents d JOIN bodies b ON b.doc = d.doc
        WHERE d.id = ?`).get(id) as { doc: number; ym: number; linked: number; record: string } | undefined;
      if (!row || row.doc < 0) continue;
      const linked = this.links.linkOf(id) ? 1 : 0;
      if (linked === row.linked) continue;
      this.q('UPDATE documents SET linked = ? WHERE doc = ?').run(linked, row.doc);
      const series = rollupSeries(JSON.parse(row.record) as ReadoutRecord).filter((k) => k.startsWith(MEETING_SERIES));
      this.bumpRollup(series, row.ym, linked ? -1 : 1);
    }
  }

  /** The readouts of the meeting a document reports, its first one first. */
  readouts(id: string): ReadoutRef[] {
    const ref = this.q(`SELECT d.id, d.sha256, d.path, d.title, json_extract(b.record, '$.source.url') AS url,
      json_extract(b.record, '$.source.publisher') AS publisher,
      json_extract(b.record, '$.source.publishedDate') AS publishedDate
      FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?`);
    return this.links.readoutsOf(this.links.meetingOf(id)).map((r) => ref.get(r) as ReadoutRef | undefined)
      .filter((r): r is ReadoutRef => r !== undefined);
  }

  meetingOf(id: string): string { return this.links.meetingOf(id); }

  linkOf(id: string): MeetingLink | null { return this.links.linkOf(id); }

  link(a: string, b: string): string {
    return this.transaction(() => {
      const { meeting, touched } = this.links.link(this.refOf(a), this.refOf(b));
      this.syncCounted(touched);
      return meeting;
    });
  }

  unlink(a: string): void {
    this.transaction(() => this.syncCounted(this.links.unlink(this.refOf(a))));
  }

  private refOf(id: string): { id: string; sha256: string } {
    const row = this.q('SELECT id, sha256 FROM documents WHERE id = ?').get(id) as
      { id: string; sha256: string } | undefined;
    if (!row) throw new UsageError(`no document with id ${id}`);
    return row;
  }

  private stored(row: DocRow & { text: string; record: string }): StoredDocument {
    return {
      id: row.id, path: row.path, sha256: row.sha256, text: row.text, record: parseRecord(row.record, row.text),
      extractorVersion: row.extractor_version, ingestedAt: row.ingested_at,
    };
  }

  get(id: string): StoredDocument | null {
    const row = this.q('SELECT d.*, b.text, b.record FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?').get(id) as (DocRow & { text: string; record: string }) | undefined;
    return row ? this.stored(row) : null;
  }

  findByPathOrSha(key: string): StoredDocument | null {
    const k = key.trim();
    const lower = k.toLowerCase();
    let row: { id: string } | undefined;
    if (/^[0-9a-f]{64}$/i.test(k)) row = this.q('SELECT id FROM documents WHERE id = ? AND sha256 = ?').get(idOf(lower), lower) as { id: string } | undefined;
    else if (/^[0-9a-f]{16}$/i.test(k)) row = this.q('SELECT id FROM documents WHERE id = ?').get(lower) as { id: string } | undefined;
    row ??= this.q('SELECT id FROM documents WHERE path = ? ORDER BY doc DESC LIMIT 1').get(k) as { id: string } | undefined;
    if (!row && !/[/\\]/.test(k)) {
      // A bare file name, when one ingested path ends with it.
      const hits = this.q(`SELECT id FROM documents WHERE path = ? OR path LIKE ? ESCAPE '\\' LIMIT 2`).all(k, `%/${k.replace(/[%_\\]/g, '\\$&')}`) as { id: string }[];
      if (hits.length === 1) row = hits[0];
    }
    if (!row && /^[0-9a-f]{6,15}$/i.test(k)) {
      const hits = this.q('SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2').all(lower, lower + 'g') as { id: string }[];
      if (hits.length === 1) row = hits[0];
    }
    return row ? this.get(row.id) : null;
  }

  source(id: string): Uint8Array | null {
    const row = this.q('SELECT b.text, b.raw FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?').get(id) as { text: string; raw: Buffer | null } | undefined;
    if (!row) return null;
    return row.raw ? gunzipSync(row.raw) : Buffer.from(row.text, 'utf8');
  }

  /** Newest meetings first, then text order within a meeting (on a page). */
  search(query: string, filter: MeetingFilter, page: Page = {}, options: SearchOptions = {}): SearchResult {
    return this.run(() => {
      const m = this.match(filter);
      const fts = [`text : (${toFtsQuery(query)})`, m.stmtFts].filter(Boolean).join(' AND ');
      const [lo, hi] = this.docRange(m);
      const range = this.statementRange(lo, hi);
      // A statement's document is its key's, or the one whose further block it sits in (a lookup only when some
      // document has further blocks: it made a search with a document filter a third slower).
      const key = `statement_fts.rowid >> ${STMT_BITS}`;
      const blocks = this.q('SELECT EXISTS (SELECT 1 FROM doc_blocks)').pluck().get() as number;
      const docOf = blocks ? `coalesce((SELECT doc FROM doc_blocks WHERE key = ${key}), ${key})` : key;
      const textCond = m.docText ? `AND ${docOf} IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)` : '';
      const textParam = m.docText ? [`text : (${m.docText})`] : [];
      // Counting stops at SEARCH_COUNT_CAP: a word in every other statement would otherwise cost a full doclist walk.
      const counted = (this.q(`SELECT count(*) AS n FROM (SELECT rowid FROM statement_fts WHERE statement_fts MATCH ? AND rowid BETWEEN ? AND ? ${textCond} LIMIT ?)`)
        .get(fts, ...range, ...textParam, SEARCH_COUNT_CAP + 1) as { n: number }).n;
      const total = Math.min(counted, SEARCH_COUNT_CAP);
      const rows = this.q(`SELECT rowid AS sid, snippet(statement_fts, 0, ?, ?, '…', ?) AS snippet FROM statement_fts
          WHERE statement_fts MATCH ? AND rowid BETWEEN ? AND ? ${textCond}
          ORDER BY rowid DESC LIMIT ? OFFSET ?`)
        .all(options.open ?? '[', options.close ?? ']', options.tokens ?? 40, fts, ...range, ...textParam, page.limit ?? 20, page.offset ?? 0) as { sid: number; snippet: string }[];
      const info = this.q(`SELECT d.id, d.title, d.date, s.doc, s.idx, s.act, s.speakers, s.span_start, s.span_end
        FROM statements s JOIN documents d ON d.doc = s.doc WHERE s.sid = ?`);
      // FTS5 walks rowids backwards without sorting; within one meeting the page reads in text order.
      const hits = rows.map((h) => {
          const r = info.get(h.sid) as { id: string; title: string | null; date: string | null; doc: number; idx: number; act: string;
            speakers: string; span_start: number; span_end: number };
          return {
            meetingId: r.id, title: r.title, date: r.date, statementIndex: r.idx, act: r.act, speakers: JSON.parse(r.speakers) as string[],
            snippet: h.snippet, span: [r.span_start, r.span_end] as [number, number], doc: r.doc,
          };
        });
      hits.sort((a, b) => b.doc - a.doc || a.statementIndex - b.statementIndex);
      return { total, ...(counted > SEARCH_COUNT_CAP ? { totalCapped: true } : {}), items: hits.map(({ doc: _doc, ...hit }) => hit) };
    });
  }

  stats(by: 'month' | 'year', dimension: StatsDimension | null, filter: MeetingFilter): StatsRow[] {
    return this.run(() => this.count_(statsUnit(dimension, filter), by, dimension, filter));
  }

  private count_(unit: 'meetings' | 'statements', by: 'month' | 'year', dimension: StatsDimension | null, filter: MeetingFilter): StatsRow[] {
    const m = this.match(filter);
    const period = by === 'month'
      ? `CASE WHEN ym = 0 THEN 'unknown' ELSE printf('%04d-%02d', ym / 100, ym % 100) END`
      : `CASE WHEN ym = 0 THEN 'unknown' ELSE CAST(ym / 100 AS TEXT) END`;
    const order = 'GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2';
    const rolled = this.rollupRange(filter, m, unit, dimension);
    if (rolled) {
      return this.q(`SELECT ${period} AS period, key, sum(n) AS count FROM ${rollupRows('s.unit = ? AND s.dim = ?')} ${order}`)
        .all(rolled[0], rolled[1], unit, dimension ?? '') as StatsRow[];
    }
    const cube = this.actTopicPlan(filter, dimension, unit);
    if (cube) {
      return this.q(`SELECT ${period} AS period, ${cube.out} AS key, sum(n) AS count FROM ${rollupRows(`s.unit = 'statements' AND s.dim = ? AND ${cube.where}`)}
        ${order}`).all(cube.range[0], cube.range[1], cube.dim, ...cube.params) as StatsRow[];
    }
    const [lo, hi] = this.docRange(m);
    const dim = dimension ?? '';
    const once = unit === 'meetings' && filter.count !== 'readouts';
    const viaTags = this.statsFromTags(unit, by, dimension, m, lo, hi, once);
    if (viaTags) return viaTags;
    if (unit === 'meetings') {
      const key: Record<string, string> = { '': `''`, topic: 'x.value', country: 'x.value', participant: `x.value ->> '$.name'`, kind: 'kind', mode: 'mode' };
      const each: Record<string, string> = { topic: ', json_each(topics) x', country: ', json_each(countries) x', participant: ', json_each(participants) x' };
      const first = once ? ' AND linked = 0' : '';
      const source = m.docFts
        ? `(SELECT d.* FROM doc_fts JOIN documents d ON d.doc = doc_fts.rowid WHERE doc_fts MATCH ?
            AND doc_fts.rowid BETWEEN ? AND ?${first})`
        : `(SELECT * FROM documents WHERE doc BETWEEN ? AND ?${first})`;
      return this.q(`SELECT ${period} AS period, ${key[dim] ?? `''`} AS key, count(*) AS count FROM ${source}${each[dim] ?? ''} ${order}`)
        .all(...(m.docFts ? [m.docFts] : []), lo, hi) as StatsRow[];
    }
    if (dim === 'participant' && !m.docText) return this.speakerStats(by, m, lo, hi);
    const key: Record<string, string> = { '': `''`, act: 'act', kind: 'kind', mode: 'mode', topic: 'x.value', country: 'x.value', participant: 'x.value' };
    const each: Record<string, string> = { topic: ', json_each(topics) x', country: ', json_each(speaker_countries) x', participant: ', json_each(speakers) x' };
    const range = this.statementRange(lo, hi);
    const withDoc = dim === 'kind' || dim === 'mode' ? ', d.kind, d.mode' : '';
    const join = withDoc ? ' JOIN documents d ON d.doc = s.doc' : '';
    const text = m.docText ? ' AND s.doc IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)' : '';
    const source = m.stmtFts
      ? `(SELECT s.*${withDoc} FROM statement_fts JOIN statements s ON s.sid = statement_fts.rowid${join} WHERE statement_fts MATCH ? AND statement_fts.rowid BETWEEN ? AND ?${text})`
      : `(SELECT s.*${withDoc} FROM statements s${join} WHERE s.sid BETWEEN ? AND ?${text})`;
    return this.q(`SELECT ${period} AS period, ${key[dim] ?? `''`} AS key, count(*) AS count FROM ${source}${each[dim] ?? ''} ${order}`)
      .all(...(m.stmtFts ? [m.stmtFts] : []), ...range, ...(m.docText ? [`text : (${m.docText})`] : [])) as StatsRow[];
  }

  /**
   * Stats from FTS5 alone when the dimension is a tag: one rowid list per key (filter AND key tag), each rowid
   * giving its period (rowids carry the day). No row is read, which keeps 100,000-row counts within milliseconds.
   */
  private statsFromTags(unit: 'meetings' | 'statements', by: 'month' | 'year', dimension: StatsDimension | null,
    m: Match, lo: number, hi: number, once: boolean): StatsRow[] | null {
    const prefix: Partial<Record<StatsDimension, string>> = unit === 'meetings'
      ? { topic: 't', country: 'c', kind: 'k', mode: 'm' }
      : { act: 'a', topic: 't', kind: 'k', mode: 'm' };
    if (dimension && !prefix[dimension]) return null;
    // Keys come from the rollup, which counts no text that is not a readout.
    if ((unit === 'statements' && m.docText) || m.dayFrom < 0) return null;
    const base = unit === 'meetings' ? m.docFts : m.stmtFts;
    const table = unit === 'meetings' ? 'doc_fts' : 'statement_fts';
    const range = unit === 'meetings' ? [lo, hi] : this.statementRange(lo, hi);
    const perDoc = unit === 'meetings' ? DOC_SHIFT : DOC_SHIFT * STMT_SHIFT;
    // The act is read off the rowid: one pass. Other dimensions: one pass per key.
    const actFromRowid = unit === 'statements' && dimension === 'act';
    let keys: string[] = [''];
    if (dimension && !actFromRowid) {
      keys = this.q(`SELECT key FROM rollup_series s WHERE unit = ? AND dim = ?
        AND EXISTS (SELECT 1 FROM rollup WHERE id BETWEEN s.id * ${YM_SHIFT} AND s.id * ${YM_SHIFT} + ${YM_SHIFT - 1})`).pluck().all(unit, dimension) as string[];
    }
    if (!dimension && !base) return null;
    const counts = new Map<string, number>();
    // a meeting's later readouts, which count in no meeting (a partial index: cheap when few are linked)
    const linked = once ? new Set(this.q('SELECT doc FROM documents WHERE linked = 1 AND doc BETWEEN ? AND ?').pluck()
      .all(lo, hi) as number[]) : null;
    const rowids = this.q(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid BETWEEN ? AND ?`).pluck();
    const all = this.q(`SELECT ${unit === 'meetings' ? 'doc' : 'sid'} FROM ${unit === 'meetings' ? 'documents WHERE doc' : 'statements WHERE sid'} BETWEEN ? AND ?`).pluck();
    for (const key of keys) {
      const keyTerm = dimension && !actFromRowid ? `tags : "${tag(prefix[dimension]!, key)}"` : null;
      const match = [base, keyTerm].filter(Boolean).join(' AND ');
      const ids = (match ? rowids.all(match, ...range) : all.all(...range)) as number[];
      // Tally by (day, act slot) as numbers first; periods are named once per distinct day.
      const byDay = new Map<number, number>();
      for (const id of ids) {
        if (linked?.has(id)) continue;
        const slot = actFromRowid ? Math.floor((id % STMT_SHIFT) / ACT_SLOT) : 0;
        const k = Math.floor(id / perDoc) * 16 + slot;
        byDay.set(k, (byDay.get(k) ?? 0) + 1);
      }
      for (const [k, n] of byDay) {
        const name = `${periodOfDay(Math.floor(k / 16), by)}\u0001${actFromRowid ? ACTS[k % 16] : key}`;
        counts.set(name, (counts.get(name) ?? 0) + n);
      }
    }
    return [...counts].map(([k, count]) => { const [period, key] = k.split('\u0001') as [string, string]; return { period, key, count }; })
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  /** Statement counts by speaker: FTS5 rowids (or a rowid range) joined to the narrow speakers table; the period from the rowid. */
  private speakerStats(by: 'month' | 'year', m: Match, lo: number, hi: number): StatsRow[] {
    const range = this.statementRange(lo, hi);
    const rows = (m.stmtFts
      ? this.q(`SELECT x.sid, x.speaker FROM statement_fts JOIN statement_speakers x ON x.sid = statement_fts.rowid
          WHERE statement_fts MATCH ? AND statement_fts.rowid BETWEEN ? AND ?`).raw().all(m.stmtFts, ...range)
      : this.q('SELECT sid, speaker FROM statement_speakers WHERE sid BETWEEN ? AND ?').raw().all(...range)) as [number, number][];
    const names = new Map(this.q('SELECT id, name FROM speakers').raw().all() as [number, string][]);
    const perDoc = DOC_SHIFT * STMT_SHIFT;
    const counts = new Map<string, number>();
    for (const [sid, speaker] of rows) {
      const k = `${periodOfDay(Math.floor(sid / perDoc), by)}\u0001${names.get(speaker)}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return [...counts].map(([k, count]) => { const [period, key] = k.split('\u0001') as [string, string]; return { period, key, count }; })
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  private statementRange(lo: number, hi: number): [number, number] {
    return [lo * STMT_SHIFT, hi === Number.MAX_SAFE_INTEGER ? hi : (hi + 1) * STMT_SHIFT - 1];
  }

  /**
   * Statement counts filtered by act and/or topic only (plus whole months), split by act, topic or nothing:
   * read from the rollup's act+topic rows ("how often was Senkaku reaffirmed, per year").
   */
  private actTopicPlan(filter: MeetingFilter, dimension: StatsDimension | null, unit: 'meetings' | 'statements'):
    { dim: string; where: string; params: string[]; out: string; range: [number, number] } | null {
    if (unit !== 'statements' || (dimension && dimension !== 'act' && dimension !== 'topic')) return null;
    const { act, topic, from, to, year, includeNonReadouts, ...rest } = filter;
    if (Object.values(rest).some((v) => v !== undefined) || (!act && !topic) || includeNonReadouts) return null;
    const range = this.rollupRange({ from, to, year }, this.match({ from, to, year }), 'statements', null);
    if (!range) return null;
    const actOf = `substr(key, 1, instr(key, char(2)) - 1)`;
    const topicOf = `substr(key, instr(key, char(2)) + 1)`;
    const out = dimension === 'act' ? actOf : dimension === 'topic' ? topicOf : `''`;
    if (act && topic) return { dim: 'act+topic', where: 'key = ?', params: [`${act}\u0002${topic}`], out, range };
    if (act) {
      if (dimension === 'topic') return { dim: 'act+topic', where: 'key >= ? AND key < ?', params: [`${act}\u0002`, `${act}\u0003`], out, range };
      return { dim: 'act', where: 'key = ?', params: [act], out: dimension === 'act' ? 'key' : `''`, range };
    }
    if (dimension === 'act') return { dim: 'act+topic', where: `${topicOf} = ?`, params: [topic!], out, range };
    return { dim: 'topic', where: 'key = ?', params: [topic!], out: dimension === 'topic' ? 'key' : `''`, range };
  }

  /** The ym bounds when the rollup answers the filter exactly: nothing but whole months or years. */
  private rollupRange(filter: MeetingFilter, m: Match, unit: 'meetings' | 'statements', dimension: StatsDimension | null): [number, number] | null {
    // The rollup counts no text that is not a readout, and a meeting once, however many readouts report it.
    if (dimension === 'participant' || filter.includeNonReadouts) return null;
    if (unit === 'meetings' && filter.count === 'readouts') return null;
    if (m.docFts || m.docText || (unit === 'statements' && m.stmtFts)) return null;
    const monthStart = (d: string) => d.length <= 7 || d.endsWith('-01');
    const monthEnd = (d: string) => d.length <= 7 || periodEnd(d.slice(0, 7)) === d;
    if (filter.from && !monthStart(filter.from)) return null;
    if (filter.to && !monthEnd(filter.to)) return null;
    let lo = filter.from || filter.to || filter.year !== undefined ? 1 : 0;
    let hi = 999999;
    if (filter.from) lo = Math.max(lo, ymOf(periodStart(filter.from)));
    if (filter.to) hi = Math.min(hi, ymOf(periodEnd(filter.to)));
    if (filter.year !== undefined) { lo = Math.max(lo, filter.year * 100 + 1); hi = Math.min(hi, filter.year * 100 + 12); }
    return [lo, hi];
  }

  facets(filter: MeetingFilter): Facets {
    return this.run(() => {
      const rows = (dim: StatsDimension | null) => this.count_('meetings', 'year', dim, filter);
      const top = (dim: StatsDimension, limit: number) => {
        const sums = new Map<string, number>();
        for (const r of rows(dim)) sums.set(r.key, (sums.get(r.key) ?? 0) + r.count);
        return [...sums].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, limit);
      };
      return {
        country: top('country', 50), participant: top('participant', 30), kind: top('kind', 10), mode: top('mode', 10), topic: top('topic', 50),
        year: rows(null).map((r) => ({ key: r.period, count: r.count })).reverse(),
      };
    });
  }

  staleIds(version: string): string[] {
    return (this.q('SELECT id FROM documents WHERE extractor_version <> ? ORDER BY doc').all(version) as { id: string }[]).map((r) => r.id);
  }

  stale(version: string): StoredDocument[] {
    return this.staleIds(version).map((id) => this.get(id)).filter((d): d is StoredDocument => d !== null);
  }

  /** Oldest meeting first; reads in pages by rowid, so writes between items are allowed. */
  *iterate(filter: MeetingFilter): Iterable<StoredDocument> {
    const m = this.run(() => this.match(filter));
    const [lo, hi] = this.docRange(m);
    const ids = m.docFts
      ? 'SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT 500'
      : 'SELECT doc AS rowid FROM documents WHERE doc > ? AND doc <= ? ORDER BY doc LIMIT 500';
    const one = this.q('SELECT d.*, b.text, b.record FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.doc = ?');
    let after = lo - 1;
    for (;;) {
      const rows = this.run(() => this.q(ids).all(...(m.docFts ? [m.docFts] : []), after, hi)) as { rowid: number }[];
      if (!rows.length) return;
      for (const r of rows) {
        const row = one.get(r.rowid) as (DocRow & { text: string; record: string }) | undefined;
        if (row) yield this.stored(row);
      }
      after = rows[rows.length - 1]!.rowid;
    }
  }

  count(): number { return (this.q('SELECT count(*) AS n FROM documents').get() as { n: number }).n; }

  private nonReadouts(): number {
    return this.q('SELECT count(*) FROM documents WHERE doc < 0').pluck().get() as number;
  }

  close(): void { if (this.db.open) this.db.close(); }
}

const periodCache = new Map<number, [string, string]>();
/** 'YYYY' or 'YYYY-MM' of a day number (0: 'unknown'). */
/** Rollup deltas as JSON numbers row * DELTA_RANGE + count + DELTA_BIAS; a count beyond the range goes in parts. */
export function packRollupDeltas(deltas: Map<number, number>): number[] {
  const packed: number[] = [];
  for (const [row, total] of deltas) {
    for (let n = total; n !== 0;) {
      const part = Math.max(1 - DELTA_BIAS, Math.min(DELTA_BIAS - 1, n));
      packed.push(row * DELTA_RANGE + part + DELTA_BIAS);
      n -= part;
    }
  }
  return packed;
}

/** The rollup's counts as rows (key, ym, n) of the series `where` selects (on s.unit, s.dim, s.key), within months
 *  given by the first two parameters: each series' months are one rowid range of `rollup`. */
const rollupRows = (where: string) => `(SELECT s.key AS key, r.id % ${YM_SHIFT} AS ym, r.n AS n FROM rollup_series s CROSS JOIN rollup r
  ON r.id BETWEEN s.id * ${YM_SHIFT} + ? AND s.id * ${YM_SHIFT} + ? WHERE ${where})`;

/** Schema 6 kept the rollup keyed by (unit, dim, ym, key) text; 7 by integers (see ROLLUP_SCHEMA). */
function migrateRollup(db: Database.Database): void {
  db.exec(`ALTER TABLE rollup RENAME TO rollup_v6; ${ROLLUP_SCHEMA}
    INSERT INTO rollup_series (unit, dim, key) SELECT DISTINCT unit, dim, key FROM rollup_v6 ORDER BY 1, 2, 3;
    INSERT INTO rollup (id, n) SELECT s.id * ${YM_SHIFT} + v.ym, v.n FROM rollup_v6 v JOIN rollup_series s USING (unit, dim, key) WHERE v.n > 0;
    DROP TABLE rollup_v6;`);
}

const unsupported = (version: number) => new Error(`archive schema version ${version} is not supported `
  + `(this readout reads ${SCHEMA_VERSION}; rebuild it with \`readout ingest\`)`);

const unstorable = (err: unknown) =>
  (err instanceof DocumentError ? err : new DocumentError(`cannot be stored: ${(err as Error).message}`, { cause: err }));

/** Whether a failed write is the document's doing (its values, its keys) rather than the database's (disk, I/O,
 *  locks). */
function documentFault(err: unknown): boolean {
  return !(err instanceof Database.SqliteError) || /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(err.code);
}

/** What was wrong with a search query, in plain words, from SQLite's message; null for another error. */
export function searchProblem(message: string): string | null {
  if (/unterminated/i.test(message)) return 'a quotation mark is not closed';
  if (/no such column/i.test(message)) return 'a word followed by ":" reads as a field name (put it in quotes)';
  if (/fts5|syntax error/i.test(message)) {
    return 'it is not words, "phrases", prefix* and AND, OR, NOT between them (check the quotes and parentheses)';
  }
  return null;
}

function periodOfDay(day: number, by: 'month' | 'year'): string {
  if (day <= 0) return 'unknown';
  let p = periodCache.get(day);
  if (!p) {
    const iso = isoOfDay(day);
    p = [iso.slice(0, 4), iso.slice(0, 7)];
    periodCache.set(day, p);
  }
  return by === 'year' ? p[0] : p[1];
}


