// A gold skeleton from a record: the gold/GUIDE.md shape filled with what was extracted, for an annotator to
// correct. Scored against the record it came from, it gives 100 on every figure (test/eval-command.test.ts).
import { basename, extname } from 'node:path';
import type { ReadoutRecord } from '../record/schema.js';
import { GOLD_SUFFIX, type GoldMeeting, type GoldRecord } from './gold.js';
import { minute } from './score.js';

/** The gold file's name for an input, as the dev gold names them: `r001.txt` -> `r001.gold.json`. */
export const goldName = (input: string): string => basename(input, extname(input)) + GOLD_SUFFIX;

// the guide asks for a quote of about 5 to 12 words: the statement's first 12, cut from its own text
const quoteOf = (text: string) => /^\s*(?:\S+\s+){0,11}\S+/.exec(text)?.[0].trim() ?? text;

function meetingOf(r: ReadoutRecord): GoldMeeting {
  const m = r.meeting, remote = m.mode === 'telephone' || m.mode === 'video';
  return {
    title: m.title, kind: m.kind, mode: m.mode, format: m.format, countries: m.countries, date: m.date,
    // no clock time: startUtc null and no offset key (GUIDE.md)
    startUtc: m.start ? minute(m.start.utc) : null,
    ...(m.start ? { localOffsetMinutes: m.start.localOffsetMinutes } : {}),
    durationMinutes: m.durationMinutes,
    locationCountry: m.location.country,
    // telephone and video talks have no city or venue to score
    ...(remote ? {} : { city: m.location.city, venue: m.location.venue }),
  };
}

export function goldSkeleton(r: ReadoutRecord, input: string): GoldRecord {
  return {
    doc: basename(input),
    meeting: meetingOf(r),
    participants: r.participants.map((p) => ({ name: p.name, country: p.country, role: p.role })),
    topics: r.topics,
    countries: r.mentions.countries,
    statements: r.statements.map((s) => ({ quote: quoteOf(s.text), speakers: s.speakerCountries, act: s.act })),
  };
}

const entries = (o: object) => Object.entries(o).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`);
const inline = (v: unknown): string => (Array.isArray(v) ? `[${v.map(inline).join(', ')}]`
  : v !== null && typeof v === 'object' ? `{${entries(v).join(', ')}}` : JSON.stringify(v));
const block = (entries: string[], open: string, close: string, indent: string) =>
  entries.length ? `${open}\n${entries.map((e) => indent + '  ' + e).join(',\n')}\n${indent}${close}` : open + close;

/** The dev gold's layout: a key a line, one participant or statement a line, short lists inline; easy to edit. */
export function formatGold(g: GoldRecord): string {
  const value = (k: string, v: unknown) => {
    if (k === 'meeting') return block(entries(v ?? {}), '{', '}', '  ');
    if (k === 'participants' || k === 'statements') return block((v as unknown[]).map(inline), '[', ']', '  ');
    return inline(v);
  };
  return block(Object.entries(g).map(([k, v]) => `${JSON.stringify(k)}: ${value(k, v)}`), '{', '}', '') + '\n';
}
