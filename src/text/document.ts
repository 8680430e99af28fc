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

/** The text from the start of `at`'s line to `at`, or null when the line starts more than `max` characters
 *  before it (a bounded look: a scan back to the start of a very long line for every mention is quadratic). */
export function lineBefore(text: string, at: number, max: number): string | null {
  const from = Math.max(0, at - max);
  const window = text.slice(from, at);
  const nl = window.lastIndexOf('\n');
  if (nl >= 0) return window.slice(nl + 1);
  return from === 0 || text.charCodeAt(from - 1) === 10 ? window : null;
}

// not \s{65,}: V8 keeps a backtrack entry per repetition of a counted range, and a run of megabytes overflows it
const LONG_SPACE_RUN = /\s{65}\s*/g;
/**
 * `line` with runs of more than 64 white-space characters cut to one space, for the data files' patterns: one that
 * opens with `\s*` is retried at every offset of a run, a backtrack quadratic in its length. Real lines have no
 * such run and come back unchanged.
 */
export function squeezeSpaceRuns(line: string): string {
  // a run of 65 covers one offset in every 65: only those are looked at, and around them
  for (let k = 64; k < line.length; k += 65) {
    if (!isSpaceCode(line.charCodeAt(k))) continue;
    let a = k, b = k;
    while (a > 0 && isSpaceCode(line.charCodeAt(a - 1))) a--;
    while (b < line.length && isSpaceCode(line.charCodeAt(b))) b++;
    if (b - a >= 65) { LONG_SPACE_RUN.lastIndex = 0; return line.replace(LONG_SPACE_RUN, ' '); }
  }
  return line;
}

/** Whether a UTF-16 code is white space as /\s/ defines it (a code test: this runs per character in hot loops). */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028
    || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Offsets of `part` trimmed of white space, within [start, end) of `text`. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** Folds case, diacritics, quotes and dashes so names compare as readers would (cached: names and titles recur). */
export const fold = memoize((s: string): string =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[‘’ʼ`]/g, "'").replace(/[‐-―]/g, '-').toLowerCase());
