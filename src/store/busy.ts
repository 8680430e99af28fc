// Two writers on one archive (two ingests, an ingest and the HTTP API): SQLite lets one write at a time, and the
// other waits for the write lock. SQLite's own busy handler retries every 100 ms once it has waited a while, and an
// ingest that commits and begins its next batch at once never leaves it such a gap, so the waiting writer polls
// here every few milliseconds, and an ingest pauses WRITER_GAP_MS after each commit.

/** SQLite's busy timeout for everything else (reads, opening, the switch to WAL). */
export const BUSY_TIMEOUT_MS = 5000;
/** How long a writer waits for the lock before it gives up: far more than another writer's batch takes. */
export const LOCK_WAIT_MS = 120_000;
/** The pause after a commit in which a waiting writer takes the lock; a few of its polls long. */
export const WRITER_GAP_MS = 5;
const MAX_POLL_MS = 2;

export const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

const cell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread: the write it waits for is synchronous too (better-sqlite3). */
export const sleepSync = (ms: number) => { Atomics.wait(cell, 0, 0, ms); };

/** Runs `fn` again while it fails with SQLITE_BUSY, polling a little less often each time, for at most `maxMs`. */
export function retryBusy<T>(fn: () => T, maxMs = LOCK_WAIT_MS): T {
  const deadline = Date.now() + maxMs;
  for (let delay = 0.25; ; delay = Math.min(delay * 1.5, MAX_POLL_MS)) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (Date.now() >= deadline) {
        const waited = Math.round(maxMs / 1000);
        throw new Error(`database is locked: another process kept writing to it for ${waited} s`, { cause: err });
      }
    }
    // Jittered, so two waiting writers do not poll in step.
    sleepSync(delay * (0.5 + Math.random()));
  }
}
