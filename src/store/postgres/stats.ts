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

/** Per dimension: the key expression, and the set-returning source it comes from (joined laterally). */
const MEETING_KEYS: Record<StatsDimension | '', [string, string]> = {
  '': [`''`, ''], kind: ['d.kind', ''], mode: ['d.mode', ''], act: [`''`, ''],
  topic: ['x.key', 'unnest(d.topics)'], country: ['x.key', 'unnest(d.countries)'],
  participant: [`x.key ->> 'name'`, 'jsonb_array_elements(d.participants)'],
};
const STATEMENT_KEYS: Record<StatsDimension | '', [string, string]> = {
  '': [`''`, ''], kind: ['d.kind', ''], mode: ['d.mode', ''], act: ['s.act', ''],
  topic: ['x.key', 'unnest(s.topics)'], country: ['x.key', 'unnest(s.speaker_countries)'],
  participant: ['x.key', 'unnest(s.speakers)'],
};

export async function count(sql: Sql, unit: Unit, by: 'month' | 'year', dimension: StatsDimension | null,
  f: ResolvedFilter): Promise<StatsRow[]> {
  const plan = rollupPlan(unit, dimension, f);
  if (plan) return rollupCount(sql, plan, by);
  const p = new Params();
  const meetings = unit === 'meetings';
  const [key, each] = (meetings ? MEETING_KEYS : STATEMENT_KEYS)[dimension ?? ''];
  const lateral = each ? `CROSS JOIN LATERAL ${each} AS x(key)` : '';
  const from = meetings
    ? `documents d ${lateral} WHERE ${documentWhere(f, p, f.count !== 'readouts')}`
    : `statements s JOIN documents d ON d.doc = s.doc ${lateral} WHERE ${statementWhere(f, p)}`;
  const counted = meetings ? 'd.doc' : '(s.doc, s.idx)';
  const rows = await sql.rows<{ period: string; key: string; count: string }>(`SELECT * FROM (SELECT
    ${periodSql(meetings ? 'd' : 's', by)} AS period, ${key} AS key, count(DISTINCT ${counted}) AS count FROM ${from}
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
