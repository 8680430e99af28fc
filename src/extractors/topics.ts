// Topics per statement from the taxonomy's phrases; the document's topics are those its statements discussed.
import type { Extractor } from './context.js';
import type { TopicPattern } from '../data/vocabulary.js';
import { literalsWithin } from '../text/literal-scanner.js';

export const extractTopics: Extractor = (ctx) => {
  const { taxonomy, record } = ctx;
  const perStatement: Set<string>[] = [];
  const instead: Set<string>[] = [];
  // one scan of the whole text: statements are slices of it
  const hits = taxonomy.anchorHits(ctx.text);
  for (const st of record.statements) {
    let t = st.text;
    // a leading "Amid growing ... challenges such as COVID-19," is background, up to the last comma before the verb
    const head = ctx.statementHeads.get(st);
    if (head !== undefined && taxonomy.leading && taxonomy.leading.test(t)) {
      const cut = t.lastIndexOf(',', head - st.span[0]);
      if (cut > 0) t = ' '.repeat(cut) + t.slice(cut);
    }
    // the literal words of patterns and context phrases inside the statement (cutting text only removes words)
    const anchors = literalsWithin(hits, st.span[0], st.span[1]);
    // context phrases are cut only where their literal words occur
    if (taxonomy.mayHoldContext(anchors)) {
      for (const re of taxonomy.context) t = t.replace(re, (m) => ' '.repeat(m.length));
    }
    const found = new Set<string>();
    const alt = new Set<string>();
    // only the patterns whose literal anchor occurs can match; test those, grouped by topic
    const matched = new Map<number, { own: boolean; standIn: boolean }>();
    const tryPattern = ({ topic, pattern }: TopicPattern) => {
      const m = matched.get(topic);
      if (m?.own || (m && pattern.standIn)) return;
      if (!pattern.re.test(t)) return;
      if (m) m.own ||= !pattern.standIn;
      else matched.set(topic, { own: !pattern.standIn, standIn: pattern.standIn });
    };
    for (const a of anchors) for (const tp of taxonomy.byAnchor.get(a) ?? []) tryPattern(tp);
    for (const tp of taxonomy.unanchored) tryPattern(tp);
    for (const [index, { own }] of [...matched].sort((x, y) => x[0] - y[0])) {
      const topic = taxonomy.topics[index];
      if (topic.unlessAny?.test(t)) continue;
      if (topic.statementRe && !topic.statementRe.test(t)) continue;
      if (!own) alt.add(topic.id);
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
