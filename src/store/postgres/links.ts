// Meeting identity on PostgreSQL, by the rules of ../meeting-links.ts: a stored readout joins the meeting of an
// earlier readout within a day of it (meetingMatch decides), a user's link and unlink are kept by sha256 and win,
// and a meeting's first readout leaving hands the meeting to the next. Writers hold the write lock (schema.ts), so a
// readout sees every readout stored before it.
import type { ReadoutRecord } from '../../record/schema.js';
import { meetingMatch, monthDay } from '../../compare/identity.js';
import { fold } from '../../text/document.js';
import { dayNumber, idOf, isoOfDay } from '../rows.js';
import type { MeetingLink } from '../meeting-links.js';
import { one, type Sql } from './sql.js';

const surnameOf = (name: string) => fold(name).split(/[\s.]+/).filter(Boolean).pop() ?? '';
const givenOf = (name: string) => fold(name).split(/[\s.]+/).filter(Boolean)[0] ?? '';
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

type Candidate = { id: string; countries: string[]; participants: { name: string }[] };

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
  const around = (lo: number, hi: number) => sql.rows<Candidate>(`SELECT id, countries, participants FROM documents
    WHERE day BETWEEN $1 AND $2 AND id <> $3 ORDER BY day, seq LIMIT $4`, [lo, hi, id, MAX_CANDIDATES]);
  // a dated readout: those within a day of it, and the undated ones; an undated one whose headline gives a day
  // ("... Hayashi 6 January"): those within a day of it in each year the archive holds
  const rows = day > 0 ? [...await around(day - 1, day + 1), ...(day > 1 ? await around(0, 0) : [])]
    : await sameDayEachYear(sql, monthDay(record.meeting.title), around);
  const sides = new Set(record.meeting.countries);
  const names = new Set(record.participants.flatMap((p) => [surnameOf(p.name), givenOf(p.name)]));
  // the sides and names first: records are read only for readouts of the same table with someone in common
  const near = rows.filter((row) =>
    row.countries.filter((c) => sides.has(c)).length >= Math.min(2, sides.size, row.countries.length)
    && row.participants.some((p) => names.has(surnameOf(p.name)) || names.has(givenOf(p.name)))).map((r) => r.id);
  const records = near.length ? new Map((await sql.rows<{ id: string; record: string }>(
    'SELECT id, record FROM documents WHERE id = ANY($1)', [near])).map((r) => [r.id, r.record])) : new Map();
  let best: { id: string; confidence: number; reasons: string[] } | null = null;
  for (const other of near) {
    const match = meetingMatch(record, JSON.parse(records.get(other)!) as ReadoutRecord);
    if (match.same && (!best || match.confidence > best.confidence)) best = { id: other, ...match };
  }
  if (best) await write(sql, id, await meetingOf(sql, best.id), best.confidence, best.reasons, false);
  return [id];
}

async function sameDayEachYear(sql: Sql, md: string | null, around: (lo: number, hi: number) => Promise<Candidate[]>):
  Promise<Candidate[]> {
  if (!md) return [];
  const span = await one<{ lo: number | null; hi: number | null }>(sql,
    'SELECT min(day) AS lo, max(day) AS hi FROM documents WHERE day >= 1');
  if (span?.lo == null || span.hi == null) return [];
  const out: Candidate[] = [];
  const [from, to] = [span.lo, span.hi].map((d) => Number(isoOfDay(d).slice(0, 4))) as [number, number];
  for (let year = from; year <= to && out.length < MAX_CANDIDATES; year++) {
    const day = dayNumber(`${year}-${md}`);
    if (day > 0) out.push(...await around(day - 1, day + 1));
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

/** Brings `documents.linked` in line with `links` for these documents (texts that are not readouts never). */
export async function syncCounted(sql: Sql, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await sql.rows(`UPDATE documents d SET linked = EXISTS (SELECT 1 FROM links l WHERE l.id = d.id)
    WHERE d.id = ANY($1) AND d.readout`, [ids]);
}
