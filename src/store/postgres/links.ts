// Meeting identity on PostgreSQL, by the rules of ../meeting-links.ts: a stored readout joins the meeting of an
// earlier readout within a day of it (meetingMatch decides), a user's link and unlink are kept by sha256 and win,
// and a meeting's first readout leaving hands the meeting to the next. Writers hold the write lock (schema.ts), so a
// readout sees every readout stored before it.
import type { ReadoutRecord } from '../../record/schema.js';
import { meetingMatch, monthDay, nameKeys } from '../../compare/identity.js';
import { dayNumber, idOf, isoOfDay } from '../rows.js';
import type { MeetingLink } from '../meeting-links.js';
import { RollupDeltas } from './rollup.js';
import { one, type Sql } from './sql.js';

/** Candidates beyond this many in the window are not compared. */
const MAX_CANDIDATES = 400;

export async function meetingOf(sql: Sql, id: string): Promise<string> {
  return (await one<{ meeting: string }>(sql, 'SELECT meeting FROM links WHERE id = $1', [id]))?.meeting ?? id;
}

/** The readouts of a meeting, its first one first. */
export async function readoutsOf(sql: Sql, meeting: string): Promise<string[]> {
  const rows = await sql.rows<{ id: string }>('SELECT id FROM links WHERE meeting = $1 ORDER BY id COLLATE "C"',
    [meeting]);
  return [meeting, ...rows.map((r) => r.id)];
}

export async function linkOf(sql: Sql, id: string): Promise<MeetingLink | null> {
  const row = await one<MeetingLink>(sql, 'SELECT id, meeting, confidence, reasons, manual FROM links WHERE id = $1',
    [id]);
  return row ?? null;
}

type Candidate = { id: string; countries: string[]; participants: { name: string }[]; keys?: string[] };
/** A candidate's participants' name keys, made once however many readouts look at it. */
const keysOf = (row: Candidate) => (row.keys ??= row.participants.flatMap((p) => nameKeys(p.name)));

/** Joins a stored readout to the meeting it reports, as the user said or as the evidence says. Returns the readouts
 *  whose link may have changed. */
export async function autoLink(sql: Sql, id: string, sha256: string, day: number, record: ReadoutRecord):
  Promise<string[]> {
  const override = await one<{ op: string; target: string | null }>(sql,
    'SELECT op, target FROM link_overrides WHERE sha256 = $1', [sha256]);
  if (override?.op === 'unlink') return [id];
  if (override?.op === 'link' && override.target) {
    const target = idOf(override.target);
    if (await one(sql, 'SELECT 1 FROM documents WHERE id = $1', [target])) {
      await write(sql, id, await meetingOf(sql, target), 1, ['linked by hand'], true);
    }
    return [id];
  }
  if ((await linkOf(sql, id))?.manual || await one(sql, 'SELECT 1 FROM links WHERE meeting = $1 LIMIT 1', [id])) {
    return [id];
  }
  await sql.rows('DELETE FROM links WHERE id = $1', [id]);
  if (day < 0) return [id]; // not a readout
  // those stored before it: its own seq is the newest but for later readouts of its batch (putMany)
  const around = (lo: number, hi: number) => sql.rows<Candidate>(`SELECT id, countries, participants FROM documents
    WHERE day BETWEEN $1 AND $2 AND id <> $3 AND seq < (SELECT seq FROM documents WHERE id = $3)
    ORDER BY day, seq LIMIT $4`, [lo, hi, id, MAX_CANDIDATES]);
  // a dated readout: those within a day of it, and the undated ones; an undated one whose headline gives a day
  // ("... Hayashi 6 January"): those within a day of it in each year the archive holds
  const rows = day > 0 ? [...await around(day - 1, day + 1), ...(day > 1 ? await around(0, 0) : [])]
    : await sameDayEachYear(sql, monthDay(record.meeting.title), around);
  const near = nearOf(record, rows);
  const records = near.length ? new Map((await sql.rows<{ id: string; record: string }>(
    'SELECT id, record FROM documents WHERE id = ANY($1)', [near])).map((r) => [r.id, r.record])) : new Map();
  const best = bestOf(record, near, (other) => JSON.parse(records.get(other)!) as ReadoutRecord);
  if (best) await write(sql, id, await meetingOf(sql, best.id), best.confidence, best.reasons, false);
  return [id];
}

