// Scores meeting identity and comparison against hand-annotated pairs of readouts (test/fixtures/pairs/pairs.json):
// linking (no false link, recall of same-meeting pairs), statement alignment F1 against the hand alignment, and the
// topic differences (shared / only A / only B) against those of the two gold records.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { alignStatements } from '../compare/align.js';
import { publisherCountry } from '../compare/compare.js';
import { meetingMatch } from '../compare/identity.js';
import type { ReadoutRecord } from '../record/schema.js';
import { norm } from './score.js';

export interface PairEntry { a: string; b: string; sameMeeting: boolean; alignment?: { a: number; b: number }[] }
interface PairsFile { pairs: PairEntry[]; nearMisses: PairEntry[] }
interface GoldStatement { quote: string }
export interface GoldSide { topics: string[]; statements: GoldStatement[] }

/** `shared:` (the shared data folder), `fixtures:` (test/fixtures), `pairs:` (the pairs folder) -> a path. */
export function resolvePairPath(ref: string, pairsFile: string, shared: string): { text: string; gold: string } {
  const [scheme, rest] = ref.split(/:(.*)/s) as [string, string];
  const pairsDir = dirname(pairsFile);
  if (scheme === 'shared') {
    const text = join(shared, rest);
    return { text, gold: text.replace('/corpus/', '/gold/').replace(/\.txt$/, '.gold.json') };
  }
  const base = scheme === 'fixtures' ? resolve(pairsDir, '..') : pairsDir;
  const text = join(base, rest);
  return { text, gold: text.replace(/\.txt$/, '.gold.json') };
}

export function loadPairs(pairsFile: string): PairsFile {
  return JSON.parse(readFileSync(pairsFile, 'utf8')) as PairsFile;
}

export interface PairFigures {
  linking: { pairs: number; linked: number; recall: number; nearMisses: number; falseLinks: number };
  alignment: { gold: number; predicted: number; correct: number; found: number; precision: number; recall: number;
    f1: number };
  topics: { agree: number; predicted: number; gold: number; f1: number };
  notes: string[];
}

/** Which gold statements a predicted statement reports: those whose quote its text contains. */
function goldIndexes(record: ReadoutRecord, gold: GoldSide): number[][] {
  const quotes = gold.statements.map((g) => norm(g.quote));
  return record.statements.map((s) => {
    const t = norm(s.text);
    return quotes.flatMap((q, k) => (q && t.includes(q) ? [k] : []));
  });
}

const topicTriples = (a: string[], b: string[]) => {
  const sb = new Set(b);
  const sa = new Set(a);
  return new Set([...a.map((t) => `${sb.has(t) ? 'shared' : 'onlyA'}:${t}`),
    ...b.filter((t) => !sa.has(t)).map((t) => `onlyB:${t}`)]);
};

/** `records(ref)` gives a readout's extracted record, `gold(ref)` its gold. */
export function scorePairs(file: PairsFile, records: (ref: string) => ReadoutRecord, gold: (ref: string) => GoldSide)
  : PairFigures {
  const notes: string[] = [];
  const linking = { pairs: 0, linked: 0, recall: 0, nearMisses: 0, falseLinks: 0 };
  const al = { gold: 0, predicted: 0, correct: 0, found: 0 };
  const tp = { agree: 0, predicted: 0, gold: 0 };
  for (const entry of [...file.pairs, ...file.nearMisses]) {
    const [ra, rb] = [records(entry.a), records(entry.b)];
    const match = meetingMatch(ra, rb);
    const label = `${entry.a} / ${entry.b}`;
    if (!entry.sameMeeting) {
      linking.nearMisses++;
      if (match.same) { linking.falseLinks++; notes.push(`false link: ${label} (${match.reasons.join('; ')})`); }
      continue;
    }
    linking.pairs++;
    if (match.same) linking.linked++;
    else notes.push(`not linked: ${label} (${match.reasons.join('; ')})`);
    // statements: predicted pairs whose two statements both report gold statements are judged
    const [ga, gb] = [gold(entry.a), gold(entry.b)];
    const alignment = alignStatements(ra.statements, rb.statements,
      { a: publisherCountry(ra.source.publisher), b: publisherCountry(rb.source.publisher) });
    const [ia, ib] = [goldIndexes(ra, ga), goldIndexes(rb, gb)];
    const hand = entry.alignment ?? [];
    const isHand = (x: number, y: number) => hand.some((h) => h.a === x && h.b === y);
    const found = new Set<number>();
    al.gold += hand.length;
    for (const p of alignment.aligned) {
      const xs = ia[p.a]!;
      const ys = ib[p.b]!;
      if (!xs.length || !ys.length) continue;
      al.predicted++;
      const hit = hand.findIndex((h) => xs.includes(h.a) && ys.includes(h.b));
      if (hit >= 0) { al.correct++; found.add(hit); } else if (!xs.some((x) => ys.some((y) => isHand(x, y)))) {
        notes.push(`aligned wrongly: ${label}: "${ra.statements[p.a]!.text.slice(0, 60)}" ~ `
          + `"${rb.statements[p.b]!.text.slice(0, 60)}"`);
      }
    }
    al.found += found.size;
    hand.forEach((h, k) => {
      if (!found.has(k)) {
        notes.push(`alignment missed: ${label}: "${ga.statements[h.a]?.quote.slice(0, 60)}" ~ `
          + `"${gb.statements[h.b]?.quote.slice(0, 60)}"`);
      }
    });
    // topic differences: the extracted records' against the gold records'
    const want = topicTriples(ga.topics, gb.topics);
    const got = topicTriples(ra.topics, rb.topics);
    tp.gold += want.size;
    tp.predicted += got.size;
    for (const t of got) if (want.has(t)) tp.agree++;
  }
  linking.recall = linking.pairs ? linking.linked / linking.pairs : 0;
  const precision = al.predicted ? al.correct / al.predicted : 0;
  const recall = al.gold ? al.found / al.gold : 0;
  const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
  const tP = tp.predicted ? tp.agree / tp.predicted : 0;
  const tR = tp.gold ? tp.agree / tp.gold : 0;
  return {
    linking,
    alignment: { ...al, precision, recall, f1: f1(precision, recall) },
    topics: { ...tp, f1: f1(tP, tR) },
    notes,
  };
}
