// Whether two readouts report one meeting: the sides overlap, the participants match (actor ids, else surnames),
// the dates agree once time zones are allowed for, and mode and place do not contradict. Each verdict keeps its
// reasons and a confidence, so a link can be explained and a user can override it.
//
// Reads: two records (the meeting, its participants, the publication date). Writes: nothing; returns the verdict.
import type { ReadoutRecord } from '../record/schema.js';
import { fold } from '../text/document.js';

export interface MeetingMatch {
  same: boolean;
  /** 0..1: how much evidence agrees (participants, sides, date, mode, place). */
  confidence: number;
  /** What agrees ("participants: Blinken, Hayashi"), and what contradicts ("dates 4 days apart"). */
  reasons: string[];
}

/** The least confidence that links two readouts automatically. */
export const LINK_THRESHOLD = 0.6;
const DAY_MS = 86_400_000;

/** The day a readout reports: its meeting's date, else its publication date (then one day either way). */
export function reportedDay(record: ReadoutRecord): { day: string; dated: boolean } | null {
  if (record.meeting.date) return { day: record.meeting.date, dated: true };
  return record.source.publishedDate ? { day: record.source.publishedDate, dated: false } : null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december'];
/** "6 January" or "January 6" in a headline, as "01-06". */
const MONTH_NAME = `(${MONTHS.join('|')})`;
const MONTH_DAY = new RegExp(`\\b(?:(\\d{1,2}) ${MONTH_NAME}|${MONTH_NAME} (\\d{1,2}))\\b(?!,? \\d{4})`, 'i');
export function monthDay(title: string | null): string | null {
  const m = title ? MONTH_DAY.exec(title) : null;
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] ?? m[3])!.toLowerCase());
  const day = Number(m[1] ?? m[4]);
  return day >= 1 && day <= 31 ? `${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null;
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** The words a name is matched by, whatever order a government writes it in: its last and first, folded
 *  ("HAYASHI Yoshimasa" and "Yoshimasa Hayashi" meet). */
export function nameKeys(name: string): string[] {
  const words = fold(name).split(/[\s.-]+/).filter((w) => w.length > 1);
  return words.length ? [words[words.length - 1]!, words[0]!] : [];
}

/** A participant's key for matching across governments' spellings: the actor id, else the name's words by country. */
function personKeys(p: ReadoutRecord['participants'][number]): string[] {
  const keys = nameKeys(p.name).map((w) => `${p.country}:${w}`);
  return p.actorId ? [`actor:${p.actorId}`, ...keys] : keys;
}

/** The participants of `a` that `b` names too (by actor id, or surname or given-name-first order and country). */
export function sharedParticipants(a: ReadoutRecord, b: ReadoutRecord): string[] {
  const keys = new Set(b.participants.flatMap(personKeys));
  return a.participants.filter((p) => personKeys(p).some((k) => keys.has(k))).map((p) => p.name);
}

export function meetingMatch(a: ReadoutRecord, b: ReadoutRecord): MeetingMatch {
  const reasons: string[] = [];
  const against: string[] = [];
  let confidence = 0;
  // sides: every side of the smaller table sits at the larger one
  const sidesA = new Set(a.meeting.countries);
  const shared = b.meeting.countries.filter((c) => sidesA.has(c));
  const smaller = Math.min(sidesA.size, b.meeting.countries.length);
  if (smaller > 0 && shared.length >= Math.min(2, smaller)) {
    confidence += 0.2;
    reasons.push(`sides: ${shared.join(', ')}`);
  } else {
    against.push(`sides differ (${[...sidesA].join(', ') || 'none'} / ${b.meeting.countries.join(', ') || 'none'})`);
  }
  // participants
  const people = sharedParticipants(a, b);
  const fewest = Math.min(a.participants.length, b.participants.length);
  if (people.length >= 2 || (people.length >= 1 && people.length >= fewest)) confidence += 0.4;
  else if (people.length === 1) confidence += 0.25;
  if (people.length) reasons.push(`participants: ${people.join(', ')}`);
  else against.push('no participant in common');
  // a side both name people for, with no one in common: the same minister meeting someone else
  for (const side of shared) {
    const theirs = b.participants.filter((p) => p.country === side);
    const ours = a.participants.filter((p) => p.country === side);
    if (!ours.length || !theirs.length) continue;
    const keys = new Set(theirs.flatMap(personKeys));
    if (!ours.some((p) => personKeys(p).some((k) => keys.has(k)))) against.push(`other participants for ${side}`);
  }
  // dates, with the time zones between the two capitals allowed for
  const dayA = reportedDay(a);
  const dayB = reportedDay(b);
  const startA = a.meeting.start?.utc;
  const startB = b.meeting.start?.utc;
  if (startA && startB && !a.meeting.start!.approximate && !b.meeting.start!.approximate) {
    const hours = Math.abs(Date.parse(startA) - Date.parse(startB)) / 3_600_000;
    if (hours <= 3) { confidence += 0.3; reasons.push(`start within ${hours.toFixed(1)} h (UTC)`); }
    else against.push(`starts ${hours.toFixed(0)} h apart`);
  } else if (dayA && dayB) {
    const apart = Math.abs(dayNumber(dayA.day) - dayNumber(dayB.day));
    if (apart === 0 && dayA.dated && dayB.dated) { confidence += 0.25; reasons.push(`same date ${dayA.day}`); }
    else if (apart <= 1) {
      confidence += 0.15;
      reasons.push(apart === 0 ? `same day ${dayA.day} (a publication date)`
        : `dates a day apart (${dayA.day} / ${dayB.day}): time zones`
          + (dayA.dated && dayB.dated ? '' : ' or a publication date'));
    } else against.push(`dates ${apart} days apart`);
  } else {
    // a headline's day without its year ("... Hayashi 6 January") against the other's date
    const near = dayA ?? dayB;
    const undated = dayA ? b : a;
    const md = monthDay(undated.meeting.title);
    if (near && md && Math.abs(dayNumber(`${near.day.slice(0, 4)}-${md}`) - dayNumber(near.day)) <= 1) {
      confidence += 0.1;
      reasons.push(`a headline's day (${md}) near ${near.day}`);
    } else against.push('no date to compare');
  }
  // mode and place contradict, or agree a little
  const remote = (m: string) => m === 'telephone' || m === 'video';
  if (a.meeting.mode === b.meeting.mode) { confidence += 0.05; reasons.push(`mode: ${a.meeting.mode}`); }
  else if (remote(a.meeting.mode) !== remote(b.meeting.mode)) {
    against.push(`mode: ${a.meeting.mode} / ${b.meeting.mode}`);
  }
  const placeA = a.meeting.location.country;
  const placeB = b.meeting.location.country;
  if (placeA && placeB && !remote(a.meeting.mode)) {
    if (placeA === placeB) { confidence += 0.05; reasons.push(`place: ${placeA}`); }
    else against.push(`place: ${placeA} / ${placeB}`);
  }
  const same = against.length === 0 && confidence >= LINK_THRESHOLD;
  return { same, confidence: Math.round(Math.min(1, confidence) * 100) / 100, reasons: [...reasons, ...against] };
}
