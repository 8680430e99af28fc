// A worker thread of the extraction pool: bytes in, record and text (or a one-line reason) out.
import { parentPort } from 'node:worker_threads';
import { extractDocument } from '../index.js';
import { reasonOf } from './ingest.js';

parentPort!.on('message', (m: { id: number; bytes: Uint8Array; path: string | null }) => {
  try {
    const { record, text } = extractDocument(m.bytes, { path: m.path });
    parentPort!.postMessage({ id: m.id, record, text });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: reasonOf(err) });
  }
});
