// Writing the archive on PostgreSQL: a document's rows (rows.ts), its statements, its meeting link. Every function
// runs inside a transaction that holds the write lock (index.ts), so writers take turns, a document's sha256 is
// stored once, and meeting identity sees every readout stored before.
import { gunzipSync } from 'node:zlib';
import type { ReadoutRecord } from '../../record/schema.js';
import { NON_READOUT_DAY } from '../../query/resolve.js';
import { UsageError } from '../../errors.js';
import { documentRows, idOf, MEETING_SERIES, rollupSeries, type DocumentRows } from '../rows.js';
import type { Put } from '../archive-store.js';
import { DocumentError, unstorable, type DocumentInput, type FetchState } from '../store.js';
import * as links from './links.js';
import { tsvectorOf } from './lexemes.js';
import { RollupDeltas } from './rollup.js';
import { one, type Sql } from './sql.js';

/** Whether a failed write is the document's doing (its values: class 22 data, 23 constraints, 54 limits such as a
 *  tsvector too long) rather than the database's. */
export function documentFault(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return err instanceof DocumentError || (typeof code === 'string' && /^(22|23|54)/.test(code));
}


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

/** A document of a batch to insert: its place in the batch, its rows, and its rows as the insert's JSON. */
type Fresh = { k: number; rows: DocumentRows; document: string; statements: string[] };
/** A batch made ready for the database: each document's rows, or why it cannot be stored. */
export interface Prepared { inputs: readonly DocumentInput[]; ready: (Fresh | DocumentError | null)[] }

/** The batch's rows and their JSON, made before the write lock is asked for (the CPU's part of a write, done while
 *  the server still writes the batch before); a repeat of a document earlier in the batch is null. */
export function prepareMany(inputs: readonly DocumentInput[]): Prepared {
  const seen = new Set<string>();
  const ready = inputs.map((input, k) => {
    if (seen.has(input.sha256)) return null;
    seen.add(input.sha256);
    try {
      const rows = rowsOf(input);
      return { k, rows, ...insertJson(rows) };
    } catch (err) {
      return unstorable(err);
    }
  });
  return { inputs, ready };
}

/** Adds documents in batch order, as put() one by one would (the caller holds the write lock): each is stored once
 *  by sha256, one that cannot be stored is refused alone, and each readout joins the meeting of one stored before it,
 *  earlier in the batch too. A dozen statements for the batch, whatever its size. */
export async function putMany(sql: Sql, batch: Prepared): Promise<(Put | DocumentError)[]> {
  const { inputs, ready } = batch;
  const out: (Put | DocumentError)[] = [];
  const first = new Map<string, number>(); // sha256 -> its first place; a repeat answers as the first did
  const ids = inputs.map((d) => idOf(d.sha256));
  const known = new Map((await sql.rows<{ id: string; sha256: string }>(
    'SELECT id, sha256 FROM documents WHERE id = ANY($1)', [ids])).map((r) => [r.id, r.sha256]));
  const fresh: Fresh[] = [];
  for (const [k, input] of inputs.entries()) {
    const id = idOf(input.sha256);
    const at = first.get(input.sha256);
    if (at !== undefined) { out.push(out[at] instanceof DocumentError ? out[at] : { id, added: false }); continue; }
    first.set(input.sha256, k);
    const holder = known.get(id);
    const made = ready[k]!;
    if (holder !== undefined) {
      out.push(holder === input.sha256 ? { id, added: false }
        : new DocumentError(`id collision: ${id} is taken by another document`));
    } else if (made instanceof DocumentError) {
      out.push(made);
    } else {
      fresh.push(made);
      known.set(id, input.sha256);
      out.push({ id, added: true });
    }
  }
  const at = new Date().toISOString();
  const seqs = await insertMany(sql, fresh, at).catch(async (err: unknown) => {
    if (!documentFault(err)) throw err;
    // a value the server refuses (insertMany rolled back): each in a savepoint, to refuse that one alone
    return insertEach(sql, fresh, at, (f, e) => { out[f.k] = unstorable(e); });
  });
  const added = fresh.filter((f) => seqs.has(f.rows.id));
  // another writer's meanwhile (ON CONFLICT)
  for (const f of fresh) {
    if (!seqs.has(f.rows.id) && !(out[f.k] instanceof DocumentError)) out[f.k] = { id: f.rows.id, added: false };
  }
  const deltas = new RollupDeltas();
  for (const f of added) deltas.add(f.rows.rollup, f.rows.ym, 1);
  await deltas.write(sql);
  const arrivals = added.filter((f) => f.rows.readout).map(({ k, rows }) => {
    const record = inputs[k]!.record;
    return { id: rows.id, sha256: rows.sha256, day: rows.day, seq: seqs.get(rows.id)!, record,
      countries: record.meeting.countries, participants: record.participants };
  });
  await links.syncCounted(sql, await links.autoLinkMany(sql, arrivals));
  const paths = added.flatMap((f) => (f.rows.path ? [f.rows.path] : []));
  if (paths.length) await sql.rows('DELETE FROM failures WHERE path = ANY($1)', [paths]);
  return out;
}

