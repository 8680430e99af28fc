// readout records -> PLOVER-style event records (RECORD.md, "PLOVER export"); the mapping is documented in docs/archive.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/paths.js';
import type { Act, ReadoutRecord, Statement } from '../record/schema.js';

export interface PloverEvent {
  id: string;
  date: string | null;
  actor: string[];
  recipient: string[];
  event: 'CONSULT' | 'AGREE' | 'SUPPORT' | 'REQUEST' | 'ACCUSE' | 'REJECT';
  mode: string | null;
  context: string[];
  event_text: string | null;
  text_info: {
    meeting_id: string; readout_id: string; statement_index: number | null; act: Act | null; item: string | null;
    span: [number, number] | null;
  };
  cite_info: PloverCitation & { readouts?: PloverCitation[] };
}

export interface PloverCitation {
  path: string | null; sha256: string; publisher: string | null; published_date: string | null; title: string | null;
  url?: string | null;
}

/** Where a readout stands in its meeting: the meeting's id, and, for the meeting's first readout, every readout of it
 *  to cite (the CONSULT is the meeting's, given once). */
export interface PloverMeeting { meetingId: string; readouts: PloverCitation[] | null }

export const ACT_EVENTS: Record<Act, PloverEvent['event'] | null> = {
  agree: 'AGREE', 'share-view': 'AGREE', commit: 'AGREE',
  affirm: 'SUPPORT', support: 'SUPPORT',
  request: 'REQUEST',
  oppose: 'ACCUSE',
  state: null, explain: null, discuss: null,
};

export const TOPIC_CONTEXTS: Record<string, string[]> = {
  'defense-cooperation': ['military'], 'us-forces': ['military'], 'defense-industry': ['military', 'business'],
  'north-korea-weapons': ['cbrn', 'military'], 'north-korea-pressure': ['cbrn', 'economic'], 'north-korea-diplomacy': ['political'],
  abductions: ['human_rights'], senkaku: ['territory'], 'east-china-sea': ['territory'], 'south-china-sea': ['territory'],
  taiwan: ['political', 'territory'], china: ['political'], 'south-korea': ['political'], russia: ['political'],
  ukraine: ['military', 'humanitarian'], 'middle-east': ['political'], economy: ['economic'], technology: ['economic', 'cyber'],
  'climate-energy': ['environment'], health: ['health'], 'rule-of-law': ['legal'], multilateral: ['political'],
  'nuclear-disarmament': ['cbrn'], 'people-exchange': ['social'], disasters: ['disaster', 'humanitarian'], visits: ['political'],
};

/** REQUEST's mode from what is asked: the first rule whose words the statement carries. */
export const REQUEST_MODES: [string, RegExp][] = [
  ['meet', /\b(visit|meet|meeting|summit|talks|dialogue|invit\w*|come to)\b/i],
  ['yield', /\b(release|withdraw\w*|stop|cease|refrain|return|lift|abandon|halt|dismantl\w*)\b/i],
  ['assist', /\b(cooperat\w*|support|assist\w*|help|aid|contribut\w*|understanding)\b/i],
];

export function requestMode(text: string): string {
  for (const [mode, re] of REQUEST_MODES) if (re.test(text)) return mode;
  return 'change';
}

/** ISO alpha-2 -> alpha-3 from data/gazetteer.json; null while that file is absent. */
export function loadAlpha3(): Map<string, string> | null {
  let file: string;
  try { file = join(packageRoot(), 'data', 'gazetteer.json'); } catch { return null; }
  if (!existsSync(file)) return null;
  const g = JSON.parse(readFileSync(file, 'utf8')) as { countries?: { code: string; alpha3?: string }[] };
  const map = new Map<string, string>();
  for (const c of g.countries ?? []) if (c.code && c.alpha3) map.set(c.code.toUpperCase(), c.alpha3.toUpperCase());
  return map;
}

const contexts = (topics: string[]) => [...new Set(topics.flatMap((t) => TOPIC_CONTEXTS[t] ?? []))];

export function citationOf(r: ReadoutRecord): PloverCitation {
  return { path: r.source.path, sha256: r.source.sha256, publisher: r.source.publisher,
    published_date: r.source.publishedDate, title: r.meeting.title, url: r.source.url ?? null };
}

/** The events of one readout: the meeting's CONSULT when `meeting.readouts` is given (its first readout), and one
 *  event per statement with an act PLOVER codes. */
export function toPlover(readoutId: string, r: ReadoutRecord, alpha3: Map<string, string>,
  meeting: PloverMeeting = { meetingId: readoutId, readouts: null }): PloverEvent[] {
  const meetingId = meeting.meetingId;
  const a3 = (codes: string[]) => [...new Set(codes.map((c) => alpha3.get(c.toUpperCase()) ?? c.toUpperCase()))];
  const sides = r.meeting.countries;
  const cite: PloverEvent['cite_info'] = citationOf(r);
  const host = r.meeting.location.country;
  let mode: string | null = null;
  let actor = sides;
  let recipient: string[] = [];
  if (r.meeting.format === 'multilateral') mode = 'multilateral';
  else if (r.meeting.mode !== 'in-person') mode = 'phone';
  else if (host && sides.includes(host)) { mode = 'visit'; actor = sides.filter((c) => c !== host); recipient = [host]; }
  else if (host) mode = 'third-party';
  // a meeting reported by several governments is one CONSULT, given with its first readout, citing every readout
  const consult = meeting.readouts !== null || meeting.meetingId === readoutId;
  const events: PloverEvent[] = consult ? [{
    id: `${meetingId}-m`, date: r.meeting.date, actor: a3(actor), recipient: a3(recipient), event: 'CONSULT', mode,
    context: contexts(r.topics), event_text: r.meeting.title,
    text_info: {
      meeting_id: meetingId, readout_id: readoutId, statement_index: null, act: null, item: null, span: null,
    },
    cite_info: meeting.readouts && meeting.readouts.length > 1 ? { ...cite, readouts: meeting.readouts } : cite,
  }] : [];
  r.statements.forEach((s: Statement, i) => {
    let event = ACT_EVENTS[s.act];
    if (!event) return;
    if (s.act === 'oppose' && /\breject/i.test(s.text)) event = 'REJECT';
    const speakers = s.speakerCountries.length ? s.speakerCountries : sides;
    const others = sides.filter((c) => !speakers.includes(c));
    events.push({
      id: `${readoutId}-s${i}`, date: r.meeting.date, actor: a3(speakers),
      // A joint act (every side speaking) is mutual: each side is also the recipient.
      recipient: a3(others.length ? others : speakers), event,
      mode: event === 'REQUEST' ? requestMode(s.text) : event === 'ACCUSE' ? 'disapprove' : null,
      context: contexts(s.topics), event_text: s.text,
      text_info: { meeting_id: meetingId, readout_id: readoutId, statement_index: i, act: s.act, item: s.item,
        span: s.span }, cite_info: cite,
    });
  });
  return events;
}
