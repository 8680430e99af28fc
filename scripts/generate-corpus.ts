// Synthetic readout corpus for benchmarks: every document is a variation of a real seed readout (the dev corpus in
// ../shared/corpus/dev, else the project's examples/, else three built-in seeds) with
//   * participants swapped for other real holders of the same office (same pool, same gender), in every name form
//     the seed uses ("Taro Kono", "KONO Taro", "Minister Kono", "Secretary Michael R. Pompeo"...);
//   * the date line and every date in the text shifted by one offset (weekday names and bare years follow);
//   * meeting durations varied ("for approximately 30 minutes");
//   * numbered items shuffled and renumbered in another style ("1. " / "(1) " / "1) "), or, in unnumbered
//     readouts, body paragraphs after the lead shuffled.
// Deterministic for a seed; no two documents of one call are identical.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GeneratedDoc { name: string; text: string }
export interface SeedDoc { name: string; text: string }
export interface GenerateOptions {
  /** Seed readouts to vary; default: loadSeedDocs(). */
  seeds?: SeedDoc[];
}

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

// ---------------------------------------------------------------------------------------------------------------
// Randomness

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  }
  return h >>> 0;
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeds

const BUILTIN_SEEDS: SeedDoc[] = [
  {
    name: 'builtin-mofa.txt',
    text: `Japan-United States of America Relations

Japan-U.S. Foreign Ministers' Telephone Talk

March 4, 2021

On March 4, commencing at 9:00 a.m. for approximately 30 minutes, Mr. Toshimitsu Motegi, Minister for Foreign Affairs of Japan, held a telephone talk with the Honorable Antony Blinken, Secretary of State of the United States of America. The overview of the talk is as follows.

1. The two ministers confirmed that they would further strengthen the Japan-U.S. Alliance, and work closely together toward the realization of a "Free and Open Indo-Pacific".

2. The two ministers exchanged views on regional affairs, including North Korea, and Minister Motegi sought continued cooperation for the early resolution of the abductions issue.

3. Secretary Blinken stated that the United States would continue to coordinate closely with Japan on the response to COVID-19 and climate change.
`,
  },
  {
    name: 'builtin-state.txt',
    text: `Secretary Blinken's Call with Japanese Foreign Minister Motegi

The below is attributable to Spokesperson Ned Price:

Secretary of State Antony J. Blinken spoke today with Japanese Foreign Minister Toshimitsu Motegi. The Secretary and the Foreign Minister reaffirmed that the U.S.-Japan Alliance is the cornerstone of peace, security, and prosperity in the Indo-Pacific.

Secretary Blinken and Foreign Minister Motegi discussed the importance of trilateral cooperation with the Republic of Korea and the denuclearization of North Korea.

They also discussed cooperation on climate change and global health security, and agreed to stay in close touch.
`,
  },
  {
    name: 'builtin-uk.txt',
    text: `PM call with Prime Minister Kishida of Japan: 8 March 2023

The Prime Minister spoke to Prime Minister Fumio Kishida of Japan this morning.

The leaders welcomed the progress made on the Global Combat Air Programme and agreed to deepen defence cooperation between the UK and Japan.

They discussed Russia's illegal invasion of Ukraine and agreed on the importance of continued support for Ukraine.

The Prime Minister said he looked forward to seeing Prime Minister Kishida at the G7 Summit in Hiroshima.
`,
  },
];

function readTxtDir(dir: string): SeedDoc[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const out: SeedDoc[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) { out.push(...readTxtDir(p).map((d) => ({ ...d, name: `${entry}/${d.name}` }))); continue; }
    if (!entry.endsWith('.txt')) continue;
    const text = readFileSync(p, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    if (text.trim()) out.push({ name: entry, text });
  }
  return out;
}

/** The seed readouts: ../shared/corpus/dev, else examples/, else built-in ones. */
export function loadSeedDocs(): SeedDoc[] {
  for (const dir of [resolve(REPO, '../shared/corpus/dev'), resolve(REPO, 'examples')]) {
    const docs = readTxtDir(dir);
    if (docs.length) return docs;
  }
  return BUILTIN_SEEDS;
}

// ---------------------------------------------------------------------------------------------------------------
// Names

type Style = 'jp' | 'western' | 'asian';
interface Person {
  given: string;
  family: string;
  pool: string;
  style: Style;
  female?: boolean;
  /** Other ways the full name is written (mapped to the replacement's plain full name). */
  aka?: string[];
  /** Whether the surname alone is used ("Minister Kang"); false where it would be ambiguous. */
  alone?: boolean;
  /** For people who held several offices: the doc must match this for the person to count as in this pool. */
  when?: RegExp;
}

