// Counts on PostgreSQL, from the month counts when they answer (rollup.ts), else the rows: meetings (a meeting once
// unless readouts are counted) or statements (when an act is involved, store.ts statsUnit), by month or year and a
// dimension; facets are meeting counts per dimension. Each meeting or statement counts once per key however often its
// record repeats the key.
import type { ResolvedFilter } from '../../query/resolve.js';
import type { Facets, StatsDimension, StatsRow } from '../store.js';
import { rollupCount, rollupPlan } from './rollup.js';
import { Params, type Sql } from './sql.js';
import { documentWhere, periodSql, statementWhere } from './where.js';

type Unit = 'meetings' | 'statements';

/** Per dimension: the key of a row, or of each element `e.v` of the set-returning source it comes from (joined
 *  laterally, each key once a row). */
const MEETING_KEYS: Record<StatsDimension | '', [string, string]> = {
  '': [`''`, ''], kind: ['d.kind', ''], mode: ['d.mode', ''], act: [`''`, ''],
  topic: ['e.v', 'unnest(d.topics)'], country: ['e.v', 'unnest(d.countries)'],
  participant: [`e.v ->> 'name'`, 'jsonb_array_elements(d.participants)'],
};
const STATEMENT_KEYS: Record<StatsDimension | '', [string, string]> = {
  '': [`''`, ''], kind: ['d.kind', ''], mode: ['d.mode', ''], act: ['s.act', ''],
  topic: ['e.v', 'unnest(s.topics)'], country: ['e.v', 'unnest(s.speaker_countries)'],
  participant: ['e.v', 'unnest(s.speakers)'],
};

export async function count(sql: Sql, unit: Unit, by: 'month' | 'year', dimension: StatsDimension | null,
  f: ResolvedFilter): Promise<StatsRow[]> {
  const plan = rollupPlan(unit, dimension, f);
  if (plan) return rollupCount(sql, plan, by);
  const p = new Params();
  const meetings = unit === 'meetings';
  const [element, each] = (meetings ? MEETING_KEYS : STATEMENT_KEYS)[dimension ?? ''];
  // a row's keys each once (a record repeating a key counts once): then a plain count, not a count of distinct rows
  const lateral = each ? `CROSS JOIN LATERAL (SELECT DISTINCT ${element} FROM ${each} AS e(v)) AS x(key)` : '';
  const key = each ? 'x.key' : element;
  // a statement's document only where its text is searched or its kind or mode counted
  const joined = f.text || dimension === 'kind' || dimension === 'mode' ? ' JOIN documents d ON d.doc = s.doc' : '';
  const from = meetings
    ? `documents d ${lateral} WHERE ${documentWhere(f, p, f.count !== 'readouts')}`
    : `statements s${joined} ${lateral} WHERE ${statementWhere(f, p)}`;
  const rows = await sql.rows<{ period: string; key: string; count: string }>(`SELECT * FROM (SELECT
    ${periodSql(meetings ? 'd' : 's', by)} AS period, ${key} AS key, count(*) AS count FROM ${from}
    GROUP BY 1, 2) x ORDER BY period COLLATE "C", count DESC, key COLLATE "C"`, p.values);
  return rows.map((r) => ({ period: r.period, key: r.key, count: Number(r.count) }));
}

export async function facets(sql: Sql, f: ResolvedFilter): Promise<Facets> {
  const rows = (dim: StatsDimension | null) => count(sql, 'meetings', 'year', dim, f);
  const top = async (dim: StatsDimension, limit: number) => {
    const sums = new Map<string, number>();
    for (const r of await rows(dim)) sums.set(r.key, (sums.get(r.key) ?? 0) + r.count);
    return [...sums].map(([key, n]) => ({ key, count: n }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, limit);
  };
  const [country, participant, kind, mode, topic, years] = await Promise.all([top('country', 50),
    top('participant', 30), top('kind', 10), top('mode', 10), top('topic', 50), rows(null)]);
  return { country, participant, kind, mode, topic, year: years.map((r) => ({ key: r.period, count: r.count })).reverse() };
}
