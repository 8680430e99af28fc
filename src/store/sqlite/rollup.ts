// The rollup's per-month counts (tables rollup_series and rollup, schema.ts): a transaction's changes add up in
// memory and are written at its commit in one statement; stats read them back through rollupRows.
import { splitSeries } from '../rows.js';
import type { Sql } from './sql.js';

/** A rollup row's id: series id * YM_SHIFT + yyyymm. */
export const YM_SHIFT = 2 ** 20;
// A rollup delta travels as one number, row id * DELTA_RANGE + count + DELTA_BIAS, exact below 2^53: series ids stay
// under MAX_SERIES (far beyond any taxonomy: acts x topics is a few thousand).
const DELTA_RANGE = 2 ** 16;
const DELTA_BIAS = 2 ** 15;
const MAX_SERIES = 2 ** 53 / YM_SHIFT / DELTA_RANGE;

export class Rollup {
  /** Rollup deltas of the open transaction by rollup row id (series id * YM_SHIFT + ym); zero where none. */
  private readonly pending = new Map<number, number>();
  /** Rollup series keys to their ids in `rollup_series`; forgotten on rollback, which may take new ids back. */
  private readonly seriesIds = new Map<string, number>();

  constructor(private readonly s: Sql) {}

  // Rollup deltas add up in memory over a transaction: a row repeated within the batch is one upsert at the commit.
  bump(series: readonly string[], ym: number, sign: 1 | -1): void {
    // The ids first: a failure among them leaves the counts untouched.
    for (const row of series.map((key) => this.seriesId(key) * YM_SHIFT + ym)) {
      this.pending.set(row, (this.pending.get(row) ?? 0) + sign);
    }
  }

  private seriesId(key: string): number {
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      const [unit, dim, k] = splitSeries(key);
      const row = this.s.q('SELECT id FROM rollup_series WHERE unit = ? AND dim = ? AND key = ?').get(unit, dim, k) as
        { id: number } | undefined;
      const insert = this.s.q('INSERT INTO rollup_series (unit, dim, key) VALUES (?, ?, ?)');
      id = row ? row.id : Number(insert.run(unit, dim, k).lastInsertRowid);
      if (id >= MAX_SERIES) throw new Error(`more than ${MAX_SERIES} rollup series`);
      this.seriesIds.set(key, id);
    }
    return id;
  }

  /** Writes the transaction's deltas. */
  flush(): void {
    // One statement for the whole batch (documents in random date order leave ~17 rows a document): a call into
    // SQLite per row cost more than the upserts themselves. It runs after the FTS5 rows are written (write.ts), so
    // the statement journal it opens makes FTS5 flush nothing it would not flush at the commit anyway.
    const packed = packRollupDeltas(this.pending);
    // Only a removal takes a count down to zero.
    const down: number[] = [];
    for (const [row, n] of this.pending) if (n < 0) down.push(row);
    if (packed.length) {
      this.s.q(`INSERT INTO rollup (id, n) SELECT value / ${DELTA_RANGE}, value % ${DELTA_RANGE} - ${DELTA_BIAS}
        FROM json_each(?) WHERE true ON CONFLICT (id) DO UPDATE SET n = n + excluded.n`).run(JSON.stringify(packed));
    }
    const drop = this.s.q('DELETE FROM rollup WHERE id = ? AND n <= 0');
    for (const row of down) drop.run(row);
    this.zero();
  }

  /** A rolled back transaction's deltas dropped, and the series ids it may have taken forgotten. */
  discard(): void {
    this.zero();
    this.forgetIds();
  }

  forgetIds(): void {
    this.seriesIds.clear();
  }

  // Counts are set to zero rather than the map cleared: refilled from empty, its table was reallocated as it grew to
  // ~17,000 rows a batch, and those tables, alive through the batch, ended as old-generation garbage (about 1 KB a
  // document, over 100 MB in a large ingest before V8 collected it). Kept, it holds the rows the archive has touched.
  private zero(): void {
    if (this.pending.size > 500_000) { this.pending.clear(); return; }
    for (const row of this.pending.keys()) this.pending.set(row, 0);
  }
}

/** Rollup deltas as JSON numbers row * DELTA_RANGE + count + DELTA_BIAS; a count beyond the range goes in parts. */
export function packRollupDeltas(deltas: Map<number, number>): number[] {
  const packed: number[] = [];
  for (const [row, total] of deltas) {
    for (let n = total; n !== 0;) {
      const part = Math.max(1 - DELTA_BIAS, Math.min(DELTA_BIAS - 1, n));
      packed.push(row * DELTA_RANGE + part + DELTA_BIAS);
      n -= part;
    }
  }
  return packed;
}

/** The rollup's counts as rows (key, ym, n) of the series `where` selects (on s.unit, s.dim, s.key), within months
 *  given by the first two parameters: each series' months are one rowid range of `rollup`. */
export const rollupRows = (where: string) => `(SELECT s.key AS key, r.id % ${YM_SHIFT} AS ym, r.n AS n
  FROM rollup_series s CROSS JOIN rollup r ON r.id BETWEEN s.id * ${YM_SHIFT} + ? AND s.id * ${YM_SHIFT} + ?
  WHERE ${where})`;
