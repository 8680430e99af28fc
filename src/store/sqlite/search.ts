// Statement search in the SQLite archive: the query as FTS5 text (fts.ts) over statement_fts, walked backwards by
// rowid (newest meetings first, text order within one on a page), with FTS5's snippets in the caller's markers.
import { toFtsQuery } from '../../query/fts.js';
import { STMT_BITS } from '../rows.js';
import { SEARCH_COUNT_CAP, type Page, type SearchOptions, type SearchResult } from '../store.js';
import { docRange, statementRange, type Sql } from './sql.js';
import type { Match } from './where.js';


interface HitRow {
  id: string; title: string | null; date: string | null; doc: number; idx: number; act: string; speakers: string;
  span_start: number; span_end: number;
}

export function search(s: Sql, query: string, m: Match, page: Page, options: SearchOptions): SearchResult {
  const fts = [`text : (${toFtsQuery(query)})`, m.stmtFts].filter(Boolean).join(' AND ');
  const [lo, hi] = docRange(m);
  const range = statementRange(lo, hi);
  // A statement's document is its key's, or the one whose further block it sits in (a lookup only when some
  // document has further blocks: it made a search with a document filter a third slower).
  const key = `statement_fts.rowid >> ${STMT_BITS}`;
  const blocks = s.q('SELECT EXISTS (SELECT 1 FROM doc_blocks)').pluck().get() as number;
  const docOf = blocks ? `coalesce((SELECT doc FROM doc_blocks WHERE key = ${key}), ${key})` : key;
  const textCond = m.docText ? `AND ${docOf} IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)` : '';
  const textParam = m.docText ? [`text : (${m.docText})`] : [];
  // Counting stops at SEARCH_COUNT_CAP: a word in every other statement would otherwise cost a full doclist walk.
  const counted = (s.q(`SELECT count(*) AS n FROM (SELECT rowid FROM statement_fts WHERE statement_fts MATCH ?
    AND rowid BETWEEN ? AND ? ${textCond} LIMIT ?)`)
    .get(fts, ...range, ...textParam, SEARCH_COUNT_CAP + 1) as { n: number }).n;
  const total = Math.min(counted, SEARCH_COUNT_CAP);
  const rows = s.q(`SELECT rowid AS sid, snippet(statement_fts, 0, ?, ?, '…', ?) AS snippet FROM statement_fts
      WHERE statement_fts MATCH ? AND rowid BETWEEN ? AND ? ${textCond}
      ORDER BY rowid DESC LIMIT ? OFFSET ?`)
    .all(options.open ?? '[', options.close ?? ']', options.tokens ?? 40, fts, ...range, ...textParam,
      page.limit ?? 20, page.offset ?? 0) as { sid: number; snippet: string }[];
  const info = s.q(`SELECT d.id, d.title, d.date, s.doc, s.idx, s.act, s.speakers, s.span_start, s.span_end
    FROM statements s JOIN documents d ON d.doc = s.doc WHERE s.sid = ?`);
  // FTS5 walks rowids backwards without sorting; within one meeting the page reads in text order.
  const hits = rows.map((h) => {
    const r = info.get(h.sid) as HitRow;
    return {
      meetingId: r.id, title: r.title, date: r.date, statementIndex: r.idx, act: r.act,
      speakers: JSON.parse(r.speakers) as string[], snippet: h.snippet,
      span: [r.span_start, r.span_end] as [number, number], doc: r.doc,
    };
  });
  hits.sort((a, b) => b.doc - a.doc || a.statementIndex - b.statementIndex);
  const items = hits.map(({ doc: _doc, ...hit }) => hit);
  return { total, ...(counted > SEARCH_COUNT_CAP ? { totalCapped: true } : {}), items };
}
