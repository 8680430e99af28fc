// readout records -> PLOVER event records, field by field as the PLOVER manual's tables give them (RECORD.md,
// "PLOVER export"; data/plover.schema.json checks a line). The mapping is documented in docs/archive.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, readDataJson } from '../data/paths.js';
import type { ActorDictionary } from '../data/actors.js';
import type { Act, Participant, ReadoutRecord, Statement } from '../record/schema.js';

export type PloverCategory = 'CONSULT' | 'AGREE' | 'SUPPORT' | 'REQUEST' | 'ACCUSE' | 'REJECT';

/** The manual's entity object: a person at the table, a side, or a country an act is aimed at. */
export interface PloverEntity {
  code: string; sector?: string; entity_text?: string; office?: string; identifier_id?: string;
  identifier_text?: string;
}

export interface PloverLocation { extracted_place?: string; city?: string; country?: string; country_code?: string }

/** A readout as a source of events: the manual's citation fields and the archive's own (path, sha256, ids). */
export interface ReadoutCitation {
  readout_id: string; publication: string | null; url: string | null; title: string | null;
  published_date: string | null; path: string | null; sha256: string;
}

export interface PloverEvent {
  id: string;
  date: string;
  time?: string; enddate?: string; endtime?: string;
  actor: PloverEntity[];
  recipient?: PloverEntity[];
  event: PloverCategory[];
  event_loc?: PloverLocation;
  event_text?: string[];
  quad_code: number;
  event_scale?: number;
  mode?: string[];
  context?: string[];
  text_info: {
    meeting_id: string; readout_id: string; sequence?: number; start?: number; end?: number; act?: Act;
    item?: string | null;
  };
  cite_info: ReadoutCitation & { language: string; coder: string; codebook: string; version: string;
    readouts?: ReadoutCitation[] };
  coder: string;
  coded_date: string;
}

/** Where a readout stands in its meeting: the meeting's id, and, for the meeting's first readout, every readout of it
 *  to cite (the CONSULT is the meeting's, given once); `dates`: the meeting's date as another of its readouts gives
 *  it, for a readout that gives none. */
export interface PloverMeeting { meetingId: string; readouts: ReadoutCitation[] | null; dates?: PloverDates | null }

export type PloverDates = Pick<PloverEvent, 'date' | 'time' | 'enddate' | 'endtime'>;

/** What the record alone lacks: the document text (for entities as written and the title's offsets), when and by
 *  which extractor it was coded, and a dictionary for Wikidata ids. */
export interface PloverSource {
  text?: string; codedAt?: string; extractorVersion?: string; actors?: ActorDictionary;
}

interface Vocabulary {
  topics: Record<string, { label: string; scope: string; contexts: string[] }>;
  acts: Record<Act, { event: PloverCategory | null; rules?: { pattern: string; event: PloverCategory }[] }>;
}

interface PloverData {
  codebook: string; language: string; codes: Record<string, string>;
  events: Record<PloverCategory, { quad: number; scale?: number; modes?: Record<string, number> }>;
  requestModes: [string, string][]; accuseModes: [string, string][];
  military: { patterns: string[]; unless: string[] };
}

interface Rules {
  vocab: Vocabulary; data: PloverData; requestModes: [string, RegExp][]; accuseModes: [string, RegExp][];
  actRules: Map<Act, { re: RegExp; event: PloverCategory }[]>; military: (title: string) => boolean; coder: string;
}

let rules: Rules | null = null;

/** data/vocabulary.json and data/plover.json, compiled once. */
function loadRules(): Rules {
  if (rules) return rules;
  const vocab = readDataJson<Vocabulary>('vocabulary.json');
  const data = readDataJson<PloverData>('plover.json');
  const compile = (list: [string, string][]) => list.map(([m, p]): [string, RegExp] => [m, new RegExp(p, 'i')]);
  const actRules = new Map(Object.entries(vocab.acts).map(([act, a]) =>
    [act as Act, (a.rules ?? []).map((r) => ({ re: new RegExp(r.pattern, 'i'), event: r.event }))]));
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  const military = new RegExp(data.military.patterns.join('|'), 'i');
  const civil = new RegExp(data.military.unless.join('|'), 'i');
  rules = { vocab, data, requestModes: compile(data.requestModes), accuseModes: compile(data.accuseModes), actRules,
    military: (title) => military.test(title) && !civil.test(title), coder: `readout ${pkg.version}` };
  return rules;
}

