// Library entry: the extraction pipeline without the CLI.
import { readFile } from 'node:fs/promises';
import { extract, type ExtractOptions } from './pipeline.js';
import { loadSource } from './source/load.js';
import type { ReadoutRecord } from './record/schema.js';

export { extract, extractMany, type ExtractOptions, type ExtractInput, type ExtractOutcome } from './pipeline.js';
export { SourceError } from './source/errors.js';
export * from './record/schema.js';

/** Bumped whenever extraction output changes, so `readout reindex` knows what to redo. */
export const EXTRACTOR_VERSION = '0.1.0';

/** Decodes raw bytes (text or HTML), then extracts; returns the record and the text its spans index. */
export function extractDocument(bytes: Uint8Array, options: ExtractOptions & { path?: string | null } = {}): { record: ReadoutRecord; text: string } {
  const path = options.path ?? null;
  const source = loadSource(bytes, path ?? '<input>');
  return { record: extract(source.text, { ...options, path, sha256: source.sha256 }), text: source.text };
}

/** Reads and extracts one file; throws SourceError with a one-line reason when it cannot. */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<ReadoutRecord> {
  return extractDocument(await readFile(path), { ...options, path }).record;
}
