// Targets: the third countries each statement's act is aimed at or about. Reads the statements and their topics,
// the places and people named (ctx.places, ctx.people), the sentences and headings around each statement, and the
// word lists of data/targets.json; writes statement.targets. The sides at the table are never targets.
import { readDataJson } from '../data/paths.js';
import type { Context, Extractor } from './context.js';
import { mentionedActorCountry } from './mentions.js';
import { isSide } from './places.js';
import type { Statement } from '../record/schema.js';

interface TargetsFile {
  topicCountries: Record<string, string>;
  eventNouns: string[];
  venueVerbs: string[];
  chairNouns: string[];
  frameLeads: string[];
  newMatter: string[];
  backReferences: string[];
  remarks: string[];
  replyWords: string[];
  contact: string[];
}

interface Rules {
  topicCountries: Map<string, string>;
  /** Just before a place: where an event is held ("Summit in", "to be held in", "agreed in"). */
  venueBefore: RegExp;
  /** Just after a city: the event it names ("Copenhagen conference", "G7 Hiroshima Summit"). */
  eventAfter: RegExp;
  /** Just after a country: the forum it chairs ("under the French presidency"). */
  chairAfter: RegExp;
  /** A lead-in that says what the sentence is about: "Regarding North Korea, ...". */
  frame: RegExp;
  /** A sentence that turns to another matter ("The leaders also discussed"): a lead-in no longer holds. */
  newMatter: RegExp;
  /** A definite phrase pointing back at what was said before: "condemned the launch". */
  backReference: RegExp;
  /** A phrase pointing back at the other side's remarks: "shares these views". */
  remarksReference: RegExp;
  /** The words of a bare answer besides names and titles: "expressed his support", "concurred". */
  replyWords: Set<string>;
  /** Acts that only keep the sides in touch ("agreed to remain in close contact"). */
  contact: RegExp;
}

const alternatives = (list: string[]) =>
  list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
const anyOf = (list: string[], flags = 'i') => new RegExp(`\\b(?:${alternatives(list)})\\b`, flags);

let cached: Rules | null = null;

function rules(): Rules {
  if (cached) return cached;
  const file = readDataJson<TargetsFile>('targets.json');
  const events = alternatives(file.eventNouns);
  // the noun alone points back ("the situation", "the ROK's approach"); "the situation in Gaza" names its place
  const determiner = "(?:(?:the|this|these|that|those)\\s+(?:[\\w.-]+['’]s\\s+)?|(?:its|their)\\s+(?:[a-z-]+\\s+)?)";
  const noPlaceAfter = '(?!\\s+(?:in|on|of|at|around|over|across|between|with|against|by|to|surrounding)\\b)';
  cached = {
    topicCountries: new Map(Object.entries(file.topicCountries).filter(([k]) => k !== 'note')),
    venueBefore: new RegExp(`(?:\\b(?:${events})(?:\\s*\\([^)]*\\))?|\\b(?:${alternatives(file.venueVerbs)}))` +
      '\\s+(?:in|at)\\s+(?:the\\s+)?$', 'i'),
    eventAfter: new RegExp(`^(?:\\s+[A-Z][\\w'’-]*){0,3}\\s+(?:${events})\\b`, 'i'),
    chairAfter: new RegExp(`^(?:['’]s)?(?:\\s+G\\d+)?\\s+(?:${alternatives(file.chairNouns)})\\b`, 'i'),
    frame: new RegExp(`^(?:${alternatives(file.frameLeads)})\\s+[^,;]{2,160},`, 'i'),
    newMatter: anyOf(file.newMatter),
    backReference: new RegExp(`\\b${determiner}(?:${alternatives(file.backReferences)})\\b${noPlaceAfter}`, 'i'),
    remarksReference: new RegExp(`\\b(?:these|those)\\s+(?:${alternatives(file.remarks)})\\b`, 'i'),
    replyWords: new Set(file.replyWords),
    contact: anyOf(file.contact),
  };
  return cached;
}

interface Named { start: number; end: number; country: string }
const IN_AT = /\b(?:in|at)\s+(?:the\s+)?$/i;

/** The countries the text names, with where: places of the gazetteer, not an event's venue nor inside a person's
 *  name ("Florence Parly"), and people of the actor dictionary who are not at the table ("President Putin"). */