/** The candidates of the same table with someone in common: the sides and names first, so records are read only for
 *  these. */
function nearOf(record: ReadoutRecord, rows: Candidate[]): string[] {
  const sides = new Set(record.meeting.countries);
  const names = new Set(record.participants.flatMap((p) => nameKeys(p.name)));
  return rows.filter((row) =>
    row.countries.filter((c) => sides.has(c)).length >= Math.min(2, sides.size, row.countries.length)
    && keysOf(row).some((w) => names.has(w))).map((r) => r.id);
}

type Match = { id: string; confidence: number; reasons: string[] };
function bestOf(record: ReadoutRecord, near: string[], recordOf: (id: string) => ReadoutRecord): Match | null {
  let best: Match | null = null;
  for (const other of near) {
    const match = meetingMatch(record, recordOf(other));
    if (match.same && (!best || match.confidence > best.confidence)) best = { id: other, ...match };
  }
  return best;
}

/** A readout a batch stores (putMany): its rows' values, and its seq (batch order). */
export interface Arrival {
  id: string; sha256: string; day: number; seq: number; record: ReadoutRecord;
  countries: string[]; participants: { name: string }[];
}

/** autoLink for a batch's new readouts, in batch order, each seeing the readouts stored before it (earlier ones of the
 *  batch too), in a few statements: the candidates, records and meetings of those stored before the batch read at
 *  once, the batch's own from memory. A readout a user linked or unlinked, and one a link already names, go through
 *  autoLink, in turn. Returns the readouts whose link may have changed. */
