// Writes from a server: another process (an ingest) may hold the archive's write lock for a batch, about a second.
// Waiting for it inside SQLite would block the thread that answers every other request, so the lock is tried, and
// between tries the event loop goes on.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.js';

/** Thrown when the lock could not be had in time: the server answers 503 and the client may retry. */
export class ArchiveBusy extends Error {}

/** Runs `fn` in a write transaction once the lock is free, polling every few milliseconds for at most `maxMs`. */
export async function whenWritable<T>(store: Store, fn: () => T, maxMs = 30_000): Promise<T> {
  const deadline = Date.now() + maxMs;
  for (let delay = 1; !store.tryBegin(); delay = Math.min(delay * 1.5, 20)) {
    if (Date.now() >= deadline) throw new ArchiveBusy(`the archive is busy: another writer held it for ${maxMs / 1000} s`);
    // jittered, so that two waiting servers do not poll in step
    await sleep(delay * (0.5 + Math.random()));
  }
  try {
    const out = fn();
    store.commit();
    return out;
  } catch (err) {
    store.rollback();
    throw err;
  }
}
