// Statements of two readouts of one meeting, paired when they report the same exchange: shared topics, shared words
// and names, the same or a kindred act, the same speakers. Each pair keeps its differences (another act, another
// attribution, one side reporting what the other said).
//
// Reads: the statements of two records and their publishers' countries. Writes: nothing; returns pairs and the rest.
import type { Act, Statement } from '../record/schema.js';
import { fold } from '../text/document.js';
import { tokenize } from '../text/tokens.js';
import { gazetteer } from '../data/gazetteer.js';

export type Difference =
  | { kind: 'act'; a: Act; b: Act }
  | { kind: 'attribution'; a: string[]; b: string[] }
  | { kind: 'reported-speech'; side: 'a' | 'b'; speakers: string[] }
  | { kind: 'topics'; onlyA: string[]; onlyB: string[] };

export interface AlignedPair { a: number; b: number; score: number; differences: Difference[] }
export interface Alignment { aligned: AlignedPair[]; onlyA: number[]; onlyB: number[] }

/** The least similarity that pairs two statements, and the least weighted-word cosine they must have (set on the
 *  hand-aligned pairs of test/fixtures/pairs). */
export const ALIGN_THRESHOLD = 0.25;
const MIN_WORDS = 0.03;

/** Acts that report one outcome in other words: "agreed" / "affirmed" / "shared the view" / "committed". */
const ACT_FAMILY: Record<Act, string> = {
  agree: 'accord', affirm: 'accord', 'share-view': 'accord', commit: 'accord',
  state: 'say', explain: 'say', discuss: 'say',
  support: 'support', request: 'request', oppose: 'oppose',
};

const STOP_WORDS = new Set(('the a an and or of to in on for with at by from that this these those as is are was '
  + 'were be '
  + 'been it its their his her they he she we our two both sides side also would will which who while between such '
  + 'further other each well including regarding about into than more most very minister ministers president prime '
  + 'secretary leaders leader foreign affairs state said stated agreed confirmed expressed').split(' '));

/** Content words, crudely stemmed ("cooperation" and "cooperate" meet at "cooperat"), and the countries named, as
 *  their codes: "DPRK", "North Korea" and "North Korean" are one word "@KP". */
function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const hit of gazetteer().find(tokenize(text))) if (hit.value.country) out.add(`@${hit.value.country}`);
  for (const w of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 3 || STOP_WORDS.has(w)) continue;
    out.add(w.replace(/(?:ation|ations|ing|ed|es|s|e)$/, '').slice(0, 8));
  }
  return out;
}

function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size && !b.size) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Term weights of each statement: a word's count times its rarity among the statements of both readouts (IDF), so
 *  "Japan" or "cooperation", in every statement, weigh little and "Senkaku" or "semiconductors" much. */
function weightedVectors(texts: readonly Set<string>[]): Map<string, number>[] {
  const df = new Map<string, number>();
  for (const words of texts) for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return texts.map((words) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const w of words) {
      const weight = Math.log(1 + n / df.get(w)!);
      v.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small) dot += x * (large.get(w) ?? 0);
  return dot;
}

/** How alike two statements are, 0..1: their weighted words most, then topics, act and place in the readout. */
export function statementSimilarity(a: Statement, b: Statement, words: number, position: number): number {
  const topics = jaccard(new Set(a.topics), new Set(b.topics));
  const act = a.act === b.act ? 1 : ACT_FAMILY[a.act] === ACT_FAMILY[b.act] ? 0.5 : 0;
  return WEIGHTS.words * words + WEIGHTS.topics * topics + WEIGHTS.act * act + WEIGHTS.position * position;
}

const WEIGHTS = { words: 0.6, topics: 0.3, act: 0.1, position: 0.1 };

/** Pairs statements greedily, the most similar first, each statement in one pair at most. */
export function alignStatements(a: readonly Statement[], b: readonly Statement[],
  publishers: { a: string | null; b: string | null } = { a: null, b: null }): Alignment {
  const vectors = weightedVectors([...a, ...b].map((s) => wordsOf(s.text)));
  const candidates: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      // readouts tend to tell a meeting in its order: a statement's place in each is a weak hint
      const position = 1 - Math.abs(i / Math.max(1, a.length - 1) - j / Math.max(1, b.length - 1));
      const words = cosine(vectors[i]!, vectors[a.length + j]!);
      const score = statementSimilarity(a[i]!, b[j]!, words, position);
      if (score >= ALIGN_THRESHOLD && words >= MIN_WORDS) candidates.push({ i, j, score });
    }
  }
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
