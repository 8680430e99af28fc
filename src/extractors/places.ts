// Countries, cities and places named anywhere in the text (mentions.countries), and organizations.
import type { Extractor } from './context.js';
import type { CountryEntry } from '../data/gazetteer.js';

/** Entries of the gazetteer that are sides at a table but not countries ("side": true: the European Union). */
export const isSide = (c: CountryEntry | undefined): boolean => (c as { side?: boolean } | undefined)?.side === true;

export const extractPlaces: Extractor = (ctx) => {
  const { tokens, gaz, orgs, record } = ctx;
  const countries: string[] = [];
  for (const m of gaz.find(tokens)) {
    const start = tokens.start(m.i), end = tokens.end(m.i + m.n - 1);
    ctx.places.push({ start, end, hit: m.value });
    const c = m.value.country;
    // a side that is not a country (the EU) is no mentioned country
    if (c && !countries.includes(c) && !isSide(gaz.countries.get(c))) countries.push(c);
  }
  record.mentions.countries = countries;
  const organizations: string[] = [];
  for (const m of orgs.find(tokens)) if (!organizations.includes(m.value)) organizations.push(m.value);
  record.mentions.organizations = organizations;
};
