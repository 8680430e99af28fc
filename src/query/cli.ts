// What the archive commands share: the --db option, opening the store, and one-line usage errors.
import type { Command } from 'commander';
import { openArchiveStore } from '../store/open.js';
import type { ArchiveStore } from '../store/archive-store.js';
import { UsageError } from '../errors.js';

export const addDbOption = (cmd: Command) =>
  cmd.option('--db <path>', 'archive file or postgres:// address (default: $READOUT_DB or ./readout.db)');

/** Runs an action with the archive open (a SQLite file or a PostgreSQL server), closing it after; a UsageError
 *  prints one line and exits 2. */
export function withArchive<A extends unknown[]>(setExit: (code: number) => void, create: boolean,
  fn: (store: ArchiveStore, ...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    // Commander calls actions with (...arguments, options, command).
    const cmdOpts = (args[args.length - 2] ?? {}) as { db?: string };
    let store: ArchiveStore | null = null;
    try {
      store = await openArchiveStore({ db: cmdOpts.db, create });
      await fn(store, ...args);
    } catch (err) {
      if (err instanceof UsageError) { process.stderr.write(`readout: ${err.message}\n`); setExit(2); return; }
      throw err;
    } finally {
      await store?.close();
    }
  };
}
