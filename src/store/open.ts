// Which archive a command works on: --db, then READOUT_DB, then ./readout.db.
import { existsSync, statSync } from 'node:fs';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export const DEFAULT_DB = './readout.db';

export function resolveDbPath(options: { db?: string }): string {
  return options.db || process.env.READOUT_DB || DEFAULT_DB;
}

/** `create: false` (reading commands) refuses to make an empty archive where none is. */
export function openStore(options: { db?: string; create?: boolean } = {}): Store {
  const path = resolveDbPath(options);
  if (existsSync(path) && statSync(path).isDirectory()) throw new Error(`cannot open database ${path}: it is a directory`);
  if (options.create === false && !existsSync(path)) throw new Error(`no archive at ${path} (run \`readout ingest\` first, or give --db)`);
  return openSqliteStore(path, { create: options.create ?? true });
}
