// The few database primitives the PostgreSQL backend's parts share: a query runner over a pool or one client, and
// numbered parameters built up alongside the SQL text.
import type pg from 'pg';

/** A pool, or the one client of a transaction. */
export interface Sql {
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
}

export function sqlOf(q: pg.Pool | pg.PoolClient): Sql {
  return { rows: async <T>(text: string, params: unknown[] = []) => (await q.query(text, params)).rows as T[] };
}

export async function one<T>(sql: Sql, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await sql.rows<T>(text, params))[0];
}

/** Numbered parameters: `p.add(v)` gives `$n` for `v`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The text search configuration the schema creates (schema.ts): English stems, no stop words, as FTS5's porter. */
export const TS_CONFIG = `'readout_text'::regconfig`;
