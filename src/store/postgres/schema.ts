// The archive's tables on PostgreSQL and their versions. MIGRATIONS[n] takes a database from version n to n + 1;
// opening runs those it lacks under an advisory lock (two processes opening a new database at once create it once),
// and refuses a database of a newer version than it knows.
import type { ReadoutRecord } from '../../record/schema.js';
import { rollupSeries } from '../rows.js';
import { tsvectorOf } from './lexemes.js';
import { rebuildRollup, ROLLUP_TABLE } from './rollup.js';
import type { Sql } from './sql.js';
import { one } from './sql.js';

// Order: a meeting's day (rows.ts day numbers; -1 for texts that are not readouts), then `seq`, which a document
// takes anew when its record is replaced, as SQLite's keys do. `search` is the text's lexemes as FTS5 splits and
// stems them (lexemes.ts; version 1 had the server make them with a configuration of its own); tags are rows.ts tag
// tokens, one GIN lookup per filter.
const V1 = `
CREATE TEXT SEARCH DICTIONARY readout_stem (TEMPLATE = snowball, language = english);
CREATE TEXT SEARCH CONFIGURATION readout_text (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION readout_text
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH readout_stem;
CREATE SEQUENCE documents_seq;
CREATE TABLE documents (
  doc bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  sha256 text NOT NULL UNIQUE,
  seq bigint NOT NULL DEFAULT nextval('documents_seq'),
  day integer NOT NULL,
  ym integer NOT NULL,
  readout boolean NOT NULL,
  linked boolean NOT NULL DEFAULT false, -- a later readout of a meeting stored before (links): counted in no meeting
  path text,
  title text,
  date text,
  kind text NOT NULL,
  mode text NOT NULL,
  format text NOT NULL,
  countries text[] NOT NULL,
  topics text[] NOT NULL,
  participants jsonb NOT NULL,
  statement_count integer NOT NULL,
  extractor_version text NOT NULL,
  ingested_at text NOT NULL,
  tags text[] NOT NULL,
  text text NOT NULL,
  record text NOT NULL,
  raw bytea,
  search tsvector NOT NULL
);
CREATE INDEX documents_order ON documents (day, seq);
CREATE INDEX documents_path ON documents (path);
CREATE INDEX documents_version ON documents (extractor_version);
CREATE INDEX documents_linked ON documents (doc) WHERE linked;
CREATE INDEX documents_tags ON documents USING gin (tags);
CREATE INDEX documents_search ON documents USING gin (search);
CREATE TABLE statements (
  doc bigint NOT NULL REFERENCES documents (doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  day integer NOT NULL,
  ym integer NOT NULL,
  act text NOT NULL,
  item text,
  span_start integer NOT NULL,
  span_end integer NOT NULL,
  speakers text[] NOT NULL,
  speaker_countries text[] NOT NULL,
  topics text[] NOT NULL,
  text text NOT NULL,
  tags text[] NOT NULL,
  search tsvector NOT NULL,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX statements_day ON statements (day);
CREATE INDEX statements_tags ON statements USING gin (tags);
CREATE INDEX statements_search ON statements USING gin (search);
CREATE TABLE links (id text PRIMARY KEY, meeting text NOT NULL, confidence double precision NOT NULL,
  reasons jsonb NOT NULL, manual boolean NOT NULL);
CREATE INDEX links_meeting ON links (meeting);
CREATE TABLE link_overrides (sha256 text PRIMARY KEY, op text NOT NULL, target text);
CREATE TABLE failures (path text PRIMARY KEY, reason text NOT NULL, at text NOT NULL);
CREATE TABLE fetches (url text PRIMARY KEY, etag text, last_modified text, sha256 text NOT NULL, at text NOT NULL);
`;

/** Version 2: the search vectors made by readout (lexemes.ts) rather than by the server's configuration, which goes,
 *  rewritten a thousand rows at a time; the month counts (rollup.ts); narrow document rows; a generation every write
 *  transaction moves (changeToken). */
