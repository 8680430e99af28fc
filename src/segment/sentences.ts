// Paragraph -> sentences, aware of the genre's abbreviations ("Gen.", "U.S.", "a.m.", "H.E.").
import type { Vocabulary } from '../data/vocabulary.js';
import { isSpaceCode } from '../text/document.js';

export interface Sentence { start: number; end: number; paragraph: number }

const BOUNDARY = /([.!?])(["”’)]*)(\s+)(?=["“‘(]?[\p{Lu}\d])/gu;

const NON_ASCII_LETTER = /\p{L}/u;
const isLetterAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : NON_ASCII_LETTER.test(s[i]);
};

/** The word ending at `end` (not before `min`): letters, after any letter-dot pairs ("U.S", "L.P.M"). */
function dottedWordBefore(s: string, min: number, end: number): string {
  let k = end;
  while (k > min && isLetterAt(s, k - 1)) k--;
  if (k === end) return '';
  while (k - 2 >= min && s.charCodeAt(k - 1) === 46 && isLetterAt(s, k - 2)) k -= 2;
  return s.slice(k, end);
}

/** The run of letters starting at `from`. */
function lettersFrom(s: string, from: number): string {
  let k = from;
  while (k < s.length && isLetterAt(s, k)) k++;
  return s.slice(from, k);
}

/**
 * The longest sentence kept whole (real ones stay under 600 characters). A longer run without a sentence end (a
 * list, a table flattened to one line, hostile input) is cut into pieces of this size at white space: the passes
 * over a sentence's clauses and references then cost a bounded amount each, whatever the input.
 */
export const MAX_SENTENCE = 2000;

/** Pushes [start, end) as one sentence, or as pieces of at most MAX_SENTENCE characters; counts the cuts. */
function pushCapped(out: Sentence[], text: string, start: number, end: number, paragraph: number, cuts: { count: number }): void {
  while (end - start > MAX_SENTENCE) {
    let cut = start + MAX_SENTENCE;
    // the last white space in the piece's second half, else a hard cut that does not split a surrogate pair
    let k = cut;
    while (k > start + MAX_SENTENCE / 2 && !isSpaceCode(text.charCodeAt(k))) k--;
    if (isSpaceCode(text.charCodeAt(k))) cut = k;
    else if (isLowSurrogate(text.charCodeAt(cut))) cut--;
    out.push({ start, end: cut, paragraph });
    cuts.count++;
    start = cut;
    while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  }
  if (end > start) out.push({ start, end, paragraph });
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function splitSentences(text: string, start: number, end: number, paragraph: number, vocab: Vocabulary,
  cuts: { count: number } = { count: 0 }): Sentence[] {
  const out: Sentence[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(slice); m; m = BOUNDARY.exec(slice)) {
    const dot = m.index;
    if (m[1] === '.') {
      const before = dottedWordBefore(slice, Math.max(from, dot - 12), dot);
      const next = lettersFrom(slice, dot + m[0].length);
      if (before.length === 1 && /\p{Lu}/u.test(before)) continue; // an initial: "Michael R. Pompeo"
      // dotted initials ("Retno L.P. Marsudi") end a sentence only before a word that starts one
      if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(before) && !vocab.abbreviations.has(before) && !vocab.sentenceStarters.has(next)) continue;
      if (vocab.abbreviations.has(before)) {
        if (/[-–]$/.test(slice.slice(0, dot - before.length))) continue; // "Japan-U.S. Foreign Ministers"
        if (!vocab.canEndSentence.has(before) || !vocab.sentenceStarters.has(next)) continue;
      }
    }
    const cut = dot + m[1].length + m[2].length;
    if (cut > from) pushCapped(out, text, start + from, start + cut, paragraph, cuts);
    from = cut + m[3].length;
  }
  if (from < slice.length) pushCapped(out, text, start + from, end, paragraph, cuts);
  return out;
}
