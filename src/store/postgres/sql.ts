// The few database primitives the PostgreSQL backend's parts share: a query runner over a pool or one client, and
// numbered parameters built up alongside the SQL text.
import type pg from 'pg';

/** A pool, or the one client of a transaction. */
export interface Sql {
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/** Whether an error is the connection's end rather than the statement's: the server gone or shutting down (class 57P,
 *  08), the socket closed, or the driver's own "Connection terminated". */
export function connectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && /^(57P0[1-3]|08|ECONNRESET|EPIPE|ECONNREFUSED)/.test(e.code)) return true;
  return typeof e.message === 'string'
    && /^Connection terminated|^Client has encountered a connection error|^lost the connection to/.test(e.message);
}

/** Queries on a pool or one client; a lost connection becomes one line naming the server (`where`). */
export function sqlOf(q: pg.Pool | pg.PoolClient, where: string): Sql {
  return {
    rows: async <T>(text: string, params: unknown[] = []) => {
      try {
        return (await q.query(text, params)).rows as T[];
      } catch (err) {
        if (!connectionLost(err)) throw err;
        const why = ((err as Error).message ?? String(err)).split('\n')[0];
        throw new Error(`lost the connection to PostgreSQL at ${where}: ${why}`, { cause: err });
      }
    },
  };
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

