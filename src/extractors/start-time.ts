// The start of the meeting as an instant: clock times in the opening, the zone each is written in
// ("JST", "(Japan time)", "local time"), two clocks for one moment reconciled, offsets from IANA rules.
import { IANAZone, Zone } from 'luxon';
import { calendarDate, findDates, inferYear, type DateMention, yearReference } from './date-grammar.js';
import { readDataJson } from '../data/paths.js';
import type { Context, Extractor } from './context.js';
import type { Gazetteer } from '../data/gazetteer.js';
import { tokenize } from '../text/tokens.js';

const CLOCK = /\b(?:(around|about|approximately|approx\.|roughly|shortly after|just after|shortly before|just before|some time after)\s+)?(?:(noon|midday|midnight)|(\d{1,2})(?:[:.](\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|hours?\b|hrs\b|h\b)?)/gi;

interface Clock { start: number; end: number; hour: number; minute: number; approximate: boolean; label: string | null; date: DateMention | null; piece: number; group: number }

let labels: { re: RegExp; zone: string }[] | null = null;
function zoneLabels() {
  labels ??= readDataJson<{ labels: { pattern: string; zone: string }[] }>('time-zones.json').labels.map((l) => ({ re: new RegExp(l.pattern, 'i'), zone: l.zone }));
  return labels;
}
// most pieces name no zone: every label is a "... time" phrase, "local", or a capitalised abbreviation
const MAY_NAME_ZONE = /time|local|\b[A-Z]{2,4}\b/;
// "(Mexico City time)", "Jakarta time": a city or country of the gazetteer before "time"
const PLACE_TIME = /((?:\p{Lu}[\p{L}’'.-]*\s+){0,2}\p{Lu}[\p{L}’'.-]*)\s+time\b/u;

/** The zone a piece names: a label of data/time-zones.json ("JST", "local time"), else a place's "... time". */
function labelOf(gaz: Gazetteer, s: string): string | null {
  if (!MAY_NAME_ZONE.test(s)) return null;
  const label = zoneLabels().find((l) => l.re.test(s));
  if (label) return label.zone;
  const m = PLACE_TIME.exec(s);
  if (!m) return null;
  // the gazetteer's longest match that ends right before "time" ("Mexico City", not "Mexico")
  const words = tokenize(m[1]);
  const place = gaz.find(words).filter((h) => h.i + h.n === words.length).pop()?.value;
  if (place?.kind === 'city') return place.city?.zone ?? null;
  return place?.kind === 'country' && place.country ? gaz.zoneOf(place.country) : null;
}

/** Pieces of the opening split at parentheses, semicolons and commas; `group` numbers the parenthesis each sits in. */
function pieces(text: string, from: number, to: number): { start: number; end: number; group: number }[] {
  const out: { start: number; end: number; group: number }[] = [];
  let group = 0, next = 1, start = from;
  const stack: number[] = [];
  for (let i = from; i <= to; i++) {
    const ch = i < to ? text[i] : '';
    if (i === to || ch === '(' || ch === ')' || ch === ';' || ch === ',' || (ch === '.' && /\s/.test(text[i + 1] ?? ' ') && !/\b(?:a\.m|p\.m|[A-Z])$/.test(text.slice(Math.max(from, i - 4), i)))) {
      if (i > start) out.push({ start, end: i, group });
      if (ch === '(') { stack.push(group); group = next++; } else if (ch === ')') group = stack.pop() ?? 0;
      start = i + 1;
    }
  }
  return out;
}

const STEP_MS = 2 ** 31; // about 25 days: no zone changes its offset and back within one step
const STRETCH_MS = 16 * STEP_MS; // about a year of offsets worked out at once

/**
 * An IANA zone whose offsets luxon is asked once per stretch of about a year: luxon's offsets every 25 days,
 * and where two differ, luxon's offsets again to find the instant of the change. The rules still come from
 * luxon (and ICU); this spares asking Intl again for every document of the same zone and year.
 */
class MemoZone extends Zone {
  private readonly stretches = new Map<number, { from: number[]; offsets: number[] }>();
  private readonly valid: boolean;
  constructor(private readonly inner: IANAZone) { super(); this.valid = inner.isValid; }
  override get type() { return 'iana'; }
  override get name() { return this.inner.name; }
  override get isUniversal() { return false; }
  override get isValid() { return this.valid; }
  override offsetName(ts: number, opts: { format?: 'short' | 'long'; locale?: string }) { return this.inner.offsetName(ts, opts); }
  override formatOffset(ts: number, format: 'narrow' | 'short' | 'techie') { return this.inner.formatOffset(ts, format); }
  override offset(ts: number) {
    if (!Number.isFinite(ts) || !this.valid) return this.inner.offset(ts);
    const key = Math.floor(ts / STRETCH_MS);
    let stretch = this.stretches.get(key);
    if (!stretch) this.stretches.set(key, stretch = this.changes(key * STRETCH_MS));
    let k = 0;
    while (k + 1 < stretch.from.length && stretch.from[k + 1] <= ts) k++;
    return stretch.offsets[k];
  }
  override equals(other: Zone) { return other.type === 'iana' && other.name === this.name; }

  /** The offsets in force from `start` on, each with the instant it begins. */
  private changes(start: number): { from: number[]; offsets: number[] } {
    const from = [start];
    const offsets = [this.inner.offset(start)];
    for (let t = start + STEP_MS; t <= start + STRETCH_MS; t += STEP_MS) {
      // every change inside (t - STEP, t]: the first instant whose offset differs from the one in force
      while (this.inner.offset(t) !== offsets[offsets.length - 1]) {
        let lo = Math.max(t - STEP_MS, from[from.length - 1]), hi = t;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.inner.offset(mid) === offsets[offsets.length - 1]) lo = mid; else hi = mid;
        }
        from.push(hi);
        offsets.push(this.inner.offset(hi));
      }
    }
    return { from, offsets };
  }
}

