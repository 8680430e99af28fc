// Lines -> header (headline, date line, captions) and body (paragraphs under numbered items).
import { splitLines, squeezeSpaceRuns, type Line } from '../text/document.js';
import type { Vocabulary } from '../data/vocabulary.js';

export interface Paragraph {
  start: number; // offset of the content, after any item label
  end: number;
  item: string | null; // "2", "2(1)", or null
  heading: boolean; // a short label line such as "1 Japan-U.S. Alliance"
}

export interface HeaderLine { line: Line; kind: 'boilerplate' | 'section' | 'date' | 'caption' | 'headline' }

export interface Layout {
  header: HeaderLine[];
  paragraphs: Paragraph[];
  bodyStart: number;
}

const TOP_ITEM = /^\s*(?:[•○◯●▪・*-]\s*)?(\d{1,2})(?:\.(?!\d)|\))?\s+(?=[^\s\d])/;
const SUB_ITEM = /^\s*(?:[•○◯●▪・*-]\s*)?\((\d{1,2}|[a-z])\)\s*/;
const BULLET = /^\s*(?:[•○◯●▪・]|O(?=\s+[A-Z])|-(?=\s))\s*/;
const MONTHS = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
// a date, alone or after a label ("Date:", "Published", "Posted on", "Release date")
export const DATE_LINE = new RegExp(`^\\s*(?:(?:(?:release |publication )?date|published|posted|updated|issued|released)(?:\\s+on)?\\s*:?\\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?(?:${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTHS},?\\s+\\d{4}|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4})\\b`, 'i');

/** Whether a trimmed line has at least `n` words, counted up to the n-th (lines can be long). */
function wordCountAtLeast(t: string, n: number): boolean {
  const gaps = /\s+/g;
  let words = t ? 1 : 0;
  while (words < n && gaps.exec(t)) words++;
  return words >= n;
}

/** Prose: a line long enough, or a sentence that ends with a period. */
function isProse(text: string): boolean {
  const t = text.trim();
  // a long headline ("Readout of President Biden's Trilateral Meeting with ...") has no period and no verb
  const shape = t.length >= 110 || (/[.:;]["”’)]?$/.test(t) && wordCountAtLeast(t, 7));
  // a verb: "said", or a past tense, hyphenated ones included ("co-chaired")
  return shape && /\s(?:is|are|was|were|has|have|held|met|spoke|said|[a-z]+(?:-[a-z]+)*ed)\s/.test(t);
}

export function segmentLayout(text: string, vocab: Vocabulary): Layout {
  const lines = splitLines(text);
  const header: HeaderLine[] = [];
  const paragraphs: Paragraph[] = [];
  let i = 0;
  const isBoilerplate = vocab.isBoilerplate;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = squeezeSpaceRuns(line.text.trim());
    if (!t) continue;
    if (isProse(t) && !isBoilerplate(t) && !DATE_LINE.test(t)) break;
    if (isBoilerplate(t)) header.push({ line, kind: 'boilerplate' });
    else if (DATE_LINE.test(t) && t.length < 40) header.push({ line, kind: 'date' });
    else if (vocab.sectionHeader.some((re) => re.test(t))) header.push({ line, kind: 'section' });
    else if (vocab.captionPrefix.test(t) || vocab.captionSuffix.test(t)) header.push({ line, kind: 'caption' });
    else header.push({ line, kind: 'headline' });
  }
  const bodyStart = i < lines.length ? lines[i].start : text.length;
  let top: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = squeezeSpaceRuns(line.text.trim());
    if (!t || isBoilerplate(t)) continue;
    let offset = line.start;
    let item: string | null = top;
    let m = SUB_ITEM.exec(line.text);
    if (m) {
      item = `${top ?? ''}(${m[1]})`;
      offset += m[0].length;
    } else if ((m = TOP_ITEM.exec(line.text)) && !DATE_LINE.test(t)) {
      top = m[1];
      item = top;
      offset += m[0].length;
      // "1. (1) Regarding ..." keeps both levels
      const sub = SUB_ITEM.exec(text.slice(offset, line.end));
      if (sub) { item = `${top}(${sub[1]})`; offset += sub[0].length; }
    } else if ((m = BULLET.exec(line.text))) {
      offset += m[0].length;
    }
    const content = text.slice(offset, line.end).trim();
    const heading = !/[.:;]["”’)]?$/.test(content) && content.split(/\s+/).length <= 8 && !/\b(?:said|stated|agreed|confirmed)\b/.test(content);
    const lead = offset + (text.slice(offset, line.end).length - text.slice(offset, line.end).trimStart().length);
    paragraphs.push({ start: lead, end: line.start + line.text.trimEnd().length, item, heading });
  }
  return { header, paragraphs, bodyStart };
}
