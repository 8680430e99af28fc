// The text a record is built from, with line offsets. Every span in a record indexes `text`.
import { memoize } from './memo.js';

export interface Line { start: number; end: number; text: string }

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

/** Offsets of `part` trimmed of white space, within [start, end) of `text`. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

/** Folds case, diacritics, quotes and dashes so names compare as readers would (cached: names and titles recur). */
export const fold = memoize((s: string): string =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[‘’ʼ`]/g, "'").replace(/[‐-―]/g, '-').toLowerCase());
