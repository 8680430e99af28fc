import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Country {
  code: string;
  alpha3: string;
  name: string;
  names: string[];
  adjectives: string[];
  abbreviations: string[];
  capital: string | null;
  zone: string;
  demonymsPlural: string[];
}
interface City {
  name: string;
  country: string;
  zone: string;
  aliases: string[];
}
interface Place {
  name: string;
  country: string;
}
interface Gazetteer {
  countries: Country[];
  cities: City[];
  places: Place[];
  regions: string[];
}
interface Organization {
  name: string;
  aliases: string[];
  kind: string;
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8')) as T;
}

const gaz = load<Gazetteer>('gazetteer.json');
const { organizations } = load<{ organizations: Organization[] }>('organizations.json');

const countryCodes = new Set(gaz.countries.map((c) => c.code));

/** Lower-cased surface form -> country codes it can stand for (names, adjectives, cities, places). */
const byForm = new Map<string, Set<string>>();
/** Case-sensitive abbreviation -> country codes. */
const byAbbreviation = new Map<string, Set<string>>();

function add(map: Map<string, Set<string>>, key: string, code: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(code);
  map.set(key, set);
}
for (const c of gaz.countries) {
  for (const n of [c.name, ...c.names, ...c.adjectives]) add(byForm, n.toLowerCase(), c.code);
  for (const a of c.abbreviations) add(byAbbreviation, a, c.code);
}
for (const city of gaz.cities) {
  for (const n of [city.name, ...city.aliases]) add(byForm, n.toLowerCase(), city.country);
}
for (const p of gaz.places) add(byForm, p.name.toLowerCase(), p.country);

function countryOf(form: string): string | undefined {
  const abbr = byAbbreviation.get(form);
  const hits = abbr ?? byForm.get(form.toLowerCase());
  if (!hits) return undefined;
  assert.equal(hits.size, 1, `${form} is ambiguous: ${[...hits].join(', ')}`);
  return [...hits][0];
}

