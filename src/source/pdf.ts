// PDF bytes -> the readout's text, through pdf.js (unpdf's build for Node): lines rebuilt from the text layer's
// positions, in the page's reading order; a line that runs to the right margin joins the next one (the word after it
// would not have fitted), so a paragraph comes out as one line, and a larger gap than the page's line spacing makes
// a blank line between paragraphs. Running headers and footers (the same line at the top or the bottom of most
// pages) and page numbers are dropped; pages are joined, a sentence cut by a page break made whole.
import { getDocumentProxy } from 'unpdf';
import { SourceError } from './errors.js';
import { SENTENCE_END } from './unwrap.js';

interface Item { str: string; x: number; y: number; width: number; size: number; eol: boolean }
interface Line { text: string; left: number; right: number; y: number; size: number; firstWordWidth: number }

/** The parts of pdf.js's text content item that are read here. */
interface TextItemLike { str?: string; transform?: number[]; width?: number; height?: number; hasEOL?: boolean }

const PAGE_NUMBER = /^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

function toItems(raw: readonly TextItemLike[]): Item[] {
  const items: Item[] = [];
  for (const it of raw) {
    const t = it.transform;
    if (typeof it.str !== 'string' || !t) continue;
    items.push({ str: it.str, x: t[4]!, y: t[5]!, width: it.width ?? 0, size: Math.abs(t[3]!) || it.height || 10, eol: !!it.hasEOL });
  }
  return items;
}

/** Items to lines: a new line where the baseline moves by more than half the type size or pdf.js marks an end. */
function toLines(items: readonly Item[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | null = null;
  let lastRight = 0;
  for (const it of items) {
    if (cur && Math.abs(it.y - cur.y) > cur.size * 0.5) { lines.push(cur); cur = null; }
    if (!cur) {
      if (!it.str.trim()) continue;
      const first = /^\s*\S+/.exec(it.str)?.[0].trim().length ?? 0;
      cur = { text: '', left: it.x, right: it.x, y: it.y, size: it.size, firstWordWidth: it.str.length ? (it.width * first) / it.str.length : 0 };
      lastRight = it.x;
    }
    // pdf.js leaves out the space between two runs a little apart on one line
    if (cur.text && !/\s$/.test(cur.text) && !/^\s/.test(it.str) && it.x - lastRight > it.size * 0.15) cur.text += ' ';
    cur.text += it.str;
    if (it.str.trim()) { cur.right = Math.max(cur.right, it.x + it.width); lastRight = it.x + it.width; }
    if (it.eol) { lines.push(cur); cur = null; }
  }
  if (cur) lines.push(cur);
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text);
}

const shape = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');

/** Lines at the top or the bottom of most pages (the same words but for numbers), and page numbers. */
function furniture(pages: readonly Line[][]): Set<Line> {
  const out = new Set<Line>();
  const edges = (lines: readonly Line[]) => [...lines.slice(0, 2), ...lines.slice(-2)];
  const seen = new Map<string, number>();
  for (const lines of pages) for (const s of new Set(edges(lines).map((l) => shape(l.text)))) seen.set(s, (seen.get(s) ?? 0) + 1);
  const repeated = (l: Line) => pages.length >= 2 && (seen.get(shape(l.text)) ?? 0) >= Math.max(2, pages.length / 2);
  for (const lines of pages) for (const l of edges(lines)) if (repeated(l) || PAGE_NUMBER.test(l.text)) out.add(l);
  return out;
}

const ITEM_START = /^(?:\d{1,3}[.)]|\(\d{1,3}\)|[•·▪◦●■►‣–—*-])\s/;

/** Whether `next` goes on the paragraph of `prev`: prev runs to the right margin (the first word of next would not
 *  have fitted after it), and next starts no item of its own. */
const runsOn = (prev: Line, next: Line, right: number) =>
  prev.right + prev.size * 0.3 + next.firstWordWidth > right - prev.size * 1.5 && !ITEM_START.test(next.text);

/** A full line that ends a sentence, before one that starts with a capital: likely a paragraph's end. */
const endsParagraph = (a: string, b: string) => SENTENCE_END.test(a) && /^["'“‘(]?\p{Lu}/u.test(b);

/** `a` and `b` joined as one paragraph: after a hyphen ("Japan-/U.S.") with no space. */
const joinRun = (a: string, b: string) => (/\p{L}-$/u.test(a) ? a + b : `${a} ${b}`);

/** Lines as paragraphs (`right`: the text's right margin): wraps joined, a blank line where the gap between two
 *  lines is larger than the line spacing. */
function paragraphs(pages: readonly Line[][], right: number): string {
  let out = '';
  let prev: Line | null = null;
  for (const lines of pages) {
    const gaps = lines.slice(1).map((l, k) => lines[k]!.y - l.y).filter((g) => g > 0).sort((a, b) => a - b);
    const spacing = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : (lines[0]?.size ?? 10) * 1.2;
    lines.forEach((line, k) => {
      // on a page the gap must be a line's too; across a page break, a sentence's end before a capital says more
      const samePage = k > 0;
      const gap = prev ? prev.y - line.y : 0;
      if (!prev) out = line.text;
      else if (runsOn(prev, line, right) && (samePage ? gap <= spacing * 1.3 : !endsParagraph(out, line.text))) {
        out = joinRun(out, line.text);
      }
      else out += !samePage || gap > spacing * 1.4 || gap < 0 ? `\n\n${line.text}` : `\n${line.text}`;
      prev = line;
    });
  }
  return out;
}

/** What went wrong opening a PDF, in one line. */
function openError(err: unknown): string {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException') return 'PDF is encrypted (password protected)';
  return `PDF is damaged or truncated (${String(e?.message ?? err).split('\n')[0]})`;
}

/** The text of a PDF; throws SourceError(path, reason) when it has none to give. */
export async function pdfToText(bytes: Uint8Array, path: string): Promise<string> {
  let doc;
  try {
    // pdf.js takes the buffer over (transfers it): give it a copy
    doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (err) {
    throw new SourceError(path, openError(err));
  }
  try {
    const pages: Line[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      pages.push(toLines(toItems((await page.getTextContent()).items as TextItemLike[])));
      page.cleanup();
    }
    const drop = furniture(pages);
    const body = pages.map((lines) => lines.filter((l) => !drop.has(l)));
    // the text's right margin: the document's, since a short last page may have no full line
    const right = body.reduce((m, lines) => lines.reduce((n, l) => Math.max(n, l.right), m), 0);
    const text = paragraphs(body, right);
    if (!text.trim()) throw new SourceError(path, 'PDF has no text layer (scanned?)');
    return text;
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(path, openError(err));
  } finally {
    await doc.destroy();
  }
}

/** Whether bytes are a PDF file (its signature may follow a little junk, as readers allow). */
export const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024))
  .includes('%PDF-');
