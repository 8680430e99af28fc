// A worker thread of the extraction pool: decoded text in; the result (record and text, or a one-line reason) out on
// the results port the pool gave it, then the document's id on the worker channel to say it is there. The documents
// already waiting when one arrives are extracted with it, as one batch (see extractMany).
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { extractForWriter, type PoolOptions } from './extract-pool.js';
// a few documents at a time: batches of 16 or more kept some 90 MB more resident over a 20,000-file ingest
const WORKER_BATCH = 8;

interface Sent { id: number; text: string; path: string | null; sha256: string }
const { results, extractOptions } = workerData as { results: MessagePort; extractOptions: PoolOptions };
const channel = parentPort!;

channel.on('message', (first: Sent) => {
  const batch = [first];
  for (let next; batch.length < WORKER_BATCH && (next = receiveMessageOnPort(channel));) batch.push(next.message as Sent);
  extractForWriter(batch, extractOptions).forEach((extracted, k) => {
    results.postMessage({ id: batch[k].id, ...extracted });
    channel.postMessage(batch[k].id);
  });
});
