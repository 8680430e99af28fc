// Raw bytes -> the text a record is built from: decode (decode.ts), then, for HTML, reduce the page to its
// readout text (html.ts). Spans in the record index the returned `text` (LF line ends, no BOM).
import { sha256Hex } from './sha256.js';
import { decodeBytes, type DecodeOptions, type Encoding } from './decode.js';
import { SourceError } from './errors.js';
import { htmlToText, looksLikeHtml } from './html.js';
import { unwrapText } from './unwrap.js';
import { splitRunOnText } from './run-on.js';

export type SourceFormat = 'text' | 'html';
export interface LoadedSource { text: string; format: SourceFormat; sha256: string }

export interface LoadOptions extends DecodeOptions {
  /** The bytes' SHA-256 when the caller has computed it already (ingest hashes first, to skip stored documents). */
  sha256?: string;
  /** What the sender said the bytes are (an HTTP Content-Type); sniffed from the bytes and the path when absent. */
  format?: SourceFormat;
}

/** Like loadSource, plus how the bytes were decoded. */
export interface LoadedSourceDetail extends LoadedSource { encoding: Encoding; replaced: number }

export function loadSourceDetail(bytes: Uint8Array, path: string, options: LoadOptions = {}): LoadedSourceDetail {
  const sha256 = options.sha256 ?? sha256Hex(bytes);
  const decoded = decodeBytes(bytes, path, options);
  let text = decoded.text;
  let format: SourceFormat = 'text';
  if (options.format ? options.format === 'html' : looksLikeHtml(text, path)) {
    format = 'html';
    text = htmlToText(text);
    if (!/\S/.test(text)) throw new SourceError(path, 'no text (the HTML page has no readable content)');
  } else {
    // text copied from an email or a PDF comes hard-wrapped, from a chat all on one line: a line per paragraph again
    text = splitRunOnText(unwrapText(text));
  }
  return { text, format, sha256, encoding: decoded.encoding, replaced: decoded.replaced };
}

/** Decodes a document; throws SourceError(path, reason) for empty, binary, oversized or undecodable input. */
export function loadSource(bytes: Uint8Array, path: string, options: LoadOptions = {}): LoadedSource {
  const { text, format, sha256 } = loadSourceDetail(bytes, path, options);
  return { text, format, sha256 };
}
