// Paragraph -> sentences, aware of the genre's abbreviations ("Gen.", "U.S.", "a.m.", "H.E.").
import type { Vocabulary } from '../data/vocabulary.js';

export interface Sentence { start: number; end: number; paragraph: number }

const BOUNDARY = /([.!?])(["”’)]*)(\s+)(?=["“‘(]?[\p{Lu}\d])/gu;

export function splitSentences(text: string, start: number, end: number, paragraph: number, vocab: Vocabulary): Sentence[] {
  const out: Sentence[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(slice); m; m = BOUNDARY.exec(slice)) {
    const dot = m.index;
    if (m[1] === '.') {
      const before = /(?:[\p{L}]\.)*[\p{L}]+$/u.exec(slice.slice(Math.max(from, dot - 12), dot))?.[0] ?? '';
      const next = /^[\p{L}]+/u.exec(slice.slice(dot + m[0].length))?.[0] ?? '';
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