export async function autoLinkMany(sql: Sql, arrivals: Arrival[]): Promise<string[]> {
  if (!arrivals.length) return [];
  const ids = arrivals.map((a) => a.id);
  const single = new Set<string>();
  for (const r of await sql.rows<{ sha256: string }>('SELECT sha256 FROM link_overrides WHERE sha256 = ANY($1)',
    [arrivals.map((a) => a.sha256)])) single.add(idOf(r.sha256));
  for (const r of await sql.rows<{ id: string; meeting: string }>(
    'SELECT id, meeting FROM links WHERE id = ANY($1) OR meeting = ANY($1)', [ids])) single.add(r.id).add(r.meeting);
  // an undated readout whose headline gives a day ("... Hayashi 6 January"): that day in each year the archive holds
  const sameDays = new Map<string, number[]>();
  const undatedWithDay = arrivals.flatMap((a) => {
    const md = a.day === 0 ? monthDay(a.record.meeting.title) : null;
    return md ? [{ a, md }] : [];
  });
  const years = undatedWithDay.length ? await yearsHeld(sql) : null;
  if (years) for (const { a, md } of undatedWithDay) sameDays.set(a.id, sameDayEachYearOf(md, years));
  // those stored before the batch, within a day of a readout of it (or of an undated one's day in each year), and
  // the first undated ones
  const before = Math.min(...arrivals.map((a) => a.seq));
  const days = [...new Set([...arrivals.flatMap((a) => (a.day > 0 ? [a.day] : [])), ...[...sameDays.values()].flat()]
    .flatMap((d) => [d - 1, d, d + 1]))];
  const byDay = new Map<number, Candidate[]>();
  const stored = await sql.rows<Candidate & { day: number }>(`(SELECT id, day, seq, countries, participants
    FROM documents WHERE day = ANY($1) AND day > 0 AND seq < $2)
    UNION ALL (SELECT id, day, seq, countries, participants FROM documents WHERE day = 0 AND seq < $2
    ORDER BY seq LIMIT $3) ORDER BY day, seq`, [days, before, MAX_CANDIDATES]);
  const add = (r: Candidate & { day: number }) => {
    if (byDay.has(r.day)) byDay.get(r.day)!.push(r); else byDay.set(r.day, [r]);
  };
  stored.forEach(add);
  const near = new Map<string, string[]>();
  // each day's in (day, seq) order: those stored before the batch, then the batch's as they come
  const window = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, n) => byDay.get(lo + n) ?? [])
    .flat().slice(0, MAX_CANDIDATES);
  // as autoLink finds them: a dated readout's neighbours and the first undated ones; an undated one's, year by year
  const candidatesOf = (a: Arrival): Candidate[] => {
    if (a.day > 0) return [...window(a.day - 1, a.day + 1), ...(a.day > 1 ? window(0, 0) : [])];
    const out: Candidate[] = [];
    for (const d of sameDays.get(a.id) ?? []) {
      if (out.length >= MAX_CANDIDATES) break;
      out.push(...window(d - 1, d + 1));
    }
    return out;
  };
  for (const a of arrivals) {
    if (!single.has(a.id)) near.set(a.id, nearOf(a.record, candidatesOf(a)));
    add(a);
  }
  const batch = new Map(arrivals.map((a) => [a.id, a]));
  const old = [...new Set([...near.values()].flat().filter((id) => !batch.has(id)))];
  const known = new Map(old.length ? (await sql.rows<{ id: string; record: string; meeting: string | null }>(
    `SELECT d.id, d.record, l.meeting FROM documents d LEFT JOIN links l ON l.id = d.id WHERE d.id = ANY($1)`, [old]))
    .map((r) => [r.id, r]) : []);
  // each record parsed once, however many readouts of the batch look at it
  const parsed = new Map<string, ReadoutRecord>();
  const recordOf = (other: string) => {
    const mine = batch.get(other)?.record;
    if (mine) return mine;
    let record = parsed.get(other);
    if (!record) parsed.set(other, record = JSON.parse(known.get(other)!.record) as ReadoutRecord);
    return record;
  };
  const meetings = new Map<string, string>(); // the batch's readouts linked so far
  const pending: (Match & { meeting: string })[] = [];
  const flush = async () => { await writeMany(sql, pending.splice(0)); };
  for (const a of arrivals) {
    if (single.has(a.id)) {
      await flush();
      await autoLink(sql, a.id, a.sha256, a.day, a.record);
      meetings.set(a.id, await meetingOf(sql, a.id));
      continue;
    }
    const best = bestOf(a.record, near.get(a.id)!, recordOf);
    if (!best) continue;
    const meeting = batch.has(best.id) ? meetings.get(best.id) ?? best.id : known.get(best.id)!.meeting ?? best.id;
    if (meeting === a.id) continue;
    meetings.set(a.id, meeting);
    pending.push({ ...best, id: a.id, meeting });
  }
  await flush();
  return ids;
}

/** Links found by the evidence, in one statement. */
async function writeMany(sql: Sql, found: (Match & { meeting: string })[]): Promise<void> {
  if (!found.length) return;
  await sql.rows(`INSERT INTO links (id, meeting, confidence, reasons, manual)
    SELECT id, meeting, confidence, reasons, false FROM json_to_recordset($1::json)
      AS r (id text, meeting text, confidence double precision, reasons jsonb)
    ON CONFLICT (id) DO UPDATE SET meeting = excluded.meeting, confidence = excluded.confidence,
    reasons = excluded.reasons, manual = excluded.manual`, [JSON.stringify(found)]);
}

/** The years the archive's dated readouts span, or null when none is dated. */
async function yearsHeld(sql: Sql): Promise<[number, number] | null> {
  const span = await one<{ lo: number | null; hi: number | null }>(sql,
    'SELECT min(day) AS lo, max(day) AS hi FROM documents WHERE day >= 1');
  if (span?.lo == null || span.hi == null) return null;
  return [span.lo, span.hi].map((d) => Number(isoOfDay(d).slice(0, 4))) as [number, number];
}

