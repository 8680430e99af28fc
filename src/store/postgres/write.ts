// Writing the archive on PostgreSQL: a document's rows (rows.ts), its statements, its meeting link. Every function
// runs inside a transaction that holds the write lock (index.ts), so writers take turns, a document's sha256 is
// stored once, and meeting identity sees every readout stored before.
import { gunzipSync } from 'node:zlib';
import type { ReadoutRecord } from '../../record/schema.js';
import { searchWords } from '../../query/fts.js';
import { NON_READOUT_DAY } from '../../query/resolve.js';
import { UsageError } from '../../query/filters.js';
import { documentRows, idOf, type DocumentRows } from '../rows.js';
import { DocumentError, type DocumentInput, type FetchState } from '../store.js';
import * as links from './links.js';
import { one, Params, TS_CONFIG, type Sql } from './sql.js';

const STATEMENTS_PER_INSERT = 500; // bound parameters stay far below PostgreSQL's 65,535

/** Whether a failed write is the document's doing (its values: class 22 data, 23 constraints, 54 limits such as a
 *  tsvector too long) rather than the database's. */
export function documentFault(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return err instanceof DocumentError || (typeof code === 'string' && /^(22|23|54)/.test(code));
}

export const unstorable = (err: unknown) =>
  (err instanceof DocumentError ? err : new DocumentError(`cannot be stored: ${(err as Error).message}`, { cause: err }));

/** The id's document's sha256, or null; a different document under the id is a collision. */
export async function stored(sql: Sql, sha256: string): Promise<boolean> {
  const row = await one<{ sha256: string }>(sql, 'SELECT sha256 FROM documents WHERE id = $1', [idOf(sha256)]);
  if (row && row.sha256 !== sha256) throw new DocumentError(`id collision: ${idOf(sha256)} is taken by another document`);
  return row !== undefined;
}

/** Rows for a document, checked before anything is written. */
export function rowsOf(input: DocumentInput): DocumentRows {
  try {
    const rows = documentRows(input);
    const item = rows.statements.find((s) => s.item !== null && typeof s.item !== 'string');
    if (item) throw new Error(`statement ${item.idx} has an item that is not text`);
    return rows;
  } catch (err) {
    throw unstorable(err);
  }
}

/** Inserts a document not stored yet; false when another writer stored it first. */
export async function insert(sql: Sql, r: DocumentRows, at: string, raw: Uint8Array | null): Promise<boolean> {
  const day = r.readout ? r.day : NON_READOUT_DAY;
  const p = new Params();
  const values = [r.id, r.sha256, day, r.ym, r.readout, r.path, r.title, r.date, r.kind, r.mode, r.format,
    JSON.parse(r.countries), JSON.parse(r.topics), r.participants, r.statementCount, r.extractorVersion, at,
    r.tags.split(' ').filter(Boolean), r.text, r.record, raw ? Buffer.from(raw) : null].map((v) => p.add(v));
  const search = `to_tsvector(${TS_CONFIG}, ${p.add(searchWords(r.text).join(' '))})`;
  const added = await sql.rows<{ doc: string }>(`INSERT INTO documents (id, sha256, day, ym, readout, path, title, date,
    kind, mode, format, countries, topics, participants, statement_count, extractor_version, ingested_at, tags, text,
    record, raw, search) VALUES (${values.join(', ')}, ${search}) ON CONFLICT DO NOTHING RETURNING doc`, p.values);
  if (!added.length) return false;
  await insertStatements(sql, added[0]!.doc, day, r);
  return true;
}

