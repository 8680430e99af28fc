// Consistency and spot checks for the time-aware actor dictionary in data/actors.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Office { role: string; title: string; from: string; to: string | null; country?: string }
interface ActorEntry { id: string; name: string; surname: string; country: string; aliases: string[]; offices: Office[] }

const file = fileURLToPath(new URL('../data/actors.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8')) as { version: string; actors: ActorEntry[] };
const actors = data.actors;

const ROLES = new Set(['leader', 'foreign-minister', 'defense-minister', 'national-security-advisor', 'minister', 'vice-minister', 'ambassador', 'official']);
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => ISO.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const words = (s: string) => s.split(/\s+/).map((w) => w.replace(/,$/, ''));

/** Pairs of actor ids allowed to hold the same (country, role[, title]) at once. Keep short and justified. */
const ALLOWED_OVERLAPS: Array<[string, string]> = [];

/** Who holds `role` (and `title`, if given) in `country` on `date` (offices are [from, to)). */
function holders(country: string, role: string, date: string, title?: string): string[] {
  return actors.filter((a) => a.country === country && a.offices.some((o) => o.role === role
    && (title === undefined || o.title === title) && o.from <= date && (o.to === null || date < o.to))).map((a) => a.name);
}

test('actors.json has a version and a non-trivial list of actors', () => {
  assert.match(data.version, ISO);
  assert.ok(Array.isArray(actors));
  assert.ok(actors.length >= 300, `only ${actors.length} actors`);
});

test('ids are unique lowercase country-prefixed slugs', () => {
  const seen = new Set<string>();
  for (const a of actors) {
    assert.match(a.id, /^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$/, a.id);
    assert.equal(a.id.slice(0, 2), a.country.toLowerCase(), `${a.id} vs country ${a.country}`);
    assert.ok(!seen.has(a.id), `duplicate id ${a.id}`);
    seen.add(a.id);
  }
});

test('every actor has a name, a surname that is a word of the name, a country and aliases', () => {
  for (const a of actors) {
    assert.ok(a.name.trim().length > 0, a.id);
    assert.ok(words(a.name).includes(a.surname), `${a.id}: surname "${a.surname}" is not a word of "${a.name}"`);
    assert.match(a.country, /^[A-Z]{2}$/, a.id);
    assert.ok(Array.isArray(a.aliases), a.id);
    for (const al of a.aliases) {
      assert.equal(typeof al, 'string', a.id);
      assert.notEqual(al, a.name, `${a.id}: alias repeats the name`);
      assert.notEqual(al.toLowerCase(), a.surname.toLowerCase(), `${a.id}: bare surname listed as alias`);
    }
    assert.equal(new Set(a.aliases).size, a.aliases.length, `${a.id}: duplicate aliases`);
  }
});

test('no alias or name belongs to two different actors', () => {
  const owner = new Map<string, string>();
  for (const a of actors) {
    for (const n of new Set([a.name, ...a.aliases].map((s) => s.toLowerCase()))) {
      const prev = owner.get(n);
      assert.ok(prev === undefined, `"${n}" is used by ${prev} and ${a.id}`);
      owner.set(n, a.id);
    }
  }
});

test('offices have a known role, a title and ISO dates with from <= to', () => {
  for (const a of actors) {
    assert.ok(a.offices.length > 0, `${a.id} has no office`);
    for (const o of a.offices) {
      assert.ok(ROLES.has(o.role), `${a.id}: unknown role ${o.role}`);
      assert.ok(typeof o.title === 'string' && o.title.length > 0, `${a.id}: empty title`);
      assert.ok(isRealDate(o.from), `${a.id}: bad from ${o.from}`);
      assert.ok(o.to === null || isRealDate(o.to), `${a.id}: bad to ${o.to}`);
      if (o.to !== null) assert.ok(o.from <= o.to, `${a.id}: ${o.title} from ${o.from} > to ${o.to}`);
      assert.ok(o.from <= data.version, `${a.id}: ${o.title} starts after the data version`);
    }
  }
});