const zones = new Map<string, MemoZone>();
function zoneObject(name: string): MemoZone {
  let z = zones.get(name);
  if (!z) zones.set(name, z = new MemoZone(IANAZone.create(name)));
  return z;
}

/** Whether an hour and minute name a time of day: Date keeps them as they are ("24:00" and "9:60" roll over). */
function isTimeOfDay(hour: number, minute: number): boolean {
  const t = new Date(0);
  t.setUTCHours(hour, minute);
  return t.getUTCHours() === hour && t.getUTCMinutes() === minute && t.getUTCDate() === 1;
}

/** The UTC instant of a wall-clock time in a zone; the zone's offsets come from luxon (and so from ICU's rules). */
function wallToUtc(zone: string, day: { year: number; month: number; day: number }, hour: number, minute: number): number | null {
  const z = zoneObject(zone);
  if (!z.isValid) return null;
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  if (Number.isNaN(wall)) return null;
  // the offset at the wall time read as UTC is a first guess; one correction settles it away from a DST change
  const first = z.offset(wall);
  const ts = wall - first * 60_000;
  const second = z.offset(ts);
  return second === first ? ts : wall - second * 60_000;
}

/** A zone's offset from UTC in minutes at an instant, by IANA rules (through luxon). */
export function zoneOffset(zone: string, ts: number): number {
  return zoneObject(zone).offset(ts);
}

