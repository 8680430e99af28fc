// A server over an archive, as `readout serve` and `readout demo` start it: the app, its listener, and (when POST is
// enabled) the extraction workers that keep a large upload off the thread that answers requests.
import { createApp } from './app.js';
import { listen, type Listening } from './listen.js';
import { defaultJobs, ExtractPool } from '../ingest/extract-pool.js';
import type { Store } from '../store/store.js';
import type { ArchiveStore } from '../store/archive-store.js';

export interface ServeOptions { port: number; host: string; token: string | null }

export async function startServer(store: Store | ArchiveStore, options: ServeOptions): Promise<Listening> {
  const pool = options.token ? new ExtractPool(Math.min(2, defaultJobs())) : undefined;
  try {
    const app = createApp({ store, token: options.token, warm: true, pool });
    const server = await listen(app, options.port, options.host);
    return { ...server, close: async () => { await server.close(); await pool?.close(); } };
  } catch (err) {
    await pool?.close();
    throw err;
  }
}
