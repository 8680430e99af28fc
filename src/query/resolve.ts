// A MeetingFilter resolved once, above the backends, into one plain object: who a participant name means, the day
// range, the parsed text query and the tag-like fields. A backend turns it into its own SQL and never resolves a
// name or parses a query itself.
import type { MeetingFilter } from '../store/store.js';
import { dayNumber, tag } from '../store/rows.js';
import { resolveParticipant, type ParticipantMatch } from './actors.js';
import { parseSearch, type SearchGroup } from './fts.js';

/** Day numbers (rows.ts) of texts that are not readouts: below every meeting, undated ones (0) included. */
export const NON_READOUT_DAY = -1;

export interface ResolvedFilter {
  participant: ParticipantMatch | null;
  /** Inclusive day numbers (rows.ts dayNumber); 0 is undated, NON_READOUT_DAY texts that are not readouts. */
  dayFrom: number;
  dayTo: number;
  text: SearchGroup | null;
  country: string | null;
  kind: string | null;
  mode: string | null;
  topic: string | null;
  act: string | null;
  year: number | null;
  includeNonReadouts: boolean;
  /** A meeting once, by its first readout (the default), or every readout. */
  count: 'meetings' | 'readouts';
}

/** The day numbers (rows.ts dayNumber) a filter's dates allow, inclusive; texts that are not readouts sit at -1,
 *  undated readouts at 0. */
export function dayRange(filter: MeetingFilter): { dayFrom: number; dayTo: number } {
  let dayFrom = filter.includeNonReadouts ? NON_READOUT_DAY : 0;
  let dayTo = Number.MAX_SAFE_INTEGER;
  // a date bound leaves out what has no date
  if (filter.from || filter.to || filter.year !== undefined) dayFrom = 1;
  if (filter.from) dayFrom = Math.max(dayFrom, dayNumber(periodStart(filter.from)));
  if (filter.to) dayTo = Math.min(dayTo, dayNumber(periodEnd(filter.to)));
  if (filter.year !== undefined) {
    dayFrom = Math.max(dayFrom, dayNumber(`${filter.year}-01-01`));
    dayTo = Math.min(dayTo, dayNumber(`${filter.year}-12-31`));
  }
  return { dayFrom, dayTo };
}

export function resolveFilter(filter: MeetingFilter): ResolvedFilter {
  const { dayFrom, dayTo } = dayRange(filter);
  return {
    participant: filter.participant ? resolveParticipant(filter.participant) : null,
    dayFrom, dayTo,
    text: filter.text ? parseSearch(filter.text) : null,
    country: filter.country ?? null, kind: filter.kind ?? null, mode: filter.mode ?? null,
    topic: filter.topic ?? null, act: filter.act ?? null, year: filter.year ?? null,
    includeNonReadouts: filter.includeNonReadouts ?? false,
    count: filter.count === 'readouts' ? 'readouts' : 'meetings',
  };
}

/** The filter as tag tokens (rows.ts tag): a document or statement matches when it has every one of `all` and,
 *  when `any` is not null, at least one of `any` (the participant's ids, names and surnames). */
export function filterTags(f: ResolvedFilter): { all: string[]; any: string[] | null } {
  const all: string[] = [];
  if (f.country) all.push(tag('c', f.country));
  if (f.kind) all.push(tag('k', f.kind));
  if (f.mode) all.push(tag('m', f.mode));
  if (f.topic) all.push(tag('t', f.topic));
  if (f.act) all.push(tag('a', f.act));
  const m = f.participant;
  const any = m ? [...new Set([...m.actorIds.map((x) => tag('p', x)), ...m.names.map((x) => tag('n', x)),
    ...m.surnames.map((x) => tag(m.surnameOnlyUnlinked ? 'u' : 's', x))])] : null;
  return { all, any };
}

/** First day of a YYYY, YYYY-MM or YYYY-MM-DD period. */
export function periodStart(p: string): string {
  return p.length === 4 ? `${p}-01-01` : p.length === 7 ? `${p}-01` : p;
}

/** Last day of a YYYY, YYYY-MM or YYYY-MM-DD period. */
export function periodEnd(p: string): string {
  if (p.length === 4) return `${p}-12-31`;
  if (p.length === 7) {
    const [y, mo] = p.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
  }
  return p;
}
