// Month counts on PostgreSQL (table rollup): each readout adds one per rollup series (rows.ts rollupSeries) to its
// month, and a meeting series counts a readout only while it is its meeting's first (not `linked`). Stats and
// meeting totals whose filter is a series and whole months read a few hundred rows here instead of counting 100,000.
// Writers hold the write lock, so the upserts of two ingests never interleave.
import type { ResolvedFilter } from '../../query/resolve.js';
import { ACT_TOPIC, actTopicKey, isoOfDay, MEETING_SERIES, meetingSeries, ymOf } from '../rows.js';
import type { StatsDimension, StatsRow } from '../store.js';
import { Params, type Sql } from './sql.js';

export const ROLLUP_TABLE = `CREATE TABLE rollup (unit text NOT NULL, dim text NOT NULL, key text NOT NULL,
  ym integer NOT NULL, n bigint NOT NULL, PRIMARY KEY (unit, dim, key, ym))`;


/** Deltas to the rollup, added up in memory and written in one statement. */
export class RollupDeltas {
  private readonly n = new Map<string, number>();
  add(series: readonly string[], ym: number, sign: 1 | -1): void {
    for (const s of series) {
      const k = `${s}\u0001${ym}`;
      this.n.set(k, (this.n.get(k) ?? 0) + sign);
    }
  }
  /** A document's meeting series from its row: counted when it becomes its meeting's first, out when linked. */
  addMeeting(row: { kind: string; mode: string; topics: string[]; countries: string[]; ym: number }, sign: 1 | -1) {
    this.add(meetingSeries(row.kind, row.mode, row.topics, row.countries), row.ym, sign);
  }
  async write(sql: Sql): Promise<void> {
    const rows = [...this.n].filter(([, n]) => n !== 0).map(([k, n]) => {
      const [unit, dim, key, ym] = k.split('\u0001') as [string, string, string, string];
      return { unit, dim, key, ym: Number(ym), n };
    });
    this.n.clear();
    if (!rows.length) return;
    await sql.rows(`INSERT INTO rollup (unit, dim, key, ym, n)
      SELECT unit, dim, key, ym, n FROM json_to_recordset($1::json) AS r (unit text, dim text, key text, ym integer,
        n bigint) ORDER BY unit, dim, key, ym
      ON CONFLICT (unit, dim, key, ym) DO UPDATE SET n = rollup.n + excluded.n`, [JSON.stringify(rows)]);
    if (rows.some((r) => r.n < 0)) await sql.rows('DELETE FROM rollup WHERE n <= 0');
  }
}

/** The series (unit, dim, the keys and what of a key is reported) and months that answer a count exactly, or null. */
export interface RollupPlan {
  unit: 'meetings' | 'statements'; dim: string; ymFrom: number; ymTo: number;
  /** Which keys: all, these, or act+topic keys with this act (prefix) or this topic (suffix). */
  keys: { all: true } | { equal: string } | { act: string } | { topic: string };
  /** What a row's key is: the key, its act or topic part (act+topic), or '' (no dimension). */
  out: 'key' | 'act' | 'topic' | '';
}

/** Whole months of the filter's days as yyyymm bounds, or null when a bound cuts a month. */
function monthRange(f: ResolvedFilter): [number, number] | null {
  const ym = (day: number) => ymOf(isoOfDay(day));
  if (f.dayFrom > 1 && !isoOfDay(f.dayFrom).endsWith('-01')) return null;
  const bounded = f.dayTo < Number.MAX_SAFE_INTEGER;
  if (bounded && !isoOfDay(f.dayTo + 1).endsWith('-01')) return null;
  return [f.dayFrom >= 1 ? (f.dayFrom > 1 ? ym(f.dayFrom) : 1) : 0, bounded ? ym(f.dayTo) : 999_999];
}

