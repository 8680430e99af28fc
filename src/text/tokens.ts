// Word tokens with offsets: the unit the gazetteer and the actor dictionary match on.
import { fold } from './document.js';
import { WordMap, wordHash } from './word-map.js';

const { charCodeAt, slice: sliceString } = String.prototype;

/**
 * The word tokens of a text, in text order: per token three 32-bit numbers (start; length and flags; hash) in one
 * typed array, read by index. Tokens live as long as their document's extraction, and while many documents are
 * extracted together (extractMany) the garbage collector copied token objects again and again: they were most of
 * what it copied. A typed array's storage is not copied, and a document's tokens are one allocation.
 * `hash` is wordHash(folded), computed while reading the word, for WordMap lookups. The folded form (lower case,
 * no diacritics, no abbreviation's last dot) of an ASCII word is compared in place or made when asked; those of
 * other words, read while tokenizing for their hash, are kept.
 */
export class Tokens {
  constructor(
    readonly source: string,
    readonly length: number,
    /** start, length << 3 | flags, hash, for each token */
    private readonly rows: Int32Array,
    /** folded forms made while tokenizing (abbreviations, other scripts), by the token's start */
    private readonly folds: Map<number, string> | null,
  ) {}

  start(i: number): number { return this.rows[3 * i]; }
  end(i: number): number { return this.rows[3 * i] + (this.rows[3 * i + 1] >> 3); }
  /** The word starts with a capital letter. */
  upper(i: number): boolean { return (this.rows[3 * i + 1] & UPPER) !== 0; }
  hash(i: number): number { return this.rows[3 * i + 2]; }
  text(i: number): string { return sliceString.call(this.source, this.start(i), this.end(i)) as string; }
  folded(i: number): string {
    const bits = this.rows[3 * i + 1];
    if ((bits & KEPT_FOLD) !== 0) return this.folds!.get(this.rows[3 * i])!;
    return (bits & OWN_FOLD) !== 0 ? this.text(i) : this.text(i).toLowerCase();
  }

  /** Whether the token's folded form is `word`, without making it (an ASCII word is compared in place). */
  foldsTo(i: number, word: string): boolean {
    const bits = this.rows[3 * i + 1];
    if ((bits & KEPT_FOLD) !== 0) return this.folds!.get(this.rows[3 * i]) === word;
    const n = bits >> 3;
    if (word.length !== n) return false;
    const at = this.rows[3 * i];
    for (let k = 0; k < n; k++) {
      const c: number = charCodeAt.call(this.source, at + k);
      if ((c >= 65 && c <= 90 ? c | 32 : c) !== charCodeAt.call(word, k)) return false;
    }
    return true;
  }

  /** Tokens `from` to `to` (exclusive), sharing this list's storage. */
  slice(from: number, to: number): Tokens {
    return new Tokens(this.source, to - from, this.rows.subarray(3 * from, 3 * to), this.folds);
  }
}

const UPPER = 1, OWN_FOLD = 2, KEPT_FOLD = 4;
// rows are written here while tokenizing, then copied out at their final size; kept across documents up to a size
// (a 50 MB file's rows are not kept once it is done)
let scratch = new Int32Array(3 * 1024);
const SCRATCH_KEPT = 3 * 65536;

// Dotted abbreviations ("U.S.", "H.E.") are one token; letters/digits runs otherwise.
// Letters of the Latin, Greek and Cyrillic scripts; digits join words but not abbreviations.
// A table by char code (1 letter, 2 digit, 0 other): one load per character in the hottest loop.
const CHAR_KIND = new Uint8Array(0x2000);
for (let c = 0; c < CHAR_KIND.length; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
    || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x4ff);
  CHAR_KIND[c] = letter ? 1 : c >= 48 && c <= 57 ? 2 : 0;
}
/** 1 letter, 2 digit, 0 anything else (NaN past the end included). */
const kindOf = (c: number) => (c < 0x2000 ? CHAR_KIND[c] : 0);
const isUpperAscii = (c: number) => c >= 65 && c <= 90;

