// Extraction on worker threads, so documents are extracted while the main thread writes to SQLite.
//
// For ingest the main thread decodes (loadSource) and the workers only extract: extraction is the longer half of
// ingest, so the workers get nothing else. For `readout extract` (sendRaw) the workers decode and serialize too: the
// main thread only reads and writes. Results wait for the writer in the workers' result ports, serialized, outside the
// JavaScript heap: a few hundred documents are extracted ahead of the writer (it commits for a quarter of a second
// now and then), and when they waited on the main thread's heap as objects, the garbage collector moved every one
// of them to the old generation, which then grew by 10 KB a document between full collections (over 200 MB of a
// 500 MB budget). The writer takes each result off its port (receiveMessageOnPort) when it writes that document; a
// one-number message on the worker's own channel tells it the result is there.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { decodeDocument, type DocumentOrigin } from '../index.js';
import { extractMany, type ExtractOptions } from '../pipeline.js';
import type { ReadoutRecord } from '../record/schema.js';
import { reasonOf } from './ingest.js';

/** Why a document gave no result, in one line. */
type Failed = { error: string };

/** What comes back for one document: its record and the text it was extracted from (sent back rather than kept by
 *  the writer, so that it waits off the heap too). */
export type Extracted = { record: ReadoutRecord; text: string } | Failed;

/** A document's bytes as `readout extract` read them; `path` is what its record names (a web address's is the
 *  address), `url` is set on the record when the bytes came from one. */
export interface RawDocument { bytes: Uint8Array; path: string | null; origin?: DocumentOrigin; url: string | null }

/** What `readout extract` prints for a document: its record as JSON (pretty or one line) and its warnings. */
export type Formatted = { json: string; warnings: string[] } | Failed;

/** `readout extract`'s work on a document past reading it: decoded, extracted (together, as extractMany is faster)
 *  and serialized, on a worker when there is one, so that the thread that reads and writes does little else. */
export async function formatDocuments(docs: readonly RawDocument[], pretty: boolean, options: PoolOptions = {}):
  Promise<Formatted[]> {
  const decoded = await Promise.all(docs.map((d) => decodeDocument(d.bytes, d.path, d.origin)
    .catch((err: unknown): Failed => ({ error: reasonOf(err) }))));
  const outcomes = extractMany(decoded.flatMap((d) => ('error' in d ? [] : [d])), options);
  let next = 0;
  return decoded.map((d, k): Formatted => {
    if ('error' in d) return d;
    const { record, error } = outcomes[next++]!;
    if (error) return { error: reasonOf(error) };
    if (docs[k]!.url) record.source.url = docs[k]!.url;
    return { json: JSON.stringify(record, null, pretty ? 2 : undefined), warnings: record.warnings ?? [] };
  });
}

/** Extraction as a worker does it, for the documents it has been sent so far (extractMany: together is faster). */
export function extractForWriter(docs: readonly { text: string; path: string | null; sha256: string }[],
  options: PoolOptions = {}): Extracted[] {
  return extractMany(docs, options).map((outcome, k) => (outcome.error ? { error: reasonOf(outcome.error) } : { record: outcome.record, text: docs[k].text }));
}

/** What every worker extracts with: the user's dictionaries (--taxonomy, --actors). */
export type PoolOptions = Pick<ExtractOptions, 'taxonomy' | 'actors'>;

/** Workers by default: the cores but one, which writes. */
export const defaultJobs = () => Math.max(1, availableParallelism() - 1);

