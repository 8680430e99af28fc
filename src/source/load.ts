// Raw bytes -> the text a record is built from. (Placeholder: decoding and HTML handling land here.)
import { createHash } from 'node:crypto';

export interface LoadedSource { text: string; format: 'text' | 'html'; sha256: string }

export function loadSource(bytes: Uint8Array, _path: string): LoadedSource {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { text: Buffer.from(bytes).toString('utf8'), format: 'text', sha256 };
}
