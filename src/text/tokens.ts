// Word tokens with offsets: the unit the gazetteer and the actor dictionary match on.
import { fold } from './document.js';
import { WordMap, wordHash } from './word-map.js';

const { charCodeAt, slice } = String.prototype;

/**
 * A word of the text. `hash` is wordHash(folded), computed while reading the word, for WordMap lookups.
 * `folded` (lower case, no diacritics, no abbreviation's last dot) of an ASCII word is made on first use, and `text`
 * is read from the document when asked: most tokens are only probed by their hash, never read.
 * Five fields: a document's tokens live as long as its extraction, and while many documents are extracted together
 * (extractMany) the garbage collector copies them again and again; they were most of what it copied.
 */
export class Token {
  private readonly bits: number; // word length << 2 | own fold << 1 | upper
  private folding: string | undefined;
  /** `ownFold`: the word is its own folded form (lower-case ASCII); `folded`: the folded form when already made. */
  constructor(private readonly source: string, readonly start: number, end: number, upper: boolean, readonly hash: number, folded: string | undefined, ownFold: boolean) {
    this.bits = ((end - start) << 2) | (ownFold ? 2 : 0) | (upper ? 1 : 0);
    this.folding = folded;
  }

  get end(): number { return this.start + (this.bits >> 2); }
  get upper(): boolean { return (this.bits & 1) === 1; }
  get text(): string { return slice.call(this.source, this.start, this.end); }
  get folded(): string { return (this.folding ??= (this.bits & 2) === 2 ? this.text : this.text.toLowerCase()); }
}

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
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
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
    // abbreviations (hash 0 so far) and other scripts are read and folded now, for their hash
    if (hash === 0 || !ascii) {
      const t: string = slice.call(text, start, i);
      let folded = !ascii ? fold(t) : t.toLowerCase();
      if (hash === 0 && folded.charCodeAt(folded.length - 1) === 46) folded = folded.slice(0, -1);
      out.push(new Token(text, start, i, ascii ? isUpperAscii(first) : /^\p{Lu}/u.test(t), wordHash(folded), folded, false));
    } else out.push(new Token(text, start, i, isUpperAscii(first), hash, undefined, lower));
  }
  return out;
}

/** Index of the first token starting at or after `offset` (tokens are in text order). */
export function firstTokenAt(tokens: Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Joins folded tokens into a lookup key; dots inside abbreviations are kept ("u.s"). */
export function phraseKey(tokens: Token[], i: number, n: number): string {
  let key = tokens[i].folded;
  for (let k = 1; k < n; k++) key += ' ' + tokens[i + k].folded;
  return key;
}

/** The phrase as written, words joined by one space, without a last dot ("U.S." -> "U.S"): what a case-sensitive
 *  dictionary entry ("US", "UN") is compared with. */
export function writtenPhrase(tokens: Token[], i: number, n: number): string {
  let out = tokens[i].text;
  for (let k = 1; k < n; k++) out += ' ' + tokens[i + k].text;
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
export function matchPhrases<T>(tokens: Token[], dict: Map<string, T>, maxWords: number,
  accept: (value: T, tokens: Token[], i: number, n: number) => boolean = () => true): { i: number; n: number; value: T }[] {
  const out: { i: number; n: number; value: T }[] = [];
  const root = trie(dict);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].upper) continue;
    // walk the trie word by word; keep the longest acceptable match
    let node = root.first.getToken(tokens[i]);
    let best: { n: number; value: T } | null = null;
    for (let n = 1; node && n <= maxWords; n++) {
      if (node.value !== undefined && accept(node.value, tokens, i, n)) best = { n, value: node.value };
      if (i + n >= tokens.length) break;
      node = node.next?.getToken(tokens[i + n]);
    }
    if (best) { out.push({ i, n: best.n, value: best.value }); i += best.n - 1; }
  }
  return out;
}