/** Built JS runs the worker file as is; from sources (tsx) the worker registers tsx's loader first. */
function spawnWorker(results: MessagePort, extractOptions: PoolOptions): Worker {
  const options = { workerData: { results, extractOptions }, transferList: [results] };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', import.meta.url), options);
  const api = import.meta.resolve('tsx/esm/api');
  const file = new URL('./extract-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`, { eval: true, ...options });
}

interface Lane {
  worker: Worker;
  /** Never started: its messages stay serialized until taken. */
  results: MessagePort;
  /** Ids sent, not yet taken. */
  load: number;
  /** Ids whose result is in `results`. */
  ready: Set<number>;
  /** Ids the writer waits on, with what wakes it. */
  waiting: Map<number, () => void>;
  dead: Error | null;
}

/** One document handed to the pool; `take` is called once, by the writer, in the order documents were sent. */
export interface Ticket<T = Extracted> { take(): Promise<T> }

/** A plain object rather than a closure: it waits in ingest's read-ahead window (see ingest.ts), and a closure made
 *  in send() would also keep the document's text alive. */
class WorkerTicket<T> implements Ticket<T | Failed> {
  constructor(private readonly pool: ExtractPool, private readonly lane: Lane, private readonly id: number) {}
  take(): Promise<T | Failed> { return this.pool.take<T>(this.lane, this.id); }
}

const inProcessTicket = (text: string, path: string | null, sha256: string, options: PoolOptions): Ticket =>
  ({ take: async () => extractForWriter([{ text, path, sha256 }], options)[0]! });

export class ExtractPool {
  private readonly lanes: Lane[] = [];
  /** Results taken off a port ahead of their turn: a worker answers in the order it was sent documents, so only
   *  when tickets are taken out of that order. */
  private readonly early = new Map<number, unknown>();
  private next = 0;

  constructor(size: number, private readonly options: PoolOptions = {}) {
    for (let w = 0; w < size; w++) {
      const { port1, port2 } = new MessageChannel();
      const lane: Lane = { worker: spawnWorker(port2, options), results: port1, load: 0, ready: new Set(), waiting: new Map(), dead: null };
      lane.worker.on('message', (id: number) => {
        lane.ready.add(id);
        const wake = lane.waiting.get(id);
        lane.waiting.delete(id);
        wake?.();
      });
      // A worker that dies fails what it held; later documents go to the others, or to the main thread.
      lane.worker.on('error', (err) => {
        lane.dead = err;
        for (const wake of lane.waiting.values()) wake();
        lane.waiting.clear();
      });
      this.lanes.push(lane);
    }
  }

  /** `text` as loadSource made it from bytes whose SHA-256 is `sha256`. */
  send(text: string, path: string | null, sha256: string): Ticket {
    const lane = this.leastBusy();
    if (!lane) return inProcessTicket(text, path, sha256, this.options);
    return this.post<Extracted>(lane, { text, path, sha256 });
  }

  /** A document's bytes for `readout extract`: the worker decodes, extracts and serializes it (formatDocuments). The
   *  bytes are moved to the worker, not copied: the caller must not use them again. */
  sendRaw(doc: RawDocument, pretty: boolean): Ticket<Formatted> {
    const lane = this.leastBusy();
    if (!lane) return { take: async () => (await formatDocuments([doc], pretty, this.options))[0]! };
    // a view on part of a buffer (Node's pool of small buffers) is copied out: moving the buffer would take the rest
    const { bytes } = doc;
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    return this.post<Formatted>(lane, { raw: { ...doc, bytes: own }, pretty }, [own.buffer as ArrayBuffer]);
  }

  /** The least busy live worker; with none left, the calling thread does the work when the result is taken. */
  private leastBusy(): Lane | undefined {
    let lane: Lane | undefined;
    for (const l of this.lanes) if (!l.dead && (!lane || l.load < lane.load)) lane = l;
    return lane;
  }

  private post<T>(lane: Lane, message: object, transfer: ArrayBuffer[] = []): Ticket<T | Failed> {
    const id = this.next++;
    lane.load++;
    lane.worker.postMessage({ id, ...message }, transfer);
    return new WorkerTicket<T>(this, lane, id);
  }

  /** @internal WorkerTicket's take. */
  async take<T>(lane: Lane, id: number): Promise<T | Failed> {
    if (!lane.ready.has(id) && !lane.dead) await new Promise<void>((wake) => lane.waiting.set(id, wake));
    lane.load--;
    if (!lane.ready.delete(id)) return { error: `extraction worker failed: ${lane.dead?.message ?? 'no result'}` };
    const kept = this.early.get(id) as T | undefined;
    if (kept) { this.early.delete(id); return kept; }
    for (;;) {
      const got = receiveMessageOnPort(lane.results) as { message: { id: number } & T } | undefined;
      if (!got) return { error: 'extraction worker failed: result lost' };
      const { id: at, ...result } = got.message;
      if (at === id) return result as T;
      this.early.set(at, result);
    }
  }

  async close(): Promise<void> {
    for (const l of this.lanes) l.results.close();
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }
}