function cityNamed(name: string): City | undefined {
  const lower = name.toLowerCase();
  return gaz.cities.find((c) => c.name.toLowerCase() === lower || c.aliases.some((a) => a.toLowerCase() === lower));
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

test('countries: every ISO 3166-1 entry, with unique alpha-2 and alpha-3 codes', () => {
  assert.ok(gaz.countries.length >= 249, `only ${gaz.countries.length} countries`);
  assert.equal(countryCodes.size, gaz.countries.length, 'duplicate alpha-2 code');
  assert.equal(new Set(gaz.countries.map((c) => c.alpha3)).size, gaz.countries.length, 'duplicate alpha-3 code');
  for (const c of gaz.countries) {
    assert.match(c.code, /^[A-Z]{2}$/, c.code);
    assert.match(c.alpha3, /^[A-Z]{3}$/, c.alpha3);
    assert.ok(c.name.length > 0, c.code);
    assert.ok(c.names.includes(c.name), `${c.code}: names must include the short name`);
    assert.ok(Array.isArray(c.adjectives) && Array.isArray(c.abbreviations) && Array.isArray(c.demonymsPlural), c.code);
    for (const n of c.names) assert.doesNotMatch(n, /^the /i, `${c.code}: leading "the" in ${n}`);
    for (const a of c.abbreviations) assert.doesNotMatch(a, /\s/, `${c.code}: abbreviation with a space: ${a}`);
  }
});

test('every zone of countries and cities is accepted by Intl', () => {
  for (const c of gaz.countries) assert.ok(isValidZone(c.zone), `${c.code}: bad zone ${c.zone}`);
  for (const c of gaz.cities) assert.ok(isValidZone(c.zone), `${c.name}: bad zone ${c.zone}`);
});

test('cities and places point to existing countries', () => {
  assert.ok(gaz.cities.length >= 400, `only ${gaz.cities.length} cities`);
  for (const c of gaz.cities) assert.ok(countryCodes.has(c.country), `${c.name}: unknown country ${c.country}`);
  for (const p of gaz.places) assert.ok(countryCodes.has(p.country), `${p.name}: unknown country ${p.country}`);
  const names = gaz.cities.map((c) => c.name.toLowerCase());
  assert.equal(new Set(names).size, names.length, 'duplicate city name');
});

test('a capital listed as a city has the country zone', () => {
  for (const c of gaz.countries) {
    if (!c.capital) continue;
    const city = gaz.cities.find((x) => x.name === c.capital && x.country === c.code);
    if (city) assert.equal(city.zone, c.zone, `${c.code}: capital ${c.capital} zone differs`);
  }
});

// Surface forms allowed to stand for more than one country. Keep this empty unless a form really is shared.
const AMBIGUOUS_EXCEPTIONS = new Set<string>([]);

test('no name, adjective, abbreviation, city or place maps to two countries', () => {
  const clashes: string[] = [];
  for (const [form, codes] of byForm) {
    if (codes.size > 1 && !AMBIGUOUS_EXCEPTIONS.has(form)) clashes.push(`${form}: ${[...codes].join('/')}`);
  }
  for (const [abbr, codes] of byAbbreviation) {
    if (codes.size > 1 && !AMBIGUOUS_EXCEPTIONS.has(abbr)) clashes.push(`${abbr}: ${[...codes].join('/')}`);
    const asForm = byForm.get(abbr.toLowerCase());
    if (asForm) {
      for (const code of asForm) if (!codes.has(code)) clashes.push(`${abbr} (abbreviation) vs name: ${code}`);
    }
  }
  assert.deepEqual(clashes, []);
});

test('regions map to no country', () => {
  assert.ok(gaz.regions.length > 0);
  for (const r of gaz.regions) {
    assert.equal(byForm.get(r.toLowerCase()), undefined, `region ${r} is also a country form`);
    assert.equal(byAbbreviation.get(r), undefined, `region ${r} is also an abbreviation`);
  }
  for (const r of [
    'Korean Peninsula',
    'East China Sea',
    'South China Sea',
    'Indo-Pacific',
    'Asia-Pacific',
    'Middle East',
    'Pacific Islands',
    'Global South',
    'Indian Ocean',
    'Sea of Japan',
    'Indo-Pacific Economic Framework',
    'Indian Ocean Rim',
  ]) {
    assert.ok(gaz.regions.includes(r), `missing region ${r}`);
  }
});

test('spot checks: countries', () => {
  assert.equal(countryOf('ROK'), 'KR');
  assert.equal(countryOf('DPRK'), 'KP');
  assert.equal(countryOf('U.S.'), 'US');
  assert.equal(countryOf('US'), 'US');
  assert.equal(countryOf('UK'), 'GB');
  assert.equal(countryOf('PRC'), 'CN');
  assert.equal(countryOf('UAE'), 'AE');
  assert.equal(countryOf('FSM'), 'FM');
  assert.equal(countryOf('PNG'), 'PG');
  assert.equal(countryOf('DRC'), 'CD');
  assert.equal(countryOf('Republic of Korea'), 'KR');
  assert.equal(countryOf('Korea'), 'KR');
  assert.equal(countryOf('South Korean'), 'KR');
  assert.equal(countryOf("Democratic People's Republic of Korea"), 'KP');
  assert.equal(countryOf('Democratic People\u2019s Republic of Korea'), 'KP');
  assert.equal(countryOf("People's Republic of China"), 'CN');
  assert.equal(countryOf('People\u2019s Republic of China'), 'CN');
  assert.equal(countryOf('Republic of China'), 'TW');
  assert.equal(countryOf('United States of America'), 'US');
  assert.equal(countryOf('America'), 'US');
  assert.equal(countryOf('American'), 'US');
  assert.equal(countryOf('United Kingdom of Great Britain and Northern Ireland'), 'GB');
  assert.equal(countryOf('Britain'), 'GB');
  assert.equal(countryOf('British'), 'GB');
  assert.equal(countryOf('Commonwealth of Australia'), 'AU');
  assert.equal(countryOf('Russian Federation'), 'RU');
  assert.equal(countryOf('Federal Republic of Germany'), 'DE');
  assert.equal(countryOf('French Republic'), 'FR');
  assert.equal(countryOf('Republic of India'), 'IN');
  assert.equal(countryOf('Federated States of Micronesia'), 'FM');
  assert.equal(countryOf('Holland'), 'NL');
  assert.equal(countryOf('Czechia'), 'CZ');
  assert.equal(countryOf('Turkey'), 'TR');
  assert.equal(countryOf('Türkiye'), 'TR');
  assert.equal(countryOf('Emirati'), 'AE');
  assert.equal(countryOf('Palestinian'), 'PS');
  assert.equal(countryOf('Guam'), 'GU');
  assert.equal(countryOf('Hong Kong'), 'HK');
  assert.equal(countryOf('Georgia'), 'GE');
  // deliberately not country words
  assert.equal(countryOf('Korean'), undefined);
  assert.equal(countryOf('Congolese'), undefined);
  assert.equal(countryOf('Congo'), undefined);
  assert.equal(countryOf('Korean Peninsula'), undefined);
});

test('spot checks: zones of countries', () => {
  const zoneOf = (code: string) => gaz.countries.find((c) => c.code === code)?.zone;
  assert.equal(zoneOf('US'), 'America/New_York');
  assert.equal(zoneOf('AU'), 'Australia/Sydney');
  assert.equal(zoneOf('IN'), 'Asia/Kolkata');
  assert.equal(zoneOf('CN'), 'Asia/Shanghai');
  assert.equal(zoneOf('RU'), 'Europe/Moscow');
  assert.equal(zoneOf('JP'), 'Asia/Tokyo');
  assert.equal(zoneOf('UA'), 'Europe/Kyiv');
});

test('spot checks: cities and places', () => {
  const expectCity = (name: string, country: string, zone: string) => {
    const city = cityNamed(name);
    assert.ok(city, `no city ${name}`);
    assert.equal(city.country, country, name);
    assert.equal(city.zone, zone, name);
  };
  expectCity('Seoul', 'KR', 'Asia/Seoul');
  expectCity('Vladivostok', 'RU', 'Asia/Vladivostok');
  expectCity('Munich', 'DE', 'Europe/Berlin');
  expectCity('Puglia', 'IT', 'Europe/Rome');
  expectCity('Honolulu', 'US', 'Pacific/Honolulu');
  expectCity('San Francisco', 'US', 'America/Los_Angeles');
  expectCity('Camp David', 'US', 'America/New_York');
  expectCity('Perth', 'AU', 'Australia/Perth');
  expectCity('Canberra', 'AU', 'Australia/Sydney');
  expectCity('Washington, D.C.', 'US', 'America/New_York');
  expectCity('Kiev', 'UA', 'Europe/Kyiv');
  expectCity('Sao Paulo', 'BR', 'America/Sao_Paulo');
  expectCity('Bali', 'ID', 'Asia/Makassar');
  expectCity('Kananaskis', 'CA', 'America/Edmonton');
  expectCity('New York City', 'US', 'America/New_York');
  assert.equal(countryOf('Seoul'), 'KR');
  assert.equal(countryOf('Kremlin'), 'RU');
  assert.equal(countryOf('Taiwan Strait'), 'TW');
  assert.equal(countryOf('Gaza'), 'PS');
  assert.equal(countryOf('Okinawa'), 'JP');
  assert.equal(countryOf('Crimea'), 'UA');
});

const KINDS = new Set(['un', 'forum', 'alliance', 'economic', 'security', 'conference', 'treaty', 'armed-group', 'other']);

test('organizations: names, kinds and unique aliases', () => {
  assert.ok(organizations.length >= 100, `only ${organizations.length} organizations`);
  const owner = new Map<string, string>();
  const ownerLower = new Map<string, string>();
  for (const o of organizations) {
    assert.ok(typeof o.name === 'string' && o.name.trim().length > 0, 'organization without a name');
    assert.ok(KINDS.has(o.kind), `${o.name}: bad kind ${o.kind}`);
    assert.ok(Array.isArray(o.aliases), o.name);
    for (const form of [o.name, ...o.aliases]) {
      assert.ok(form.trim().length > 0, `${o.name}: empty alias`);
      assert.equal(owner.get(form), undefined, `${form} used by ${owner.get(form)} and ${o.name}`);
      owner.set(form, o.name);
      const prev = ownerLower.get(form.toLowerCase());
      assert.ok(prev === undefined || prev === o.name, `${form} (case-insensitive) used by ${prev} and ${o.name}`);
      ownerLower.set(form.toLowerCase(), o.name);
    }
  }
  const find = (form: string) => organizations.find((o) => o.name === form || o.aliases.includes(form))?.name;
  assert.equal(find('UNSC'), 'United Nations Security Council');
  assert.equal(find('IPEF'), 'Indo-Pacific Economic Framework for Prosperity');
  assert.equal(find('Shangri-la Dialogue'), 'Shangri-La Dialogue');
  assert.equal(find('CPTPP'), 'Comprehensive and Progressive Agreement for Trans-Pacific Partnership');
  assert.equal(find('Quad'), 'Quadrilateral Security Dialogue');
});

test('organizations: acronyms match as written, names in any case', async () => {
  const { organizations: dictionary } = await import('../src/data/organizations.js');
  const { tokenize } = await import('../src/text/tokens.js');
  const found = (text: string) => dictionary().find(tokenize(text)).map((m) => m.value);
  // "LeT", "CoE", "AfDB", "UN" are acronyms; "Let us", "Coe", "un-" are words
  assert.deepEqual(found('Let us welcome the report. Coe Street. Un Deux.'), []);
  assert.deepEqual(found('They condemned LeT and welcomed the AfDB and CoE at the UN.'),
    ['Lashkar-e-Taiba', 'African Development Bank', 'Council of Europe', 'United Nations']);
  assert.deepEqual(found('The Council of europe and the UNITED NATIONS'), ['Council of Europe', 'United Nations']);
});