const KISHIDA_PM = /Prime Minister (?:Mr\. )?(?:Fumio )?(?:Kishida|KISHIDA)|(?:Kishida|KISHIDA)(?: Fumio)?, (?:the )?Prime Minister/;
const PEOPLE: Person[] = [
  // Japan: prime ministers, foreign ministers, defense ministers
  { given: 'Shinzo', family: 'Abe', pool: 'jp-pm', style: 'jp', aka: ['Shinzō Abe'] },
  { given: 'Yoshihide', family: 'Suga', pool: 'jp-pm', style: 'jp' },
  { given: 'Fumio', family: 'Kishida', pool: 'jp-pm', style: 'jp', when: KISHIDA_PM },
  { given: 'Shigeru', family: 'Ishiba', pool: 'jp-pm', style: 'jp' },
  { given: 'Yoshihiko', family: 'Noda', pool: 'jp-pm', style: 'jp' },
  { given: 'Fumio', family: 'Kishida', pool: 'jp-fm', style: 'jp' },
  { given: 'Taro', family: 'Kono', pool: 'jp-fm', style: 'jp' },
  { given: 'Toshimitsu', family: 'Motegi', pool: 'jp-fm', style: 'jp' },
  { given: 'Yoshimasa', family: 'Hayashi', pool: 'jp-fm', style: 'jp' },
  { given: 'Takeshi', family: 'Iwaya', pool: 'jp-fm', style: 'jp' },
  { given: 'Koichiro', family: 'Gemba', pool: 'jp-fm', style: 'jp' },
  { given: 'Yoko', family: 'Kamikawa', pool: 'jp-fm', style: 'jp', female: true },
  { given: 'Itsunori', family: 'Onodera', pool: 'jp-dm', style: 'jp' },
  { given: 'Nobuo', family: 'Kishi', pool: 'jp-dm', style: 'jp' },
  { given: 'Minoru', family: 'Kihara', pool: 'jp-dm', style: 'jp' },
  { given: 'Yasukazu', family: 'Hamada', pool: 'jp-dm', style: 'jp' },
  // United States
  { given: 'Donald', family: 'Trump', pool: 'us-pres', style: 'western', aka: ['Donald J. Trump'] },
  { given: 'Joseph', family: 'Biden', pool: 'us-pres', style: 'western', aka: ['Joseph R. Biden, Jr.', 'Joseph R. Biden', 'Joe Biden'] },
  { given: 'Barack', family: 'Obama', pool: 'us-pres', style: 'western' },
  { given: 'George W.', family: 'Bush', pool: 'us-pres', style: 'western' },
  { given: 'Rex', family: 'Tillerson', pool: 'us-sec', style: 'western', aka: ['Rex W. Tillerson'] },
  { given: 'Mike', family: 'Pompeo', pool: 'us-sec', style: 'western', aka: ['Michael R. Pompeo', 'Michael Pompeo'] },
  { given: 'Antony', family: 'Blinken', pool: 'us-sec', style: 'western', aka: ['Antony J. Blinken'] },
  { given: 'Marco', family: 'Rubio', pool: 'us-sec', style: 'western' },
  { given: 'John', family: 'Kerry', pool: 'us-sec', style: 'western' },
  { given: 'Hillary', family: 'Clinton', pool: 'us-sec', style: 'western', female: true, alone: false },
  { given: 'Condoleezza', family: 'Rice', pool: 'us-sec', style: 'western', female: true, alone: false },
  { given: 'James', family: 'Mattis', pool: 'us-def', style: 'western', aka: ['James N. Mattis', 'Jim Mattis'] },
  { given: 'Mark', family: 'Esper', pool: 'us-def', style: 'western', aka: ['Mark T. Esper'] },
  { given: 'Lloyd', family: 'Austin', pool: 'us-def', style: 'western', aka: ['Lloyd J. Austin III', 'Lloyd J. Austin'] },
  { given: 'Pete', family: 'Hegseth', pool: 'us-def', style: 'western' },
  { given: 'Morgan', family: 'Ortagus', pool: 'us-spox', style: 'western', female: true, alone: false },
  { given: 'Heather', family: 'Nauert', pool: 'us-spox', style: 'western', female: true, alone: false },
  { given: 'Tammy', family: 'Bruce', pool: 'us-spox', style: 'western', female: true, alone: false },
  { given: 'Ned', family: 'Price', pool: 'us-spox', style: 'western', alone: false },
  { given: 'Matthew', family: 'Miller', pool: 'us-spox', style: 'western', alone: false },
  { given: 'John', family: 'Kirby', pool: 'us-spox', style: 'western', alone: false },
  { given: 'Vedant', family: 'Patel', pool: 'us-spox', style: 'western', alone: false },
  { given: 'Jen', family: 'Psaki', pool: 'us-spox', style: 'western', female: true, alone: false },
  // Others
  { given: 'Kyung-wha', family: 'Kang', pool: 'kr-fm', style: 'asian', female: true, aka: ['Kang, Kyung-wha'] },
  { given: 'Eui-yong', family: 'Chung', pool: 'kr-fm', style: 'asian' },
  { given: 'Jin', family: 'Park', pool: 'kr-fm', style: 'asian' },
  { given: 'Tae-yul', family: 'Cho', pool: 'kr-fm', style: 'asian' },
  { given: 'Jiechi', family: 'Yang', pool: 'cn', style: 'asian', alone: false },
  { given: 'Yi', family: 'Wang', pool: 'cn', style: 'asian', alone: false },
  { given: 'Rishi', family: 'Sunak', pool: 'uk-pm', style: 'western' },
  { given: 'Keir', family: 'Starmer', pool: 'uk-pm', style: 'western' },
  { given: 'Boris', family: 'Johnson', pool: 'uk-pm', style: 'western', alone: false },
  { given: 'David', family: 'Cameron', pool: 'uk-pm', style: 'western' },
  { given: 'Marise', family: 'Payne', pool: 'au-fm', style: 'western', female: true },
  { given: 'Penny', family: 'Wong', pool: 'au-fm', style: 'western', female: true },
];