function namedCountries(ctx: Context, r: Rules): Named[] {
  const { text } = ctx;
  const out: Named[] = [];
  const names = [...ctx.people, ...ctx.participants.flatMap((p) => p.mentions.map(([start, end]) => ({ start, end })))]
    .sort((a, b) => a.start - b.start);
  // places and names in text order: the names begun before a place reach this far
  let ni = 0, reach = -1;
  let venueEnd = -1, placeEnd = -1;
  for (const p of ctx.places) {
    while (ni < names.length && names[ni].start <= p.start) reach = Math.max(reach, names[ni++].end);
    const c = p.hit.country;
    if (!c || p.hit.kind === 'region' || isSide(ctx.gaz.countries.get(c)) || p.end <= reach) continue;
    const before = text.slice(Math.max(0, p.start - 60), p.start), after = text.slice(p.end, p.end + 40);
    const city = p.hit.kind === 'city' || p.hit.kind === 'place';
    const gap = placeEnd >= 0 && p.start - placeEnd < 8 ? text.slice(placeEnd, p.start) : '';
    // most places follow no "in" or "at": the venue pattern is tried on those that do; "in Lima, Peru": a venue's
    // country is the venue too; "the Summit on Peace in Ukraine in Switzerland": where the place before is held
    const venue = (IN_AT.test(before) && r.venueBefore.test(before)) || (city && r.eventAfter.test(after))
      || r.chairAfter.test(after)
      || (venueEnd >= 0 && venueEnd === placeEnd && /^,\s*$/.test(gap)) || /^\s+in\s+$/.test(gap);
    venueEnd = venue ? p.end : -1;
    placeEnd = p.end;
    if (!venue) out.push({ start: p.start, end: p.end, country: c });
  }
  for (const p of ctx.people) {
    const c = mentionedActorCountry(ctx, p);
    if (c) out.push({ start: p.start, end: p.end, country: c });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The spans from `from` to `to` of a list in text order, found by halving. */
function within<T extends { start: number; end: number }>(list: T[], from: number, to: number): T[] {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].start < from) lo = mid + 1; else hi = mid; }
  const out: T[] = [];
  for (let i = lo; i < list.length && list[i].start < to; i++) if (list[i].end <= to) out.push(list[i]);
  return out;
}

/** Only the act's verb and who did it: "President Yoon expressed his support", "Secretary Rice and Minister
 *  Downer concurred" (capitalised words are the names and titles). */
const isReply = (st: Statement, r: Rules) =>
  st.text.split(/[^A-Za-z]+/).every((w) => !w || /^[A-Z]/.test(w) || r.replyWords.has(w));

const REMARKS_RUN = 30;

/** The act before, as far as what points back at it needs. */
interface Previous { sentence: number; paragraph: number; end: number; targets: string[] }

/** One document's targets: what its text names, and what each statement is about from what came before. */
class Resolver {
  readonly r = rules();
  readonly sides: Set<string>;
  readonly named: Named[];
  readonly regions: { start: number; end: number }[];
  /** By paragraph: the third countries of the heading it sits under ("North Korea"). */
  readonly underHeading: string[][] = [];

  constructor(readonly ctx: Context) {
    this.sides = new Set([...ctx.record.meeting.countries, ...ctx.participants.map((p) => p.country)]);
    this.named = namedCountries(ctx, this.r);
    this.regions = ctx.places.filter((p) => p.hit.kind === 'region');
    let heading: string[] = [];
    ctx.layout.paragraphs.forEach((p, i) => {
      if (p.heading) heading = this.thirdIn(p.start, p.end);
      this.underHeading[i] = heading;
    });
  }

  third(list: string[]): string[] { return [...new Set(list)].filter((c) => !this.sides.has(c)); }

  /** The names from `from` to `to` (statements come in thousands on long pages). */
  namedIn(from: number, to: number): Named[] { return within(this.named, from, to); }

  thirdIn(from: number, to: number): string[] { return this.third(this.namedIn(from, to).map((n) => n.country)); }

  /** What a phrase pointing back means: the third country named last before it (in its paragraph or the one
   *  before), else the targets of the act before. */
  pointedAt(from: number, paragraph: number, before: Previous | null): string[] {
    const floor = this.ctx.layout.paragraphs[Math.max(0, paragraph - 1)].start;
    const last = this.namedIn(floor, from).filter((n) => !this.sides.has(n.country)).pop();
    if (last) return [last.country];
    return before && before.paragraph >= paragraph - 1 ? before.targets : [];
  }

  /** The third countries the statement names are all partners: "as well as with the United States". */
  onlyPartners(from: number, to: number): boolean {
    const list = this.namedIn(from, to).filter((n) => !this.sides.has(n.country));
    const before = (n: Named) => this.ctx.text.slice(Math.max(from, n.start - 10), n.start);
    const partner = (n: Named) => /\bwith\s+(?:the\s+)?$/.test(before(n));
    return list.length > 0 && list.every(partner);
  }

