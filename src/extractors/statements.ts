// One statement per reported act: sentences are cut into clauses at the genre's coordination points
// (", and agreed", ", the Ministers reconfirmed", "; ", a participial ", noting ..."), the head verb of each
// clause gives the act, the subject before it gives the speakers.
import { trimSpan } from '../text/document.js';
import { firstTokenAt } from '../text/tokens.js';
import { resolveSubject, ADVERB_RUN, type Subject } from './subjects.js';
import { INTRODUCER, isRemarkItem, remarkAct } from './remarks.js';
import type { Context, Extractor, ParticipantState } from './context.js';
import type { Act, Statement } from '../record/schema.js';
import type { ActPattern } from '../data/vocabulary.js';

interface Candidate { start: number; end: number; pattern: ActPattern }
interface Clause { start: number; head: Candidate; subjectFrom: number; inherit: boolean }

const NOT_FINITE_BEFORE = /(?:\b(?:was|were|is|are|be|been|being|to|the|a|an|its|their|his|her|our|whose|not|newly|previously|already|recently|jointly-)\s+|[-–]\s*)$/i;
const CONJ_BEFORE = /,?\s+(?:and|but|while|whereas|as well as)\s+(?:(?:also|further|once again|again|jointly|strongly|highly|fully|closely|then|later|firmly|warmly|sincerely|both|each|in turn|eagerly|have|has|had)\s+)*$/i;
const RELATIVE = /\b(?:that|which|who)\s+(?:was|were|is|are|has|have|had|will|would|can|could|should|may|might)\b|,\s*which\b|\bwhich\b/i;
const THAT_OPEN = /\b(?:that|which|who|whether|if|how)\b/i;
const NAME_OR_TITLE_WORD = /(?:^|\s)(?:the|von|van|der|den|de|da|del|la|le|bin|binti|al|[A-Z][\w.’'-]*)(?=\s|$)/g;
const REPORTED_RELATIVE = /^(?:which|that)\s+(?=(?:they|he|she|we)\s+$)/i;
const SAY = /\b(?:said|stated|expressed|noted|added|told|remarked)\b/i;

// The text between two act verbs grows while no clause starts (a long run of verbs): what ends it is read from
// its last CONJ_TAIL characters, and the last coordinator is found in one scan, not a look-ahead from each one.
const CONJ_TAIL = 300;
const COORDINATOR = /\s(?:and|while|whereas|but)\s/g;

/** CONJ_BEFORE's match in the tail of `between`, its index in the whole. */
function conjunctionBefore(between: string): RegExpExecArray | null {
  const from = Math.max(0, between.length - CONJ_TAIL);
  const m = CONJ_BEFORE.exec(from ? between.slice(from) : between);
  if (m) m.index += from;
  return m;
}

/** The first " and " (while, whereas, but) after which no other one starts: the last coordinator, as
 *  /\s(?:and|...)\s(?![\s\S]*\s(?:and|...)\s)/ finds it, from every match (overlapping ones included). */
function lastCoordinator(between: string): { index: number } | null {
  let lastStart = -1;
  COORDINATOR.lastIndex = 0;
  for (let m = COORDINATOR.exec(between); m; m = COORDINATOR.exec(between)) {
    lastStart = m.index;
    COORDINATOR.lastIndex = m.index + 1;
  }
  if (lastStart < 0) return null;
  // a match is at most 9 characters: the first one ending past the last start begins just before it
  COORDINATOR.lastIndex = Math.max(0, lastStart - 9);
  for (let m = COORDINATOR.exec(between); m; m = COORDINATOR.exec(between)) {
    if (m.index + m[0].length > lastStart) return m;
    COORDINATOR.lastIndex = m.index + 1;
  }
  return null;
}

function candidates(ctx: Context, from: number, to: number): Candidate[] {
  const { text, vocab, tokens } = ctx;
  const out: Candidate[] = [];
  let next = from;
  for (let ti = firstTokenAt(tokens, from); ti < tokens.length && tokens.start(ti) < to; ti++) {
    const at = tokens.start(ti);
    if (at < next) continue;
    const patterns = vocab.actsByFirstWord.getToken(tokens, ti);
    if (!patterns) continue;
    for (const pattern of patterns) {
      pattern.sticky.lastIndex = at;
      const m = pattern.sticky.exec(text);
      if (!m || at + m[0].length > to) continue;
      const start = at, end = start + m[0].length;
      const before = text.slice(Math.max(from, start - 30), start);
      if (!pattern.participle && NOT_FINITE_BEFORE.test(before)) break;
      if (pattern.participle) {
        const atStart = /^\s*$/.test(text.slice(from, start)) || /(?:^|[,;:]\s*(?:and\s+)?|\bby\s+|\band\s+)$/.test(before);
        if (!atStart) break;
      }
      out.push({ start, end, pattern });
      next = end;
      break;
    }
  }
  return out;
}

/** Cuts a sentence into clauses, each led by the act verb that heads it. */
function clauses(ctx: Context, from: number, to: number, cands: Candidate[]): Clause[] {
  const { text } = ctx;
  const out: Clause[] = [];
  for (const c of cands) {
    const prev = out[out.length - 1];
    if (!prev) { out.push({ start: from, head: c, subjectFrom: from, inherit: false }); continue; }
    const between = text.slice(prev.head.end, c.start);
    const conj = conjunctionBefore(between);
    if (conj && !/\b(?:that|which)\s*$/.test(between.slice(0, conj.index))) {
      const at = prev.head.end + conj.index + (conj[0].match(/^,?\s*/)?.[0].length ?? 0);
      out.push({ start: at, head: c, subjectFrom: at, inherit: true });
      continue;
    }
    // sentence-initial participle: "Recognizing the threat, the ministers affirmed ...", "Recognizing ..., A and B
    // affirmed" (one subject, before any " and " is read as a coordinator)
    if (prev.head.pattern.participle && prev.head.start - from < 3 && out.length === 1
      && /,\s*$/.test(text.slice(from, c.start).replace(/[^,]*$/, ''))) {
      const comma = text.lastIndexOf(',', c.start);
      const s = resolveSubject(ctx, comma + 1, c.start, null);
      if (comma > prev.head.end && s.kind !== 'none') {
        out.push({ start: comma + 1, head: c, subjectFrom: comma + 1, inherit: false });
        continue;
      }
    }
    // ", the Ministers reconfirmed", ", and he expressed", "; they agreed"
    const andBreak = lastCoordinator(between);
    const commaBreak = Math.max(between.lastIndexOf(', '), between.lastIndexOf('; '));
    const lastBreak = andBreak && andBreak.index > commaBreak ? andBreak.index - 1 : commaBreak;
    if (lastBreak >= 0) {
      const tail = between.slice(lastBreak + 2);
      const subjectStart = prev.head.end + lastBreak + 2;
      const sub = /^(?:and|but|while|whereas|where)\s+/i.exec(tail); // ", where Mr Peters stressed"
      const subjectFrom = subjectStart + (sub ? sub[0].length : 0);
      // "..., which they said will provide certainty": a remark reported inside a relative clause is one of its own
      const reported = c.pattern.act === 'state' ? REPORTED_RELATIVE.exec(tail) : null;
      if (reported) {
        out.push({ start: subjectStart, head: c, subjectFrom: subjectStart + reported[0].length, inherit: false });
        continue;
      }
      if (tail.length < 90 && !/\b(?:that|which|who)\b/.test(tail) && !c.pattern.participle) {
        const s = resolveSubject(ctx, subjectFrom, c.start, null);
        // titles, names and their particles before the subject ("President von der Leyen") are part of it
        const gap = text.slice(subjectFrom, s.start).replace(NAME_OR_TITLE_WORD, ' ');
        if ((s.kind !== 'none' || s.pronoun) && ADVERB_RUN.test(gap)) {
          out.push({ start: subjectStart, head: c, subjectFrom, inherit: false });
          continue;
        }
      }
      const open = THAT_OPEN.test(between.slice(0, lastBreak));
      if (ADVERB_RUN.test(tail)) {
        if (!c.pattern.participle && !open && between.trim().length > 0) { out.push({ start: subjectStart, head: c, subjectFrom: subjectStart, inherit: true }); continue; }
        if (c.pattern.participle && !RELATIVE.test(between.slice(0, lastBreak))) { out.push({ start: subjectStart, head: c, subjectFrom: subjectStart, inherit: true }); continue; }
      }
    }
  }
  return out;
}

export const extractStatements: Extractor = (ctx) => {
  const { text, sentences, layout, record, participants } = ctx;
  const statements: Statement[] = [];
  let last: ParticipantState[] | null = null; // the last single speaker, for "he"
  let lastSpeakers: ParticipantState[] = [];
  let lastParagraph = -1;
  let remarkBy: ParticipantState[] | null = null; // speech-style: "Wang Yi said ..." and the sentences that follow
  let remarkParagraph = -1;
  // "Minister X mentioned as follows:": the numbered remarks under it are X's, one statement each
  let block: { who: ParticipantState[]; item: string | null; paragraph: number } | null = null;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const para = layout.paragraphs[s.paragraph];
    if (block && s.paragraph > block.paragraph && isRemarkItem(para.item, block.item)) {
      const span = trimSpan(text, s.start, s.end);
      statements.push(makeStatement(text, span, para.item, block.who, remarkAct(text.slice(span[0], span[1]))));
      lastSpeakers = block.who;
      continue;
    }
    if (block && s.paragraph !== block.paragraph) block = null;
    if (para.heading) continue;
    let from = s.start;
    const isMeeting = si === ctx.meetingSentence;
    if (isMeeting && ctx.meetingVerbEnd !== null) from = Math.max(from, ctx.meetingVerbEnd);
    const cands = candidates(ctx, from, s.end).filter((c) => !(isMeeting && c.pattern.act === 'discuss'));
    if (!cands.length) {
      // speech-style readouts: a remark continues in the sentences after "X said"
      if (remarkBy && remarkParagraph === s.paragraph && !isMeeting && !ctx.vocab.meetingVerbs.test(text.slice(s.start, s.end))) {
        const span = trimSpan(text, s.start, s.end);
        statements.push(makeStatement(text, span, para.item, remarkBy, 'state'));
      }
      continue;
    }
    if (remarkParagraph !== s.paragraph) remarkBy = null;
    const cls = clauses(ctx, from, s.end, cands);
    const subjects: Subject[] = [];
    for (let k = 0; k < cls.length; k++) {
      const c = cls[k];
      let subj: Subject;
      if (c.head.pattern.fromObject) {
        const obj = resolveSubject(ctx, c.head.end, (cls[k + 1]?.start ?? s.end), last);
        subj = obj.kind === 'participants' ? obj : { kind: 'none', who: [], start: c.start, pronoun: false };
        // "sought ... and obtained the support of both ministers": the others, not the one who asked
        const asker = k > 0 ? subjects[k - 1] : null;
        if (asker && asker.kind === 'participants' && subj.who.length === participants.length && asker.who.length < participants.length) {
          subj = { ...subj, who: subj.who.filter((p) => !asker.who.includes(p)) };
        }
      } else if (c.inherit && k > 0) subj = subjects[k - 1];
      // an act in the meeting sentence ("spoke with X today and reaffirmed") is done by the sentence's subject
      else if (isMeeting && k === 0 && ctx.meetingVerbStart !== null) subj = resolveSubject(ctx, s.start, ctx.meetingVerbStart, last);
      else subj = resolveSubject(ctx, c.subjectFrom, c.head.start, last);
      subjects.push(subj);
    }
    // a sentence-initial participle takes the subject of the clause it modifies
    if (cls.length > 1 && cls[0].head.pattern.participle && subjects[0].kind === 'none') subjects[0] = subjects[1];
    for (let k = 0; k < cls.length; k++) {
      const c = cls[k];
      const subj = subjects[k];
      if (subj.kind === 'outsider') continue;
      let who = subj.kind === 'participants' ? subj.who : lastSpeakers.length ? lastSpeakers : participants;
      if (!who.length) who = participants;
      if (!who.length) continue;
      // "The EU leaders called on China ... They stressed": "they" continues one side's group in its paragraph
      const they = subj.pronoun && who.length === participants.length
        && /^they$/i.test(text.slice(subj.start, subj.start + 4));
      if (they && lastParagraph === s.paragraph && oneSideGroup(lastSpeakers, participants)) who = lastSpeakers;
      const end = k + 1 < cls.length ? cls[k + 1].start : s.end;
      const span = trimSpan(text, c.start, end);
      while (span[1] > span[0] && (text.charCodeAt(span[1] - 1) === 44 /* , */ || text.charCodeAt(span[1] - 1) === 59 /* ; */)) span[1]--;
      const all = participants.length > 1 && new Set(who.map((p) => p.country)).size === new Set(participants.map((p) => p.country)).size;
      const act: Act = all && c.head.pattern.jointAct ? c.head.pattern.jointAct : c.head.pattern.act;
      const ordered = [...who].sort((a, b) => participants.indexOf(a) - participants.indexOf(b));
      if (cls.length === 1 && act === 'state' && INTRODUCER.test(text.slice(c.start, s.end))) {
        block = { who: ordered, item: para.item, paragraph: s.paragraph };
        continue;
      }
      const st = makeStatement(text, trimSpan(text, span[0], span[1]), para.item, ordered, act);
      ctx.statementHeads.set(st, c.head.start);
      statements.push(st);
      lastSpeakers = who;
      lastParagraph = s.paragraph;
      if (who.length === 1) last = who;
      if (act === 'state' && who.length === 1 && SAY.test(text.slice(c.head.start, c.head.end))) { remarkBy = who; remarkParagraph = s.paragraph; }
      else if (k === cls.length - 1 && !(remarkBy && who.length === 1 && who[0] === remarkBy[0])) remarkBy = null; // "He welcomed ..." keeps his remark going
    }
  }
  record.statements = statements;
};

/** Several people of one side, not all at the table: "the EU leaders", "the Japanese Ministers". */
function oneSideGroup(who: ParticipantState[], participants: ParticipantState[]): boolean {
  return who.length > 1 && who.length < participants.length && who.every((p) => p.country === who[0].country);
}

function makeStatement(text: string, span: [number, number], item: string | null, who: ParticipantState[], act: Act): Statement {
  const countries: string[] = [];
  for (const p of who) if (!countries.includes(p.country)) countries.push(p.country);
  return {
    text: text.slice(span[0], span[1]), span, item, speakers: who.map((p) => p.name), speakerCountries: countries, act,
    topics: [], targets: [],
  };
}
