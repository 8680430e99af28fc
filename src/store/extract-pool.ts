// Extraction on worker threads, so several documents are extracted while the main thread writes to SQLite.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractDocument } from '../index.js';
import type { ReadoutRecord } from '../record/schema.js';
import { reasonOf } from './ingest.js';

function inProcess(bytes: Uint8Array, path: string | null): Extracted {
  try { return extractDocument(bytes, { path }); } catch (err) { return { error: reasonOf(err) }; }
}

export type Extracted = { record: ReadoutRecord; text: string } | { error: string };

/** Workers by default: the cores but one, which writes. */
export const defaultJobs = () => Math.max(1, availableParallelism() - 1);

/** Built JS runs the worker file as is; from sources (tsx) the worker registers tsx's loader first. */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', import.meta.url));
  const api = import.meta.resolve('tsx/esm/api');
  const file = new URL('./extract-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`, { eval: true });
}

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (r: Extracted) => void>();
  private readonly load: number[] = [];
  private readonly owner = new Map<number, number>();
  private readonly dead = new Set<number>();
  private next = 0;

  constructor(size: number) {
    for (let w = 0; w < size; w++) {
      const worker = spawnWorker();
      worker.on('message', (m: { id: number } & Extracted) => {
        this.load[w]!--;
        const done = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        this.owner.delete(m.id);
        done?.('error' in m ? { error: m.error } : { record: m.record, text: m.text });
      });
      // A worker that dies fails what it held; later documents go to the others, or to the main thread.
      worker.on('error', (err) => {
        this.dead.add(w);
        for (const [id, owner] of this.owner) {
          if (owner !== w) continue;
          this.waiting.get(id)?.({ error: `extraction worker failed: ${err.message}` });
          this.waiting.delete(id);
          this.owner.delete(id);
        }
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  extract(bytes: Uint8Array, path: string | null): Promise<Extracted> {
    const id = this.next++;
    // The least busy live worker takes it.
    let w = -1;
    for (let k = 0; k < this.workers.length; k++) if (!this.dead.has(k) && (w < 0 || this.load[k]! < this.load[w]!)) w = k;
    if (w < 0) return Promise.resolve(inProcess(bytes, path));
    this.load[w]!++;
    this.owner.set(id, w);
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.workers[w]!.postMessage({ id, bytes, path });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