export const extractStartTime: Extractor = (ctx) => {
  const { text, record } = ctx;
  if (!ctx.opening || ctx.meetingSentence === null) return;
  const s = ctx.sentences[ctx.meetingSentence];
  const from = Math.min(s.start, ctx.opening.start), to = Math.max(s.end, ctx.opening.end);
  const ps = pieces(text, from, to);
  const clocks: Clock[] = [];
  const dated: { piece: number; date: DateMention }[] = [];
  const labelled: { piece: number; zone: string }[] = [];
  const noClock: string[] = [];
  ps.forEach((p, k) => {
    const slice = text.slice(p.start, p.end);
    // clocks and dates need a digit or a word like "noon"; a zone needs "time", "local" or an abbreviation
    if (!/\d|noon|midday|midnight/.test(slice)) {
      const z = labelOf(ctx.gaz, slice);
      if (z) labelled.push({ piece: k, zone: z });
      return;
    }
    const dates = findDates(text, p.start, p.end);
    const firstOwn = clocks.length;
    CLOCK.lastIndex = 0;
    for (let m = CLOCK.exec(slice); m; m = CLOCK.exec(slice)) {
      const start = p.start + m.index, end = start + m[0].length;
      if (dates.some((d) => d.start <= start && end <= d.end)) continue;
      let hour: number, minute = 0;
      if (m[2]) hour = /midnight/i.test(m[2]) ? 0 : 12;
      else {
        const suffix = (m[5] ?? '').toLowerCase();
        if (!m[4] && !/^[ap]/.test(suffix)) continue; // "60 minutes", "2+2": not a clock
        hour = Number(m[3]); minute = m[4] ? Number(m[4]) : 0;
        if (!isTimeOfDay(hour, minute)) {
          // "25:61", "24:30 p.m.": written as a clock, yet no time of day ("12.75" may be any number)
          if (m[0].includes(':') || /^[ap]/.test(suffix)) noClock.push(m[0].trim());
          continue;
        }
        if (hour < 12 && suffix.startsWith('p')) hour += 12;
        if (hour === 12 && suffix.startsWith('a')) hour = 0;
      }
      const rest = slice.slice(m.index + m[0].length);
      clocks.push({ start, end, hour, minute, approximate: !!m[1], label: labelOf(ctx.gaz, rest.slice(0, 30).split(/[,;(]/)[0]), date: null, piece: k, group: p.group });
    }
    const own = clocks.slice(firstOwn);
    for (const d of dates) if (own.length) own[0].date ??= d; else dated.push({ piece: k, date: d });
    if (!own.length) { const z = labelOf(ctx.gaz, slice); if (z) labelled.push({ piece: k, zone: z }); }
  });
  // a start written as an impossible time is unknown, not the next clock's
  if (noClock.length) { ctx.warnings.push(`not a time of day: "${noClock[0]}"`); return; }
  // "from 9:15 p.m. to 9:35 p.m.", "13:40-14:25": the second clock ends the meeting; it is not another zone's start
  for (let k = clocks.length - 1; k > 0; k--) {
    const between = text.slice(clocks[k - 1].end, clocks[k].start);
    if (/^\s*(?:to|until|till|[-–—])\s*$/i.test(between)) {
      const [a, b] = [clocks[k - 1], clocks[k]];
      if (!a.label && b.label) a.label = b.label;
      const minutes = (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute);
      ctx.rangeMinutes = minutes > 0 ? minutes : minutes + 1440;
      clocks.splice(k, 1);
    }
  }
  if (!clocks.length) return;
  // A piece with a zone or a date but no clock belongs to the nearest clock, its own parenthesis first.
  const nearest = (k: number, free: (c: Clock) => boolean) => clocks.filter(free)
    .sort((a, b) => (a.group === ps[k].group ? 0 : 1) - (b.group === ps[k].group ? 0 : 1) || Math.abs(a.piece - k) - Math.abs(b.piece - k) || b.piece - a.piece)[0];
  // A zone names the clock just before it in its parenthesis; at the opening of a parenthesis ("5:00 p.m.
  // (local time; 10:00 a.m. on November 17, Japan time)") it names the clock before the parenthesis.
  for (const l of labelled) {
    const g = ps[l.piece].group;
    const before = clocks.filter((x) => x.piece < l.piece && x.label === null);
    const prevSame = before.filter((x) => x.group === g && !labelled.some((o) => o !== l && o.piece > x.piece && o.piece < l.piece)).pop();
    const groupStart = l.piece === 0 || ps[l.piece - 1].group !== g;
    const outer = groupStart && g !== 0 ? before.filter((x) => x.group !== g).pop() : undefined;
    const c = prevSame ?? outer ?? nearest(l.piece, (x) => x.label === null);
    if (c) c.label = l.zone;
  }
  for (const d of dated) { const c = nearest(d.piece, (x) => x.date === null); if (c) c.date = d.date; }

  const ref = yearReference(record.source.publishedDate, ctx.yearHint);
  const baseDate = record.meeting.date;
  const dayOf = (c: Clock): { year: number; month: number; day: number } | null => {
    if (c.date) {
      const year = c.date.year ?? (baseDate ? Number(baseDate.slice(0, 4)) : ref ? inferYear(c.date.month, ref) : null);
      // no calendar day ("February 30"): no start either
      return year && calendarDate(ctx.warnings, text, c.date, year) ? { year, month: c.date.month, day: c.date.day } : null;
    }
    return baseDate ? { year: Number(baseDate.slice(0, 4)), month: Number(baseDate.slice(5, 7)), day: Number(baseDate.slice(8, 10)) } : null;
  };
  const remote = record.meeting.mode !== 'in-person';
  const loc = record.meeting.location;
  const placeZone = (loc.city ? ctx.gaz.cityByName.get(loc.city.toLowerCase())?.zone : null)
    ?? (loc.country ? ctx.gaz.zoneOf(loc.country) : null);
  const homeZone = ctx.publisherCountry ? ctx.gaz.zoneOf(ctx.publisherCountry) : null;
  const localZone = remote ? homeZone : placeZone ?? homeZone;
  const explicit = clocks.find((c) => c.label && c.label !== 'local');
  const local = clocks.find((c) => c.label === 'local') ?? clocks.find((c) => !c.label);
  const primary = explicit ?? local ?? clocks[0];
  const zone = primary.label && primary.label !== 'local' ? primary.label : localZone;
  const day = dayOf(primary);
  if (!zone || !day) return;
  const utcMs = wallToUtc(zone, day, primary.hour, primary.minute);
  if (utcMs === null) return;
  // a call has no place: the zone its time is written in, else the publisher's
  let offset = zoneOffset(remote && explicit ? zone : localZone || zone, utcMs);
  if (explicit && local && local !== explicit) {
    // Two clocks for one moment: the offset is what separates them; check the place's rules agree.
    const ld = dayOf(local) ?? day;
    const wall = Date.UTC(ld.year, ld.month - 1, ld.day, local.hour, local.minute);
    let diff = Math.round((wall - utcMs) / 60_000 / 15) * 15;
    if (!local.date && Math.abs(diff) > 14 * 60) diff += diff > 0 ? -1440 : 1440; // the local clock's date was the other side's
    const placeOffset = placeZone && !remote ? zoneOffset(placeZone, utcMs) : null;
    if (placeOffset !== null && diff !== placeOffset) ctx.warnings.push(`the two clock times disagree with ${placeZone} (${diff} vs ${placeOffset} minutes); kept the stated pair`);
    offset = diff;
  } else if (!localZone && !(primary.label && primary.label !== 'local')) return;
  record.meeting.start = { utc: new Date(utcMs).toISOString().replace('.000Z', 'Z'), localOffsetMinutes: offset, approximate: clocks.some((c) => c.approximate), span: [primary.start, primary.end] };
  // The meeting's date is the local date of its start.
  record.meeting.date = new Date(utcMs + offset * 60_000).toISOString().slice(0, 10);
};

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, ninety: 90 };
const NUM = '(\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety)';
const DURATION = new RegExp(`\\b(?:for|lasted(?: for)?|lasting(?: for)?|of)\\s+(?:(approximately|about|around|some|roughly|nearly|almost|over|more than|just over|just under|less than)\\s+)?(?:${NUM}(?:\\s+and\\s+(a half|a quarter))?\\s+(hours?|minutes?|mins?)(?:\\s+and\\s+(a half|a quarter)|\\s+and\\s+${NUM}\\s+minutes?)?|(half an hour))\\b`, 'i');

