// Reading the archive on PostgreSQL: documents, meetings newest first (a meeting once, by its first readout, unless
// readouts are counted), a meeting's readouts, and every document oldest first in pages.
import { NON_READOUT_DAY, type ResolvedFilter } from '../../query/resolve.js';
import { parseRecord } from '../rows.js';
import type { FetchState, IngestFailure, MeetingSummary, Page, ReadoutRef, StoredDocument } from '../store.js';
import { rollupCount, rollupPlan } from './rollup.js';
import { one, Params, type Sql } from './sql.js';
import { documentWhere } from './where.js';

const STORED = 'id, path, sha256, text, record, extractor_version, ingested_at';
interface StoredRow {
  id: string; path: string | null; sha256: string; text: string; record: string; extractor_version: string;
  ingested_at: string;
}
const storedOf = (r: StoredRow): StoredDocument => ({
  id: r.id, path: r.path, sha256: r.sha256, text: r.text, record: parseRecord(r.record, r.text),
  extractorVersion: r.extractor_version, ingestedAt: r.ingested_at,
});

export async function get(sql: Sql, id: string): Promise<StoredDocument | null> {
  const row = await one<StoredRow>(sql, `SELECT ${STORED} FROM documents WHERE id = $1`, [id]);
  return row ? storedOf(row) : null;
}

/** By sha256, id, path, a file name one ingested path ends with, or an id's unambiguous beginning. */
export async function findByPathOrSha(sql: Sql, key: string): Promise<StoredDocument | null> {
  const k = key.trim();
  const lower = k.toLowerCase();
  const first = async (text: string, params: unknown[], unique = false) => {
    const rows = await sql.rows<{ id: string }>(text, params);
    return unique && rows.length !== 1 ? undefined : rows[0];
  };
  let row: { id: string } | undefined;
  if (/^[0-9a-f]{64}$/i.test(k)) row = await first('SELECT id FROM documents WHERE sha256 = $1', [lower]);
  else if (/^[0-9a-f]{16}$/i.test(k)) row = await first('SELECT id FROM documents WHERE id = $1', [lower]);
  row ??= await first('SELECT id FROM documents WHERE path = $1 ORDER BY day DESC, seq DESC LIMIT 1', [k]);
  if (!row && !/[/\\]/.test(k)) {
    row = await first(`SELECT id FROM documents WHERE path = $1 OR path LIKE $2 ESCAPE '\\' LIMIT 2`,
      [k, `%/${k.replace(/[%_\\]/g, '\\$&')}`], true);
  }
  if (!row && /^[0-9a-f]{6,15}$/i.test(k)) {
    row = await first('SELECT id FROM documents WHERE starts_with(id, $1) LIMIT 2', [lower], true);
  }
  return row ? get(sql, row.id) : null;
}

export async function sourceRow(sql: Sql, id: string): Promise<{ text: string; raw: Buffer | null } | undefined> {
  return one(sql, 'SELECT text, raw FROM documents WHERE id = $1', [id]);
}

export async function staleIds(sql: Sql, version: string): Promise<string[]> {
  return (await sql.rows<{ id: string }>('SELECT id FROM documents WHERE extractor_version <> $1 ORDER BY day, seq',
    [version])).map((r) => r.id);
}

export async function count(sql: Sql, where = 'TRUE'): Promise<number> {
  return Number((await one<{ n: string }>(sql, `SELECT count(*) AS n FROM documents WHERE ${where}`))!.n);
}

export async function failures(sql: Sql): Promise<IngestFailure[]> {
  return sql.rows('SELECT path, reason, at FROM failures ORDER BY at COLLATE "C", path COLLATE "C"');
}

export async function fetchState(sql: Sql, url: string): Promise<FetchState | null> {
  return (await one<FetchState>(sql, 'SELECT etag, last_modified AS "lastModified", sha256 FROM fetches WHERE url = $1',
    [url])) ?? null;
}

/** The readouts of the meeting document `id` reports, its first one first. */
export async function readouts(sql: Sql, id: string): Promise<ReadoutRef[]> {
  return (await readoutsOfMany(sql, [id])).get(id) ?? [];
}

