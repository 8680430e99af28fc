// Raw bytes -> a JS string with LF line ends, or a SourceError naming why the bytes are not a text document.
//
// Order of checks: size (empty / too large) -> magic numbers (PDF, ZIP, images, ...) -> byte-order marks
// (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) -> BOM-less UTF-16 (NUL in every other byte) -> binary (NUL bytes, or
// more than 2% C0 control bytes) -> UTF-8 -> declared charset -> legacy fallback -> "no text" when only whitespace
// is left.
//
// Invalid UTF-8 without a BOM (the rule chosen here):
//   * an HTML page declaring a legacy charset (<meta charset="shift_jis">) is decoded with that charset;
//   * no valid multi-byte UTF-8 sequence at all, or fewer valid sequences than invalid ones: the file is in
//     a legacy single-byte encoding (old government pages, Word exports); decode it as windows-1252, the
//     superset of latin-1 that browsers use for it (0x92 is ’, 0x93/0x94 are “ ”);
//   * otherwise it is UTF-8 with damage. A few bad sequences (at most 2, or 1 per 2,000 bytes) are decoded
//     as U+FFFD and the document is accepted; more than that is rejected with "invalid UTF-8 at byte N"
//     (N = offset of the first bad byte), since guessing would silently corrupt names and quotes.
// Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as C1 controls (latin-1), so the mapping is done here.
import { SourceError } from './errors.js';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface DecodeOptions {
  /** Reject files larger than this many bytes (default 20 MB). */
  maxBytes?: number;
  /** The charset the transport declared (an HTTP Content-Type): trusted over guessing, after a byte-order mark. */
  charset?: string | null;
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | 'windows-1252' | `declared:${string}`;

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Count of invalid UTF-8 sequences replaced by U+FFFD (0 unless damaged UTF-8 was accepted). */
  replaced: number;
}

const MB = 1024 * 1024;

/** "52 MB" / "20.4 MB" (exact bytes when one decimal cannot tell `size` from `limit`). */
function formatSizes(size: number, limit: number): [string, string] {
  for (let digits = 0; digits <= 1; digits++) {
    const a = (size / MB).toFixed(digits);
    const b = (limit / MB).toFixed(digits);
    if (a !== b) return [`${a} MB`, `${b} MB`];
  }
  return [`${size} bytes`, `${limit} bytes`];
}

/** "file too large (52 MB > 20 MB limit)"; `atLeast` when reading stopped at the limit, so the size is a floor. */
export function tooLargeReason(size: number, limit: number, atLeast = false): string {
  if (atLeast) return `input too large (more than the ${+(limit / MB).toFixed(1)} MB limit)`;
  const [a, b] = formatSizes(size, limit);
  return `file too large (${a} > ${b} limit)`;
}

interface Magic { bytes: (number | null)[]; reason: string }
const BINARY = 'binary data, not text';
const MAGICS: Magic[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], reason: 'PDF is not supported; convert it to text first' }, // %PDF-
  { bytes: [0x50, 0x4b, 0x03, 0x04], reason: `${BINARY} (ZIP archive or Office document)` },
  { bytes: [0x50, 0x4b, 0x05, 0x06], reason: `${BINARY} (ZIP archive)` },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], reason: `${BINARY} (legacy Office document)` },
  { bytes: [0x89, 0x50, 0x4e, 0x47], reason: `${BINARY} (PNG image)` },
  { bytes: [0xff, 0xd8, 0xff], reason: `${BINARY} (JPEG image)` },
  { bytes: [0x47, 0x49, 0x46, 0x38], reason: `${BINARY} (GIF image)` },
  { bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], reason: `${BINARY} (WebP image)` },
  { bytes: [0x1f, 0x8b], reason: `${BINARY} (gzip archive)` },
  { bytes: [0x42, 0x5a, 0x68], reason: `${BINARY} (bzip2 archive)` },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], reason: `${BINARY} (7z archive)` },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], reason: `${BINARY} (xz archive)` },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], reason: `${BINARY} (executable)` },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], reason: `${BINARY} (SQLite database)` },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], reason: 'RTF is not supported; convert it to text first' }, // {\rtf
];

function magicReason(b: Uint8Array): string | null {
  for (const m of MAGICS) {
    if (b.length < m.bytes.length) continue;
    if (m.bytes.every((v, i) => v === null || b[i] === v)) return m.reason;
  }
  return null;
}

function startsWith(b: Uint8Array, ...sig: number[]): boolean {
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}

/** Lone CR and CRLF -> LF (spans index this normalized text). */
export function normalizeNewlines(s: string): string {
  return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
}

/** C0 controls other than tab, LF, VT, FF and CR, plus DEL. */
function isControlByte(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f;
}

const CONTROL_RATIO = 0.02;

function tooManyControlBytes(b: Uint8Array): boolean {
  let n = 0;
  const limit = Math.max(1, Math.floor(b.length * CONTROL_RATIO));
  for (let i = 0; i < b.length; i++) if (isControlByte(b[i]) && ++n > limit) return true;
  return false;
}

function tooManyControlChars(s: string): boolean {
  let n = 0;
  const limit = Math.max(1, Math.floor(s.length * CONTROL_RATIO));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((isControlByte(c) || c === 0 || (c >= 0x80 && c <= 0x9f)) && ++n > limit) return true;
  }
  return false;
}

/** BOM-less UTF-16: most even (BE) or odd (LE) bytes are NUL and the other half mostly are not. */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