type Form = 'gf' | 'fg' | 'FG' | 'f' | 'F' | 'aka';

function formsOf(p: Person): [string, Form][] {
  const out: [string, Form][] = [];
  if (p.style === 'jp') {
    out.push([`${p.given} ${p.family}`, 'gf'], [`${p.family} ${p.given}`, 'fg'], [`${p.family.toUpperCase()} ${p.given}`, 'FG']);
  } else if (p.style === 'asian') {
    out.push([`${p.family} ${p.given}`, 'fg']);
  } else {
    out.push([`${p.given} ${p.family}`, 'gf']);
  }
  for (const a of p.aka ?? []) out.push([a, 'aka']);
  if (p.alone !== false) {
    out.push([p.family, 'f']);
    if (p.style === 'jp') out.push([p.family.toUpperCase(), 'F']);
  }
  return out;
}

function render(p: Person, form: Form): string {
  switch (form) {
    case 'gf': return p.style === 'asian' ? `${p.family} ${p.given}` : `${p.given} ${p.family}`;
    case 'fg': return p.style === 'western' ? `${p.given} ${p.family}` : `${p.family} ${p.given}`;
    case 'FG': return p.style === 'jp' ? `${p.family.toUpperCase()} ${p.given}` : render(p, 'fg');
    case 'f': return p.family;
    case 'F': return p.style === 'jp' ? p.family.toUpperCase() : p.family;
    case 'aka': return render(p, p.style === 'western' ? 'gf' : 'fg');
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Word-bounded alternation; the (?=[A-Z]) look-ahead lets the engine skip most positions quickly (names are capitalized).
const WORD_CHAR = '[A-Za-z0-9\\u00C0-\\u024F]';
const bounded = (alts: string[]) => new RegExp(`(?<!${WORD_CHAR})(?=[A-Z])(?:${alts.join('|')})(?!${WORD_CHAR})`, 'g');
// A person counts as present when a full name occurs, or the surname right after a title ("Minister Kono",
// "Secretary of Defense Mattis"); a bare "Park" or "Austin" alone does not. One regex finds them all.
const TITLE = '(?:Minister|Secretary|President|Premier|Councilor|Councillor|Senator|Spokesperson|Chairman|Ambassador|Mr\\.|Ms\\.|Dr\\.|Defense|Defence|State|Affairs|PM),? ';
const BY_NAME = new Map<string, Person[]>();
const addName = (name: string, p: Person) => { const l = BY_NAME.get(name) ?? []; if (!l.includes(p)) l.push(p); BY_NAME.set(name, l); };
const SURNAMES = new Set<string>();
for (const p of PEOPLE) {
  for (const [name, form] of formsOf(p)) {
    if (form === 'f' || form === 'F') SURNAMES.add(name);
    addName(name, p);
  }
}
const PRESENCE_RE = bounded([
  ...[...BY_NAME.keys()].filter((n) => !SURNAMES.has(n) || n.includes(' ')).sort((a, b) => b.length - a.length).map(escapeRe),
  `${TITLE}(${[...SURNAMES].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})`,
]);

function peopleIn(text: string): Person[] {
  const found = new Set<Person>();
  for (const m of text.matchAll(PRESENCE_RE)) for (const p of BY_NAME.get(m[1] ?? m[0]) ?? []) found.add(p);
  const present: Person[] = [];
  const seen = new Set<string>();
  for (const p of PEOPLE) {
    const key = `${p.given} ${p.family}`;
    if (!found.has(p) || seen.has(key) || (p.when && !p.when.test(text))) continue;
    present.push(p);
    seen.add(key);
  }
  return present;
}

function swapNames(rng: Rng, text: string): string {
  const present = peopleIn(text);
  if (!present.length) return text;
  const taken = new Set(present.map((p) => p.family));
  const map = new Map<string, string>();
  for (const p of present) {
    if (rng() < 0.15) continue;
    const options = PEOPLE.filter((q) => q.pool === p.pool && Boolean(q.female) === Boolean(p.female) && !taken.has(q.family));
    if (!options.length) continue;
    const q = pick(rng, options);
    taken.add(q.family);
    for (const [s, form] of formsOf(p)) map.set(s, render(q, form));
  }
  if (!map.size) return text;
  const re = bounded([...map.keys()].sort((a, b) => b.length - a.length).map(escapeRe));
  return text.replace(re, (m) => map.get(m) ?? m);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_RE = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WEEKDAY_RE = `(?:(${WEEKDAYS.join('|')}),? )?`;
// 1: weekday, 2: month, 3: dot, 4: day, 5: suffix, 6: ", " / " " before year, 7: year
const MDY = `${WEEKDAY_RE}${MONTH_RE}(\\.?) (\\d{1,2})(st|nd|rd|th)?(?!\\d)(?:(,? )(\\d{4})(?!\\d))?`;
// 8: weekday, 9: day, 10: suffix, 11: month, 12: year
const DMY = `${WEEKDAY_RE}(\\d{1,2})(st|nd|rd|th)? ${MONTH_RE}(?:,? (\\d{4})(?!\\d))?`;
// 13: y, 14: m, 15: d
const ISO = '(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)';
// 16: bare year
const YEAR = '(?<![\\d.,/-])((?:199[5-9]|20[0-3]\\d))(?![\\d/-])';
const DATE_ANY = new RegExp(`(?=[A-Z0-9])(?:(?<![A-Za-z0-9])(?:${MDY}|${DMY}|${ISO})(?![A-Za-z])|${YEAR})`, 'g');
const FULL_DATE_YEAR = new RegExp(`${MONTH_RE}\\.? \\d{1,2}(?:st|nd|rd|th)?,? (\\d{4})|\\d{1,2} ${MONTH_RE},? (\\d{4})|(\\d{4})-\\d{2}-\\d{2}`);

function monthIndex(name: string): number {
  return MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3)));
}

