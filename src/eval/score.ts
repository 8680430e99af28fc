// The shared scorer (../shared/eval/score.mjs) as pure functions: gold records and predicted records in, the same
// figures and miss notes out. Every comparison, sum and division is done in score.mjs's order, so that the floating
// point figures are identical to its, not merely close. Statement targets (GUIDE.md's optional key) are scored
// beside them, apart from score.mjs's object and notes, so that neither changes.
import { basename } from 'node:path';
import type { GoldRecord } from './gold.js';

/** What the scorer reads of a record: a readout/1 record, or one parsed from JSONL. */
export interface ScoredRecord {
  source?: { path?: string | null } | null;
  meeting?: {
    title?: string | null; kind?: string | null; mode?: string | null; format?: string | null;
    countries?: string[] | null; date?: string | null; durationMinutes?: number | null;
    start?: { utc?: string | null; localOffsetMinutes?: number | null } | null;
    location?: { country?: string | null; city?: string | null; venue?: string | null } | null;
  } | null;
  participants?: { name: string; country?: string | null; role?: string | null }[];
  topics?: string[];
  mentions?: { countries?: string[] } | null;
  statements?: { text: string; speakerCountries?: string[]; act?: string | null; targets?: string[] }[];
}

export interface PRF { p: number; r: number; f1: number }

/** score.mjs's `--json` object, key for key and in its order. */
export interface Figures {
  documents: { gold: number; missing: string[] };
  meetingAccuracy: number;
  meetingFields: Record<string, string>;
  participants: PRF & { roleAccuracy: number; fullNameAccuracy: number };
  topics: PRF;
  countries: PRF;
  statements: { precision: number; recall: number; f1: number; located: number; speakerAccuracy: number;
    actAccuracy: number };
  score: number;
}

/** Targets over located gold statements that carry them (the matched statement's, as speakers and act are
 *  scored): not part of score.mjs's object or of `score`, an extra figure; null when no gold statement has them. */
export type TargetFigures = PRF & { statements: number };

export const norm = (s: unknown): string => String(s ?? '').normalize('NFKC').replace(/[\u2018\u2019\u02bc]/g, "'")
  .replace(/[\u201c\u201d]/g, '"').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim().toLowerCase();

/** A time to the minute, as the gold writes startUtc ("2017-09-03T14:00Z"); what is not a time stays as written. */
export const minute = (v: unknown): string | null => {
  if (v == null) return null;
  const d = new Date(v as string);
  return isNaN(d.getTime()) ? String(v) : d.toISOString().slice(0, 16) + 'Z';
};
const setOf = (a: unknown[] | null | undefined) => new Set((a ?? []).map((x) => String(x).toUpperCase()));
const sameSet = (a: Set<unknown>, b: Set<unknown>) => a.size === b.size && [...a].every((x) => b.has(x));
const nameWords = (name: unknown) => norm(name).replace(/[^a-z\s-]/g, ' ').split(/\s+/)
  .filter((w) => w.length > 1 && !/^(iii|ii|jr|sr)$/.test(w));
const surname = (name: unknown) => nameWords(name).pop();

interface Tally { tp: number; fp: number; fn: number }
interface Ratio { ok: number; n: number }
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });
const ratio = ({ ok, n }: Ratio) => (n ? ok / n : 0);
const prf = ({ tp, fp, fn }: Tally): PRF => {
  const p = tp + fp ? tp / (tp + fp) : 1, r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? 2 * p * r / (p + r) : 0 };
};

type Meeting = NonNullable<ScoredRecord['meeting']>;
const MEETING_FIELDS: Record<string, (m: Meeting | null | undefined) => unknown> = {
  title: (m) => m?.title, kind: (m) => m?.kind, mode: (m) => m?.mode, format: (m) => m?.format,
  countries: (m) => m?.countries, date: (m) => m?.date, startUtc: (m) => m?.start?.utc,
  localOffsetMinutes: (m) => m?.start?.localOffsetMinutes, durationMinutes: (m) => m?.durationMinutes,
  locationCountry: (m) => m?.location?.country, city: (m) => m?.location?.city, venue: (m) => m?.location?.venue,
};
const cityKey = (x: unknown) => norm(x).replace(/[^a-z ]/g, ' ').replace(/\b(d ?c|city)\b/g, ' ')
  .replace(/\s+/g, ' ').trim();

