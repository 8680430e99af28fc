// A hash table keyed by words, probed with a hash the tokenizer computes as it reads each word: a token string
// is new for every document, and V8 hashes a string on its first Map lookup, which made those lookups the
// most expensive line of the scans over every token of a text.
import type { Tokens } from './tokens.js';

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (a small integer to V8, never a boxed number):
 *  the hash `tokenize` computes for each token's folded form. */
export function wordHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

export class WordMap<T> {
  // open addressing: per slot the entry's index + 1 (0 empty) then its hash, side by side in one typed array, so
  // a probe reads one cache line (the tables are read cold for each document)
  private slots = new Int32Array(32);
  private mask = 15;
  private readonly keyList: string[] = [];
  private readonly values: T[] = [];

  constructor(entries: Iterable<readonly [string, T]> = []) {
    for (const [k, v] of entries) this.set(k, v);
  }

  set(word: string, value: T): this {
    const h = wordHash(word);
    const at = this.find(h, word);
    if (at >= 0) { this.values[at] = value; return this; }
    this.keyList.push(word);
    this.values.push(value);
    if (this.keyList.length * 2 > this.mask) this.grow(); else this.place(this.keyList.length - 1, h);
    return this;
  }

  get(word: string): T | undefined {
    const at = this.find(wordHash(word), word);
    return at < 0 ? undefined : this.values[at];
  }

  /** The words held, in the order they were first set. */
  keys(): readonly string[] { return this.keyList; }

  /** The value for a token's folded form, with the hash the tokenizer computed. */
  getToken(tokens: Tokens, i: number): T | undefined {
    const at = this.findToken(tokens, i);
    return at < 0 ? undefined : this.values[at];
  }

  hasToken(tokens: Tokens, i: number): boolean { return this.findToken(tokens, i) >= 0; }

  private find(h: number, word: string): number {
    const slots = this.slots, mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = slots[2 * s] - 1;
      if (at < 0) return -1;
      if (slots[2 * s + 1] === h && this.keyList[at] === word) return at;
    }
  }

  /** The entry of a token's folded form, compared only where the hash matches a key's (most probes miss). */
  private findToken(tokens: Tokens, i: number): number {
    const slots = this.slots, mask = this.mask, h = tokens.hash(i);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = slots[2 * s] - 1;
      if (at < 0) return -1;
      if (slots[2 * s + 1] === h && tokens.foldsTo(i, this.keyList[at])) return at;
    }
  }

  private place(at: number, h: number): void {
    let s = h & this.mask;
    while (this.slots[2 * s] !== 0) s = (s + 1) & this.mask;
    this.slots[2 * s] = at + 1;
    this.slots[2 * s + 1] = h;
  }

  private grow(): void {
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(2 * (this.mask + 1));
    this.keyList.forEach((k, at) => this.place(at, wordHash(k)));
  }
}

/** A set of words, probed the same way. */
export const wordSet = (words: Iterable<string>): WordMap<true> => new WordMap([...words].map((w) => [w, true] as const));
