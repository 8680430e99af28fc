// What the archive keeps of one document, computed from the extracted record alone: the values of its meeting row,
// its body (text, filter tags, record JSON, compressed source bytes), its statements' rows and the rollup series it
// counts in. No database here: a backend writes these rows in its own way (sqlite/, postgres/).
import { gzipSync } from 'node:zlib';
import { ACTS, type ReadoutRecord } from '../record/schema.js';
import { surnameOf } from '../query/actors.js';
import type { DocumentInput } from './store.js';

/** Statement keys per document key: a block of 16 act slots (ACTS has 10) of ACT_SLOT keys each, so a statement's act
 *  is its key's slot and counts by act read no row (see sqlite/stats.ts). A document with more than ACT_SLOT
 *  statements of one act takes the document keys after its own for further blocks. */
export const STMT_BITS = 11;
export const STMT_SHIFT = 2 ** STMT_BITS;
export const ACT_SLOT = 128;

/** Extraction's mark on a text that reports no meeting (src/extractors/readout-check.ts). */
export const isReadout = (r: ReadoutRecord) => !r.warnings?.some((w) => w.startsWith('not a readout'));

export interface StatementRow {
  /** Its key less its document's key * STMT_SHIFT: block * STMT_SHIFT + ACTS index * ACT_SLOT + a counter, where
   *  the n-th statement of an act goes to block n / ACT_SLOT. */
  key: number;
  idx: number;
  item: string | null;
  act: string;
  spanStart: number;
  spanEnd: number;
  speakers: string; // JSON
  speakerCountries: string; // JSON
  topics: string; // JSON
  text: string;
  tags: string;
  /** Distinct speaker names. */
  speakerNames: string[];
}

export interface DocumentRows {
  id: string;
  sha256: string;
  path: string | null;
  title: string | null;
  date: string | null;
  /** Days since 1900-01-01 plus one; 0 when undated. */
  day: number;
  ym: number;
  kind: string;
  mode: string;
  format: string;
  countries: string; // JSON
  topics: string; // JSON
  participants: string; // JSON, name, country and role
  statementCount: number;
  /** Document keys it takes: 1, or more for its statements' blocks. */
  blocks: number;
  /** False for a text extraction marked as not a readout: kept apart from the meetings (sqlite/write.ts). */
  readout: boolean;
  extractorVersion: string;
  text: string;
  tags: string;
  record: string; // JSON, see recordJson
  raw: Uint8Array | null; // gzip
  statements: StatementRow[];
  /** The rollup series this document counts in once each (repeats count again), see rollupSeries; none for a text
   *  that is not a readout. */
  rollup: string[];
}

export const idOf = (sha256: string) => sha256.slice(0, 16);

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
/** 1 for 1900-01-01 upwards; 0 for no or unreadable date (sorts oldest). */
export function dayNumber(date: string | null): number {
  if (!date) return 0;
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) || t < EPOCH ? 0 : Math.floor((t - EPOCH) / DAY_MS) + 1;
}
/** The ISO date (YYYY-MM-DD) of a day number from dayNumber (> 0). */
export const isoOfDay = (day: number) => new Date(EPOCH + (day - 1) * DAY_MS).toISOString().slice(0, 10);
export const ymOf = (date: string | null) => (date && /^\d{4}-\d{2}/.test(date) ? Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7)) : 0);

/** A tag token: one FTS5 token whatever the value holds ("Kyung-wha Kang" -> n_kyung_wha_kang). */
const tagCache = new Map<string, string>();
export function tag(prefix: string, value: string): string {
  const key = `${prefix}\u0001${value}`;
  let out = tagCache.get(key);
  if (out === undefined) {
    out = `${prefix}_${value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '')}`;
    // Countries, kinds, acts and topics are a small vocabulary; names are many, so the cache is bounded.
    if (tagCache.size > 50_000) tagCache.clear();
    tagCache.set(key, out);
  }
  return out;
}

interface PersonLike { name: string; actorId?: string | null }
const personTagCache = new Map<string, string[]>();
function personTags(p: PersonLike): string[] {
  const key = `${p.name}\u0001${p.actorId ?? ''}`;
  let out = personTagCache.get(key);
  if (!out) {
    out = [tag('n', p.name), tag('s', surnameOf(p.name)), p.actorId ? tag('p', p.actorId) : tag('u', surnameOf(p.name))];
    if (personTagCache.size > 50_000) personTagCache.clear();
    personTagCache.set(key, out);
  }
  return out;
}

function docTags(r: ReadoutRecord): string {
  const t = new Set<string>();
  for (const c of r.meeting.countries) t.add(tag('c', c));
  t.add(tag('k', r.meeting.kind));
  t.add(tag('m', r.meeting.mode));
  for (const x of r.topics) t.add(tag('t', x));
  for (const s of r.statements) t.add(tag('a', s.act));
  for (const p of r.participants) personTags(p).forEach((x) => t.add(x));
  return [...t].join(' ');
}

