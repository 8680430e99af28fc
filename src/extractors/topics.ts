// Topics per statement from the taxonomy's phrases; the document's topics are those its statements discussed.
import type { Extractor } from './context.js';
import type { TopicPattern } from '../data/vocabulary.js';
import { hitsWithin } from '../text/literal-scanner.js';

const NONE = 0, STAND_IN = 1, OWN = 2;
// kept across documents: a statement marks the patterns it tested with its own serial number, so nothing is cleared
let testedIn = new Int32Array(0);
let serial = 0;

export const extractTopics: Extractor = (ctx) => {
  const { taxonomy, record } = ctx;
  const perStatement: Set<string>[] = [];
  const instead: Set<string>[] = [];
  // one scan of the whole text: statements are slices of it
  const hits = taxonomy.anchorHits(ctx.text);
  // per statement: which patterns were tested (marked with the statement's serial number), what each topic's matched
  if (testedIn.length < taxonomy.patternCount || serial > 0x7fff0000) { testedIn = new Int32Array(taxonomy.patternCount); serial = 0; }
  const state = new Uint8Array(taxonomy.topics.length);
  const tryPattern = (tp: TopicPattern, t: string) => {
    const m = state[tp.topic];
    if (m === OWN || (m === STAND_IN && tp.pattern.standIn)) return;
    if (tp.pattern.re.test(t)) state[tp.topic] = tp.pattern.standIn && m === NONE ? STAND_IN : OWN;
  };
  for (const st of record.statements) {
    const n = ++serial;
    let t = st.text;
    const [from, to] = st.span;
    // a leading "Amid growing ... challenges such as COVID-19," is background, up to the last comma before the verb
    const head = ctx.statementHeads.get(st);
    if (head !== undefined && taxonomy.leading && taxonomy.leading.test(t)) {
      const cut = t.lastIndexOf(',', head - from);
      if (cut > 0) t = ' '.repeat(cut) + t.slice(cut);
    }
    // the literal words of patterns and context phrases inside the statement (cutting text only removes words)
    const inside = hitsWithin(hits, from, to);
    // context phrases are cut only where their literal words occur
    if (inside.some((k) => taxonomy.admitsContext(hits.literals[k]))) {
      for (const re of taxonomy.context) t = t.replace(re, (m) => ' '.repeat(m.length));
    }
    // only the patterns whose literal anchor occurs can match: test each of those once
    state.fill(NONE);
    for (const k of inside) {
      for (const tp of taxonomy.byAnchor.get(hits.literals[k]) ?? []) {
        if (testedIn[tp.id] === n) continue;
        testedIn[tp.id] = n;
        tryPattern(tp, t);
      }
    }
    for (const tp of taxonomy.unanchored) tryPattern(tp, t);
    const found = new Set<string>();
    const alt = new Set<string>();
    for (let index = 0; index < state.length; index++) {
      const m = state[index];
      if (m === NONE) continue;
      const topic = taxonomy.topics[index];
      if (topic.unlessAny?.test(t)) continue;
      if (topic.statementRe && !topic.statementRe.test(t)) continue;
      if (m === STAND_IN) alt.add(topic.id);
      found.add(topic.id);
    }
    perStatement.push(found);
    instead.push(alt);
  }
  const docTopics = new Set<string>();
  for (const f of perStatement) for (const id of f) docTopics.add(id);
  // topics that stand for another in context: UN work in a document about North Korea's weapons is pressure
  for (const topic of taxonomy.topics) {
    if (topic.requiresTopic && !docTopics.has(topic.requiresTopic)) {
      perStatement.forEach((f) => f.delete(topic.id));
    }
    if (topic.insteadOf && docTopics.has(topic.insteadOf.whenDocumentHas)) {
      perStatement.forEach((f, i) => { if (instead[i].has(topic.id)) { f.delete(topic.id); f.add(topic.insteadOf!.topic); } });
    }
  }
  const ordered: string[] = [];
  record.statements.forEach((st, i) => {
    st.topics = [...perStatement[i]];
    for (const id of st.topics) if (!ordered.includes(id)) ordered.push(id);
  });
  record.topics = ordered;
};