/** The PLOVER event of a statement's act: the act's own, or the first rule its text matches; null for none. */
export function actEvent(s: Pick<Statement, 'act' | 'text'>): PloverCategory | null {
  const r = loadRules();
  return r.actRules.get(s.act)?.find((x) => x.re.test(s.text))?.event ?? r.vocab.acts[s.act]?.event ?? null;
}

/** REQUEST's mode (REJECT's too) from what is asked: the first rule whose words the statement carries. */
export function requestMode(text: string): string {
  return loadRules().requestModes.find(([, re]) => re.test(text))?.[0] ?? 'change';
}

function accuseMode(text: string): string {
  return loadRules().accuseModes.find(([, re]) => re.test(text))?.[0] ?? 'disapprove';
}

/** A topic's PLOVER contexts (the manual's context table); none for a topic the vocabulary does not know. */
export function topicContexts(topic: string): string[] {
  return loadRules().vocab.topics[topic]?.contexts ?? [];
}

interface Country { alpha3: string; name: string; written: string[] }
let countries: Map<string, Country> | null = null;

/** ISO alpha-2 -> the country's alpha-3 code, name and the ways a text writes it, longest first (gazetteer.json). */
function countryTable(): Map<string, Country> | null {
  if (countries) return countries;
  let file: string;
  try { file = join(packageRoot(), 'data', 'gazetteer.json'); } catch { return null; }
  if (!existsSync(file)) return null;
  const g = JSON.parse(readFileSync(file, 'utf8')) as { countries?: {
    code: string; alpha3?: string; name: string; names?: string[]; adjectives?: string[]; abbreviations?: string[];
    demonymsPlural?: string[];
  }[] };
  countries = new Map();
  for (const c of g.countries ?? []) {
    if (!c.code || !c.alpha3) continue;
    const written = [c.name, ...c.names ?? [], ...c.adjectives ?? [], ...c.abbreviations ?? [],
      ...c.demonymsPlural ?? []];
    countries.set(c.code.toUpperCase(), { alpha3: c.alpha3.toUpperCase(), name: c.name,
      written: [...new Set(written)].sort((a, b) => b.length - a.length) });
  }
  return countries;
}

