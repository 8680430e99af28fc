// Gold records (the shared gold/GUIDE.md format) and reading a folder of them, checked with zod so that a typo made
// while annotating is one line naming the file and the place, not a silently lower score.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Gold files end so; a gold file's `doc` names the input it describes (its basename), not the file's own name. */
export const GOLD_SUFFIX = '.gold.json';

const text = z.string().nullable();
const count = z.number().nullable();
// the scorer's meeting fields; a key absent is not scored, a null one must be null in the record too
export const GoldMeetingSchema = z.looseObject({
  title: text, kind: text, mode: text, format: text, countries: z.array(z.string()).nullable(), date: text,
  startUtc: text, localOffsetMinutes: count, durationMinutes: count, locationCountry: text, city: text, venue: text,
}).partial();

export const GoldRecordSchema = z.looseObject({
  doc: z.string(),
  meeting: GoldMeetingSchema.optional(),
  participants: z.array(z.looseObject({ name: z.string(), country: z.string(), role: text.optional() })).optional(),
  topics: z.array(z.string()).optional(),
  countries: z.array(z.string()).optional(),
  statements: z.array(z.looseObject({ quote: z.string(), speakers: z.array(z.string()), act: text })).optional(),
});

export type GoldRecord = z.infer<typeof GoldRecordSchema>;
export type GoldMeeting = z.infer<typeof GoldMeetingSchema>;
export const GOLD_MEETING_FIELDS = Object.keys(GoldMeetingSchema.shape);

/** A gold folder's records in the scorer's order (file names sorted), or one problem line per bad file. */
export function readGoldDir(dir: string): { gold: GoldRecord[]; problems: string[] } {
  let isDir = false;
  try { isDir = statSync(dir).isDirectory(); } catch { /* reported below */ }
  if (!isDir) return { gold: [], problems: [`${dir}: no such gold folder`] };
  const gold: GoldRecord[] = [], problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(GOLD_SUFFIX)).sort()) {
    const path = join(dir, file);
    let json: unknown;
    try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (e) {
      problems.push(`${path}: not JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = GoldRecordSchema.safeParse(json);
    // the file's own object, not zod's copy: the order of its meeting keys is the order the figures list them in
    if (parsed.success) gold.push(json as GoldRecord);
    else problems.push(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ')}`);
  }
  return { gold, problems };
}

/** Meeting keys the scorer does not know: each would count as a miss unless null, so an annotator's typo shows. */
export const unknownMeetingKeys = (g: GoldRecord): string[] =>
  Object.keys(g.meeting ?? {}).filter((k) => !GOLD_MEETING_FIELDS.includes(k));