test('no two people hold the same leader title, foreign or defense ministry at once', () => {
  const allowed = new Set(ALLOWED_OVERLAPS.flatMap(([x, y]) => [`${x}|${y}`, `${y}|${x}`]));
  const slots = new Map<string, Array<{ id: string; from: string; to: string }>>();
  for (const a of actors) {
    for (const o of a.offices) {
      if (!['leader', 'foreign-minister', 'defense-minister'].includes(o.role)) continue;
      // an office may sit for a side other than the holder's country (the EU's High Representative)
      const side = o.country ?? a.country;
      const key = o.role === 'leader' ? `${side}|leader|${o.title}` : `${side}|${o.role}`;
      const list = slots.get(key) ?? [];
      list.push({ id: a.id, from: o.from, to: o.to ?? '9999-12-31' });
      slots.set(key, list);
    }
  }
  const problems: string[] = [];
  for (const [key, list] of slots) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i], y = list[j];
        if (x.id === y.id || allowed.has(`${x.id}|${y.id}`)) continue;
        if (x.from < y.to && y.from < x.to) problems.push(`${key}: ${x.id} ${x.from}..${x.to} overlaps ${y.id} ${y.from}..${y.to}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('spot checks: who held the office on a given day', () => {
  assert.deepEqual(holders('JP', 'foreign-minister', '2018-06-14'), ['Taro Kono']);
  assert.deepEqual(holders('US', 'foreign-minister', '2022-05-23'), ['Antony Blinken']);
  assert.deepEqual(holders('JP', 'defense-minister', '2024-06-02'), ['Minoru Kihara']);
  assert.deepEqual(holders('KR', 'foreign-minister', '2020-02-15'), ['Kang Kyung-wha']);
  assert.deepEqual(holders('IN', 'leader', '2019-11-04', 'Prime Minister'), ['Narendra Modi']);
  assert.deepEqual(holders('GB', 'leader', '2024-06-14', 'Prime Minister'), ['Rishi Sunak']);
  // a few more, including change-over days (the successor holds the office on the day of the change)
  assert.deepEqual(holders('JP', 'leader', '2025-10-21', 'Prime Minister'), ['Sanae Takaichi']);
  assert.deepEqual(holders('JP', 'leader', '2025-01-15', 'Prime Minister'), ['Shigeru Ishiba']);
  assert.deepEqual(holders('US', 'leader', '2025-01-20', 'President'), ['Donald Trump']);
  assert.deepEqual(holders('US', 'defense-minister', '2023-01-01'), ['Lloyd Austin']);
  assert.deepEqual(holders('US', 'national-security-advisor', '2018-06-12'), ['John Bolton']);
  assert.deepEqual(holders('CN', 'foreign-minister', '2023-03-07'), ['Qin Gang']);
  assert.deepEqual(holders('CN', 'minister', '2020-06-17', 'Director of the Office of the Central Foreign Affairs Commission'), ['Yang Jiechi']);
  assert.deepEqual(holders('KR', 'leader', '2023-08-18', 'President'), ['Yoon Suk Yeol']);
  assert.deepEqual(holders('AU', 'foreign-minister', '2023-01-01'), ['Penny Wong']);
  assert.deepEqual(holders('DE', 'leader', '2019-01-01', 'Chancellor'), ['Angela Merkel']);
  assert.deepEqual(holders('RU', 'foreign-minister', '2015-01-01'), ['Sergey Lavrov']);
  assert.deepEqual(holders('JP', 'national-security-advisor', '2016-01-01'), ['Shotaro Yachi']);
  // nobody holds an office before it starts or in a vacancy
  assert.deepEqual(holders('US', 'defense-minister', '2019-03-01'), []);
});

test('one person with several offices is one entry', () => {
  const kono = actors.find((a) => a.id === 'jp-taro-kono');
  assert.ok(kono);
  assert.deepEqual(kono.offices.filter((o) => o.role !== 'minister').map((o) => o.role), ['foreign-minister', 'defense-minister']);
  const wang = actors.find((a) => a.id === 'cn-wang-yi');
  assert.ok(wang);
  assert.equal(wang.surname, 'Wang');
  assert.ok(wang.offices.filter((o) => o.role === 'foreign-minister').length === 2);
  const rice = actors.filter((a) => a.name === 'Condoleezza Rice');
  assert.equal(rice.length, 1);
  assert.deepEqual(rice[0].offices.map((o) => o.role).sort(), ['foreign-minister', 'national-security-advisor']);
});

test('a user dictionary keeps an office\'s own side ("country": "EU") and refuses a malformed one', async () => {
  const { parseActorsFile } = await import('../src/data/user-files.js');
  const office = { role: 'leader', title: 'President of the European Council', from: '2024-12-01', to: null, country: 'EU' };
  const file = { actors: [{ id: 'pt-antonio-costa', name: 'António Costa', surname: 'Costa', country: 'PT', offices: [office] }] };
  assert.equal(parseActorsFile('a.json', JSON.stringify(file)).actors[0]!.offices[0]!.country, 'EU');
  const bad = { actors: [{ ...file.actors[0], offices: [{ ...office, country: 'Europe' }] }] };
  assert.throws(() => parseActorsFile('a.json', JSON.stringify(bad)), /a\.json: not a valid actor dictionary: actors\[0\]\.offices\[0\]\.country/);
});
