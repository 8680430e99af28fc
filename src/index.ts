// Library entry: the extraction pipeline without the CLI.
import { readFile } from 'node:fs/promises';
import { extract, type ExtractInput, type ExtractOptions } from './pipeline.js';
import { loadSource, type SourceFormat } from './source/load.js';
import { isPdf, pdfToText } from './source/pdf.js';
import { sha256Hex } from './source/sha256.js';
import { actorDictionary } from './data/actors.js';
import { taxonomy } from './data/vocabulary.js';
import type { ReadoutRecord } from './record/schema.js';

export { extract, extractMany, type ExtractOptions, type ExtractInput, type ExtractOutcome } from './pipeline.js';
export { SourceError } from './source/errors.js';
export * from './record/schema.js';

export { EXTRACTOR_VERSION } from './extractor-version.js';

/** How a document's bytes came: what the sender said they are (an HTTP Content-Type). */
export interface DocumentOrigin { format?: SourceFormat | 'pdf'; charset?: string | null }

/** Decodes raw bytes (text or HTML) into what extraction takes: the text, the path and the bytes' SHA-256 (pass it
 *  when already computed). Throws SourceError with a one-line reason when the bytes cannot be read (a PDF among
 *  them: decodeDocument reads those). */
export function decodeInput(bytes: Uint8Array, path: string | null,
  options: { sha256?: string; format?: SourceFormat; charset?: string | null } = {}): ExtractInput & { sha256: string } {
  const source = loadSource(bytes, path ?? '<input>', options);
  return { text: source.text, path, sha256: source.sha256 };
}

/** Like decodeInput, for PDF files too (their text is read asynchronously, through pdf.js: the text is the PDF's
 *  paragraphs, the hash the PDF's bytes'), and with what the transport declared. */
export async function decodeDocument(bytes: Uint8Array, path: string | null, origin: DocumentOrigin = {}):
  Promise<ExtractInput & { sha256: string }> {
  if (origin.format === 'pdf' || (origin.format === undefined && isPdf(bytes))) {
    const text = await pdfToText(bytes, path ?? '<input>');
    return decodeInput(Buffer.from(text, 'utf8'), path, { sha256: sha256Hex(bytes), format: 'text' });
  }
  return decodeInput(bytes, path, { format: origin.format, charset: origin.charset });
}

/** Decodes raw bytes (text or HTML: `format`, else sniffed), then extracts; returns the record and the text its
 *  spans index. */
export function extractDocument(bytes: Uint8Array, options: ExtractOptions & { path?: string | null; format?: SourceFormat } = {}):
  { record: ReadoutRecord; text: string } {
  const input = decodeInput(bytes, options.path ?? null, { format: options.format });
  return { record: extract(input.text, { ...options, path: input.path, sha256: input.sha256 }), text: input.text };
}

/** Reads and checks the dictionaries `options` names (--actors, --taxonomy) once, up front; throws one line naming
 *  the file and the problem. Extraction would otherwise fail on every document with the same error. */
export function loadDictionaries(options: Pick<ExtractOptions, 'actors' | 'taxonomy'>): void {
  actorDictionary(options.actors ?? []);
  taxonomy(options.taxonomy);
}

/** Reads and extracts one file; throws SourceError with a one-line reason when it cannot. */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<ReadoutRecord> {
  const input = await decodeDocument(await readFile(path), path);
  return extract(input.text, { ...options, path, sha256: input.sha256 });
}