const V2 = async (sql: Sql) => {
  for (const [table, key] of [['documents', ['doc']], ['statements', ['doc', 'idx']]] as const) {
    const cols = key.join(', ');
    let after: number[] = key.map(() => -1);
    for (;;) {
      const rows = await sql.rows<Record<string, number> & { text: string }>(`SELECT ${cols}, text FROM ${table}
        WHERE (${cols}) > (${key.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY ${cols} LIMIT 1000`, after);
      if (!rows.length) break;
      const vectors = rows.map((r) =>
        ({ ...Object.fromEntries(key.map((k) => [k, r[k]])), search: tsvectorOf(r.text) }));
      await sql.rows(`UPDATE ${table} t SET search = v.search FROM json_to_recordset($1::json)
        AS v (${key.map((k) => `${k} bigint`).join(', ')}, search tsvector) WHERE ${key.map((k) => `t.${k} = v.${k}`)
        .join(' AND ')}`, [JSON.stringify(vectors)]);
      const last = rows[rows.length - 1]!;
      after = key.map((k) => Number(last[k]));
    }
  }
  await sql.rows('DROP TEXT SEARCH CONFIGURATION readout_text');
  await sql.rows('DROP TEXT SEARCH DICTIONARY readout_stem');
  await sql.rows(ROLLUP_TABLE);
  await sql.rows(`INSERT INTO readout_meta (key, value) VALUES ('generation', '0') ON CONFLICT DO NOTHING`);
  await rebuildRollup(sql, (record) => rollupSeries(JSON.parse(record) as ReadoutRecord));
  // a document's text, record and vector kept out of its row (TOAST) down to a few hundred bytes, and what filters
  // and lists read kept in it (storage main): counts and filters that read rows read a narrow table
  await sql.rows(`ALTER TABLE documents SET (toast_tuple_target = 128),
    ${['id', 'sha256', 'path', 'title', 'date', 'kind', 'mode', 'format', 'countries', 'topics', 'participants',
    'extractor_version', 'ingested_at', 'tags'].map((c) => `ALTER COLUMN ${c} SET STORAGE MAIN`).join(', ')}`);
};

/** MIGRATIONS[n] takes version n to n + 1: SQL, or a function for what SQL alone cannot do. */
const MIGRATIONS: (string | ((sql: Sql) => Promise<void>))[] = [V1, V2];
export const SCHEMA_VERSION = MIGRATIONS.length;
/** The advisory lock every writer takes for its transaction (and opening, to migrate). */
export const WRITE_LOCK = 7_265_616_400;

const META = `CREATE TABLE IF NOT EXISTS readout_meta (key text PRIMARY KEY, value text NOT NULL)`;

// Tables looked up by a query (the statement's snapshot), not to_regclass, whose catalog cache may not yet see the
// tables another process created while we waited for the lock; both in one statement, so another process's commit
// between two lookups cannot show its documents without its readout_meta.
async function versionOf(sql: Sql): Promise<number> {
  const tables = await one<{ meta: string; documents: string }>(sql, `SELECT
    count(*) FILTER (WHERE tablename = 'readout_meta') AS meta,
    count(*) FILTER (WHERE tablename = 'documents') AS documents
    FROM pg_tables WHERE schemaname = current_schema()`);
  if (tables!.meta === '0') {
    if (tables!.documents !== '0') {
      throw new Error('not a readout archive (the database has a "documents" table of its own)');
    }
    return 0;
  }
  const row = await one<{ value: string }>(sql, `SELECT value FROM readout_meta WHERE key = 'schema_version'`);
  return row ? Number(row.value) : 0;
}

function refuseNewer(version: number): void {
  if (version > SCHEMA_VERSION) {
    throw new Error(`archive schema version ${version} is newer than this readout reads (${SCHEMA_VERSION}): `
      + 'upgrade readout to open it');
  }
}

/** Brings the database to SCHEMA_VERSION; `tx` runs a function in one transaction. */
export async function migrate(sql: Sql, tx: (fn: (sql: Sql) => Promise<void>) => Promise<void>,
  options: { create: boolean; where: string }): Promise<void> {
  const version = await versionOf(sql);
  refuseNewer(version);
  if (version === 0 && !options.create) {
    throw new Error(`no archive at ${options.where} (run \`readout ingest\` first, or give --db)`);
  }
  if (version === SCHEMA_VERSION) return;
  await tx(async (t) => {
    await t.rows('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    // read again under the lock: another process may have migrated meanwhile
    const now = await versionOf(t);
    refuseNewer(now);
    if (now === SCHEMA_VERSION) return;
    await t.rows(META);
    for (let v = now; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v]!;
      await (typeof step === 'string' ? t.rows(step) : step(t));
    }
    await t.rows(`INSERT INTO readout_meta (key, value) VALUES ('schema_version', $1)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(SCHEMA_VERSION)]);
  });
}
