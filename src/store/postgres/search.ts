// Statement search on PostgreSQL: the query's tree (fts.ts) as to_tsquery over the statements' tsvector, newest
// meetings first and text order within one; snippets marked by ts_headline, then cut and given the caller's markers
// here.
import { parseSearch, renderTsQuery } from '../../query/fts.js';
import type { ResolvedFilter } from '../../query/resolve.js';
import type { Page, SearchHit, SearchOptions, SearchResult } from '../store.js';
import { one, Params, TS_CONFIG, type Sql } from './sql.js';
import { statementWhere } from './where.js';

/** `total` counts up to this many (as in SQLite). */
export const SEARCH_COUNT_CAP = 10_000;
// ts_headline's markers: private-use characters, which the text it reads never holds (spacedText makes them blanks).
const OPEN = '\uE000';
const CLOSE = '\uE001';

interface HitRow {
  id: string; title: string | null; date: string | null; idx: number; act: string; speakers: string[];
  span_start: number; span_end: number; text: string;
}

export async function search(sql: Sql, query: string, f: ResolvedFilter, page: Page, options: SearchOptions):
  Promise<SearchResult> {
  const tsq = renderTsQuery(parseSearch(query));
  if (!tsq) return { total: 0, items: [] };
  const p = new Params();
  const from = `statements s JOIN documents d ON d.doc = s.doc
    WHERE s.search @@ to_tsquery(${TS_CONFIG}, ${p.add(tsq)}) AND ${statementWhere(f, p)}`;
  const cap = p.add(SEARCH_COUNT_CAP + 1);
  const counted = Number((await one<{ n: string }>(sql, `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} LIMIT ${cap}) x`,
    p.values))!.n);
  p.values.pop();
  const rows = await sql.rows<HitRow>(`SELECT d.id, d.title, d.date, s.idx, s.act, s.speakers, s.span_start, s.span_end,
    s.text FROM ${from} ORDER BY d.day DESC, d.seq DESC, s.idx LIMIT ${p.add(page.limit ?? 20)}
    OFFSET ${p.add(page.offset ?? 0)}`, p.values);
  const marked = await headlines(sql, rows.map((r) => r.text), tsq);
  const items: SearchHit[] = rows.map((r, i) => ({
    meetingId: r.id, title: r.title, date: r.date, statementIndex: r.idx, act: r.act, speakers: r.speakers,
    snippet: snippet(r.text, marked[i]!, options), span: [r.span_start, r.span_end],
  }));
  return { total: Math.min(counted, SEARCH_COUNT_CAP), ...(counted > SEARCH_COUNT_CAP ? { totalCapped: true } : {}), items };
}

/**
 * A text as the index split it (fts.ts searchWords), at the same offsets: what is not a letter, digit or "_" a blank,
 * a letter with a mark its base letter. PostgreSQL's parser then finds the indexed words in it, and the offsets of
 * what ts_headline marks are the original text's.
 */
export function spacedText(text: string): string {
  return text.replace(/[^\p{L}\p{N}_]|\p{L}/gu, (c) => {
    if (!/\p{L}/u.test(c)) return ' '.repeat(c.length);
    const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
    return base.length === c.length ? base : c;
  });
}

/** The marked ranges of each text: ts_headline over the spaced texts, every match marked. */
async function headlines(sql: Sql, texts: string[], tsq: string): Promise<[number, number][][]> {
  if (!texts.length) return [];
  const spaced = texts.map(spacedText);
  const rows = await sql.rows<{ h: string }>(`SELECT ts_headline(${TS_CONFIG}, t, to_tsquery(${TS_CONFIG}, $2),
    'HighlightAll=true, StartSel=${OPEN}, StopSel=${CLOSE}') AS h FROM unnest($1::text[]) WITH ORDINALITY x(t, n)
    ORDER BY n`, [spaced, tsq]);
  return rows.map((r, i) => {
    const ranges: [number, number][] = [];
    let at = 0;
    let plain = '';
    for (const part of r.h.split(OPEN)) {
      const [inner, rest] = part.includes(CLOSE) ? part.split(CLOSE) as [string, string] : [null, part];
      if (inner !== null) { ranges.push([at, at + inner.length]); plain += inner; at += inner.length; }
      plain += rest;
      at += rest.length;
    }
    return plain === spaced[i] ? ranges : []; // a headline that is not the text: unmarked
  });
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
