// Statements of two readouts of one meeting, paired when they report the same exchange: shared substance (the words
// a statement says something with, weighted by their rarity), shared topics, the same or a kindred act, the same
// speakers. Each pair keeps its differences (another act, another attribution, one side reporting what the other
// said).
//
// What counts as substance is decided by how readouts are written: the subject ("Prime Minister Kishida", "the two
// leaders") is who spoke, compared as speakers; the reporting verb ("reaffirmed", "welcomed") and its frame ("the
// importance of", "expressed concern over") are the act, compared as acts; the countries named are the sides and
// the topics, everywhere in both readouts. What is left is what was said, and two accounts of one exchange share it.
//
// Reads: the statements of two records and their publishers' countries. Writes: nothing; returns pairs and the rest.
import type { Act, Statement } from '../record/schema.js';
import { tokenize } from '../text/tokens.js';
import { gazetteer } from '../data/gazetteer.js';

export type Difference =
  | { kind: 'act'; a: Act; b: Act }
  | { kind: 'attribution'; a: string[]; b: string[] }
  | { kind: 'reported-speech'; side: 'a' | 'b'; speakers: string[] }
  | { kind: 'topics'; onlyA: string[]; onlyB: string[] };

export interface AlignedPair { a: number; b: number; score: number; differences: Difference[] }
export interface Alignment { aligned: AlignedPair[]; onlyA: number[]; onlyB: number[] }

/** The least similarity that pairs two statements, and the least share of weighted substance they must have in
 *  common (set on the hand-aligned pairs of test/fixtures/pairs). */
export const ALIGN_THRESHOLD = 0.32;
const MIN_WORDS = 0.03;

/** Acts that report one outcome in other words: "agreed" / "affirmed" / "shared the view" / "committed". */
const ACT_FAMILY: Record<Act, string> = {
  agree: 'accord', affirm: 'accord', 'share-view': 'accord', commit: 'accord',
  state: 'say', explain: 'say', discuss: 'say',
  support: 'support', request: 'request', oppose: 'oppose',
};

const words = (s: string) => s.split(' ');
/** Function words, and the titles of the people who speak (their names are taken from the statements). */
const STOP_WORDS = new Set(words('the a an and or of to in on for with at by from that this these those as is are was '
  + 'were be been being it its their his her they he she we our us them two both sides side also would will which who '
  + 'while between such further other each well including regarding about into than more most very have has had not '
  + 'can could should may must shall all any some one there what when where how over under upon through made make '
  + 'minister ministers president prime secretary leaders leader foreign affairs state'));
/** The reporting verbs of the act table (spec/RECORD.md) and the frames readouts wrap a remark in ("stressed the
 *  importance of", "expressed concern over", "exchanged views on", "the X issue"): they say how, not what. */
const FRAME_WORDS = new Set(words('said stated noted mentioned conveyed responded expressed emphasized stressed '
  + 'underscored underlined highlighted pointed referred indicated added looked forward issued recognized acknowledged '
  + 'explained briefed introduced reported affirmed reaffirmed confirmed reconfirmed reiterated agreed concurred decided '
  + 'approved planned shared welcomed appreciated praised hailed thanked congratulated commended applauded lauded '
  + 'supported requested sought urged called asked invited instructed pledged committed resolved vowed discussed '
  + 'exchanged reviewed compared adjusted coordinated aligned reflected talked held opposed condemned protested '
  + 'rejected noting welcoming discussing reflecting reiterating emphasizing expressing affirming highlighting '
  + 'stressing importance view views hope expectation concern concerns need necessity issue issues'));

const stem = (w: string) => w.replace(/ies$/, 'y').replace(/(?:ation|ations|ing|ed|es|s|e)$/, '').slice(0, 8);

/** A statement's substance: its content words, crudely stemmed ("cooperation" and "cooperate" meet at "cooperat"),
 *  without the countries named (in every statement of a meeting's readouts, they are the sides and the topics), the
 *  people who speak (`names`, compared as speakers) and the words of the act. */
function substanceOf(text: string, names: ReadonlySet<string>): Set<string> {
  const tokens = tokenize(text);
  const countries = new Map<number, number>();
  for (const hit of gazetteer().find(tokens)) {
    if (hit.value.kind === 'country' || hit.value.kind === 'adjective') countries.set(hit.i, hit.n);
  }
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const n = countries.get(i);
    if (n) { i += n - 1; continue; }
    for (const w of tokens.folded(i).split(/[^\p{L}\p{N}]+/u)) {
      if (w.length < 3 || STOP_WORDS.has(w) || FRAME_WORDS.has(w) || names.has(w)) continue;
      out.add(stem(w));
    }
  }
  return out;
}

/** Each term's weight: its rarity among the statements of both readouts (IDF), so "cooperation", in every
 *  statement, weighs little and "Senkaku" or "semiconductors" much. */
function rarity(bags: readonly ReadonlySet<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of bag) df.set(w, (df.get(w) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const [w, n] of df) weight.set(w, Math.log(1 + bags.length / n));
  return weight;
}

/** Weighted Dice: the weight two bags share over their mean weight. Unlike the cosine it does not bury one shared
 *  phrase of a long statement ("discussed X, Y and Z") under the statement's other words as much. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: ReadonlyMap<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const w of a) { const x = weight.get(w)!; total += x; if (b.has(w)) shared += x; }
  for (const w of b) total += weight.get(w)!;
  return total ? (2 * shared) / total : 0;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const union = new Set([...a, ...b]).size;
  return union ? a.filter((x) => b.includes(x)).length / union : 0;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export interface Evidence {
  /** weighted substance in common, 0..1 */
  words: number;
  /** topics in common, 0..1 */
  topics: number;
  /** 1 the same act, 0.5 a kindred one */
  act: number;
  /** the speakers' sides in common, 0..1 */
  speakers: number;
  /** 1 at the same relative place in both readouts, 0 at opposite ends; for two statements of the same speakers,
   *  their place among those speakers' statements */
  position: number;
  /** both name a third country the act is about, and the same sides say it with the same act */
  sameRemark: boolean;
}