/** A month-day (MM-DD) as a day number in each of those years, oldest first. */
function sameDayEachYearOf(md: string, [from, to]: [number, number]): number[] {
  const out: number[] = [];
  for (let year = from; year <= to; year++) out.push(dayNumber(`${year}-${md}`));
  return out.filter((d) => d > 0);
}

async function sameDayEachYear(sql: Sql, md: string | null, around: (lo: number, hi: number) => Promise<Candidate[]>):
  Promise<Candidate[]> {
  const years = md ? await yearsHeld(sql) : null;
  if (!md || !years) return [];
  const out: Candidate[] = [];
  for (const day of sameDayEachYearOf(md, years)) {
    if (out.length >= MAX_CANDIDATES) break;
    out.push(...await around(day - 1, day + 1));
  }
  return out;
}

/** `readout link A B`: A reports B's meeting. */
export async function link(sql: Sql, a: { id: string; sha256: string }, b: { id: string; sha256: string }):
  Promise<{ meeting: string; touched: string[] }> {
  const meeting = await meetingOf(sql, b.id);
  if (meeting === a.id) return { meeting, touched: [] };
  const touched = await detach(sql, a.id);
  await write(sql, a.id, meeting, 1, ['linked by hand'], true);
  await override(sql, a.sha256, 'link', b.sha256);
  return { meeting, touched: [a.id, ...touched] };
}

/** `readout unlink A`: A is a meeting of its own, and stays one. */
export async function unlink(sql: Sql, a: { id: string; sha256: string }): Promise<string[]> {
  const touched = await detach(sql, a.id);
  await override(sql, a.sha256, 'unlink', null);
  return [a.id, ...touched];
}

const override = (sql: Sql, sha256: string, op: string, target: string | null) =>
  sql.rows(`INSERT INTO link_overrides (sha256, op, target) VALUES ($1, $2, $3)
    ON CONFLICT (sha256) DO UPDATE SET op = excluded.op, target = excluded.target`, [sha256, op, target]);

/** Takes a readout out of its meeting; readouts that had joined it move to the first of them (returned). */
async function detach(sql: Sql, id: string): Promise<string[]> {
  await sql.rows('DELETE FROM links WHERE id = $1', [id]);
  const others = (await sql.rows<{ id: string }>('SELECT id FROM links WHERE meeting = $1 ORDER BY id COLLATE "C"',
    [id])).map((r) => r.id);
  if (!others.length) return [];
  const [first, ...rest] = others as [string, ...string[]];
  await sql.rows('DELETE FROM links WHERE id = $1', [first]);
  if (rest.length) await sql.rows('UPDATE links SET meeting = $1 WHERE id = ANY($2)', [first, rest]);
  return [first];
}

async function write(sql: Sql, id: string, meeting: string, confidence: number, reasons: string[], manual: boolean):
  Promise<void> {
  if (id === meeting) return;
  await sql.rows(`INSERT INTO links (id, meeting, confidence, reasons, manual) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET meeting = excluded.meeting, confidence = excluded.confidence,
    reasons = excluded.reasons, manual = excluded.manual`, [id, meeting, confidence, JSON.stringify(reasons), manual]);
}

/** Brings `documents.linked` and the rollup's meeting counts in line with `links` for these documents (texts that
 *  are not readouts never). */
export async function syncCounted(sql: Sql, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  // only rows that change: an update writes the row anew, and every index with it
  const changed = await sql.rows<{ kind: string; mode: string; topics: string[]; countries: string[]; ym: number;
    linked: boolean }>(`UPDATE documents d SET linked = NOT d.linked
    WHERE d.id = ANY($1) AND d.readout AND d.linked <> EXISTS (SELECT 1 FROM links l WHERE l.id = d.id)
    RETURNING kind, mode, topics, countries, ym, linked`, [ids]);
  const deltas = new RollupDeltas();
  for (const row of changed) deltas.addMeeting(row, row.linked ? -1 : 1);
  await deltas.write(sql);
}