/** Each statement's tags: the meeting's sides, kind and mode, its act, topics and speakers. */
function statementTags(r: ReadoutRecord): string[] {
  const meeting = [...r.meeting.countries.map((c) => tag('c', c)), tag('k', r.meeting.kind), tag('m', r.meeting.mode)];
  const actorIds = new Map<string, string | null>();
  for (const p of r.participants) if (!actorIds.has(p.name)) actorIds.set(p.name, p.actorId);
  return r.statements.map((s) => {
    const t = new Set(meeting);
    t.add(tag('a', s.act));
    for (const x of s.topics) t.add(tag('t', x));
    for (const name of s.speakers) personTags({ name, actorId: actorIds.get(name) ?? null }).forEach((x) => t.add(x));
    return [...t].join(' ');
  });
}

/** The record as `bodies` keeps it: a statement's text is left out when it is its span of the document text (as
 *  extraction makes it), since the text holds it; a third of the JSON's bytes. */
function recordJson(r: ReadoutRecord, text: string): string {
  return JSON.stringify({ ...r, statements: r.statements.map((s) => (text.slice(s.span[0], s.span[1]) === s.text ? { ...s, text: undefined } : s)) });
}

export function parseRecord(json: string, text: string): ReadoutRecord {
  const r = JSON.parse(json) as ReadoutRecord;
  r.statements = r.statements.map(({ text: own, ...s }) => ({ text: own ?? text.slice(s.span[0], s.span[1]), ...s }));
  return r;
}

/** A rollup series: what is counted (meetings or statements), split by which dimension, for which key. */
export const seriesKey = (unit: string, dim: string, key: string) => `${unit}\u0001${dim}\u0001${key}`;
/** What parts an act+topic series' key: the act, this, the topic. */
export const ACT_TOPIC = '\u0002';
export const actTopicKey = (act: string, topic: string) => `${act}${ACT_TOPIC}${topic}`;
/** The rollup series that count meetings (seriesKey's unit 'meetings'). */
export const MEETING_SERIES = 'meetings\u0001';
export const splitSeries = (series: string) => series.split('\u0001') as [string, string, string];

/** The rollup series one record adds one to, per month. Participants are left out: thousands of names times
 *  months made the rollup cost more at ingest than the stats it saves (participant stats go through the indexes). */
export function rollupSeries(r: ReadoutRecord): string[] {
  const out = meetingSeries(r.meeting.kind, r.meeting.mode, r.topics, r.meeting.countries);
  for (const s of r.statements) {
    out.push(seriesKey('statements', '', ''), seriesKey('statements', 'act', s.act),
      seriesKey('statements', 'kind', r.meeting.kind), seriesKey('statements', 'mode', r.meeting.mode));
    for (const k of new Set(s.topics)) out.push(seriesKey('statements', 'topic', k), seriesKey('statements', 'act+topic', actTopicKey(s.act, k)));
    for (const k of new Set(s.speakerCountries)) out.push(seriesKey('statements', 'country', k));
  }
  return out;
}

/** The rollup series that count a meeting (rollupSeries' first), from what a document's row keeps of it. */
export function meetingSeries(kind: string, mode: string, topics: readonly string[], countries: readonly string[]):
  string[] {
  const out = [seriesKey('meetings', '', '')];
  for (const k of new Set(topics)) out.push(seriesKey('meetings', 'topic', k));
  for (const k of new Set(countries)) out.push(seriesKey('meetings', 'country', k));
  out.push(seriesKey('meetings', 'kind', kind), seriesKey('meetings', 'mode', mode));
  return out;
}

/** Everything the archive writes for one extracted document. Throws, before anything is written, on a record it
 *  cannot make rows of. */
export function documentRows(input: DocumentInput): DocumentRows {
  const { record: r, text } = input;
  const date = r.meeting.date ?? r.source.publishedDate ?? null;
  const stags = statementTags(r);
  const perAct = new Map<string, number>();
  const statements = r.statements.map((s, i): StatementRow => {
    const act = ACTS.indexOf(s.act);
    if (act < 0) throw new Error(`statement ${i} has an unknown act "${s.act}"`);
    const k = perAct.get(s.act) ?? 0;
    perAct.set(s.act, k + 1);
    return {
      key: Math.floor(k / ACT_SLOT) * STMT_SHIFT + act * ACT_SLOT + (k % ACT_SLOT), idx: i, item: s.item, act: s.act,
      spanStart: s.span[0], spanEnd: s.span[1],
      speakers: JSON.stringify(s.speakers), speakerCountries: JSON.stringify(s.speakerCountries), topics: JSON.stringify(s.topics),
      text: s.text, tags: stags[i]!, speakerNames: [...new Set(s.speakers)],
    };
  });
  const readout = isReadout(r);
  return {
    id: idOf(input.sha256), sha256: input.sha256, path: input.path, title: r.meeting.title, date, day: dayNumber(date), ym: ymOf(date),
    kind: r.meeting.kind, mode: r.meeting.mode, format: r.meeting.format,
    countries: JSON.stringify(r.meeting.countries), topics: JSON.stringify(r.topics),
    participants: JSON.stringify(r.participants.map((p) => ({ name: p.name, country: p.country, role: p.role }))),
    statementCount: r.statements.length, readout,
    blocks: Math.max(1, Math.ceil(Math.max(0, ...perAct.values()) / ACT_SLOT)),
    extractorVersion: input.extractorVersion, text, tags: docTags(r), record: recordJson(r, text),
    raw: input.raw && input.raw.length ? gzipSync(input.raw, { level: 1 }) : null,
    statements, rollup: readout ? rollupSeries(r) : [],
  };
}
