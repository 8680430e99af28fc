// Two readouts side by side: the facts each gives, the topics both or one report, the statements aligned with their
// differences. The JSON shape is the contract of `readout compare --format json` and `/api/compare`.
//
// Reads: two records (and their texts' lengths). Writes: nothing; returns a Comparison.
import type { ReadoutRecord } from '../record/schema.js';
import type { StoredDocument } from '../store/store.js';
import { readDataJson } from '../data/paths.js';
import { alignStatements, type Difference } from './align.js';
import { meetingMatch, type MeetingMatch } from './identity.js';

export interface ComparedReadout {
  id: string | null;
  path: string | null;
  url: string | null;
  publisher: string | null;
  record: ReadoutRecord;
  /** Characters of the text the record was built from. */
  length: number;
}

/** A readout the archive holds, as a side of a comparison. */
export function storedReadout(d: StoredDocument): ComparedReadout {
  return { id: d.id, path: d.path, url: d.record.source.url ?? null, publisher: d.record.source.publisher,
    record: d.record, length: d.text.length };
}

export interface Fact { field: string; a: string | null; b: string | null; same: boolean }

export interface Comparison {
  sameMeeting: boolean;
  match: MeetingMatch;
  a: { id: string | null; path: string | null; publisher: string | null };
  b: { id: string | null; path: string | null; publisher: string | null };
  facts: Fact[];
  topics: { shared: string[]; onlyA: string[]; onlyB: string[] };
  statements: {
    aligned: { a: number; b: number; score: number; differences: Difference[] }[];
    onlyA: number[];
    onlyB: number[];
  };
}

let publisherCountries: Map<string, string> | null = null;
/** The country a publisher speaks for (data/publishers.json), so a statement of the other side is reported speech. */
export function publisherCountry(publisher: string | null): string | null {
  publisherCountries ??= new Map(readDataJson<{ publishers: { name: string; country: string }[] }>('publishers.json')
    .publishers.map((p) => [p.name, p.country]));
  return publisher ? publisherCountries.get(publisher) ?? null : null;
}

const joined = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || null;

function start(r: ReadoutRecord): string | null {
  const s = r.meeting.start;
  if (!s) return null;
  const h = Math.trunc(Math.abs(s.localOffsetMinutes) / 60);
  const m = Math.abs(s.localOffsetMinutes) % 60;
  const offset = `${s.localOffsetMinutes < 0 ? '-' : '+'}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return `${s.utc} (local ${offset})${s.approximate ? ', about' : ''}`;
}

/** Who came to whom: in person, the sides not at home; by telephone or video, no one. */
function visitors(r: ReadoutRecord): string | null {
  const home = r.meeting.location.country;
  if (r.meeting.mode !== 'in-person' || !home) return null;
  return joined(r.meeting.countries.filter((c) => c !== home)) ;
}

const FACTS: [string, (r: ReadoutRecord, length: number) => string | null][] = [
  ['title', (r) => r.meeting.title],
  ['date', (r) => r.meeting.date],
  ['start', start],
  ['duration', (r) => (r.meeting.durationMinutes === null ? null
    : `${r.meeting.durationApproximate ? 'about ' : ''}${r.meeting.durationMinutes} min`)],
  ['place', (r) => joined([r.meeting.location.venue, r.meeting.location.city, r.meeting.location.country])],
  ['mode', (r) => r.meeting.mode],
  ['kind', (r) => r.meeting.kind],
  ['sides', (r) => joined([...r.meeting.countries].sort())],
  ['visitors', visitors],
  ['participants', (r) => joined(r.participants.map((p) => `${p.name} (${p.title ?? p.role}, ${p.country})`))],
  ['published', (r) => r.source.publishedDate],
  ['statements', (r) => String(r.statements.length)],
  ['length', (_r, length) => `${length} characters`],
];

export function compareReadouts(a: ComparedReadout, b: ComparedReadout): Comparison {
  const match = meetingMatch(a.record, b.record);
  const facts = FACTS.map(([field, of]) => {
    const x = of(a.record, a.length);
    const y = of(b.record, b.length);
    return { field, a: x, b: y, same: x === y };
  });
  const topicsB = new Set(b.record.topics);
  const topicsA = new Set(a.record.topics);
  const alignment = alignStatements(a.record.statements, b.record.statements,
    { a: publisherCountry(a.publisher), b: publisherCountry(b.publisher) });
  return {
    sameMeeting: match.same,
    match,
    a: { id: a.id, path: a.path ?? a.url, publisher: a.publisher },
    b: { id: b.id, path: b.path ?? b.url, publisher: b.publisher },
    facts,
    topics: {
      shared: a.record.topics.filter((t) => topicsB.has(t)),
      onlyA: a.record.topics.filter((t) => !topicsB.has(t)),
      onlyB: b.record.topics.filter((t) => !topicsA.has(t)),
    },
    statements: alignment,
  };
}
