// A worker thread of the extraction pool: bytes in; the result (record JSON and text, or a one-line reason) out on
// the results port the pool gave it, then the document's id on the worker channel to say it is there.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { extractForWriter } from './extract-pool.js';

const results = (workerData as { results: MessagePort }).results;

parentPort!.on('message', (m: { id: number; bytes: Uint8Array; path: string | null }) => {
  results.postMessage({ id: m.id, ...extractForWriter(m.bytes, m.path) });
  parentPort!.postMessage(m.id);
});
