// The few primitives the SQLite backend's parts share: the connection with its statements prepared once, and the
// keys' arithmetic (a document's key carries its day, a statement's its document's key: rows.ts).
import type Database from 'better-sqlite3';
import { STMT_SHIFT } from '../rows.js';

/** The connection, and a statement for each SQL text, prepared the first time (one cache for the whole store: a
 *  statement's mode, `.pluck()` or `.raw()`, stays set on it). */
export interface Sql {
  readonly db: Database.Database;
  q(text: string): Database.Statement;
}

export function sqlOf(db: Database.Database): Sql {
  const stmts = new Map<string, Database.Statement>();
  return {
    db,
    q(text) {
      let s = stmts.get(text);
      if (!s) { s = db.prepare(text); stmts.set(text, s); }
      return s;
    },
  };
}

/** Document keys per day: a document's key is its day number * DOC_SHIFT + a sequence. */
export const DOC_SHIFT = 2 ** 20;

/** Key bounds of the documents of a day range, inclusive. */
export function docRange(r: { dayFrom: number; dayTo: number }): [number, number] {
  return [r.dayFrom * DOC_SHIFT,
    r.dayTo === Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : (r.dayTo + 1) * DOC_SHIFT - 1];
}

/** Key bounds of the statements of documents `lo` to `hi`, inclusive. */
export function statementRange(lo: number, hi: number): [number, number] {
  return [lo * STMT_SHIFT, hi === Number.MAX_SAFE_INTEGER ? hi : (hi + 1) * STMT_SHIFT - 1];
}

/** The statement keys of a document that takes `blocks` document keys. */
export function statementKeys(doc: number, blocks: number): [number, number] {
  return [doc * STMT_SHIFT, (doc + blocks) * STMT_SHIFT - 1];
}
