// Which archive a command works on: --db, then READOUT_DB, then ./readout.db.
import { existsSync, statSync } from 'node:fs';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';
import { asyncStore, type ArchiveStore } from './archive-store.js';

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

/** A server database's address (`--db postgres://user@host:5432/readout`, or READOUT_DB). */
export const isServerUrl = (db: string) => /^postgres(?:ql)?:\/\//i.test(db);

/** The archive a command works on, behind the asynchronous contract: SQLite for a file, PostgreSQL for an address. */
export async function openArchiveStore(options: { db?: string; create?: boolean } = {}): Promise<ArchiveStore> {
  const where = resolveDbPath(options);
  if (!isServerUrl(where)) return asyncStore(openStore(options));
  // the PostgreSQL backend is loaded only for an address, so SQLite users never load its driver
  const backend = new URL('./postgres/index.js', import.meta.url).href;
  let open: (url: string, options: { create?: boolean }) => Promise<ArchiveStore>;
  try {
    ({ openPostgresStore: open } = await import(backend) as { openPostgresStore: typeof open });
  } catch (err) {
    throw new Error(`cannot use ${redacted(where)}: the PostgreSQL backend did not load (${(err as Error).message})`,
      { cause: err });
  }
  return open(where, { create: options.create ?? true });
}

/** An address without its password, for messages. */
export const redacted = (url: string) => url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