  /** The targets of the run of acts by other speakers just before statement k: the remarks it answers (a run of
   *  remarks is a few items; the walk stops at REMARKS_RUN). */
  remarksBefore(k: number): string[] {
    const list = this.ctx.record.statements, out: string[] = [];
    const who = list[k - 1]?.speakerCountries.join();
    for (let j = k - 1; j >= Math.max(0, k - REMARKS_RUN) && list[j].speakerCountries.join() === who; j--) {
      out.push(...list[j].targets);
    }
    return this.third(out);
  }

  /** A statement with nothing of its own to say what it is about: the act before it, when it answers or goes on
   *  with it. */
  fromBefore(st: Statement, k: number, sentence: number, before: Previous | null, pointsBack: boolean): string[] {
    const { r } = this;
    const [from, to] = st.span;
    // "Australia shares these views": the remarks it answers
    if (r.remarksReference.test(st.text)) return this.remarksBefore(k);
    // "condemned the launch", "de-escalate the crisis": what was named before
    if (pointsBack) return this.third(this.pointedAt(from, this.paragraphOf(sentence), before));
    if (!before) return [];
    // "Minister Cho expressed his support" answers the act before; "..., and condemned the cooperation between the
    // two countries" goes on with its sentence's, unless it has a place or topic of its own or keeps in touch
    const goesOn = this.sameSentence(before, sentence, from) && !st.topics.length && !r.contact.test(st.text)
      && !within(this.regions, from, to).length;
    return isReply(st, r) || goesOn ? before.targets : [];
  }

  /** A later sentence of a lead-in's paragraph still on its matter: not "also", not keeping in touch, and with
   *  no topic of its own unless it points back ("On the war in Ukraine, ... . Lula said that Brazil would not pass
   *  on ammunition to be used in the war"). Its first statement stands for it. */
  staysOn(st: Statement, sentence: string): boolean {
    const { r } = this;
    if (r.newMatter.test(sentence) || r.contact.test(st.text)) return false;
    return !st.topics.length || r.backReference.test(sentence);
  }

  /** A statement with targets of its own that is also about the act before's: "urged China to use its influence
   *  on Russia to end the war" (the war the act before was about), "..., and confirmed that they would cooperate,
   *  as well as with the United States" (partners in what its sentence's act before was about). */
  goesOnWith(st: Statement, own: string[], sentence: number, before: Previous, pointsBack: boolean): boolean {
    if (pointsBack && before.targets.some((c) => own.includes(c))) return true;
    return this.sameSentence(before, sentence, st.span[0]) && this.onlyPartners(st.span[0], st.span[1]);
  }

  /** The act before is in the statement's sentence, and no sentence ends between them (a copy on one line can
   *  join a bullet's sentence to the one before). */
  sameSentence(before: Previous, sentence: number, from: number): boolean {
    return before.sentence === sentence && !/[.!?]["”’)]?\s+\W*[A-Z]/.test(this.ctx.text.slice(before.end, from));
  }

  paragraphOf(sentence: number): number { return this.ctx.sentences[sentence].paragraph; }
}

export const extractTargets: Extractor = (ctx) => {
  const { record, sentences, text } = ctx;
  if (!sentences.length) return;
  const v = new Resolver(ctx), { r } = v;
  let frame: { paragraph: number; through: number; targets: string[] } | null = null;
  let before: Previous | null = null;
  let si = 0;
  record.statements.forEach((st, k) => {
    const [from, to] = st.span;
    while (si + 1 < sentences.length && sentences[si].end <= from) si++;
    const s = sentences[si], sentence = text.slice(s.start, s.end);
    const lead = r.frame.exec(sentence);
    if (lead && s.start + lead[0].length <= to) {
      frame = { paragraph: s.paragraph, through: si, targets: v.thirdIn(s.start, s.start + lead[0].length) };
    } else if (frame && frame.through !== si) {
      // a lead-in holds for its sentence and the paragraph's next ones, until one turns to another matter
      if (frame.paragraph === s.paragraph && v.staysOn(st, sentence)) frame.through = si;
      else frame = null;
    }
    const own = v.thirdIn(from, to);
    const found = [...own, ...(frame?.targets ?? []), ...(v.underHeading[s.paragraph] ?? [])];
    for (const t of st.topics) { const c = r.topicCountries.get(t); if (c) found.push(c); }
    let targets = v.third(found);
    const pointsBack = r.backReference.test(st.text);
    if (!targets.length) targets = v.fromBefore(st, k, si, before, pointsBack);
    else if (before && v.goesOnWith(st, own, si, before, pointsBack)) {
      targets = v.third([...targets, ...before.targets]);
    }
    st.targets = targets;
    // an act without targets does not hide its sentence's earlier one from the acts after it
    if (targets.length || before?.sentence !== si) before = { sentence: si, paragraph: s.paragraph, end: to, targets };
  });
};
