// The archive a server works on: the store helper's resolution (--db, READOUT_DB, ./readout.db).
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

export function openArchive(db: string | undefined, create = true): Store {
  return openStore(db === undefined ? { create } : { db, create });
}
