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
  const field = layout.header.find((h) => vocab.headerFields.test(h.line.text));
  ctx.opening = { start: Math.min(p.start, sentences[found].start, field ? field.line.start : Infinity), end: p.end };
};