const WEIGHTS = { words: 0.6, topics: 0.2, act: 0.1, speakers: 0.1, position: 0.1 };

/** How alike two statements are: their substance most, then topics, act, speakers and place in the readout. */
export function statementSimilarity(e: Evidence): number {
  return WEIGHTS.words * e.words + WEIGHTS.topics * e.topics + WEIGHTS.act * e.act + WEIGHTS.speakers * e.speakers
    + WEIGHTS.position * e.position;
}

/** Whether two statements may be paired at all: some substance in common; or, for a remark whose substance is a
 *  third country ("Japan's position on the Taiwan question remains unchanged" / "peace and stability across the Taiwan
 *  Strait is important"), the same side saying something about it with the same act. The topic alone, or a country
 *  said by another side, is not enough (two different North Korea remarks are two exchanges). */
const comparable = (e: Evidence) => e.words >= MIN_WORDS || e.sameRemark;

/** A statement's targets; none in a record an extractor before 0.2.0 stored (no `targets` field). */
const targetsOf = (s: Statement): readonly string[] => (s as Partial<Statement>).targets ?? [];

const speakerKey = (s: Statement) => [...s.speakerCountries].sort().join(' ');

/** Where each statement stands in its readout, 0..1: among all its statements, and among those of its speakers.
 *  Each government tends to put its own side's remarks first and the other side's after, or to give each speaker a
 *  paragraph, so the two readouts of one meeting rarely report it in one order; what one speaker said, each reports
 *  in the order it was said. */
function places(side: readonly Statement[]): { all: number; own: number }[] {
  const total = new Map<string, number>();
  for (const s of side) total.set(speakerKey(s), (total.get(speakerKey(s)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return side.map((s, i) => {
    const key = speakerKey(s);
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return { all: i / Math.max(1, side.length - 1), own: rank / Math.max(1, total.get(key)! - 1) };
  });
}

/** The evidence for every pair of statements of the two readouts, a[i] by b[j]. */
export function evidence(a: readonly Statement[], b: readonly Statement[]): Evidence[][] {
  const all = [...a, ...b];
  const names = new Set<string>();
  for (const s of all) for (const p of s.speakers) for (const w of p.toLowerCase().split(/[^\p{L}]+/u)) names.add(w);
  const substance = all.map((s) => substanceOf(s.text, names));
  const wordWeight = rarity(substance);
  const [placeA, placeB] = [places(a), places(b)];
  return a.map((x, i) => b.map((y, j) => {
    const act = x.act === y.act ? 1 : ACT_FAMILY[x.act] === ACT_FAMILY[y.act] ? 0.5 : 0;
    const speakers = jaccard(x.speakerCountries, y.speakerCountries);
    const [p, q] = [placeA[i]!, placeB[j]!];
    return {
      words: dice(substance[i]!, substance[a.length + j]!, wordWeight),
      topics: jaccard(x.topics, y.topics),
      act,
      speakers,
      // a weak hint: readouts tend to tell a meeting in its order, and each speaker's remarks do
      position: 1 - Math.abs(speakers === 1 ? p.own - q.own : p.all - q.all),
      sameRemark: act === 1 && speakers === 1 && targetsOf(x).some((t) => targetsOf(y).includes(t)),
    };
  }));
}

/** Pairs statements greedily, the most similar first, each statement in one pair at most (the hand alignment links
 *  an exchange once, to the closest of its reports). */
export function alignStatements(a: readonly Statement[], b: readonly Statement[],
  publishers: { a: string | null; b: string | null } = { a: null, b: null }): Alignment {
  const candidates: { i: number; j: number; score: number }[] = [];
  evidence(a, b).forEach((row, i) => row.forEach((e, j) => {
    const score = statementSimilarity(e);
    if (score >= ALIGN_THRESHOLD && comparable(e)) candidates.push({ i, j, score });
  }));
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const aligned: AlignedPair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    aligned.push({ a: c.i, b: c.j, score: Math.round(c.score * 100) / 100,
      differences: differencesOf(a[c.i]!, b[c.j]!, publishers) });
  }
  aligned.sort((x, y) => x.a - y.a);
  return {
    aligned,
    onlyA: a.map((_, i) => i).filter((i) => !usedA.has(i)),
    onlyB: b.map((_, j) => j).filter((j) => !usedB.has(j)),
  };
}

function differencesOf(a: Statement, b: Statement, publishers: { a: string | null; b: string | null }): Difference[] {
  const out: Difference[] = [];
  if (a.act !== b.act) out.push({ kind: 'act', a: a.act, b: b.act });
  if (!sameSet(a.speakerCountries, b.speakerCountries)) {
    out.push({ kind: 'attribution', a: a.speakerCountries, b: b.speakerCountries });
  }
  // what one side says the other said: a statement its own government's side does not speak
  for (const [side, s, own] of [['a', a, publishers.a], ['b', b, publishers.b]] as const) {
    if (own && s.speakerCountries.length && !s.speakerCountries.includes(own)) {
      out.push({ kind: 'reported-speech', side, speakers: s.speakers });
    }
  }
  const onlyA = a.topics.filter((t) => !b.topics.includes(t));
  const onlyB = b.topics.filter((t) => !a.topics.includes(t));
  if (onlyA.length || onlyB.length) out.push({ kind: 'topics', onlyA, onlyB });
  return out;
}
