// Topics per statement from the taxonomy's phrases; the document's topics are those its statements discussed.
import type { Extractor } from './context.js';
import type { AnchoredPattern, TopicPattern } from '../data/vocabulary.js';
import { occurrencesWithin } from '../text/literal-scanner.js';

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** \b between t[at - 1] and t[at], as a regular expression sees it (no character past either end). */
const boundaryAt = (t: string, at: number) => (at > 0 && isWordChar(t.charCodeAt(at - 1))) !== (at < t.length && isWordChar(t.charCodeAt(at)));

/** A pattern made only of literals matches `t` where one of its strings occurs with the boundaries it asks for. */
function formsMatch(pattern: AnchoredPattern, t: string, occurrences: Map<string, number[]>): boolean {
  for (const f of pattern.forms!) {
    for (const at of occurrences.get(f.text.toLowerCase()) ?? []) {
      const written = t.slice(at, at + f.text.length);
      if ((pattern.caseSensitive ? written !== f.text : written.toLowerCase() !== f.text.toLowerCase())) continue;
      if (f.boundaryBefore && !boundaryAt(t, at)) continue;
      if (f.boundaryAfter && !boundaryAt(t, at + f.text.length)) continue;
      return true;
    }
  }
  return false;
}

export const extractTopics: Extractor = (ctx) => {
  const { taxonomy, record } = ctx;
  const perStatement: Set<string>[] = [];
  const instead: Set<string>[] = [];
  // one scan of the whole text: statements are slices of it
  const hits = taxonomy.anchorHits(ctx.text);
  for (const st of record.statements) {
    let t = st.text;
    // the literal words of patterns and context phrases inside the statement, where they stand
    const occurrences = occurrencesWithin(hits, st.span[0], st.span[1]);
    // a leading "Amid growing ... challenges such as COVID-19," is background, up to the last comma before the verb
    const head = ctx.statementHeads.get(st);
    if (head !== undefined && taxonomy.leading && taxonomy.leading.test(t)) {
      const cut = t.lastIndexOf(',', head - st.span[0]);
      if (cut > 0) t = ' '.repeat(cut) + t.slice(cut);
    }
    // context phrases are cut only where their literal words occur
    if (taxonomy.mayHoldContext(occurrences)) {
      for (const re of taxonomy.context) t = t.replace(re, (m) => ' '.repeat(m.length));
    }
    // text cut to blanks may hold a literal the scan of the whole text did not see there: then regexes decide
    const blanked = t !== st.text;
    const found = new Set<string>();
    const alt = new Set<string>();
    // only the patterns whose literal anchor occurs can match; test those, grouped by topic
    const matched = new Map<number, { own: boolean; standIn: boolean }>();
    const tryPattern = ({ topic, pattern }: TopicPattern) => {
      const m = matched.get(topic);
      if (m?.own || (m && pattern.standIn)) return;
      if (!(pattern.forms && !blanked ? formsMatch(pattern, t, occurrences) : pattern.re.test(t))) return;
      if (m) m.own ||= !pattern.standIn;
      else matched.set(topic, { own: !pattern.standIn, standIn: pattern.standIn });
    };
    for (const a of occurrences.keys()) for (const tp of taxonomy.byAnchor.get(a) ?? []) tryPattern(tp);
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