/** The readouts of the meetings documents `ids` report, each its first one first: three statements for a page. */
async function readoutsOfMany(sql: Sql, ids: string[]): Promise<Map<string, ReadoutRef[]>> {
  if (!ids.length) return new Map();
  const meetingOf = new Map(ids.map((id) => [id, id]));
  for (const r of await sql.rows<{ id: string; meeting: string }>('SELECT id, meeting FROM links WHERE id = ANY($1)',
    [ids])) meetingOf.set(r.id, r.meeting);
  const meetings = [...new Set(meetingOf.values())];
  const members = new Map(meetings.map((m) => [m, [m]]));
  for (const r of await sql.rows<{ id: string; meeting: string }>(`SELECT id, meeting FROM links WHERE meeting = ANY($1)
    ORDER BY id COLLATE "C"`, [meetings])) members.get(r.meeting)!.push(r.id);
  const all = [...new Set([...members.values()].flat())];
  const rows = await sql.rows<ReadoutRef>(`SELECT id, sha256, path, title, record::json -> 'source' ->> 'url' AS url,
    record::json -> 'source' ->> 'publisher' AS publisher, record::json -> 'source' ->> 'publishedDate' AS "publishedDate"
    FROM documents WHERE id = ANY($1)`, [all]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(ids.map((id) => [id, members.get(meetingOf.get(id)!)!.map((x) => byId.get(x))
    .filter((r): r is ReadoutRef => r !== undefined)]));
}

interface SummaryRow {
  id: string; title: string | null; date: string | null; kind: string; mode: string; format: string;
  countries: string[]; participants: MeetingSummary['participants']; topics: string[]; statement_count: number;
  path: string | null;
}

/** A meeting list's total from the month counts, when they answer: the readouts' (texts that are not readouts
 *  apart), plus the texts that are not readouts counted from their rows when asked for (few, and one index range). */
async function meetingTotal(sql: Sql, f: ResolvedFilter): Promise<number | null> {
  const readouts = f.includeNonReadouts ? { ...f, includeNonReadouts: false, dayFrom: Math.max(f.dayFrom, 0) } : f;
  const plan = rollupPlan('meetings', null, readouts);
  if (!plan) return null;
  let total = (await rollupCount(sql, plan, 'year')).reduce((n, r) => n + r.count, 0);
  if (f.includeNonReadouts && f.dayFrom <= NON_READOUT_DAY) {
    const p = new Params();
    const others = documentWhere({ ...f, dayFrom: NON_READOUT_DAY, dayTo: NON_READOUT_DAY }, p, false);
    total += Number((await one<{ n: string }>(sql, `SELECT count(*) AS n FROM documents d WHERE ${others}`,
      p.values))!.n);
  }
  return total;
}

/** At most this many matches are sorted after the indexes found them (a few milliseconds). */
const FEW = 2000;

export async function meetings(sql: Sql, f: ResolvedFilter, page: Page):
  Promise<{ total: number; items: MeetingSummary[] }> {
  const p = new Params();
  const where = documentWhere(f, p, f.count !== 'readouts');
  const total = await meetingTotal(sql, f)
    ?? Number((await one<{ n: string }>(sql, `SELECT count(*) AS n FROM documents d WHERE ${where}`, p.values))!.n);
  const limit = p.add(page.limit ?? null);
  const offset = p.add(page.offset ?? 0);
  const columns = 'id, title, date, kind, mode, format, countries, participants, topics, statement_count, path';
  // The count known, the way to the page is chosen: few matches are found by the indexes and sorted, many by
  // walking the order until the page is full (the planner, guessing the count, can walk all the archive for none).
  const source = total <= FEW ? `(SELECT ${columns}, day, seq FROM documents d WHERE ${where} OFFSET 0) d`
    : `documents d WHERE ${where}`;
  const rows = total === 0 ? [] : await sql.rows<SummaryRow>(`SELECT ${columns} FROM ${source}
    ORDER BY day DESC, seq DESC LIMIT ${limit} OFFSET ${offset}`, p.values);
  const readoutsOf = page.readouts === false ? new Map<string, ReadoutRef[]>()
    : await readoutsOfMany(sql, rows.map((r) => r.id));
  const items = rows.map(({ statement_count: statementCount, ...r }): MeetingSummary =>
    ({ ...r, statementCount, readouts: readoutsOf.get(r.id) ?? [] }));
  return { total, items };
}

/** Oldest first, read in pages after the last one seen, so writes between items are allowed. */
export async function* iterate(sql: Sql, f: ResolvedFilter): AsyncIterable<StoredDocument> {
  let after: [number, string] = [-2, '0'];
  for (;;) {
    const p = new Params();
    const where = documentWhere(f, p, false);
    const rows = await sql.rows<StoredRow & { day: number; seq: string }>(`SELECT ${STORED}, day, seq FROM documents d
      WHERE ${where} AND (day, seq) > (${p.add(after[0])}, ${p.add(after[1])}::bigint) ORDER BY day, seq LIMIT 500`,
    p.values);
    if (!rows.length) return;
    for (const r of rows) yield storedOf(r);
    const last = rows[rows.length - 1]!;
    after = [last.day, last.seq];
  }
}
