// Reading the SQLite archive: documents, meetings newest first (a meeting once, by its first readout, unless readouts
// are counted) by a backwards key walk, a meeting's readouts, failures, fetch states, and every document in pages.
import { gunzipSync } from 'node:zlib';
import type { MeetingLinks } from '../meeting-links.js';
import { idOf, parseRecord } from '../rows.js';
import type { FetchState, IngestFailure, MeetingSummary, Page, ReadoutRef, StoredDocument } from '../store.js';
import { docRange, type Sql } from './sql.js';
import { explained, type Match } from './where.js';

interface DocRow {
  doc: number; id: string; sha256: string; path: string | null; title: string | null; date: string | null; ym: number;
  kind: string; mode: string; format: string; countries: string; topics: string; participants: string;
  statement_count: number; extractor_version: string; ingested_at: string;
}
type StoredRow = DocRow & { text: string; record: string };

const stored = (row: StoredRow): StoredDocument => ({
  id: row.id, path: row.path, sha256: row.sha256, text: row.text, record: parseRecord(row.record, row.text),
  extractorVersion: row.extractor_version, ingestedAt: row.ingested_at,
});

function summary(s: Sql, links: MeetingLinks, row: DocRow, withReadouts = true): MeetingSummary {
  return {
    id: row.id, title: row.title, date: row.date, kind: row.kind, mode: row.mode, format: row.format,
    countries: JSON.parse(row.countries) as string[],
    participants: JSON.parse(row.participants) as MeetingSummary['participants'],
    topics: JSON.parse(row.topics) as string[], statementCount: row.statement_count, path: row.path,
    readouts: withReadouts ? readouts(s, links, row.id) : [],
  };
}

/** `once`: a meeting once, by its first readout (its later readouts left out). */
export function meetings(s: Sql, links: MeetingLinks, m: Match, once: boolean, page: Page):
  { total: number; items: MeetingSummary[] } {
  const [lo, hi] = docRange(m);
  const firstOnly = (key: string) =>
    (once ? ` AND ${key} NOT IN (SELECT doc FROM documents WHERE linked = 1)` : '');
  let total: number;
  let docs: number[];
  if (m.docFts) {
    const where = `doc_fts MATCH ? AND rowid BETWEEN ? AND ?${firstOnly('doc_fts.rowid')}`;
    total = (s.q(`SELECT count(*) AS n FROM doc_fts WHERE ${where}`).get(m.docFts, lo, hi) as { n: number }).n;
    docs = (s.q(`SELECT rowid AS doc FROM doc_fts WHERE ${where} ORDER BY rowid DESC LIMIT ? OFFSET ?`)
      .all(m.docFts, lo, hi, page.limit ?? -1, page.offset ?? 0) as { doc: number }[]).map((r) => r.doc);
  } else {
    const where = `doc BETWEEN ? AND ?${once ? ' AND linked = 0' : ''}`;
    // Without a date range the count reads the smallest index rather than the table.
    total = lo <= 0 && hi === Number.MAX_SAFE_INTEGER
      ? count(s) - (lo < 0 ? 0 : nonReadouts(s)) - (once ? linkedCount(s) : 0)
      : (s.q(`SELECT count(*) AS n FROM documents WHERE ${where}`).get(lo, hi) as { n: number }).n;
    docs = (s.q(`SELECT doc FROM documents WHERE ${where} ORDER BY doc DESC LIMIT ? OFFSET ?`)
      .all(lo, hi, page.limit ?? -1, page.offset ?? 0) as { doc: number }[]).map((r) => r.doc);
  }
  const one = s.q('SELECT * FROM documents WHERE doc = ?');
  return { total, items: docs.map((d) => summary(s, links, one.get(d) as DocRow, page.readouts !== false)) };
}

