// Word tokens with offsets: the unit the gazetteer and the actor dictionary match on.
import { fold } from './document.js';

export interface Token { start: number; end: number; text: string; folded: string; upper: boolean }

// Dotted abbreviations ("U.S.", "H.E.") are one token; letters/digits runs otherwise.
// Latin, Greek and Cyrillic letters without the /u flag, which is markedly slower on V8.
const L = 'A-Za-z\\u00C0-\\u024F\\u1E00-\\u1EFF\\u0370-\\u03FF\\u0400-\\u04FF';
const TOKEN = new RegExp(`(?:[${L}]\\.)+[${L}]?\\.?|[${L}0-9]+`, 'g');

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    const t = m[0];
    // ASCII tokens (nearly all) fold by lower-casing; others go through Unicode folding
    const ascii = !/[^\x00-\x7f]/.test(t);
    const folded = ascii ? t.toLowerCase() : fold(t);
    const c = t.charCodeAt(0);
    out.push({ start: m.index, end: m.index + t.length, text: t, folded: folded.endsWith('.') ? folded.slice(0, -1) : folded, upper: ascii ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(t) });
  }
  return out;
}

/** Joins folded tokens into a lookup key; dots inside abbreviations are kept ("u.s"). */
export function phraseKey(tokens: Token[], i: number, n: number): string {
  let key = tokens[i].folded;
  for (let k = 1; k < n; k++) key += ' ' + tokens[i + k].folded;
  return key;
}

/** A key for a phrase written in a data file, folded like document tokens. */
export function keyOf(phrase: string): string {
  const toks = tokenize(phrase);
  return toks.length ? phraseKey(toks, 0, toks.length) : '';
}

const prefixCache = new WeakMap<Map<string, unknown>, Set<string>>();

/** Every proper word-prefix of the dictionary's keys, so a scan stops as soon as no key can follow. */
function prefixes(dict: Map<string, unknown>): Set<string> {
  let set = prefixCache.get(dict);
  if (!set) {
    set = new Set();
    for (const key of dict.keys()) {
      let at = key.indexOf(' ');
      while (at > 0) { set.add(key.slice(0, at)); at = key.indexOf(' ', at + 1); }
    }
    prefixCache.set(dict, set);
  }
  return set;
}

/**
 * Finds phrases from a dictionary in the token stream, longest first, never overlapping.
 * `accept` may veto a match (e.g. case-sensitive abbreviations).
 */
export function matchPhrases<T>(tokens: Token[], dict: Map<string, T>, maxWords: number,
  accept: (value: T, tokens: Token[], i: number, n: number) => boolean = () => true): { i: number; n: number; value: T }[] {
  const out: { i: number; n: number; value: T }[] = [];
  const pre = prefixes(dict);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].upper) continue;
    // grow the phrase while some key still starts with it; keep the longest acceptable match
    let key = tokens[i].folded;
    let best: { n: number; value: T } | null = null;
    for (let n = 1; n <= maxWords && i + n <= tokens.length; n++) {
      if (n > 1) key += ' ' + tokens[i + n - 1].folded;
      const v = dict.get(key);
      if (v !== undefined && accept(v, tokens, i, n)) best = { n, value: v };
      if (!pre.has(key)) break;
    }
    if (best) { out.push({ i, n: best.n, value: best.value }); i += best.n - 1; }
  }
  return out;
}