async function insertStatements(sql: Sql, doc: string, day: number, r: DocumentRows): Promise<void> {
  for (let at = 0; at < r.statements.length; at += STATEMENTS_PER_INSERT) {
    const p = new Params();
    const tuples = r.statements.slice(at, at + STATEMENTS_PER_INSERT).map((s) => {
      const v = [doc, s.idx, day, r.ym, s.act, s.item, s.spanStart, s.spanEnd, JSON.parse(s.speakers),
        JSON.parse(s.speakerCountries), JSON.parse(s.topics), s.text, s.tags.split(' ').filter(Boolean)]
        .map((x) => p.add(x));
      return `(${v.join(', ')}, to_tsvector(${TS_CONFIG}, ${p.add(searchWords(s.text).join(' '))}))`;
    });
    await sql.rows(`INSERT INTO statements (doc, idx, day, ym, act, item, span_start, span_end, speakers,
      speaker_countries, topics, text, tags, search) VALUES ${tuples.join(', ')}`, p.values);
  }
}

/** Adds a document (the caller holds the write lock, in a savepoint); false when it is stored already. */
export async function put(sql: Sql, input: DocumentInput): Promise<boolean> {
  if (await stored(sql, input.sha256)) return false;
  const rows = rowsOf(input);
  if (!await insert(sql, rows, new Date().toISOString(), rows.raw)) return false;
  if (rows.readout) await links.syncCounted(sql, await links.autoLink(sql, rows.id, rows.sha256, rows.day, input.record));
  if (input.path) await sql.rows('DELETE FROM failures WHERE path = $1', [input.path]);
  return true;
}

/** A new record (and text) for a stored document: its rows are written anew, its place in the order too. */
export async function replaceRecord(sql: Sql, id: string, record: ReadoutRecord, extractorVersion: string,
  text?: string): Promise<void> {
  const row = await one<{ sha256: string; path: string | null; ingested_at: string; text: string; raw: Buffer | null }>(
    sql, 'SELECT sha256, path, ingested_at, text, raw FROM documents WHERE id = $1', [id]);
  if (!row) throw new Error(`no meeting with id ${id}`);
  const rows = rowsOf({ path: row.path, sha256: row.sha256, text: text ?? row.text, record, extractorVersion, raw: null });
  // links rows stay (by id); the document goes out and back in
  await sql.rows('DELETE FROM documents WHERE id = $1', [id]);
  await insert(sql, rows, row.ingested_at, row.raw);
  await links.syncCounted(sql, rows.readout ? await links.autoLink(sql, id, row.sha256, rows.day, record) : [id]);
}

/** The stored bytes: the raw source (gzip) when kept, else the text. */
export function sourceBytes(row: { text: string; raw: Buffer | null }): Uint8Array {
  return row.raw ? gunzipSync(row.raw) : Buffer.from(row.text, 'utf8');
}

export async function recordFailure(sql: Sql, path: string, reason: string): Promise<void> {
  await sql.rows(`INSERT INTO failures (path, reason, at) VALUES ($1, $2, $3)
    ON CONFLICT (path) DO UPDATE SET reason = excluded.reason, at = excluded.at`, [path, reason, new Date().toISOString()]);
}

export async function recordFetch(sql: Sql, url: string, state: FetchState): Promise<void> {
  await sql.rows(`INSERT INTO fetches (url, etag, last_modified, sha256, at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
    sha256 = excluded.sha256, at = excluded.at`, [url, state.etag, state.lastModified, state.sha256, new Date().toISOString()]);
}

async function refOf(sql: Sql, id: string): Promise<{ id: string; sha256: string }> {
  const row = await one<{ id: string; sha256: string }>(sql, 'SELECT id, sha256 FROM documents WHERE id = $1', [id]);
  if (!row) throw new UsageError(`no document with id ${id}`);
  return row;
}

export async function link(sql: Sql, a: string, b: string): Promise<string> {
  const { meeting, touched } = await links.link(sql, await refOf(sql, a), await refOf(sql, b));
  await links.syncCounted(sql, touched);
  return meeting;
}

export async function unlink(sql: Sql, a: string): Promise<void> {
  await links.syncCounted(sql, await links.unlink(sql, await refOf(sql, a)));
}
