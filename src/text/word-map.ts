// A hash table keyed by words, probed with a hash the tokenizer computes as it reads each word: a token string
// is new for every document, and V8 hashes a string on its first Map lookup, which made those lookups the
// most expensive line of the scans over every token of a text.
import type { Token } from './tokens.js';

/** FNV-1a over the UTF-16 code units: the hash `tokenize` computes for each token's folded form. */
export function wordHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class WordMap<T> {
  private slots = new Int32Array(16).fill(-1); // index into keys/values, -1 empty
  private mask = 15;
  private readonly hashes: number[] = [];
  private readonly keys: string[] = [];
  private readonly values: T[] = [];

  constructor(entries: Iterable<readonly [string, T]> = []) {
    for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number { return this.keys.length; }

  set(word: string, value: T): this {
    const h = wordHash(word);
    const at = this.find(word, h);
    if (at >= 0) { this.values[at] = value; return this; }
    this.hashes.push(h);
    this.keys.push(word);
    this.values.push(value);
    if (this.keys.length * 2 > this.mask) this.grow(); else this.place(this.keys.length - 1);
    return this;
  }

  get(word: string, hash = wordHash(word)): T | undefined {
    const at = this.find(word, hash);
    return at < 0 ? undefined : this.values[at];
  }

  /** The value for a token's folded form, with the hash the tokenizer computed. */
  getToken(token: Token): T | undefined {
    const at = this.find(token.folded, token.hash);
    return at < 0 ? undefined : this.values[at];
  }

  has(word: string): boolean { return this.find(word, wordHash(word)) >= 0; }
  hasToken(token: Token): boolean { return this.find(token.folded, token.hash) >= 0; }

  entries(): [string, T][] { return this.keys.map((k, i) => [k, this.values[i]]); }

  private find(word: string, hash: number): number {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const at = this.slots[s];
      if (at < 0) return -1;
      if (this.hashes[at] === hash && this.keys[at] === word) return at;
    }
  }

  private place(at: number): void {
    let s = this.hashes[at] & this.mask;
    while (this.slots[s] >= 0) s = (s + 1) & this.mask;
    this.slots[s] = at;
  }

  private grow(): void {
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(this.mask + 1).fill(-1);
    for (let at = 0; at < this.keys.length; at++) this.place(at);
  }
}

/** A set of words, probed the same way. */
export const wordSet = (words: Iterable<string>): WordMap<true> => new WordMap([...words].map((w) => [w, true] as const));
