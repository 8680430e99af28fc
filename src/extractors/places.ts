// Countries, cities and places named anywhere in the text (mentions.countries), and organizations.
import type { Extractor } from './context.js';

export const extractPlaces: Extractor = (ctx) => {
  const { tokens, gaz, orgs, record } = ctx;
  const countries: string[] = [];
  for (const m of gaz.find(tokens)) {
    const start = tokens.start(m.i), end = tokens.end(m.i + m.n - 1);
    ctx.places.push({ start, end, hit: m.value });
    if (m.value.country && !countries.includes(m.value.country)) countries.push(m.value.country);
  }
  record.mentions.countries = countries;
  const organizations: string[] = [];
  for (const m of orgs.find(tokens)) if (!organizations.includes(m.value)) organizations.push(m.value);
  record.mentions.organizations = organizations;
};