function ordinal(d: number): string {
  if (d % 100 >= 11 && d % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][d % 10] ?? 'th';
}

function fmtMonth(original: string, m: number): string {
  // "May", "June" and "July" are full names; other names of 3-4 letters are abbreviations ("Feb", "Sept").
  if (original.length <= 4 && !['May', 'June', 'July'].includes(original)) return MONTHS[m].slice(0, 3);
  return MONTHS[m];
}

function fmtDay(original: string, d: number): string {
  return original.length === 2 && original.startsWith('0') ? String(d).padStart(2, '0') : String(d);
}

/** Readouts that state no date ("met today") get a date line under the headline, as most publishers print one. */
function addDateLine(rng: Rng, text: string): string {
  const t = new Date(Date.UTC(2012, 0, 1) + int(rng, 0, 5000) * 86400000);
  const line = `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}, ${t.getUTCFullYear()}`;
  const nl = text.indexOf('\n');
  if (nl < 0) return `${text}\n\n${line}`;
  const gap = text.startsWith('\n\n', nl) ? '\n\n' : '\n';
  return `${text.slice(0, nl)}${gap}${line}${text.slice(nl)}`;
}

function shiftDates(rng: Rng, text: string): string {
  DATE_ANY.lastIndex = 0;
  if (!DATE_ANY.test(text)) return addDateLine(rng, text);
  const full = FULL_DATE_YEAR.exec(text);
  const baseYear = full ? Number(full[2] ?? full[4] ?? full[5]) : 2020;
  // Move the document to a random day of 2010-2025 (never by zero days).
  const base = Date.UTC(baseYear, 5, 15);
  let delta = 0;
  while (delta === 0) delta = Math.round((Date.UTC(2010, 0, 1) + int(rng, 0, 5843) * 86400000 - base) / 86400000);
  const ms = delta * 86400000;
  const shift = (y: number, m: number, d: number) => {
    const t = new Date(Date.UTC(y, m, d) + ms);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate(), w: t.getUTCDay() };
  };
  // Bare years ("Summit 2019", "August 2018") move with the document's main date.
  const yearDelta = shift(baseYear, 5, 15).y - baseYear;
  const valid = (y: number, m: number, d: number) => m >= 0 && d >= 1 && d <= new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return text.replace(DATE_ANY, (...g: (string | undefined)[]) => {
    const whole = g[0] as string;
    if (g[2] !== undefined) {
      const m = monthIndex(g[2]);
      const d = Number(g[4]);
      const y = g[7] ? Number(g[7]) : baseYear;
      if (!valid(y, m, d)) return whole;
      const s = shift(y, m, d);
      const wd = g[1] ? `${WEEKDAYS[s.w]}, ` : '';
      const month = fmtMonth(g[2], s.m) + (g[3] ?? '');
      const day = fmtDay(g[4] as string, s.d) + (g[5] ? ordinal(s.d) : '');
      return `${wd}${month} ${day}${g[7] ? `${g[6]}${s.y}` : ''}`;
    }
    if (g[11] !== undefined) {
      const m = monthIndex(g[11]);
      const d = Number(g[9]);
      const y = g[12] ? Number(g[12]) : baseYear;
      if (!valid(y, m, d)) return whole;
      const s = shift(y, m, d);
      const wd = g[8] ? `${WEEKDAYS[s.w]}, ` : '';
      const day = fmtDay(g[9] as string, s.d) + (g[10] ? ordinal(s.d) : '');
      return `${wd}${day} ${fmtMonth(g[11], s.m)}${g[12] ? ` ${s.y}` : ''}`;
    }
    if (g[13] !== undefined) {
      const y = Number(g[13]);
      const m = Number(g[14]) - 1;
      const d = Number(g[15]);
      if (!valid(y, m, d)) return whole;
      const s = shift(y, m, d);
      return `${s.y}-${String(s.m + 1).padStart(2, '0')}-${String(s.d).padStart(2, '0')}`;
    }
    if (g[16] !== undefined) return String(Number(g[16]) + yearDelta);
    return whole;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Durations

function varyDurations(rng: Rng, text: string): string {
  return text.replace(/\b(for (?:approximately |about |around |some )?)(\d{1,3})( minutes)\b/g, (_m, a: string, _n: string, b: string) => `${a}${int(rng, 2, 18) * 5}${b}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Item order and numbering

type ItemStyle = 'dot' | 'paren' | 'bare';
interface Numbered { style: ItemStyle; n: number; indent: string; bullet: string; rest: string }

function numbered(line: string): Numbered | null {
  let m = /^(\s*)(\d{1,2})[.)]\s+(\S.*)$/.exec(line);
  if (m) return { style: 'dot', n: Number(m[2]), indent: m[1], bullet: '', rest: m[3] };
  m = /^(\s*)(•\s*)?\((\d{1,2})\)\s*(\S.*)$/.exec(line);
  if (m) return { style: 'paren', n: Number(m[3]), indent: m[1], bullet: m[2] ?? '', rest: m[4] };
  m = /^(\d{1,2}) ([A-Z].*)$/.exec(line);
  if (m && !new RegExp(`^${MONTH_RE}\\b`).test(m[2])) return { style: 'bare', n: Number(m[1]), indent: '', bullet: '', rest: m[2] };
  return null;
}

const RENUMBER: Record<ItemStyle, ((n: number) => string)[]> = {
  dot: [(n) => `${n}. `, (n) => `(${n}) `, (n) => `${n}) `],
  paren: [(n) => `(${n}) `, (n) => `${n}) `],
  bare: [(n) => `${n} `, (n) => `${n}. `],
};

/** Shuffles the first run of numbered items (1, 2, 3... of one style) and renumbers it; null when there is none. */
function shuffleItems(rng: Rng, lines: string[]): string[] | null {
  const info = lines.map(numbered);
  for (let i = 0; i < lines.length; i++) {
    const first = info[i];
    if (!first || first.n !== 1) continue;
    const starts = [i];
    let expect = 2;
    for (let j = i + 1; j < lines.length; j++) {
      const x = info[j];
      if (x && x.style === first.style && x.indent === first.indent && x.n === expect) { starts.push(j); expect++; }
      else if (x && x.style === first.style && x.indent === first.indent) break;
    }
    if (starts.length < 2) continue;
    // The last item runs on over sub-items, blank lines and long paragraphs; a short plain line ends it.
    let end = starts[starts.length - 1] + 1;
    while (end < lines.length) {
      const l = lines[end];
      const sub = info[end];
      if (l.trim() === '' || sub || /^\s*[•・-]\s/.test(l) || l.length >= 100) end++;
      else break;
    }
    while (end > starts[starts.length - 1] + 1 && lines[end - 1].trim() === '') end--;
    const bounds = [...starts, end];
    const items = starts.map((s, k) => lines.slice(s, bounds[k + 1]));
    // Keep a trailing blank line with every item so separation survives the shuffle.
    const hadGap = items.slice(0, -1).every((it) => it[it.length - 1]?.trim() === '');
    const bodies = items.map((it) => (hadGap ? trimEnd(it) : it));
    const order = shuffle(rng, bodies.map((_, k) => k));
    if (rng() < 0.5 && order[0] !== 0) { const z = order.indexOf(0); [order[0], order[z]] = [order[z], order[0]]; }
    const fmt = pick(rng, RENUMBER[first.style]);
    const out: string[] = [];
    order.forEach((k, pos) => {
      const it = [...bodies[k]];
      const head = info[starts[k]] as Numbered;
      it[0] = `${head.indent}${head.bullet}${fmt(pos + 1)}${head.rest}`;
      out.push(...it);
      if (hadGap && pos < order.length - 1) out.push('');
    });
    return [...lines.slice(0, i), ...out, ...lines.slice(end)];
  }
  return null;
}

function trimEnd(lines: string[]): string[] {
  let n = lines.length;
  while (n > 1 && lines[n - 1].trim() === '') n--;
  return lines.slice(0, n);
}

/** Unnumbered readouts: shuffle the long paragraphs after the lead one, keeping every other line in place. */
function shuffleParagraphs(rng: Rng, lines: string[]): string[] {
  const body = lines.map((l, i) => (l.length >= 100 ? i : -1)).filter((i) => i >= 0);
  if (body.length < 3) return lines;
  const movable = body.slice(1);
  const contents = shuffle(rng, movable.map((i) => lines[i]));
  const out = [...lines];
  movable.forEach((i, k) => { out[i] = contents[k]; });
  return out;
}

function reorder(rng: Rng, text: string): string {
  const lines = text.split('\n');
  return (shuffleItems(rng, lines) ?? shuffleParagraphs(rng, lines)).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

function vary(rng: Rng, seed: SeedDoc): string {
  let text = seed.text;
  text = swapNames(rng, text);
  text = shiftDates(rng, text);
  text = varyDurations(rng, text);
  text = reorder(rng, text);
  return text;
}

/** `count` distinct readouts varied from the seed documents; the same `seed` gives the same corpus. */
export function generateCorpus(count: number, seed = 1, options: GenerateOptions = {}): GeneratedDoc[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const seeds = options.seeds ?? loadSeedDocs();
  if (!seeds.length) throw new Error('generateCorpus: no seed documents');
  const seen = new Set<string>();
  const docs: GeneratedDoc[] = [];
  const width = Math.max(6, String(count).length);
  for (let i = 0; i < count; i++) {
    const base = seeds[i % seeds.length];
    let text = '';
    for (let attempt = 0; attempt < 64; attempt++) {
      text = vary(mulberry32(mix(seed, i, attempt)), base);
      if (!seen.has(text)) break;
    }
    if (seen.has(text)) text = `${text.replace(/\n*$/, '')}\n\n(Ref. ${seed}-${i})\n`; // a seed with nothing left to vary
    seen.add(text);
    docs.push({ name: `gen-${String(i).padStart(width, '0')}-${base.name.replace(/[/\\]/g, '_')}`, text });
  }
  return docs;
}
