// Hard-wrapped text (copied from an email, a terminal or a PDF's text layer: a line break every 60-100 characters)
// -> one line per paragraph, as the layout reader expects. A break is a wrap when the word after it would not have
// fit on the line before it: the wrap width is estimated from the document's own lines. Headlines, date lines,
// numbered items and bullets are short lines or start an item, so their breaks stay. A text that is not wrapped
// (one line per paragraph, or all on one line) comes back as it is.
//
// A wrap becomes one space; a wrap after a hyphen joins the two halves, keeping the hyphen unless the document writes
// the word without it elsewhere ("coopera-/tion" where "cooperation" occurs). Spans index the text this returns.

import { readDataJson } from '../data/paths.js';

/** Starts of lines that begin an item of their own: "1.", "(2)", "a)", bullets, dashes. */
const ITEM_START = /^\s*(?:\d{1,3}[.)](?:\s|$)|\(\d{1,3}\)|\([a-z]\)\s|[a-z][.)]\s|[•·▪◦●■►‣–—*-]\s|\d+\(\d+\))/;
export const SENTENCE_END = /[.!?:;]["'”’)]?$/;
/** Words whose period ends no sentence ("Dr.", "Gen.", an initial "S."): data/abbreviations.json. */
let abbreviations: Set<string> | null = null;
function endsInAbbreviation(line: string): boolean {
  const word = /(?:^|[\s(])([\p{L}.]+)\.$/u.exec(line)?.[1];
  if (!word) return false;
  if (/^\p{Lu}$/u.test(word)) return true;
  abbreviations ??= new Set(readDataJson<{ abbreviations: string[] }>('abbreviations.json').abbreviations);
  return abbreviations.has(word);
}
/** Lines of a wrapped document: most long lines end near one width, none far past it. */
const MIN_LINES = 4;

/** The width the document is wrapped at, or null when it is not hard-wrapped. */
export function wrapWidth(lines: readonly string[]): number | null {
  const lengths = lines.map((l) => l.trimEnd().length).filter((n) => n > 0);
  if (lengths.length < MIN_LINES) return null;
  const sorted = [...lengths].sort((a, b) => a - b);
  // the longest line but an outlier or two (a URL, a table row the wrapper left alone)
  const width = sorted[Math.max(0, Math.floor(sorted.length * 0.97) - 1)]!;
  if (width < 30 || width > 200) return null;
  const long = lengths.filter((n) => n > width * 0.5);
  const nearWidth = long.filter((n) => n >= width * 0.75 && n <= width * 1.1).length;
  const far = lengths.filter((n) => n > width * 1.6).length;
  if (long.length < 3 || nearWidth < long.length * 0.6 || far > lengths.length * 0.02) return null;
  return width;
}

const firstWordLength = (line: string) => /^\s*(\S+)/.exec(line)?.[1]!.length ?? 0;

/** Whether the break after `line` (followed by `next`) is a wrap inside a paragraph. */
function isWrap(line: string, next: string, width: number): boolean {
  if (!next.trim() || !line.trim() || ITEM_START.test(next)) return false;
  const fits = line.trimEnd().length + 1 + firstWordLength(next) <= width;
  if (fits) return false;
  // a sentence that ends at the end of a full line, and a capital after it, may still end a paragraph: only a
  // following lower-case word, or a line that does not end a sentence, says "same paragraph"
  const end = line.trimEnd();
  return !SENTENCE_END.test(end) || endsInAbbreviation(end) || /^\s*[a-z(“"'‘]/.test(next) || end.length >= width * 0.9;
}

/** The text with wrapped paragraphs joined into one line each; the same string when it is not hard-wrapped. */
export function unwrapText(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  const width = wrapWidth(lines);
  if (width === null) return text;
  let words: Set<string> | null = null;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(line);
    const next = lines[i + 1];
    if (next === undefined) break;
    if (!isWrap(line, next, width)) { out.push('\n'); continue; }
    const hyphen = /[\p{L}]-$/u.test(line.trimEnd()) && /^\s*\p{Ll}/u.test(next);
    if (!hyphen) { out.push(line.endsWith(' ') ? '' : ' '); lines[i + 1] = next.replace(/^\s+/, ''); continue; }
    // trailing spaces of the hyphenated line and leading ones of the next would split the word
    out[out.length - 1] = line.trimEnd();
    lines[i + 1] = next.replace(/^\s+/, '');
    words ??= new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
    const head = /(\p{L}+)-$/u.exec(out[out.length - 1]!)![1]!;
    const tail = /^\p{L}+/u.exec(lines[i + 1]!)![0];
    if (words.has(`${head}${tail}`.toLowerCase())) out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
  }
  return out.join('');
}
