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

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|'
  + '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
/** A date line's date near the start of a page: "August 16, 2017", "16 August 2017", "2017-08-16". */
const LEAD_DATE = new RegExp(`(?:${MONTH} \\d{1,2}, \\d{4}|\\d{1,2} ${MONTH} \\d{4}|\\d{4}-\\d{2}-\\d{2})`);
const LEAD_DATES = new RegExp(LEAD_DATE.source, 'g');
/** A date a sentence gives rather than a date line: after "On", "since", "of" ... */
const DATE_IN_SENTENCE = /\b(?:On|on|of|in|since|from|to|until|by)\s$/;
/** The first sentence of a readout's body, run on after its headline: " On January 28, 2018," " On Monday,". */
const BODY_OPENING = new RegExp(` (?=On (?:${MONTH} \\d|\\d{1,2} ${MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))`);
/** Where a labelled header field starts inside a line: data/layout.json's `headerFields`, unanchored. */
let fieldStarts: RegExp | null = null;
function headerFieldStarts(): RegExp {
  const fields = readDataJson<{ headerFields: string }>('layout.json').headerFields.replace(/^\^\\s\*/, '');
  return (fieldStarts ??= new RegExp(` (?=${fields})`, 'gi'));
}
/** Numbered items run into one line: " 1. The", " (2) Minister". */
const RUN_ON_ITEMS = [/ (\d{1,2})\. (?=[A-Z“"(])/g, / \((\d{1,2})\) (?=[A-Z“"])/g];

/** A whole page on one line (pasted from a chat, a spreadsheet cell) -> its headline, date line and numbered items on
 *  lines of their own: a space before each item of a sequence 1, 2, 3 ..., and around a date near the start, becomes
 *  a line break. Same length, so spans index both. Texts with line breaks come back as they are. */
export function splitRunOnText(text: string): string {
  if (text.includes('\n') || text.length < 300) return text;
  const out = text.split('');
  for (const re of RUN_ON_ITEMS) {
    const breaks: number[] = [];
    for (const m of text.matchAll(re)) if (Number(m[1]) === breaks.length + 1) breaks.push(m.index);
    if (breaks.length >= 2) for (const at of breaks) out[at] = '\n';
  }
  // labelled header fields ("Date and time: ...", "Venue: ...") near the start: the layout's own labels
  for (const m of text.slice(0, 1500).matchAll(headerFieldStarts())) out[m.index] = '\n';
  // the body's opening: "On February 10, ..." near the start, after a headline
  const opening = BODY_OPENING.exec(text.slice(0, 800));
  if (opening && opening.index > 0) out[opening.index] = '\n';
  // the date line: the last date near the start that follows a headline, where no sentence has ended yet and no
  // sentence gives it ("On 16 December 2023, a meeting ..."); a headline may end with a date of its own
  const head = text.slice(0, 300);
  let date: RegExpExecArray | null = null;
  for (const m of head.matchAll(LEAD_DATES)) {
    const before = head.slice(0, m.index);
    if (m.index > 0 && !/\p{Ll}{2}[.!?] /u.test(before) && !DATE_IN_SENTENCE.test(before)) date = m;
  }
  if (date) {
    if (text[date.index - 1] === ' ') out[date.index - 1] = '\n';
    const end = date.index + date[0].length;
    if (text[end] === ' ') out[end] = '\n';
  }
  return out.join('');
}