function decodeUtf32(b: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 4; i + 4 <= b.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (chunk.length === 8192) { parts.push(String.fromCodePoint(...chunk)); chunk = []; }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

// windows-1252 0x80-0x9F (the five undefined bytes keep their C1 code points, as browsers do).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(b: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  const codes = new Uint16Array(Math.min(CHUNK, b.length));
  for (let start = 0; start < b.length; start += CHUNK) {
    const end = Math.min(b.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const c = b[i];
      codes[i - start] = c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80] : c;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

interface Utf8Scan { valid: number; invalid: number; firstInvalid: number }

/** Counts valid multi-byte sequences and invalid sequences (per the WHATWG decoder's maximal-subpart rule). */
function scanUtf8(b: Uint8Array): Utf8Scan {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  const bad = (at: number) => { invalid++; if (firstInvalid < 0) firstInvalid = at; };
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else { bad(i); i++; continue; }
    let j = 1;
    for (; j <= need; j++) {
      const d = b[i + j];
      if (d === undefined || d < lo || d > hi) break;
      lo = 0x80; hi = 0xbf;
    }
    if (j > need) { valid++; i += need + 1; } else { bad(i); i += j; }
  }
  return { valid, invalid, firstInvalid };
}

// Labels that mean windows-1252 to browsers (and that Node 20 would decode as latin-1).
const CP1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso-ir-100', 'csisolatin1']);

/** The charset an HTML or XML document declares in its first 2 KB (<meta charset>, http-equiv, <?xml encoding?>). */
function declaredCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** A decoder for a declared legacy charset; null for UTF-8, an unknown label or none (then the bytes decide). */
function legacyDecoder(label: string | null | undefined): { decode(b: Uint8Array): string; encoding: Encoding } | null {
  const name = label?.trim().toLowerCase();
  if (!name || name === 'utf-8' || name === 'utf8') return null;
  if (CP1252_LABELS.has(name)) return { decode: decodeWindows1252, encoding: 'windows-1252' };
  let decoder: TextDecoder;
  try { decoder = new TextDecoder(name); } catch { return null; }
  return { decode: (b) => decoder.decode(b), encoding: `declared:${decoder.encoding}` };
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

function finish(path: string, text: string, encoding: Encoding, replaced = 0): Decoded {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = normalizeNewlines(text);
  if (!/\S/.test(text)) throw new SourceError(path, 'no text');
  return { text, encoding, replaced };
}

/** Decodes a document's bytes; throws SourceError(path, reason) when they are not usable text. */
export function decodeBytes(bytes: Uint8Array, path: string, options: DecodeOptions = {}): Decoded {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new SourceError(path, 'empty file');
  if (bytes.length > maxBytes) {
    throw new SourceError(path, tooLargeReason(bytes.length, maxBytes));
  }
  const magic = magicReason(bytes);
  if (magic) throw new SourceError(path, magic);

  // Byte-order marks. UTF-32 LE (FF FE 00 00) must be tested before UTF-16 LE (FF FE).
  let wide: { text: string; encoding: Encoding } | null = null;
  if (startsWith(bytes, 0xff, 0xfe, 0x00, 0x00)) wide = { text: decodeUtf32(bytes, true), encoding: 'utf-32le' };
  else if (startsWith(bytes, 0x00, 0x00, 0xfe, 0xff)) wide = { text: decodeUtf32(bytes, false), encoding: 'utf-32be' };
  else if (startsWith(bytes, 0xff, 0xfe)) wide = { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  else if (startsWith(bytes, 0xfe, 0xff)) wide = { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  else if (bytes.indexOf(0) !== -1) {
    const sniffed = sniffUtf16(bytes);
    if (!sniffed) throw new SourceError(path, BINARY);
    wide = { text: new TextDecoder(sniffed).decode(bytes), encoding: sniffed };
  }
  if (wide) {
    if (tooManyControlChars(wide.text)) throw new SourceError(path, BINARY);
    return finish(path, wide.text, wide.encoding);
  }

  if (tooManyControlBytes(bytes)) throw new SourceError(path, BINARY);
  const utf8Bom = startsWith(bytes, 0xef, 0xbb, 0xbf);
  const declaredByTransport = utf8Bom ? null : legacyDecoder(options.charset);
  if (declaredByTransport) return finish(path, declaredByTransport.decode(bytes), declaredByTransport.encoding);
  try {
    return finish(path, utf8Fatal.decode(bytes), 'utf-8'); // strips a UTF-8 BOM itself
  } catch (err) {
    if (err instanceof SourceError) throw err;
  }
  // Not UTF-8: an HTML page that declares its legacy charset (Shift_JIS, EUC-KR, GB2312, Big5...) is decoded with it.
  const declared = legacyDecoder(declaredCharset(bytes));
  if (declared) return finish(path, declared.decode(bytes), declared.encoding);
  const scan = scanUtf8(bytes);
  if (scan.valid === 0 || scan.valid < scan.invalid) {
    const text = decodeWindows1252(bytes);
    if (tooManyControlChars(text)) throw new SourceError(path, BINARY);
    return finish(path, text, 'windows-1252');
  }
  if (scan.invalid <= Math.max(2, Math.floor(bytes.length / 2000))) {
    return finish(path, utf8Lenient.decode(bytes), 'utf-8', scan.invalid);
  }
  throw new SourceError(path, `invalid UTF-8 at byte ${scan.firstInvalid}`);
}