/** The plan for a count of `unit` by `dimension` under `f`, when the rollup answers it. */
export function rollupPlan(unit: 'meetings' | 'statements', dimension: StatsDimension | null, f: ResolvedFilter):
  RollupPlan | null {
  // the rollup counts no text that is not a readout, no participant, and a meeting once
  if (f.includeNonReadouts || f.text || f.participant || dimension === 'participant') return null;
  if (unit === 'meetings' && f.count === 'readouts') return null;
  const range = monthRange(f);
  if (!range) return null;
  const [ymFrom, ymTo] = range;
  // the fields a series of the unit is kept by (a statement's country filter is its meeting's sides, which no
  // statement series keeps)
  const keyed: readonly string[] = unit === 'meetings' ? ['country', 'kind', 'mode', 'topic']
    : ['kind', 'mode', 'topic', 'act'];
  const fields = (['country', 'kind', 'mode', 'topic', 'act'] as const).filter((k) => f[k] !== null);
  if (fields.some((k) => !keyed.includes(k))) return null;
  const plan = (dim: string, keys: RollupPlan['keys'], out: RollupPlan['out']): RollupPlan =>
    ({ unit, dim, ymFrom, ymTo, keys, out });
  if (!fields.length) return plan(dimension ?? '', dimension ? { all: true } : { equal: '' }, dimension ? 'key' : '');
  // a dimension the filter also sets is its one key only where a meeting or statement has one value (kind, mode, a
  // statement's act); a meeting of topic T has other topics too
  const single = (dim: StatsDimension) => dim === 'kind' || dim === 'mode' || (dim === 'act' && unit === 'statements');
  const { act, topic } = f;
  if (unit === 'statements' && act && topic) {
    if (fields.length > 2 || (dimension && dimension !== 'act')) return null;
    return plan('act+topic', { equal: actTopicKey(act, topic) }, dimension ?? '');
  }
  if (fields.length > 1) return null;
  const field = fields[0]!;
  const value = f[field]!;
  if (!dimension || (dimension === field && single(field))) {
    return plan(field, { equal: value }, dimension ? 'key' : '');
  }
  // a statement's act by its topics, or its topic by acts: the act+topic series
  if (unit === 'statements' && field === 'act' && dimension === 'topic') {
    return plan('act+topic', { act: value }, 'topic');
  }
  if (unit === 'statements' && field === 'topic' && dimension === 'act') {
    return plan('act+topic', { topic: value }, 'act');
  }
  return null;
}

/** The counts a plan selects, per period and key, ordered as the stats are. */
export async function rollupCount(sql: Sql, plan: RollupPlan, by: 'month' | 'year'): Promise<StatsRow[]> {
  const p = new Params();
  const conds = [`unit = ${p.add(plan.unit)}`, `dim = ${p.add(plan.dim)}`,
    `ym BETWEEN ${p.add(plan.ymFrom)} AND ${p.add(plan.ymTo)}`];
  const { keys } = plan;
  if ('equal' in keys) conds.push(`key = ${p.add(keys.equal)}`);
  if ('act' in keys) conds.push(`split_part(key, ${p.add(ACT_TOPIC)}, 1) = ${p.add(keys.act)}`);
  if ('topic' in keys) conds.push(`split_part(key, ${p.add(ACT_TOPIC)}, 2) = ${p.add(keys.topic)}`);
  const key = plan.out === 'key' ? 'key' : plan.out === 'act' ? `split_part(key, ${p.add(ACT_TOPIC)}, 1)`
    : plan.out === 'topic' ? `split_part(key, ${p.add(ACT_TOPIC)}, 2)` : `''`;
  const year = `to_char(ym / 100, 'FM0000')`;
  const period = `CASE WHEN ym = 0 THEN 'unknown' ELSE ${by === 'year' ? year
    : `${year} || '-' || to_char(ym % 100, 'FM00')`} END`;
  const rows = await sql.rows<{ period: string; key: string; count: string }>(`SELECT * FROM (
    SELECT ${period} AS period, ${key} AS key, sum(n) AS count FROM rollup WHERE ${conds.join(' AND ')}
    GROUP BY 1, 2 HAVING sum(n) > 0) x
    ORDER BY period COLLATE "C", count DESC, key COLLATE "C"`, p.values);
  return rows.map((r) => ({ period: r.period, key: r.key, count: Number(r.count) }));
}

/** The rollup of the documents stored so far, made anew (a migration): every readout's series, its meeting's
 *  only while not linked. */
export async function rebuildRollup(sql: Sql, recordSeries: (record: string) => string[]): Promise<void> {
  await sql.rows('DELETE FROM rollup');
  let after = -1;
  for (;;) {
    const rows = await sql.rows<{ doc: string; ym: number; linked: boolean; record: string }>(`SELECT doc, ym, linked,
      record FROM documents WHERE readout AND doc > $1 ORDER BY doc LIMIT 1000`, [after]);
    if (!rows.length) return;
    const deltas = new RollupDeltas();
    for (const r of rows) {
      const series = recordSeries(r.record);
      deltas.add(r.linked ? series.filter((s) => !s.startsWith(MEETING_SERIES)) : series, r.ym, 1);
    }
    await deltas.write(sql);
    after = Number(rows[rows.length - 1]!.doc);
  }
}
