// The filters every archive command shares: CLI options -> a validated, normalized MeetingFilter.
import type { Command } from 'commander';
import { ACTS, MEETING_KINDS, MEETING_MODES } from '../record/schema.js';
import type { MeetingFilter } from '../store/store.js';
import { UsageError } from '../errors.js';

const MODE_ALIASES: Record<string, string> = { phone: 'telephone', tel: 'telephone', call: 'telephone', videoconference: 'video', inperson: 'in-person', 'in person': 'in-person' };
const KIND_ALIASES: Record<string, string> = { '2+2': 'two-plus-two', 'foreign-minister': 'foreign-ministers', 'defense-minister': 'defense-ministers', 'courtesy': 'courtesy-call' };

function oneOf(what: string, value: string, allowed: readonly string[], aliases: Record<string, string> = {}): string {
  const v = value.trim().toLowerCase();
  const hit = allowed.includes(v) ? v : aliases[v];
  if (!hit) throw new UsageError(`unknown ${what} "${value}" (one of: ${allowed.join(', ')})`);
  return hit;
}

/** YYYY, YYYY-MM or YYYY-MM-DD; `to` bounds are inclusive of the whole period (handled by the store). */
export function checkDate(what: string, value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  const bad = () => new UsageError(`bad ${what} date "${value}" (want YYYY, YYYY-MM or YYYY-MM-DD)`);
  if (!m) throw bad();
  const [, , mo, d] = m;
  if (mo && (+mo < 1 || +mo > 12)) throw bad();
  if (d) {
    const t = new Date(`${value.trim()}T00:00:00Z`);
    if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== value.trim()) throw bad();
  }
  return value.trim();
}

/** ISO alpha-2, any case. */
export function parseCountry(value: string): string {
  const c = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) throw new UsageError(`bad country "${value}" (want an ISO alpha-2 code such as JP)`);
  return c;
}
export const parseKind = (value: string) => oneOf('kind', value, MEETING_KINDS, KIND_ALIASES);
export const parseMode = (value: string) => oneOf('mode', value, MEETING_MODES, MODE_ALIASES);
export const parseAct = (value: string) => oneOf('act', value, ACTS);
export function parseTopic(value: string): string {
  const t = value.trim().toLowerCase();
  if (!/^[a-z0-9_.:-]{1,64}$/.test(t)) throw new UsageError(`bad topic "${value}" (want a topic id such as senkaku)`);
  return t;
}
export function parseYear(what: string, value: string): number {
  if (!/^\d{4}$/.test(value.trim())) throw new UsageError(`bad ${what} "${value}" (want YYYY)`);
  return Number(value);
}

/** The one validation of filters: the CLI's options and the HTTP API's parameters both end here. */
export function normalizeFilter(f: MeetingFilter): MeetingFilter {
  const out: MeetingFilter = {};
  if (f.participant?.trim()) out.participant = f.participant.trim();
  if (f.country?.trim()) out.country = parseCountry(f.country);
  if (f.kind) out.kind = parseKind(f.kind);
  if (f.mode) out.mode = parseMode(f.mode);
  if (f.act) out.act = parseAct(f.act);
  if (f.topic?.trim()) out.topic = parseTopic(f.topic);
  if (f.from) out.from = checkDate('--from', f.from);
  if (f.to) out.to = checkDate('--to', f.to);
  if (out.from && out.to && out.from > out.to + '~') throw new UsageError(`--from ${out.from} is after --to ${out.to}`);
  if (f.text?.trim()) out.text = f.text.trim();
  if (f.includeNonReadouts) out.includeNonReadouts = true;
  if (f.count !== undefined && f.count !== 'meetings') {
    if (f.count !== 'readouts') throw new UsageError(`--count: "${String(f.count)}" is neither meetings nor readouts`);
    out.count = 'readouts';
  }
  if (f.year !== undefined) {
    if (!Number.isInteger(f.year) || f.year < 1000 || f.year > 9999) throw new UsageError(`bad year "${f.year}"`);
    out.year = f.year;
  }
  return out;
}

export interface FilterOptions { participant?: string | true; country?: string | true; kind?: string; mode?: string; topic?: string | true; act?: string | true; from?: string; to?: string; text?: string; year?: string;
  includeNonReadouts?: boolean; count?: string }

/** Adds the shared filter options. `optionalValues` (stats) lets `--topic` alone name a dimension instead. */
export function addFilterOptions(cmd: Command, optionalValues = false): Command {
  const v = (name: string) => (optionalValues ? `[${name}]` : `<${name}>`);
  return cmd
    .option(`--participant ${v('name')}`, 'a participant, by any name or alias the actor dictionary knows')
    .option(`--country ${v('cc')}`, 'a side at the table (ISO alpha-2, e.g. JP)')
    .option('--kind <kind>', `meeting kind (${MEETING_KINDS.join(', ')})`)
    .option('--mode <mode>', `meeting mode (${MEETING_MODES.join(', ')})`)
    .option(`--topic ${v('id')}`, 'a topic id, e.g. senkaku')
    .option(`--act ${v('act')}`, `a statement act (${ACTS.join(', ')})`)
    .option('--from <date>', 'meetings on or after this date (YYYY[-MM[-DD]])')
    .option('--to <date>', 'meetings on or before this date (YYYY[-MM[-DD]])')
    .option('--year <year>', 'meetings in this year')
    .option('--text <query>', 'full-text query over the whole document')
    .option('--include-non-readouts', 'also the documents kept that are not readouts (a recipe, a news story)')
    .option('--count <unit>', 'meetings (a meeting once, however many governments reported it) or readouts',
      'meetings');
}

const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

export function filterFromOptions(o: FilterOptions): MeetingFilter {
  const year = o.year === undefined ? undefined : parseYear('--year', o.year);
  return normalizeFilter({
    participant: str(o.participant), country: str(o.country), kind: o.kind, mode: o.mode, topic: str(o.topic),
    act: str(o.act), from: o.from, to: o.to, text: o.text, year, includeNonReadouts: o.includeNonReadouts,
    count: o.count as MeetingFilter['count'],
  });
}

export function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  const v = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`unknown format "${value}" (one of: ${allowed.join(', ')})`);
  return v as T;
}

export function parseCount(what: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`bad ${what} "${value}" (want a whole number)`);
  return Number(value);
}
