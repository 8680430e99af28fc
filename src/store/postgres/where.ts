// A resolved filter (query/resolve.ts) as SQL conditions over documents (alias d) or statements (alias s, its
// document d joined), the same meaning SQLite's FTS5 tag expressions have.
import { filterTags, type ResolvedFilter } from '../../query/resolve.js';
import { renderTsQuery, type SearchGroup } from '../../query/fts.js';
import type { Params } from './sql.js';

const MAX_DAY = 2 ** 31 - 1;

/** `column @@ query`, or FALSE for a query with no word in it (it matches nothing, as in FTS5). */
export function textMatch(column: string, query: SearchGroup, p: Params): string {
  const tsq = renderTsQuery(query);
  return tsq ? `${column} @@ ${p.add(tsq)}::tsquery` : 'FALSE';
}

/** Conditions on documents; `once`: a meeting's later readouts left out (they count in no meeting). */
export function documentWhere(f: ResolvedFilter, p: Params, once: boolean): string {
  const conds = [`d.day BETWEEN ${p.add(f.dayFrom)} AND ${p.add(Math.min(f.dayTo, MAX_DAY))}`, ...tagConds('d', f, p)];
  if (f.text) conds.push(textMatch('d.search', f.text, p));
  if (once) conds.push('NOT d.linked');
  return conds.join(' AND ');
}

/** Conditions on statements: act, topic and participant apply to the statement (its tags say so), the text query
 *  to its document. */
export function statementWhere(f: ResolvedFilter, p: Params): string {
  const conds = [`s.day BETWEEN ${p.add(f.dayFrom)} AND ${p.add(Math.min(f.dayTo, MAX_DAY))}`, ...tagConds('s', f, p)];
  if (f.text) conds.push(textMatch('d.search', f.text, p));
  return conds.join(' AND ');
}

function tagConds(alias: string, f: ResolvedFilter, p: Params): string[] {
  const { all, any } = filterTags(f);
  const out: string[] = [];
  if (all.length) out.push(`${alias}.tags @> ${p.add(all)}::text[]`);
  if (any) out.push(`${alias}.tags && ${p.add(any)}::text[]`);
  return out;
}

/** A period's name from day and ym columns: 'unknown' for no date. */
export function periodSql(alias: string, by: 'month' | 'year'): string {
  const year = `to_char(${alias}.ym / 100, 'FM0000')`;
  const name = by === 'year' ? year : `${year} || '-' || to_char(${alias}.ym % 100, 'FM00')`;
  return `CASE WHEN ${alias}.day <= 0 OR ${alias}.ym = 0 THEN 'unknown' ELSE ${name} END`;
}