function fieldOk(field: string, gold: unknown, sys: unknown): boolean {
  if (gold === null) return sys === null || sys === undefined;
  if (sys === null || sys === undefined) return false;
  switch (field) {
    case 'countries': return sameSet(setOf(gold as unknown[]), setOf(sys as unknown[]));
    case 'startUtc': return minute(gold) === minute(sys);
    case 'title': case 'venue': {
      const g = norm(gold), s = norm(sys);
      return s.length > 0 && (s.includes(g) || g.includes(s));
    }
    case 'locationCountry': return String(sys).toUpperCase() === String(gold).toUpperCase();
    case 'city': return cityKey(gold) === cityKey(sys);
    default: return norm(gold) === norm(sys);
  }
}

/** The running counts over all documents, and the notes of every miss (score.mjs's `--verbose` lines). */
class Tallies {
  meeting: Ratio = { ok: 0, n: 0 };
  fields = new Map<string, Ratio>();
  participants = tally(); role: Ratio = { ok: 0, n: 0 }; fullName: Ratio = { ok: 0, n: 0 };
  topics = tally(); countries = tally();
  statements = { gold: 0, located: 0, attributed: 0, speakerOk: 0, actOk: 0, sys: 0, sysLocated: 0 };
  targets = tally(); targetStatements = 0;
  missing: string[] = [];
  notes: string[] = [];
  targetNotes: string[] = [];

  sets(t: Tally, gold: Set<string>, sys: Set<string>, doc: string, what: string): void {
    for (const x of sys) if (gold.has(x)) t.tp++; else { t.fp++; this.notes.push(`${doc} ${what} extra: ${x}`); }
    for (const x of gold) if (!sys.has(x)) { t.fn++; this.notes.push(`${doc} ${what} missed: ${x}`); }
  }

  meetingFields(gold: GoldRecord, m: Meeting | null | undefined): void {
    for (const [field, g] of Object.entries(gold.meeting ?? {})) {
      const s = MEETING_FIELDS[field]?.(m);
      const f = this.fields.get(field) ?? { ok: 0, n: 0 };
      this.fields.set(field, f);
      f.n++; this.meeting.n++;
      if (fieldOk(field, g, s)) { f.ok++; this.meeting.ok++; }
      else this.notes.push(`${gold.doc} meeting.${field}: want ${JSON.stringify(g)} got ${JSON.stringify(s)}`);
    }
  }

  // a system participant matches a gold one of the same country whose surname (the gold name's last word) is
  // among its name's words, so "Wang Yi" matches "Yi Wang" and "Trump" matches "Donald Trump"
  people(gold: GoldRecord, rec: ScoredRecord | undefined): void {
    const doc = gold.doc;
    const sysList = (rec?.participants ?? []).map((p) => ({ p, words: nameWords(p.name),
      cc: String(p.country ?? '').toUpperCase(), used: false }));
    for (const g of gold.participants ?? []) {
      const sn = surname(g.name);
      const s = sysList.find((x) => !x.used && x.cc === g.country && sn !== undefined && x.words.includes(sn));
      if (!s) {
        this.participants.fn++;
        this.notes.push(`${doc} participant missed: ${g.name} (${g.country})`);
        continue;
      }
      s.used = true; this.participants.tp++;
      this.role.n++;
      if (s.p.role === g.role) this.role.ok++;
      else this.notes.push(`${doc} role of ${g.name}: want ${g.role} got ${s.p.role}`);
      this.fullName.n++;
      if (sameSet(new Set(nameWords(g.name)), new Set(s.words))) this.fullName.ok++;
      else this.notes.push(`${doc} name: want ${g.name} got ${s.p.name}`);
    }
    for (const s of sysList) {
      if (!s.used) { this.participants.fp++; this.notes.push(`${doc} participant extra: ${s.p.name} (${s.cc})`); }
    }
  }

