// Paragraph -> sentences, aware of the genre's abbreviations ("Gen.", "U.S.", "a.m.", "H.E.").
import type { Vocabulary } from '../data/vocabulary.js';

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

export function splitSentences(text: string, start: number, end: number, paragraph: number, vocab: Vocabulary): Sentence[] {
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
    if (cut > from) out.push({ start: start + from, end: start + cut, paragraph });
    from = cut + m[3].length;
  }
  if (from < slice.length) out.push({ start: start + from, end, paragraph });
  return out.filter((s) => s.end > s.start);
}
