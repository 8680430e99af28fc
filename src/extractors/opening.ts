// The meeting sentence ("X held a meeting with Y", "X met with Y", "X spoke with Y") and the opening paragraph around it.
import type { Extractor } from './context.js';

export const findOpening: Extractor = (ctx) => {
  const { sentences, text, vocab, layout } = ctx;
  const firstParagraphs = new Set(layout.paragraphs.slice(0, 4).map((_, i) => i));
  let found: number | null = null;
  for (let i = 0; i < sentences.length && found === null; i++) {
    const s = sentences[i];
    if (!firstParagraphs.has(s.paragraph)) break;
    const m = vocab.meetingVerbs.exec(text.slice(s.start, s.end));
    if (m) {
      found = i;
      ctx.meetingVerbStart = s.start + m.index;
      ctx.meetingVerbEnd = s.start + m.index + m[0].length;
    }
  }
  if (found === null && sentences.length) found = 0;
  ctx.meetingSentence = found;
  if (found === null) return;
  const p = layout.paragraphs[sentences[found].paragraph];
  // The opening: the meeting's paragraph, which for numbered overviews ends before item 1, and any labelled
  // header fields before it ("Date and time: ...", "Venue: ...").
  const sentence = sentences[found];
  // a page's own date line, even labelled ("Date : 2024-03-18 19:45:00"), is when it was published, not a field of the
  // meeting ("Date and time: ...")
  const field = layout.header.find((h) => h.kind !== 'date' && vocab.headerFields.test(h.line.text));
  // a paragraph of a whole page (no line breaks) is not all opening: date, time and place are read up to
  // MAX_OPENING characters either side of the meeting sentence, so their passes cost a bounded amount
  const from = sentence.start - MAX_OPENING, to = sentence.end + MAX_OPENING;
  const start = Math.max(from, Math.min(p.start, sentence.start, field && field.line.start >= from ? field.line.start : Infinity));
  const end = Math.min(p.end, to);
  if (end < p.end || start > p.start) ctx.warnings.push(`the opening paragraph is longer than ${MAX_OPENING} characters: read ${end - start} around the meeting sentence`);
  ctx.opening = { start, end };
};

/** How far the opening reaches before and after the meeting sentence (real openings stay under 1,500 characters). */
const MAX_OPENING = 5000;
