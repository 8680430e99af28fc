// Statement search on PostgreSQL: the query's tree (fts.ts) as a tsquery over the statements' tsvector, newest
// meetings first and text order within one; snippets marked where the query's lexemes match (lexemes.ts), then cut
// and given the caller's markers.
import { parseSearch, renderTsQuery } from '../../query/fts.js';
import type { ResolvedFilter } from '../../query/resolve.js';
import { SEARCH_COUNT_CAP, type Page, type SearchHit, type SearchOptions, type SearchResult } from '../store.js';
import { matchedRanges, queryLexemes } from './lexemes.js';
import { one, Params, type Sql } from './sql.js';
import { statementWhere } from './where.js';


interface HitRow {
  id: string; title: string | null; date: string | null; idx: number; act: string; speakers: string[];
  span_start: number; span_end: number; text: string;
}

export async function search(sql: Sql, query: string, f: ResolvedFilter, page: Page, options: SearchOptions):
  Promise<SearchResult> {
  const parsed = parseSearch(query);
  const tsq = renderTsQuery(parsed);
  if (!tsq) return { total: 0, items: [] };
  const p = new Params();
  const where = `WHERE s.search @@ ${p.add(tsq)}::tsquery AND ${statementWhere(f, p)}`;
  const from = `statements s JOIN documents d ON d.doc = s.doc ${where}`;
  const cap = p.add(SEARCH_COUNT_CAP + 1);
  // counted without the documents unless the text filter reads them
  const counting = f.text ? from : `statements s ${where}`;
  const counted = Number((await one<{ n: string }>(sql,
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${counting} LIMIT ${cap}) x`, p.values))!.n);
  p.values.pop();
  const rows = await sql.rows<HitRow>(`SELECT d.id, d.title, d.date, s.idx, s.act, s.speakers, s.span_start, s.span_end,
    s.text FROM ${from} ORDER BY d.day DESC, d.seq DESC, s.idx LIMIT ${p.add(page.limit ?? 20)}
    OFFSET ${p.add(page.offset ?? 0)}`, p.values);
  const lexemes = queryLexemes(parsed);
  const items: SearchHit[] = rows.map((r) => ({
    meetingId: r.id, title: r.title, date: r.date, statementIndex: r.idx, act: r.act, speakers: r.speakers,
    snippet: snippet(r.text, matchedRanges(r.text, lexemes), options), span: [r.span_start, r.span_end],
  }));
  return { total: Math.min(counted, SEARCH_COUNT_CAP), ...(counted > SEARCH_COUNT_CAP ? { totalCapped: true } : {}), items };
}

/** At most `tokens` words around the first match, "…" where cut, matches between the caller's markers. */
export function snippet(text: string, marks: [number, number][], options: SearchOptions): string {
  const open = options.open ?? '[';
  const close = options.close ?? ']';
  const max = Math.max(1, options.tokens ?? 40);
  const words = [...text.matchAll(/[\p{L}\p{M}\p{N}_]+/gu)].map((m) => [m.index, m.index + m[0].length] as const);
  let lo = 0;
  let hi = text.length;
  let cutBefore = false;
  let cutAfter = false;
  if (words.length > max) {
    const first = marks.length ? words.findIndex((w) => w[1] > marks[0]![0]) : 0;
    const start = Math.max(0, Math.min(first - Math.floor(max / 4), words.length - max));
    const end = start + max - 1;
    [lo, cutBefore] = start > 0 ? [words[start]![0], true] : [0, false];
    [hi, cutAfter] = end < words.length - 1 ? [words[end]![1], true] : [text.length, false];
  }
  let out = cutBefore ? '…' : '';
  let at = lo;
  for (const [a, b] of marks) {
    if (b <= lo || a >= hi) continue;
    out += text.slice(at, Math.max(a, lo)) + open + text.slice(Math.max(a, lo), Math.min(b, hi)) + close;
    at = Math.min(b, hi);
  }
  return out + text.slice(at, hi) + (cutAfter ? '…' : '');
}