/** ISO alpha-2 -> alpha-3 from data/gazetteer.json; null while that file is absent. */
export function loadAlpha3(): Map<string, string> | null {
  const table = countryTable();
  return table && new Map([...table].map(([code, c]) => [code, c.alpha3]));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How `text` writes a country ("North Korea's" -> "North Korea", "DPRK"), or undefined. */
function writtenCountry(code: string, text: string): string | undefined {
  for (const w of countryTable()?.get(code)?.written ?? []) {
    const m = new RegExp(`(?<![\\w.])${escape(w)}(?!\\w)`).exec(text);
    if (m) return m[0];
  }
  return undefined;
}

export function citationOf(id: string, r: ReadoutRecord): ReadoutCitation {
  return { readout_id: id, publication: r.source.publisher, url: r.source.url ?? null, title: r.meeting.title,
    published_date: r.source.publishedDate, path: r.source.path, sha256: r.source.sha256 };
}

/** UTC date and time of an ISO instant: ["2017-02-10", "14:10:00Z"]. */
function utcParts(instant: Date): [string, string] {
  const iso = instant.toISOString();
  return [iso.slice(0, 10), `${iso.slice(11, 19)}Z`];
}

/** `date`, and `time`, `enddate`, `endtime` where the record has a start (and a duration), all in UTC so that
 *  date + "T" + time is the start instant, as the manual's note on times asks; else the meeting's own date. */
export function ploverDates(r: ReadoutRecord): PloverDates | null {
  const start = r.meeting.start ? new Date(r.meeting.start.utc) : null;
  if (!start || Number.isNaN(start.getTime())) return r.meeting.date ? { date: r.meeting.date } : null;
  const [date, time] = utcParts(start);
  if (r.meeting.durationMinutes === null) return { date, time };
  const [enddate, endtime] = utcParts(new Date(start.getTime() + r.meeting.durationMinutes * 60_000));
  return { date, time, enddate, endtime };
}

/** The events of one readout: the meeting's CONSULT when `meeting.readouts` is given (its first readout), and one
 *  event per statement with an act PLOVER codes. None for a readout without a date (PLOVER requires one). */
export function toPlover(readoutId: string, r: ReadoutRecord, alpha3: Map<string, string>,
  meeting: PloverMeeting = { meetingId: readoutId, readouts: null }, source: PloverSource = {}): PloverEvent[] {
  const dates = ploverDates(r) ?? meeting.dates;
  if (!dates) return [];
  const { data, coder, military } = loadRules();
  const text = source.text;
  const code = (c: string) => data.codes[c.toUpperCase()] ?? alpha3.get(c.toUpperCase()) ?? c.toUpperCase();
  const sides = r.meeting.countries;
  const date = r.meeting.date ?? dates.date;

  // mentions several participants share ("The two Ministers") name them together, not one of them
  const shared = new Set(r.participants.flatMap((p) => p.mentions.map(String))
    .filter((m, i, all) => all.indexOf(m) !== i));
  // a person at the table as the span [from, to) writes them: their own mention, their name, a mention they share,
  // their country; else their name
  const person = (p: Participant, from: number, to: number): PloverEntity => {
    const actor = p.actorId ? source.actors?.byId.get(p.actorId) : undefined;
    const span = text?.slice(from, to) ?? '';
    const inSpan = text ? p.mentions.filter(([a, b]) => a >= from && b <= to) : [];
    const own = inSpan.find((m) => !shared.has(String(m))) ?? inSpan[0];
    const names = [p.name, actor?.surname ?? p.name.split(' ').pop()!].map((n) => `\\b${escape(n)}\\b`);
    const name = own && !shared.has(String(own)) ? null : new RegExp(names.join('|')).exec(span)?.[0];
    const written = name ?? (own ? text!.slice(own[0], own[1]) : writtenCountry(p.country, span) ?? p.name);
    const office = p.title ?? (actor && source.actors?.officeAt(actor, date)?.title) ?? undefined;
    const e: PloverEntity = { code: code(p.country), sector: office && military(office) ? 'MIL' : 'GOV',
      entity_text: written };
    if (office) e.office = office;
    const id = actor?.wikidata ?? p.actorId;
    if (id) Object.assign(e, { identifier_id: id, identifier_text: actor?.name ?? p.name });
    return e;
  };
  // a country as `within` writes it: a side (its government, sector GOV) or a target (sector unknown)
  const country = (c: string, within: string, sector?: string): PloverEntity => {
    const written = writtenCountry(c, within);
    return { code: code(c), ...sector ? { sector } : {}, ...written ? { entity_text: written } : {} };
  };
  // a side: its participants, or the country itself when none is known
  const side = (c: string, from: number, to: number, within: string): PloverEntity[] => {
    const people = r.participants.filter((p) => p.country === c);
    return people.length ? people.map((p) => person(p, from, to)) : [country(c, within, 'GOV')];
  };
  const contexts = (topics: string[]) => [...new Set(topics.flatMap(topicContexts))];
  const cite = { ...citationOf(readoutId, r), language: data.language, coder, codebook: data.codebook,
    version: source.extractorVersion ?? 'unknown' };
  const coded = { coder, coded_date: (source.codedAt ?? new Date().toISOString()).slice(0, 10) };
  const loc = location(r, code);
  const scored = (event: PloverCategory, mode: string | null) => {
    const e = data.events[event];
    const scale = (mode !== null ? e.modes?.[mode] : undefined) ?? e.scale;
    return { event: [event], quad_code: e.quad, ...scale !== undefined ? { event_scale: scale } : {},
      ...mode ? { mode: [mode] } : {} };
  };
  const withContext = (list: string[]) => (list.length ? { context: list } : {});

  const events: PloverEvent[] = [];
  // a meeting reported by several governments is one CONSULT, given with its first readout, citing every readout
  if (meeting.readouts !== null || meeting.meetingId === readoutId) {
    const host = r.meeting.location.country;
    let mode: string | null = null;
    let actorSides = sides;
    let hostSides: string[] = [];
    if (r.meeting.format === 'multilateral') mode = 'multilateral';
    else if (r.meeting.mode !== 'in-person') mode = 'phone';
    else if (host && sides.includes(host)) {
      mode = 'visit'; actorSides = sides.filter((c) => c !== host); hostSides = [host];
    } else if (host) mode = 'third-party';
    const title = r.meeting.title;
    const at = title && text ? text.indexOf(title) : -1;
    const lead = text ? text.slice(0, 600) : '';
    // the CONSULT's entities are written as they are first introduced
    const entities = (list: string[]) => list.flatMap((c) => side(c, 0, text?.length ?? 0, lead));
    const actor = entities(actorSides);
    const recipient = entities(hostSides);
    events.push({
      id: `${meeting.meetingId}-m`, ...dates, actor: actor.length ? actor : entities(sides),
      ...recipient.length ? { recipient } : {}, ...scored('CONSULT', mode), ...loc ? { event_loc: loc } : {},
      ...title ? { event_text: [title] } : {}, ...withContext(['diplomatic', ...contexts(r.topics)].filter(uniq)),
      text_info: { meeting_id: meeting.meetingId, readout_id: readoutId,
        ...at >= 0 ? { start: at, end: at + title!.length } : {} },
      cite_info: meeting.readouts && meeting.readouts.length > 1 ? { ...cite, readouts: meeting.readouts } : cite,
      ...coded,
    });
  }
  r.statements.forEach((s, i) => {
    const event = actEvent(s);
    if (!event) return;
    const [from, to] = s.span;
    const speakerSides = s.speakerCountries.length ? s.speakerCountries : sides;
    const named = r.participants.filter((p) => s.speakers.includes(p.name));
    const actor = speakerSides.flatMap((c) => {
      const people = named.filter((p) => p.country === c);
      return people.length ? people.map((p) => person(p, from, to)) : side(c, from, to, s.text);
    });
    // the recipient: whom the act is aimed at (its targets), else the sides that did not make it; a joint act
    // with no target has actors only (the manual's rule for joint acts)
    // (`targets` is optional until every stored record has it)
    const targets = ((s as Statement & { targets?: string[] }).targets ?? []).filter((c) => !speakerSides.includes(c));
    const others = sides.filter((c) => !speakerSides.includes(c));
    // a target without an entity code of the manual is left out, never replaced by the other side
    const recipient = targets.length
      ? targets.filter((c) => /^[A-Z]{3}$/.test(code(c))).map((c) => country(c, s.text))
      : others.flatMap((c) => side(c, from, to, s.text));
    const mode = event === 'REQUEST' || event === 'REJECT' ? requestMode(s.text)
      : event === 'ACCUSE' ? accuseMode(s.text) : null;
    events.push({
      id: `${readoutId}-s${i}`, ...dates, actor, ...recipient.length ? { recipient } : {}, ...scored(event, mode),
      ...loc ? { event_loc: loc } : {}, event_text: [s.text], ...withContext(contexts(s.topics)),
      text_info: { meeting_id: meeting.meetingId, readout_id: readoutId, sequence: i, start: from, end: to,
        act: s.act, item: s.item },
      cite_info: cite, ...coded,
    });
  });
  return events;
}

const uniq = <T>(v: T, i: number, all: T[]) => all.indexOf(v) === i;

/** The manual's location object from the meeting's place: venue or city as written, the country's name and code. */
function location(r: ReadoutRecord, code: (c: string) => string): PloverLocation | null {
  const { city, country, venue } = r.meeting.location;
  if (!city && !country && !venue) return null;
  const loc: PloverLocation = {};
  if (venue ?? city) loc.extracted_place = (venue ?? city)!;
  if (city) loc.city = city;
  if (country) {
    const name = countryTable()?.get(country.toUpperCase())?.name;
    if (name) loc.country = name;
    loc.country_code = code(country);
  }
  return loc;
}