const DOCUMENT_COLUMNS = `id text, sha256 text, day integer, ym integer, readout boolean, path text, title text,
  date text, kind text, mode text, format text, countries text[], topics text[], participants jsonb,
  statement_count integer, extractor_version text, tags text[], text text, record json, raw bytea,
  search tsvector, ord integer`;
const STATEMENT_COLUMNS = `id text, idx integer, act text, item text, span_start integer, span_end integer,
  speakers text[], speaker_countries text[], topics text[], text text, tags text[], search tsvector`;

/** A document's row and its statements' as JSON objects of the insert's recordsets (`ord` set at insert). */
function insertJson(r: DocumentRows): { document: string; statements: string[] } {
  // The rows' JSON fields (countries, topics, participants, speakers, the record) go in as the text they are, not
  // parsed and written again; the record is a json value of the recordset, stored as its text.
  const q = JSON.stringify;
  const tags = (t: string) => q(t.split(' ').filter(Boolean));
  const document = `{"id":${q(r.id)},"sha256":${q(r.sha256)},"day":${r.readout ? r.day : NON_READOUT_DAY},`
    + `"ym":${r.ym},"readout":${r.readout},"path":${q(r.path)},"title":${q(r.title)},"date":${q(r.date)},`
    + `"kind":${q(r.kind)},"mode":${q(r.mode)},"format":${q(r.format)},"countries":${r.countries},`
    + `"topics":${r.topics},"participants":${r.participants},"statement_count":${r.statementCount},`
    + `"extractor_version":${q(r.extractorVersion)},"tags":${tags(r.tags)},"text":${q(r.text)},"record":${r.record},`
    + `"raw":${r.raw ? q(`\\x${Buffer.from(r.raw).toString('hex')}`) : 'null'},"search":${q(tsvectorOf(r.text))}}`;
  const statements = r.statements.map((s) => `{"id":${q(r.id)},"idx":${s.idx},"act":${q(s.act)},"item":${q(s.item)},`
    + `"span_start":${s.spanStart},"span_end":${s.spanEnd},"speakers":${s.speakers},`
    + `"speaker_countries":${s.speakerCountries},"topics":${s.topics},"text":${q(s.text)},"tags":${tags(s.tags)},`
    + `"search":${q(tsvectorOf(s.text))}}`);
  return { document, statements };
}

/** One statement for the batch's documents and statements (rows as JSON, tsvectors made here: lexemes.ts), in batch
 *  order so `seq` follows it; the new documents' seq by id. In a savepoint: a refused value leaves nothing. */
