// Standard input as one document's bytes, read only up to the size limit: a 700 MB pipe stops at the limit with one
// line, instead of filling memory before the decoder's size check.
import { DEFAULT_MAX_BYTES, tooLargeReason } from './decode.js';
import { SourceError } from './errors.js';

export async function readStdin(maxBytes = DEFAULT_MAX_BYTES, stream: NodeJS.ReadableStream = process.stdin):
  Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const c = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += c.length;
    if (size > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new SourceError('<stdin>', tooLargeReason(size, maxBytes, true));
    }
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
