// Meeting identity in the SQLite archive: a readout that reports a meeting already stored joins it (table `links`:
// the readout's id -> the id of the meeting's first readout, with the confidence and the reasons). Linking is
// incremental: a new readout is compared with the readouts stored within a day of its date (document keys are
// day-ordered, so that is one key range), never with the whole archive. A user's `link` and `unlink` are kept by
// the documents' sha256 (`link_overrides`), so they survive re-ingest and reindex.
import type Database from 'better-sqlite3';
import type { ReadoutRecord } from '../record/schema.js';
import { meetingMatch, monthDay, nameKeys } from '../compare/identity.js';
import { dayNumber, idOf, isoOfDay } from './rows.js';

export const LINKS_SCHEMA = `
CREATE TABLE links (id TEXT PRIMARY KEY, meeting TEXT NOT NULL, confidence REAL NOT NULL, reasons TEXT NOT NULL,
  manual INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX links_meeting ON links(meeting);
CREATE TABLE link_overrides (sha256 TEXT PRIMARY KEY, op TEXT NOT NULL, target TEXT) WITHOUT ROWID;`;

export interface MeetingLink { id: string; meeting: string; confidence: number; reasons: string[]; manual: boolean }


/** Candidates beyond this many in the window are not compared (a day of a huge archive; the nearest by key first). */
const MAX_CANDIDATES = 400;
/** The name keys of participants (JSON). */
const namesOf = (v: { name: string }[]) => v.flatMap((p) => nameKeys(p.name));
/** A stored readout as meeting identity first looks at it: its key, sides and participants (JSON). */
type CandidateRow = { doc: number; id: string; countries: string; participants: string };