/**
 * Word tokens: runs of letters and digits, or dotted abbreviations ("U.S.", "H.E.", "p.m.", an initial "R.").
 * A hand scanner rather than a regular expression: tokenising is the hottest loop of extraction.
 */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  let rows = scratch, n = 0;
  let folds: Map<number, string> | null = null;
  const len = text.length;
  // past the end reads as 0 (not a letter, digit or dot): an out-of-range charCodeAt makes V8 drop its optimized code
  const code = (k: number) => (k < len ? charCodeAt.call(text, k) : 0);
  let i = from;
  while (i < to) {
    const first = charCodeAt.call(text, i);
    const kind = kindOf(first);
    if (kind === 0) { i++; continue; }
    const start = i;
    // most tokens are lower-case ASCII words, which are their own folded form
    let ascii = first < 128, lower = !isUpperAscii(first);
    let hash = 0;
    if (kind === 1 && code(i + 1) === 46 /* . */) {
      // letter-dot pairs, then an optional closing letter and dot ("U.S", "U.S.")
      while (kindOf(code(i)) === 1 && code(i + 1) === 46) i += 2;
      if (kindOf(code(i)) === 1 && kindOf(code(i + 1)) === 0) {
        i++;
        if (code(i) === 46) i++;
      }
      for (let k = start + 1; k < i; k++) {
        const ch = charCodeAt.call(text, k);
        if (ch > 127) ascii = false; else if (isUpperAscii(ch)) lower = false;
      }
    } else {
      // FNV-1a of the lower-cased ASCII word as it is read (= wordHash(folded) for ASCII words)
      hash = Math.imul(0x811c9dc5 ^ (lower ? first : first | 32), 0x01000193);
      for (i++; i < len; i++) {
        const ch = charCodeAt.call(text, i);
        if (kindOf(ch) === 0) break;
        if (ch > 127) ascii = false; else if (isUpperAscii(ch)) lower = false;
        hash = Math.imul(hash ^ (isUpperAscii(ch) ? ch | 32 : ch), 0x01000193);
      }
    }
    if (3 * n + 3 > rows.length) {
      const grown = new Int32Array(2 * rows.length);
      grown.set(rows);
      rows = grown;
      if (grown.length <= SCRATCH_KEPT) scratch = grown;
    }
    let flags: number;
    // abbreviations (hash 0 so far) and other scripts are read and folded now, for their hash
    if (hash === 0 || !ascii) {
      const t: string = sliceString.call(text, start, i);
      let folded = !ascii ? fold(t) : t.toLowerCase();
      if (hash === 0 && folded.charCodeAt(folded.length - 1) === 46) folded = folded.slice(0, -1);
      (folds ??= new Map()).set(start, folded);
      hash = wordHash(folded);
      flags = KEPT_FOLD | ((ascii ? isUpperAscii(first) : /^\p{Lu}/u.test(t)) ? UPPER : 0);
    } else flags = (lower ? OWN_FOLD : 0) | (isUpperAscii(first) ? UPPER : 0);
    rows[3 * n] = start;
    rows[3 * n + 1] = ((i - start) << 3) | flags;
    rows[3 * n + 2] = hash;
    n++;
  }
  return new Tokens(text, n, rows.slice(0, 3 * n), folds);
}

/** Index of the first token starting at or after `offset` (tokens are in text order). */
export function firstTokenAt(tokens: Tokens, offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens.start(mid) < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The tokens lying wholly within [start, end) of the text. */
export function tokensWithin(tokens: Tokens, start: number, end: number): Tokens {
  const from = firstTokenAt(tokens, start);
  let to = firstTokenAt(tokens, end);
  if (to > from && tokens.end(to - 1) > end) to--;
  return tokens.slice(from, to);
}

/** Joins folded tokens into a lookup key; dots inside abbreviations are kept ("u.s"). */
export function phraseKey(tokens: Tokens, i: number, n: number): string {
  let key = tokens.folded(i);
  for (let k = 1; k < n; k++) key += ' ' + tokens.folded(i + k);
  return key;
}

/** The phrase as written, words joined by one space, without a last dot ("U.S." -> "U.S"): what a case-sensitive
 *  dictionary entry ("US", "UN") is compared with. */
export function writtenPhrase(tokens: Tokens, i: number, n: number): string {
  let out = tokens.text(i);
  for (let k = 1; k < n; k++) out += ' ' + tokens.text(i + k);
  return out.replace(/\.$/, '');
}

/** A key for a phrase written in a data file, folded like document tokens. */
export function keyOf(phrase: string): string {
  const toks = tokenize(phrase);
  return toks.length ? phraseKey(toks, 0, toks.length) : '';
}

/** A node of a word trie; a class, so every node has one hidden class and the walk's loads stay monomorphic. */
class TrieNode<T> {
  value: T | undefined = undefined;
  next: WordMap<TrieNode<T>> | undefined = undefined;
}
interface Trie<T> { first: WordMap<TrieNode<T>> }
const trieCache = new WeakMap<Map<string, unknown>, Trie<unknown>>();

/** The dictionary's keys as a word trie, so a scan looks words up one at a time without building phrases. */
function trie<T>(dict: Map<string, T>): Trie<T> {
  let root = trieCache.get(dict) as Trie<T> | undefined;
  if (!root) {
    root = { first: new WordMap() };
    for (const [key, value] of dict) {
      const [head, ...rest] = key.split(' ');
      let node = root.first.get(head);
      if (!node) root.first.set(head, node = new TrieNode());
      for (const word of rest) {
        node.next ??= new WordMap();
        let child = node.next.get(word);
        if (!child) node.next.set(word, child = new TrieNode());
        node = child;
      }
      node.value = value;
    }
    trieCache.set(dict, root);
  }
  return root;
}

/**
 * Finds phrases from a dictionary in the token stream, longest first, never overlapping.
 * `accept` may veto a match (e.g. case-sensitive abbreviations).
 */
export function matchPhrases<T>(tokens: Tokens, dict: Map<string, T>, maxWords: number,
  accept: (value: T, tokens: Tokens, i: number, n: number) => boolean = () => true): { i: number; n: number; value: T }[] {
  const out: { i: number; n: number; value: T }[] = [];
  const root = trie(dict);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens.upper(i)) continue;
    // walk the trie word by word; keep the longest acceptable match
    let node = root.first.getToken(tokens, i);
    let best: { n: number; value: T } | null = null;
    for (let n = 1; node && n <= maxWords; n++) {
      if (node.value !== undefined && accept(node.value, tokens, i, n)) best = { n, value: node.value };
      if (i + n >= tokens.length) break;
      node = node.next?.getToken(tokens, i + n);
    }
    if (best) { out.push({ i, n: best.n, value: best.value }); i += best.n - 1; }
  }
  return out;
}