export function readDuration(s: string): { minutes: number; approximate: boolean; index: number; length: number } | null {
  const m = DURATION.exec(s);
  if (!m) return null;
  if (m[7]) return { minutes: 30, approximate: !!m[1], index: m.index, length: m[0].length };
  const n = /^\d/.test(m[2]) ? Number(m[2]) : NUMBER_WORDS[m[2].toLowerCase()];
  if (n === undefined) return null;
  const frac = (f: string | undefined) => (f === 'a half' ? 0.5 : f === 'a quarter' ? 0.25 : 0);
  const unit = m[4].toLowerCase().startsWith('h') ? 60 : 1;
  let minutes = (n + frac(m[3]) + frac(m[5])) * unit;
  if (m[6]) minutes += /^\d/.test(m[6]) ? Number(m[6]) : NUMBER_WORDS[m[6].toLowerCase()] ?? 0;
  return { minutes: Math.round(minutes), approximate: !!m[1], index: m.index, length: m[0].length };
}

export const extractDuration: Extractor = (ctx: Context) => {
  if (!ctx.opening || ctx.meetingSentence === null) return;
  const s = ctx.sentences[ctx.meetingSentence];
  const from = Math.min(s.start, ctx.opening.start), to = Math.max(s.end, ctx.opening.end);
  const d = readDuration(ctx.text.slice(from, to)) ?? (ctx.rangeMinutes ? { minutes: ctx.rangeMinutes, approximate: false } : null);
  if (!d) return;
  ctx.record.meeting.durationMinutes = d.minutes;
  ctx.record.meeting.durationApproximate = d.approximate;
};
