// Named venues of diplomacy (data/venues.json): "the White House" places a meeting in Washington.
import { readDataJson } from './paths.js';
import { keyOf, matchPhrases, type Tokens } from '../text/tokens.js';

export interface Venue { name: string; aliases?: string[]; city: string | null; country: string }
export interface Venues { find(tokens: Tokens): { i: number; n: number; value: Venue }[] }

let cached: Venues | null = null;

export function venues(): Venues {
  if (cached) return cached;
  const map = new Map<string, Venue>();
  let maxWords = 1;
  for (const v of readDataJson<{ venues: Venue[] }>('venues.json').venues) {
    for (const n of [v.name, ...(v.aliases ?? [])]) {
      const key = keyOf(n.replace(/^the\s+/i, ''));
      if (!key || map.has(key)) continue;
      map.set(key, v);
      maxWords = Math.max(maxWords, key.split(' ').length);
    }
  }
  cached = { find: (tokens) => matchPhrases(tokens, map, maxWords) };
  return cached;
}