async function insertMany(sql: Sql, fresh: Fresh[], at: string): Promise<Map<string, number>> {
  if (!fresh.length) return new Map();
  // each document's JSON object with its place in the batch added
  const documents = `[${fresh.map((f, ord) => `${f.document.slice(0, -1)},"ord":${ord}}`).join(',')}]`;
  const statements = `[${fresh.flatMap((f) => f.statements).join(',')}]`;
  await sql.rows('SAVEPOINT batch');
  try {
    const rows = await sql.rows<{ id: string; seq: string }>(`WITH d AS (
      INSERT INTO documents (id, sha256, day, ym, readout, path, title, date, kind, mode, format, countries, topics,
        participants, statement_count, extractor_version, ingested_at, tags, text, record, raw, search)
      SELECT id, sha256, day, ym, readout, path, title, date, kind, mode, format, countries, topics, participants,
        statement_count, extractor_version, $3, tags, text, record::text, raw, search
      FROM json_to_recordset($1::json) AS r (${DOCUMENT_COLUMNS}) ORDER BY ord
      ON CONFLICT DO NOTHING RETURNING doc, id, seq, day, ym
    ), s AS (
      INSERT INTO statements (doc, idx, day, ym, act, item, span_start, span_end, speakers, speaker_countries, topics,
        text, tags, search)
      SELECT d.doc, s.idx, d.day, d.ym, s.act, s.item, s.span_start, s.span_end, s.speakers, s.speaker_countries,
        s.topics, s.text, s.tags, s.search
      FROM json_to_recordset($2::json) AS s (${STATEMENT_COLUMNS}) JOIN d ON d.id = s.id
    ) SELECT id, seq FROM d`, [documents, statements, at]);
    await sql.rows('RELEASE SAVEPOINT batch');
    return new Map(rows.map((r) => [r.id, Number(r.seq)]));
  } catch (err) {
    await sql.rows('ROLLBACK TO SAVEPOINT batch').then(() => sql.rows('RELEASE SAVEPOINT batch'), () => {});
    throw err;
  }
}

/** The batch one document at a time (each in insertMany's savepoint): `refused` hears of those the server will not
 *  take. */
async function insertEach(sql: Sql, fresh: Fresh[], at: string, refused: (f: Fresh, err: unknown) => void):
  Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (const f of fresh) {
    try {
      for (const [id, seq] of await insertMany(sql, [f], at)) seqs.set(id, seq);
    } catch (err) {
      if (!documentFault(err)) throw err;
      refused(f, err);
    }
  }
  return seqs;
}

/** A new record (and text) for a stored document: its rows are written anew, its place in the order too. */
export async function replaceRecord(sql: Sql, id: string, record: ReadoutRecord, extractorVersion: string,
  text?: string): Promise<void> {
  const row = await one<{ sha256: string; path: string | null; ingested_at: string; text: string; raw: Buffer | null;
    record: string; readout: boolean; linked: boolean; ym: number }>(sql, `SELECT sha256, path, ingested_at, text, raw,
    record, readout, linked, ym FROM documents WHERE id = $1`, [id]);
  if (!row) throw new Error(`no meeting with id ${id}`);
  const rows = rowsOf({ path: row.path, sha256: row.sha256, text: text ?? row.text, record, extractorVersion, raw: null });
  rows.raw = row.raw; // kept as stored (gzip)
  // the old record's counts out, the new one's in (as a first readout: syncCounted below settles that)
  const deltas = new RollupDeltas();
  if (row.readout) {
    const old = rollupSeries(JSON.parse(row.record) as ReadoutRecord);
    deltas.add(row.linked ? old.filter((k) => !k.startsWith(MEETING_SERIES)) : old, row.ym, -1);
  }
  deltas.add(rows.rollup, rows.ym, 1);
  // links rows stay (by id); the document goes out and back in
  await sql.rows('DELETE FROM documents WHERE id = $1', [id]);
  await insertMany(sql, [{ k: 0, rows, ...insertJson(rows) }], row.ingested_at);
  await deltas.write(sql);
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
