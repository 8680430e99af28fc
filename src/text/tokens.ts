// Word tokens with offsets: the unit the gazetteer and the actor dictionary match on.
import { fold } from './document.js';

export interface Token { start: number; end: number; text: string; folded: string; upper: boolean }

// Dotted abbreviations ("U.S.", "H.E.") are one token; letters/digits runs otherwise.
const TOKEN = /(?:\p{L}\.)+\p{L}?\.?|[\p{L}\p{N}]+/gu;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    const t = m[0];
    out.push({ start: m.index, end: m.index + t.length, text: t, folded: fold(t).replace(/\.$/, ''), upper: /^\p{Lu}/u.test(t) });
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

/**
 * Finds phrases from a dictionary in the token stream, longest first, never overlapping.
 * `accept` may veto a match (e.g. case-sensitive abbreviations).
 */
export function matchPhrases<T>(tokens: Token[], dict: Map<string, T>, maxWords: number,
  accept: (value: T, tokens: Token[], i: number, n: number) => boolean = () => true): { i: number; n: number; value: T }[] {
  const out: { i: number; n: number; value: T }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].upper) continue;
    for (let n = Math.min(maxWords, tokens.length - i); n >= 1; n--) {
      const v = dict.get(phraseKey(tokens, i, n));
      if (v !== undefined && accept(v, tokens, i, n)) { out.push({ i, n, value: v }); i += n - 1; break; }
    }
  }
  return out;
}