export class MeetingLinks {
  private readonly stmts = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database, private readonly docShift: number) {}

  /** A candidate's countries or participants' name keys, by their JSON text: the same readouts (the undated ones
   *  above all, looked at by every readout stored after them) are read again and again, parsed once. */
  private readonly peeks = new Map<string, string[]>();
  private parsed<T>(json: string, keys: (value: T) => string[]): string[] {
    let out = this.peeks.get(json);
    if (!out) {
      if (this.peeks.size >= 50_000) this.peeks.clear();
      this.peeks.set(json, out = keys(JSON.parse(json) as T));
    }
    return out;
  }

  private q(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) { s = this.db.prepare(sql); this.stmts.set(sql, s); }
    return s;
  }

  /** The id of the meeting a readout belongs to: its first readout's. */
  meetingOf(id: string): string {
    return (this.q('SELECT meeting FROM links WHERE id = ?').pluck().get(id) as string | undefined) ?? id;
  }

  /** The readouts of a meeting, its first one first. */
  readoutsOf(meeting: string): string[] {
    return [meeting, ...this.q('SELECT id FROM links WHERE meeting = ? ORDER BY id').pluck().all(meeting) as string[]];
  }

  linkOf(id: string): MeetingLink | null {
    const row = this.q('SELECT * FROM links WHERE id = ?').get(id) as
      { id: string; meeting: string; confidence: number; reasons: string; manual: number } | undefined;
    return row ? { ...row, reasons: JSON.parse(row.reasons) as string[], manual: row.manual === 1 } : null;
  }

  /** Joins a stored readout (document key `doc`) to the meeting it reports, as the user said or as the evidence
   *  says. Keeps a link made by hand; a readout others joined stays their meeting. Returns the readouts whose
   *  link may have changed. */
  autoLink(id: string, sha256: string, doc: number, record: ReadoutRecord): string[] {
    const override = this.q('SELECT op, target FROM link_overrides WHERE sha256 = ?').get(sha256) as
      { op: string; target: string | null } | undefined;
    if (override?.op === 'unlink') return [id];
    if (override?.op === 'link' && override.target) {
      const target = idOf(override.target);
      if (this.q('SELECT 1 FROM documents WHERE id = ?').get(target)) {
        this.write(id, this.meetingOf(target), 1, ['linked by hand'], true);
      }
      return [id];
    }
    if (this.linkOf(id)?.manual || this.q('SELECT 1 FROM links WHERE meeting = ? LIMIT 1').get(id)) return [id];
    this.q('DELETE FROM links WHERE id = ?').run(id);
    const day = Math.floor(doc / this.docShift);
    if (doc < 0) return [id]; // not a readout
    const sides = new Set(record.meeting.countries);
    const window = this.q(`SELECT doc, id, countries, participants FROM documents WHERE doc BETWEEN ? AND ? AND id != ?
      LIMIT ?`);
    const around = (d: number) =>
      window.all((d - 1) * this.docShift, (d + 2) * this.docShift - 1, id, MAX_CANDIDATES) as CandidateRow[];
    // a dated readout: those within a day of it, and the undated ones (few); an undated one whose headline gives a day
    // ("... Hayashi 6 January"): those within a day of it in each year the archive holds
    // the words meetingMatch matches names by, so this look never drops a readout it would link
    const names = new Set(record.participants.flatMap((p) => nameKeys(p.name)));
    const rows = day > 0 ? [...around(day), ...this.undatedWith(names)]
      : this.sameDayEachYear(monthDay(record.meeting.title), around);
    let best: { id: string; confidence: number; reasons: string[] } | null = null;
    const recordOf = this.q('SELECT record FROM bodies WHERE doc = ?').pluck();
    for (const row of rows) {
      // a cheap look at the sides and the names first: the record is read only for a readout of the same table
      // with someone in common
      const theirs = this.parsed(row.countries, (v: string[]) => v);
      if (theirs.filter((c) => sides.has(c)).length < Math.min(2, sides.size, theirs.length)) continue;
      const people = this.parsed(row.participants, namesOf);
      if (!people.some((w) => names.has(w))) continue;
      const match = meetingMatch(record, JSON.parse(recordOf.get(row.doc) as string) as ReadoutRecord);
      if (match.same && (!best || match.confidence > best.confidence)) best = { id: row.id, ...match };
    }
    if (best) this.write(id, this.meetingOf(best.id), best.confidence, best.reasons, false);
    return [id];
  }

  /** The first undated readouts (day 0), which every dated readout looks at, by their participants' name keys: read
   *  again only when they change (the sum and number of their keys, read from the index alone, say so). */
  private undated: { stamp: string; byName: Map<string, CandidateRow[]> } | null = null;
  /** The first undated readouts with someone of `names`, in key order. */
  private undatedWith(names: ReadonlySet<string>): CandidateRow[] {
    const first = `FROM documents WHERE doc BETWEEN 0 AND ? ORDER BY doc LIMIT ${MAX_CANDIDATES}`;
    const { n, sum } = this.q(`SELECT count(*) AS n, total(doc) AS sum FROM (SELECT doc ${first})`)
      .get(this.docShift - 1) as { n: number; sum: number };
    const stamp = `${n}:${sum}`;
    if (this.undated?.stamp !== stamp) {
      const byName = new Map<string, CandidateRow[]>();
      for (const row of this.q(`SELECT doc, id, countries, participants ${first}`).all(this.docShift - 1) as
        CandidateRow[]) {
        for (const key of new Set(this.parsed(row.participants, namesOf))) {
          if (byName.has(key)) byName.get(key)!.push(row); else byName.set(key, [row]);
        }
      }
      this.undated = { stamp, byName };
    }
    const found = new Set<CandidateRow>();
    for (const key of names) for (const row of this.undated.byName.get(key) ?? []) found.add(row);
    return [...found].sort((a, b) => a.doc - b.doc);
  }

  private sameDayEachYear<T>(md: string | null, around: (day: number) => T[]): T[] {
    if (!md) return [];
    const keys = this.q(`SELECT min(doc) AS lo, max(doc) AS hi FROM documents WHERE doc >= ?`).get(this.docShift) as
      { lo: number | null; hi: number | null };
    if (keys.lo === null || keys.hi === null) return [];
    const [from, to] = [keys.lo, keys.hi].map((k) => Number(isoOfDay(Math.floor(k / this.docShift)).slice(0, 4)));
    const out: T[] = [];
    for (let year = from!; year <= to! && out.length < MAX_CANDIDATES; year++) {
      const day = dayNumber(`${year}-${md}`);
      if (day > 0) out.push(...around(day));
    }
    return out;
  }

  /** `readout link A B`: A reports B's meeting. */
  link(a: { id: string; sha256: string }, b: { id: string; sha256: string }): { meeting: string; touched: string[] } {
    const meeting = this.meetingOf(b.id);
    if (meeting === a.id) return { meeting, touched: [] }; // already A's own meeting
    const touched = this.detach(a.id);
    this.write(a.id, meeting, 1, ['linked by hand'], true);
    this.q('INSERT OR REPLACE INTO link_overrides (sha256, op, target) VALUES (?, ?, ?)')
      .run(a.sha256, 'link', b.sha256);
    return { meeting, touched: [a.id, ...touched] };
  }

  /** `readout unlink A`: A is a meeting of its own, and stays one. */
  unlink(a: { id: string; sha256: string }): string[] {
    const touched = this.detach(a.id);
    this.q('INSERT OR REPLACE INTO link_overrides (sha256, op, target) VALUES (?, ?, NULL)').run(a.sha256, 'unlink');
    return [a.id, ...touched];
  }

  /** Takes a readout out of its meeting; readouts that had joined it move to the first of them (returned: it is a
   *  meeting's first readout now). */
  private detach(id: string): string[] {
    this.q('DELETE FROM links WHERE id = ?').run(id);
    const others = this.q('SELECT id FROM links WHERE meeting = ? ORDER BY id').pluck().all(id) as string[];
    if (!others.length) return [];
    const [first, ...rest] = others;
    this.q('DELETE FROM links WHERE id = ?').run(first);
    for (const other of rest) this.q('UPDATE links SET meeting = ? WHERE id = ?').run(first, other);
    return [first!];
  }

  private write(id: string, meeting: string, confidence: number, reasons: string[], manual: boolean): void {
    if (id === meeting) return;
    this.q('INSERT OR REPLACE INTO links (id, meeting, confidence, reasons, manual) VALUES (?, ?, ?, ?, ?)')
      .run(id, meeting, confidence, JSON.stringify(reasons), manual ? 1 : 0);
  }
}
