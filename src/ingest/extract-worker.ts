// A worker thread of the extraction pool: decoded text in (ingest), or a document's bytes (`readout extract`); the
// result (record and text, or the record's JSON, or a one-line reason) out on the results port the pool gave it, then
// the document's id on the worker channel to say it is there. The documents already waiting when one arrives are
// extracted with it, as one batch (see extractMany).
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { extractForWriter, formatDocuments, type PoolOptions, type RawDocument } from './extract-pool.js';
// a few documents at a time: batches of 16 or more kept some 90 MB more resident over a 20,000-file ingest
const WORKER_BATCH = 8;

type RawSent = { id: number; raw: RawDocument; pretty: boolean };
type Sent = { id: number; text: string; path: string | null; sha256: string } | RawSent;
const { results, extractOptions } = workerData as { results: MessagePort; extractOptions: PoolOptions };
const channel = parentPort!;

const answer = (id: number, result: object) => {
  results.postMessage({ id, ...result });
  channel.postMessage(id);
};

channel.on('message', (first: Sent) => {
  const batch = [first];
  for (let next; batch.length < WORKER_BATCH && (next = receiveMessageOnPort(channel));) batch.push(next.message as Sent);
  const texts = batch.filter((s) => 'text' in s);
  if (texts.length) extractForWriter(texts, extractOptions).forEach((extracted, k) => answer(texts[k]!.id, extracted));
  for (const pretty of [false, true]) {
    const raws = batch.filter((s): s is RawSent => 'raw' in s && s.pretty === pretty);
    // a PDF's text is read asynchronously; a failure here fails the worker, and the pool what it held
    if (raws.length) {
      void formatDocuments(raws.map((s) => s.raw), pretty, extractOptions)
        .then((formatted) => formatted.forEach((f, k) => answer(raws[k]!.id, f)));
    }
  }
});
