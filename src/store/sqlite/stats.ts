// Counts in the SQLite archive, by month or year and a dimension, from the cheapest source that answers exactly: the
// rollup's month counts, FTS5 rowids alone (keys carry the day and act), the narrow speakers table, or the rows.
import { ACTS } from '../../record/schema.js';
import { periodEnd, periodStart } from '../../query/resolve.js';
import { ACT_SLOT, actTopicKey, isoOfDay, STMT_SHIFT, tag, ymOf } from '../rows.js';
import type { Facets, MeetingFilter, StatsDimension, StatsRow } from '../store.js';
import { rollupRows, YM_SHIFT } from './rollup.js';
import { DOC_SHIFT, docRange, statementRange, type Sql } from './sql.js';
import type { Match } from './where.js';

type Unit = 'meetings' | 'statements';

/** `filter` as given decides whether the rollup answers it (whole months, which fields are set); `m` is its FTS5
 *  form (where.ts). */
export function count(s: Sql, unit: Unit, by: 'month' | 'year', dimension: StatsDimension | null,
  filter: MeetingFilter, m: Match): StatsRow[] {
  const period = by === 'month'
    ? `CASE WHEN ym = 0 THEN 'unknown' ELSE printf('%04d-%02d', ym / 100, ym % 100) END`
    : `CASE WHEN ym = 0 THEN 'unknown' ELSE CAST(ym / 100 AS TEXT) END`;
  const order = 'GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2';
  const rolled = rollupRange(filter, m, unit, dimension);
  if (rolled) {
    const rows = rollupRows('s.unit = ? AND s.dim = ?');
    return s.q(`SELECT ${period} AS period, key, sum(n) AS count FROM ${rows} ${order}`)
      .all(rolled[0], rolled[1], unit, dimension ?? '') as StatsRow[];
  }
  const cube = actTopicPlan(filter, dimension, unit);
  if (cube) {
    const rows = rollupRows(`s.unit = 'statements' AND s.dim = ? AND ${cube.where}`);
    return s.q(`SELECT ${period} AS period, ${cube.out} AS key, sum(n) AS count FROM ${rows}
        ${order}`).all(cube.range[0], cube.range[1], cube.dim, ...cube.params) as StatsRow[];
  }
  const [lo, hi] = docRange(m);
  const dim = dimension ?? '';
  /** Rows counted per period and key (`key` and `each` by dimension) over `source`, a subquery. */
  const counted = (key: Record<string, string>, each: Record<string, string>, source: string) =>
    s.q(`SELECT ${period} AS period, ${key[dim] ?? `''`} AS key, count(*) AS count FROM ${source}${each[dim] ?? ''}
      ${order}`);
  const once = unit === 'meetings' && filter.count !== 'readouts';
  const viaTags = statsFromTags(s, unit, by, dimension, m, lo, hi, once);
  if (viaTags) return viaTags;
  if (unit === 'meetings') {
    const key: Record<string, string> = {
      '': `''`, topic: 'x.value', country: 'x.value', participant: `x.value ->> '$.name'`, kind: 'kind', mode: 'mode',
    };
    const each: Record<string, string> = {
      topic: ', json_each(topics) x', country: ', json_each(countries) x', participant: ', json_each(participants) x',
    };
    const first = once ? ' AND linked = 0' : '';
    const source = m.docFts
      ? `(SELECT d.* FROM doc_fts JOIN documents d ON d.doc = doc_fts.rowid WHERE doc_fts MATCH ?
          AND doc_fts.rowid BETWEEN ? AND ?${first})`
      : `(SELECT * FROM documents WHERE doc BETWEEN ? AND ?${first})`;
    return counted(key, each, source).all(...(m.docFts ? [m.docFts] : []), lo, hi) as StatsRow[];
  }
  if (dim === 'participant' && !m.docText) return speakerStats(s, by, m, lo, hi);
  const key: Record<string, string> = {
    '': `''`, act: 'act', kind: 'kind', mode: 'mode', topic: 'x.value', country: 'x.value', participant: 'x.value',
  };
  const each: Record<string, string> = {
    topic: ', json_each(topics) x', country: ', json_each(speaker_countries) x',
    participant: ', json_each(speakers) x',
  };
  const range = statementRange(lo, hi);
  const withDoc = dim === 'kind' || dim === 'mode' ? ', d.kind, d.mode' : '';
  const join = withDoc ? ' JOIN documents d ON d.doc = s.doc' : '';
  const text = m.docText ? ' AND s.doc IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)' : '';
  const source = m.stmtFts
    ? `(SELECT s.*${withDoc} FROM statement_fts JOIN statements s ON s.sid = statement_fts.rowid${join}
      WHERE statement_fts MATCH ? AND statement_fts.rowid BETWEEN ? AND ?${text})`
    : `(SELECT s.*${withDoc} FROM statements s${join} WHERE s.sid BETWEEN ? AND ?${text})`;
  return counted(key, each, source)
    .all(...(m.stmtFts ? [m.stmtFts] : []), ...range, ...(m.docText ? [`text : (${m.docText})`] : [])) as StatsRow[];
}