  // a gold statement is located by a system statement whose text contains its quote
  said(gold: GoldRecord, rec: ScoredRecord | undefined): void {
    const doc = gold.doc, S = this.statements;
    const sysS = (rec?.statements ?? []).map((s) => ({ s, t: norm(s.text), hit: false }));
    for (const g of gold.statements ?? []) {
      S.gold++;
      const q = norm(g.quote), cands = sysS.filter((x) => x.t.includes(q));
      cands.forEach((x) => { x.hit = true; });
      if (!cands.length) { this.notes.push(`${doc} statement not found: "${g.quote}"`); continue; }
      S.located++;
      const spOk = (x: typeof cands[number]) => sameSet(setOf(g.speakers), setOf(x.s.speakerCountries));
      const actOk = (x: typeof cands[number]) => x.s.act === g.act;
      const best = cands.find((x) => spOk(x) && actOk(x)) ?? cands.find(actOk) ?? cands.find(spOk) ?? cands[0];
      this.aimed(g, best.s, doc);
      const a = spOk(best), b = actOk(best);
      if (a) S.speakerOk++;
      if (b) S.actOk++;
      if (a && b) S.attributed++;
      if (!a || !b) this.notes.push(`${doc} statement "${g.quote}": want ${g.speakers.join('+')}/${g.act} got ` +
        `${(best.s.speakerCountries ?? []).join('+')}/${best.s.act}`);
    }
    S.sys += sysS.length; S.sysLocated += sysS.filter((x) => x.hit).length;
    for (const x of sysS) if (!x.hit) this.notes.push(`${doc} statement extra: "${x.s.text?.slice(0, 80)}"`);
  }

  // a gold statement without `targets` is not scored on them (GUIDE.md)
  aimed(g: NonNullable<GoldRecord['statements']>[number], s: { targets?: string[] }, doc: string): void {
    const want: unknown = g.targets;
    if (!Array.isArray(want)) return;
    this.targetStatements++;
    const gold = setOf(want), sys = setOf(s.targets);
    const t = this.targets, before = { fp: t.fp, fn: t.fn };
    for (const x of sys) if (gold.has(x)) t.tp++; else t.fp++;
    for (const x of gold) if (!sys.has(x)) t.fn++;
    if (t.fp !== before.fp || t.fn !== before.fn) {
      const list = (x: Set<string>) => `[${[...x].join(',')}]`;
      this.targetNotes.push(`${doc} targets of "${g.quote}": want ${list(gold)} got ${list(sys)}`);
    }
  }

  figures(goldCount: number): Figures {
    const S = this.statements;
    const stP = S.sys ? S.sysLocated / S.sys : 0, stR = S.gold ? S.attributed / S.gold : 0;
    const out: Omit<Figures, 'score'> = {
      documents: { gold: goldCount, missing: this.missing },
      meetingAccuracy: ratio(this.meeting),
      meetingFields: Object.fromEntries([...this.fields].map(([k, v]) => [k, `${v.ok}/${v.n}`])),
      participants: { ...prf(this.participants), roleAccuracy: ratio(this.role),
        fullNameAccuracy: ratio(this.fullName) },
      topics: prf(this.topics), countries: prf(this.countries),
      statements: { precision: stP, recall: stR, f1: stP + stR ? 2 * stP * stR / (stP + stR) : 0,
        located: S.gold ? S.located / S.gold : 0, speakerAccuracy: ratio({ ok: S.speakerOk, n: S.located }),
        actAccuracy: ratio({ ok: S.actOk, n: S.located }) },
    };
    const score = (out.meetingAccuracy + out.participants.f1 + out.topics.f1 + out.countries.f1 +
      out.statements.f1) / 5;
    return { ...out, score };
  }
}

/** The basename a record is matched to gold by (`doc`): its source path's, as score.mjs reads it. */
export const docOf = (rec: ScoredRecord): string => basename(rec?.source?.path ?? '');

/** Scores records against gold (in the gold folder's sorted file order); a gold document without a record is
 *  listed as missing and scored as an empty record. Records are matched by docOf; of two with one name, the last. */
export function score(gold: GoldRecord[], predicted: ScoredRecord[]): { figures: Figures; notes: string[];
  targets: TargetFigures | null; targetNotes: string[] } {
  const preds = new Map(predicted.map((rec) => [docOf(rec), rec]));
  const T = new Tallies();
  for (const g of gold) {
    const rec = preds.get(g.doc);
    if (!rec) T.missing.push(g.doc);
    T.meetingFields(g, rec?.meeting);
    T.people(g, rec);
    T.sets(T.topics, new Set(g.topics ?? []), new Set(rec?.topics ?? []), g.doc, 'topic');
    T.sets(T.countries, setOf(g.countries), setOf(rec?.mentions?.countries), g.doc, 'country');
    T.said(g, rec);
  }
  const targets = T.targetStatements ? { ...prf(T.targets), statements: T.targetStatements } : null;
  return { figures: T.figures(gold.length), notes: T.notes, targets, targetNotes: T.targetNotes };
}
