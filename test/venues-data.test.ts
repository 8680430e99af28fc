import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Venue {
  name: string;
  aliases: string[];
  city: string | null;
  country: string;
}
interface Gazetteer {
  countries: { code: string }[];
  cities: { name: string; country: string; aliases?: string[] }[];
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8')) as T;
}

const { venues } = load<{ venues: Venue[] }>('venues.json');
const gaz = load<Gazetteer>('gazetteer.json');
const countryCodes = new Set(gaz.countries.map((c) => c.code));

const venue = (name: string) => venues.find((v) => v.name === name);

test('venues: well-formed entries', () => {
  assert.ok(venues.length >= 100, `only ${venues.length} venues`);
  for (const v of venues) {
    assert.ok(typeof v.name === 'string' && v.name.trim().length > 0, 'venue without a name');
    assert.ok(Array.isArray(v.aliases), `${v.name}: aliases must be an array`);
    for (const a of v.aliases) assert.ok(typeof a === 'string' && a.trim().length > 0, `${v.name}: empty alias`);
    assert.ok(v.city === null || typeof v.city === 'string', `${v.name}: city must be a string or null`);
    assert.match(v.country, /^[A-Z]{2}$/, `${v.name}: bad country ${v.country}`);
  }
});

test('venues: names unique, and no alias shared between venues', () => {
  const names = venues.map((v) => v.name.toLowerCase());
  assert.equal(new Set(names).size, names.length, 'duplicate venue name');
  const owner = new Map<string, string>();
  for (const v of venues) {
    for (const form of new Set([v.name, ...v.aliases].map((f) => f.toLowerCase()))) {
      const prev = owner.get(form);
      assert.ok(prev === undefined, `${form} used by ${prev} and ${v.name}`);
      owner.set(form, v.name);
    }
  }
});

test('venues: every country exists in the gazetteer', () => {
  for (const v of venues) assert.ok(countryCodes.has(v.country), `${v.name}: unknown country ${v.country}`);
});

test('venues: every city is a gazetteer city of the same country', () => {
  for (const v of venues) {
    if (v.city === null) continue;
    const city = gaz.cities.find((c) => c.name === v.city);
    assert.ok(city, `${v.name}: city ${v.city} is not a gazetteer city name`);
    assert.equal(city.country, v.country, `${v.name}: city ${v.city} is in ${city.country}, not ${v.country}`);
  }
});

test('venues: spot checks', () => {
  assert.deepEqual(
    { city: venue('White House')?.city, country: venue('White House')?.country },
    { city: 'Washington', country: 'US' },
  );
  assert.ok(venue('White House')?.aliases.includes('the White House'));
  assert.deepEqual(
    { city: venue('Great Hall of the People')?.city, country: venue('Great Hall of the People')?.country },
    { city: 'Beijing', country: 'CN' },
  );
  assert.equal(venue('Meseberg Palace')?.country, 'DE');
  assert.equal(venue('Pentagon')?.country, 'US');
  assert.equal(venue('Kantei')?.city, 'Tokyo');
  assert.equal(venue('10 Downing Street')?.city, 'London');
});