/**
 * Stats from FTS5 alone when the dimension is a tag: one rowid list per key (filter AND key tag), each rowid
 * giving its period (rowids carry the day). No row is read, which keeps 100,000-row counts within milliseconds.
 */
function statsFromTags(s: Sql, unit: Unit, by: 'month' | 'year', dimension: StatsDimension | null,
  m: Match, lo: number, hi: number, once: boolean): StatsRow[] | null {
  const prefix: Partial<Record<StatsDimension, string>> = unit === 'meetings'
    ? { topic: 't', country: 'c', kind: 'k', mode: 'm' }
    : { act: 'a', topic: 't', kind: 'k', mode: 'm' };
  if (dimension && !prefix[dimension]) return null;
  // Keys come from the rollup, which counts no text that is not a readout.
  if ((unit === 'statements' && m.docText) || m.dayFrom < 0) return null;
  const base = unit === 'meetings' ? m.docFts : m.stmtFts;
  const table = unit === 'meetings' ? 'doc_fts' : 'statement_fts';
  const range = unit === 'meetings' ? [lo, hi] : statementRange(lo, hi);
  const perDoc = unit === 'meetings' ? DOC_SHIFT : DOC_SHIFT * STMT_SHIFT;
  // The act is read off the rowid: one pass. Other dimensions: one pass per key.
  const actFromRowid = unit === 'statements' && dimension === 'act';
  let keys: string[] = [''];
  if (dimension && !actFromRowid) {
    keys = s.q(`SELECT key FROM rollup_series s WHERE unit = ? AND dim = ?
      AND EXISTS (SELECT 1 FROM rollup WHERE id BETWEEN s.id * ${YM_SHIFT} AND s.id * ${YM_SHIFT} + ${YM_SHIFT - 1})`)
      .pluck().all(unit, dimension) as string[];
  }
  if (!dimension && !base) return null;
  const counts = new Map<string, number>();
  // a meeting's later readouts, which count in no meeting (a partial index: cheap when few are linked)
  const linked = once ? new Set(s.q('SELECT doc FROM documents WHERE linked = 1 AND doc BETWEEN ? AND ?').pluck()
    .all(lo, hi) as number[]) : null;
  const rowids = s.q(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid BETWEEN ? AND ?`).pluck();
  const all = s.q(unit === 'meetings' ? 'SELECT doc FROM documents WHERE doc BETWEEN ? AND ?'
    : 'SELECT sid FROM statements WHERE sid BETWEEN ? AND ?').pluck();
  for (const key of keys) {
    const keyTerm = dimension && !actFromRowid ? `tags : "${tag(prefix[dimension]!, key)}"` : null;
    const match = [base, keyTerm].filter(Boolean).join(' AND ');
    const ids = (match ? rowids.all(match, ...range) : all.all(...range)) as number[];
    // Tally by (day, act slot) as numbers first; periods are named once per distinct day.
    const byDay = new Map<number, number>();
    for (const id of ids) {
      if (linked?.has(id)) continue;
      const slot = actFromRowid ? Math.floor((id % STMT_SHIFT) / ACT_SLOT) : 0;
      const k = Math.floor(id / perDoc) * 16 + slot;
      byDay.set(k, (byDay.get(k) ?? 0) + 1);
    }
    for (const [k, n] of byDay) {
      const name = `${periodOfDay(Math.floor(k / 16), by)}\u0001${actFromRowid ? ACTS[k % 16] : key}`;
      counts.set(name, (counts.get(name) ?? 0) + n);
    }
  }
  return statsRows(counts);
}

/** Statement counts by speaker: FTS5 rowids (or a rowid range) joined to the narrow speakers table; the period from
 *  the rowid. */
function speakerStats(s: Sql, by: 'month' | 'year', m: Match, lo: number, hi: number): StatsRow[] {
  const range = statementRange(lo, hi);
  const rows = (m.stmtFts
    ? s.q(`SELECT x.sid, x.speaker FROM statement_fts JOIN statement_speakers x ON x.sid = statement_fts.rowid
        WHERE statement_fts MATCH ? AND statement_fts.rowid BETWEEN ? AND ?`).raw().all(m.stmtFts, ...range)
    : s.q('SELECT sid, speaker FROM statement_speakers WHERE sid BETWEEN ? AND ?').raw().all(...range)) as
    [number, number][];
  const names = new Map(s.q('SELECT id, name FROM speakers').raw().all() as [number, string][]);
  const perDoc = DOC_SHIFT * STMT_SHIFT;
  const counts = new Map<string, number>();
  for (const [sid, speaker] of rows) {
    const k = `${periodOfDay(Math.floor(sid / perDoc), by)}\u0001${names.get(speaker)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return statsRows(counts);
}

/** Counts keyed `period \u0001 key` as rows: by period, then most counted first, then by key. */
function statsRows(counts: Map<string, number>): StatsRow[] {
  return [...counts].map(([k, count]) => {
    const [period, key] = k.split('\u0001') as [string, string];
    return { period, key, count };
  }).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1
    : b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/**
 * Statement counts filtered by act and/or topic only (plus whole months), split by act, topic or nothing:
 * read from the rollup's act+topic rows ("how often was Senkaku reaffirmed, per year").
 */
function actTopicPlan(filter: MeetingFilter, dimension: StatsDimension | null, unit: Unit):
  { dim: string; where: string; params: string[]; out: string; range: [number, number] } | null {
  if (unit !== 'statements' || (dimension && dimension !== 'act' && dimension !== 'topic')) return null;
  const { act, topic, from, to, year, includeNonReadouts, ...rest } = filter;
  if (Object.values(rest).some((v) => v !== undefined) || (!act && !topic) || includeNonReadouts) return null;
  const range = monthRange({ from, to, year });
  if (!range) return null;
  const actOf = `substr(key, 1, instr(key, char(2)) - 1)`;
  const topicOf = `substr(key, instr(key, char(2)) + 1)`;
  const out = dimension === 'act' ? actOf : dimension === 'topic' ? topicOf : `''`;
  if (act && topic) return { dim: 'act+topic', where: 'key = ?', params: [actTopicKey(act, topic)], out, range };
  if (act) {
    if (dimension === 'topic') {
      return { dim: 'act+topic', where: 'key >= ? AND key < ?', params: [`${act}\u0002`, `${act}\u0003`], out, range };
    }
    return { dim: 'act', where: 'key = ?', params: [act], out: dimension === 'act' ? 'key' : `''`, range };
  }
  if (dimension === 'act') return { dim: 'act+topic', where: `${topicOf} = ?`, params: [topic!], out, range };
  return { dim: 'topic', where: 'key = ?', params: [topic!], out: dimension === 'topic' ? 'key' : `''`, range };
}

/** The ym bounds when the rollup answers the filter exactly: nothing but whole months or years. */
function rollupRange(filter: MeetingFilter, m: Match, unit: Unit, dimension: StatsDimension | null):
  [number, number] | null {
  // The rollup counts no text that is not a readout, and a meeting once, however many readouts report it.
  if (dimension === 'participant' || filter.includeNonReadouts) return null;
  if (unit === 'meetings' && filter.count === 'readouts') return null;
  if (m.docFts || m.docText || (unit === 'statements' && m.stmtFts)) return null;
  return monthRange(filter);
}

/** The ym bounds of a filter's dates when they are whole months or years, else null. */
function monthRange(filter: Pick<MeetingFilter, 'from' | 'to' | 'year'>): [number, number] | null {
  const monthStart = (d: string) => d.length <= 7 || d.endsWith('-01');
  const monthEnd = (d: string) => d.length <= 7 || periodEnd(d.slice(0, 7)) === d;
  if (filter.from && !monthStart(filter.from)) return null;
  if (filter.to && !monthEnd(filter.to)) return null;
  let lo = filter.from || filter.to || filter.year !== undefined ? 1 : 0;
  let hi = 999999;
  if (filter.from) lo = Math.max(lo, ymOf(periodStart(filter.from)));
  if (filter.to) hi = Math.min(hi, ymOf(periodEnd(filter.to)));
  if (filter.year !== undefined) {
    lo = Math.max(lo, filter.year * 100 + 1);
    hi = Math.min(hi, filter.year * 100 + 12);
  }
  return [lo, hi];
}

/** Meeting counts per dimension, most first, and per year, newest first. */
export function facets(s: Sql, filter: MeetingFilter, m: Match): Facets {
  const rows = (dim: StatsDimension | null) => count(s, 'meetings', 'year', dim, filter, m);
  const top = (dim: StatsDimension, limit: number) => {
    const sums = new Map<string, number>();
    for (const r of rows(dim)) sums.set(r.key, (sums.get(r.key) ?? 0) + r.count);
    return [...sums].map(([key, n]) => ({ key, count: n }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, limit);
  };
  return {
    country: top('country', 50), participant: top('participant', 30), kind: top('kind', 10), mode: top('mode', 10),
    topic: top('topic', 50), year: rows(null).map((r) => ({ key: r.period, count: r.count })).reverse(),
  };
}

const periodCache = new Map<number, [string, string]>();
/** 'YYYY' or 'YYYY-MM' of a day number (0: 'unknown'). */
function periodOfDay(day: number, by: 'month' | 'year'): string {
  if (day <= 0) return 'unknown';
  let p = periodCache.get(day);
  if (!p) {
    const iso = isoOfDay(day);
    p = [iso.slice(0, 4), iso.slice(0, 7)];
    periodCache.set(day, p);
  }
  return by === 'year' ? p[0] : p[1];
}
