// The SQLite archive's tables and their version (PRAGMA user_version): opening creates them in an empty file, migrates
// the older versions it knows (under the write lock, when opened for writing), and refuses any other.
import type Database from 'better-sqlite3';
import { LINKS_SCHEMA } from '../meeting-links.js';
import { YM_SHIFT } from './rollup.js';

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

export const SCHEMA_VERSION = 10;
const MIGRATED = new Set([6, 7, 8, 9]); // earlier versions opened for writing are migrated (setUp)
// columnsize=0: no per-row length table (results are ordered by date, not bm25), one b-tree write less per row.
const FTS_OPTIONS = `tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'", columnsize = 0`;

// Month counts keyed by one integer (series * YM_SHIFT + yyyymm): an ingest batch upserts ~17 rows a document in
// random months, and integer-keyed upserts cost a quarter of what they cost keyed by (unit, dim, ym, key) text.
const ROLLUP_SCHEMA = `
CREATE TABLE rollup_series (id INTEGER PRIMARY KEY, unit TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL,
  UNIQUE (unit, dim, key));
CREATE TABLE rollup (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);`;

// What a web server said of each address ingested from it, for conditional requests when it is ingested again.
const FETCHES_SCHEMA = `
CREATE TABLE IF NOT EXISTS fetches (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, sha256 TEXT NOT NULL,
  at TEXT NOT NULL);`;

// The document keys a document takes after its own for its statements' further blocks (rows.ts), to that document;
// empty but for documents with more than 128 statements of one act.
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
CREATE TABLE statement_speakers (sid INTEGER NOT NULL, speaker INTEGER NOT NULL, PRIMARY KEY (sid, speaker))
  WITHOUT ROWID;
${ROLLUP_SCHEMA}
${BLOCKS_SCHEMA}
${FETCHES_SCHEMA}
${LINKS_SCHEMA}
CREATE TABLE failures (path TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE VIRTUAL TABLE doc_fts USING fts5(text, tags, content = 'bodies', content_rowid = 'doc', ${FTS_OPTIONS});
CREATE VIRTUAL TABLE statement_fts USING fts5(text, tags, content = 'statements', content_rowid = 'sid',
  ${FTS_OPTIONS});
`;

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the file to SCHEMA_VERSION, or throws a one-line Error. A file opened read-only must be current already;
 * otherwise `tx` runs the set-up in one write transaction, and `rewrite(id)` writes a stored document's rows anew
 * (a migration that moves documents).
 */
export function migrate(db: Database.Database, tx: (fn: () => void) => void, rewrite: (id: string) => void): void {
  const version = userVersion(db);
  if (version === SCHEMA_VERSION) return;
  if (db.readonly) {
    if (version === 0) throw new Error('empty database opened read-only');
    if (MIGRATED.has(version)) {
      throw new Error(`archive schema version ${version} is migrated when opened for writing`);
    }
    throw unsupported(version);
  }
  // Under the write lock, the version read again: another process may have created or migrated it meanwhile.
  tx(() => setUp(db, userVersion(db), rewrite));
}

function setUp(db: Database.Database, version: number, rewrite: (id: string) => void): void {
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
    if (version <= 7) migrateNonReadouts(db, rewrite);
    if (version <= 8) db.exec(FETCHES_SCHEMA);
  } else {
    throw unsupported(version);
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/** Schema 6 kept the rollup keyed by (unit, dim, ym, key) text; 7 by integers (see ROLLUP_SCHEMA). */
function migrateRollup(db: Database.Database): void {
  db.exec(`ALTER TABLE rollup RENAME TO rollup_v6; ${ROLLUP_SCHEMA}
    INSERT INTO rollup_series (unit, dim, key) SELECT DISTINCT unit, dim, key FROM rollup_v6 ORDER BY 1, 2, 3;
    INSERT INTO rollup (id, n) SELECT s.id * ${YM_SHIFT} + v.ym, v.n FROM rollup_v6 v
      JOIN rollup_series s USING (unit, dim, key) WHERE v.n > 0;
    DROP TABLE rollup_v6;`);
}

/** Schema 7 stored texts that are not readouts as undated meetings: they move to their own keys, out of the
 *  rollup. */
function migrateNonReadouts(db: Database.Database, rewrite: (id: string) => void): void {
  db.exec(BLOCKS_SCHEMA);
  const ids = db.prepare(`SELECT d.id FROM documents d JOIN bodies b ON b.doc = d.doc
    WHERE d.doc >= 0 AND d.statement_count = 0 AND d.countries = '[]'
    AND EXISTS (SELECT 1 FROM json_each(b.record, '$.warnings') w WHERE w.value LIKE 'not a readout%')`)
    .pluck().all() as string[];
  for (const id of ids) rewrite(id);
}

const unsupported = (version: number) => new Error(`archive schema version ${version} is not supported `
  + `(this readout reads ${SCHEMA_VERSION}; rebuild it with \`readout ingest\`)`);