/** Every document, texts that are not readouts included. */
export const count = (s: Sql) => (s.q('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
export const linkedCount = (s: Sql) => s.q('SELECT count(*) FROM documents WHERE linked = 1').pluck().get() as number;
const nonReadouts = (s: Sql) => s.q('SELECT count(*) FROM documents WHERE doc < 0').pluck().get() as number;

/** The readouts of the meeting a document reports, its first one first. */
export function readouts(s: Sql, links: MeetingLinks, id: string): ReadoutRef[] {
  const ref = s.q(`SELECT d.id, d.sha256, d.path, d.title, json_extract(b.record, '$.source.url') AS url,
    json_extract(b.record, '$.source.publisher') AS publisher,
    json_extract(b.record, '$.source.publishedDate') AS publishedDate
    FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?`);
  return links.readoutsOf(links.meetingOf(id)).map((r) => ref.get(r) as ReadoutRef | undefined)
    .filter((r): r is ReadoutRef => r !== undefined);
}

export function get(s: Sql, id: string): StoredDocument | null {
  const row = s.q('SELECT d.*, b.text, b.record FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?')
    .get(id) as StoredRow | undefined;
  return row ? stored(row) : null;
}

/** By sha256, id, path, a file name one ingested path ends with, or an id's unambiguous beginning. */
export function findByPathOrSha(s: Sql, key: string): StoredDocument | null {
  const k = key.trim();
  const lower = k.toLowerCase();
  type IdRow = { id: string } | undefined;
  let row: IdRow;
  if (/^[0-9a-f]{64}$/i.test(k)) {
    row = s.q('SELECT id FROM documents WHERE id = ? AND sha256 = ?').get(idOf(lower), lower) as IdRow;
  } else if (/^[0-9a-f]{16}$/i.test(k)) {
    row = s.q('SELECT id FROM documents WHERE id = ?').get(lower) as IdRow;
  }
  row ??= s.q('SELECT id FROM documents WHERE path = ? ORDER BY doc DESC LIMIT 1').get(k) as IdRow;
  if (!row && !/[/\\]/.test(k)) {
    // A bare file name, when one ingested path ends with it.
    const hits = s.q(`SELECT id FROM documents WHERE path = ? OR path LIKE ? ESCAPE '\\' LIMIT 2`)
      .all(k, `%/${k.replace(/[%_\\]/g, '\\$&')}`) as { id: string }[];
    if (hits.length === 1) row = hits[0];
  }
  if (!row && /^[0-9a-f]{6,15}$/i.test(k)) {
    const hits = s.q('SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2').all(lower, lower + 'g') as
      { id: string }[];
    if (hits.length === 1) row = hits[0];
  }
  return row ? get(s, row.id) : null;
}

/** The bytes the document was read from. */
export function source(s: Sql, id: string): Uint8Array | null {
  const row = s.q('SELECT b.text, b.raw FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.id = ?').get(id) as
    { text: string; raw: Buffer | null } | undefined;
  if (!row) return null;
  return row.raw ? gunzipSync(row.raw) : Buffer.from(row.text, 'utf8');
}

export function failures(s: Sql): IngestFailure[] {
  return s.q('SELECT path, reason, at FROM failures ORDER BY at, path').all() as IngestFailure[];
}

export function fetchState(s: Sql, url: string): FetchState | null {
  const row = s.q('SELECT etag, last_modified AS lastModified, sha256 FROM fetches WHERE url = ?').get(url);
  return (row as FetchState | undefined) ?? null;
}

export function staleIds(s: Sql, version: string): string[] {
  return (s.q('SELECT id FROM documents WHERE extractor_version <> ? ORDER BY doc').all(version) as { id: string }[])
    .map((r) => r.id);
}

export function stale(s: Sql, version: string): StoredDocument[] {
  return staleIds(s, version).map((id) => get(s, id)).filter((d): d is StoredDocument => d !== null);
}

/** Oldest meeting first; reads in pages by rowid, so writes between items are allowed. */
export function* iterate(s: Sql, m: Match): Iterable<StoredDocument> {
  const [lo, hi] = docRange(m);
  const ids = m.docFts
    ? 'SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT 500'
    : 'SELECT doc AS rowid FROM documents WHERE doc > ? AND doc <= ? ORDER BY doc LIMIT 500';
  const one = s.q('SELECT d.*, b.text, b.record FROM documents d JOIN bodies b ON b.doc = d.doc WHERE d.doc = ?');
  let after = lo - 1;
  for (;;) {
    const rows = explained(() => s.q(ids).all(...(m.docFts ? [m.docFts] : []), after, hi)) as { rowid: number }[];
    if (!rows.length) return;
    for (const r of rows) {
      const row = one.get(r.rowid) as StoredRow | undefined;
      if (row) yield stored(row);
    }
    after = rows[rows.length - 1]!.rowid;
  }
}
