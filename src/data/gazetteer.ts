// The gazetteer (data/gazetteer.json) as lookup tables over word tokens.
import { readDataJson } from './paths.js';
import { keyOf, matchPhrases, writtenPhrase, type Tokens } from '../text/tokens.js';

export interface CountryEntry {
  code: string; alpha3: string; name: string; names: string[]; adjectives: string[]; abbreviations: string[];
  capital: string | null; zone: string | null;
}
export interface CityEntry { name: string; country: string; zone: string; aliases?: string[] }
interface GazetteerFile {
  countries: CountryEntry[]; cities: CityEntry[]; places: { name: string; country: string }[]; regions: string[];
}

/** What a phrase in the text names: a country (by name, adjective or abbreviation), a city, a place, or a region (no country). */
export interface PlaceHit {
  kind: 'country' | 'adjective' | 'city' | 'place' | 'region';
  country: string | null;
  city?: CityEntry;
  caseSensitive?: string; // abbreviations must match exactly ("US", not "us")
}

export interface Gazetteer {
  countries: Map<string, CountryEntry>;
  phrases: Map<string, PlaceHit>;
  maxWords: number;
  cityByName: Map<string, CityEntry>;
  find(tokens: Tokens): { i: number; n: number; value: PlaceHit }[];
  zoneOf(country: string): string | null;
  alpha3(code: string): string | null;
}

let cached: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const file = readDataJson<GazetteerFile>('gazetteer.json');
  const phrases = new Map<string, PlaceHit>();
  const countries = new Map<string, CountryEntry>();
  const cityByName = new Map<string, CityEntry>();
  let maxWords = 1;
  const add = (phrase: string, hit: PlaceHit) => {
    const key = keyOf(phrase);
    if (!key) return;
    maxWords = Math.max(maxWords, key.split(' ').length);
    // the first entry wins: countries are added before cities and places
    if (!phrases.has(key) || hit.kind === 'region') phrases.set(key, hit);
  };
  for (const r of file.regions ?? []) add(r, { kind: 'region', country: null });
  for (const c of file.countries) {
    countries.set(c.code, c);
    for (const n of [c.name, ...(c.names ?? [])]) add(n, { kind: 'country', country: c.code });
    for (const a of c.adjectives ?? []) add(a, { kind: 'adjective', country: c.code });
    for (const a of c.abbreviations ?? []) add(a, { kind: 'country', country: c.code, caseSensitive: a.replace(/\.$/, '') });
  }
  for (const city of file.cities) {
    for (const n of [city.name, ...(city.aliases ?? [])]) {
      add(n, { kind: 'city', country: city.country, city });
      cityByName.set(keyOf(n), city);
    }
  }
  for (const p of file.places ?? []) add(p.name, { kind: 'place', country: p.country });
  const accept = (hit: PlaceHit, tokens: Tokens, i: number, n: number) => !hit.caseSensitive || writtenPhrase(tokens, i, n) === hit.caseSensitive;
  cached = {
    countries, phrases, maxWords, cityByName,
    find: (tokens) => matchPhrases(tokens, phrases, maxWords, accept),
    zoneOf: (code) => countries.get(code)?.zone ?? null,
    alpha3: (code) => countries.get(code)?.alpha3 ?? null,
  };
  return cached;
}
