// The filters every archive command shares: CLI options -> a validated, normalized MeetingFilter.
import type { Command } from 'commander';
import { ACTS, MEETING_KINDS, MEETING_MODES } from '../record/schema.js';
import type { MeetingFilter } from '../store/store.js';

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}

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

export function normalizeFilter(f: MeetingFilter): MeetingFilter {
  const out: MeetingFilter = {};
  if (f.participant?.trim()) out.participant = f.participant.trim();
  if (f.country?.trim()) {
    const c = f.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(c)) throw new UsageError(`bad country "${f.country}" (want an ISO alpha-2 code such as JP)`);
    out.country = c;
  }
  if (f.kind) out.kind = oneOf('kind', f.kind, MEETING_KINDS, KIND_ALIASES);
  if (f.mode) out.mode = oneOf('mode', f.mode, MEETING_MODES, MODE_ALIASES);
  if (f.act) out.act = oneOf('act', f.act, ACTS);
  if (f.topic?.trim()) out.topic = f.topic.trim().toLowerCase();
  if (f.from) out.from = checkDate('--from', f.from);
  if (f.to) out.to = checkDate('--to', f.to);
  if (out.from && out.to && out.from > out.to + '~') throw new UsageError(`--from ${out.from} is after --to ${out.to}`);
  if (f.text?.trim()) out.text = f.text.trim();
  if (f.year !== undefined) {
    if (!Number.isInteger(f.year)) throw new UsageError(`bad year "${f.year}"`);
    out.year = f.year;
  }
  return out;
}

export interface FilterOptions { participant?: string | true; country?: string | true; kind?: string; mode?: string; topic?: string | true; act?: string | true; from?: string; to?: string; text?: string; year?: string }

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
    .option('--text <query>', 'full-text query over the whole document');
}

const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

export function filterFromOptions(o: FilterOptions): MeetingFilter {
  let year: number | undefined;
  if (o.year !== undefined) {
    if (!/^\d{4}$/.test(o.year)) throw new UsageError(`bad --year "${o.year}" (want YYYY)`);
    year = Number(o.year);
  }
  return normalizeFilter({
    participant: str(o.participant), country: str(o.country), kind: o.kind, mode: o.mode, topic: str(o.topic),
    act: str(o.act), from: o.from, to: o.to, text: o.text, year,
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
