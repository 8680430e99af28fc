// A worker thread of the extraction pool: decoded text in; the result (record and text, or a one-line reason) out on
// the results port the pool gave it, then the document's id on the worker channel to say it is there.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { extractForWriter } from './extract-pool.js';

const results = (workerData as { results: MessagePort }).results;

parentPort!.on('message', (m: { id: number; text: string; path: string | null; sha256: string }) => {
  results.postMessage({ id: m.id, ...extractForWriter(m.text, m.path, m.sha256) });
  parentPort!.postMessage(m.id);
});
