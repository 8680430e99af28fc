// Who did an act: the subject before the head verb resolved to participants ("the two sides", "Secretary
// Tillerson", "the President", "he", "Japan and the United States").
import { fold } from '../text/document.js';
import { firstTokenAt } from '../text/tokens.js';
import { memoize } from '../text/memo.js';
import { ReachSweep, spansWithin, type Span } from '../text/spans.js';
import type { Context, ParticipantState } from './context.js';
import { mentionWords } from './participants.js';

export type SubjectKind = 'participants' | 'outsider' | 'none';
export interface Subject { kind: SubjectKind; who: ParticipantState[]; start: number; pronoun: boolean }

const ADVERBS = '(?:also|further|once again|again|jointly|strongly|highly|fully|closely|then|later|firmly|warmly|sincerely|both|each|all|meanwhile|in turn|briefly|likewise|similarly|particularly|specifically|repeatedly|clearly|duly|together|mutually|eagerly|have|has|had)';
export const ADVERB_RUN = new RegExp(`^(?:\\s*,?\\s*(?:${ADVERBS})\\b)*\\s*,?\\s*$`, 'i');
const PRONOUN = /\b(?:he|she)\b/gi;
const THEY = /\b(?:they|we)\b/gi;
const TITLE_REF = /\b(?:the\s+)?(Prime Minister|President|Secretary(?: of State| of Defen[cs]e)?|Foreign Minister|Defen[cs]e Minister|Foreign Secretary|Defen[cs]e Secretary|Chancellor|Premier|State Councilor|Minister|Secretary-General)\b/gi;

const lastWordFolded = memoize((name: string) => fold(name).split(' ').pop());

const OF_THE_REPUBLIC = /^\s+of\s+the\s+Republic\b(?!\s+of\b)/;
const MAX_COUNTRY_GAP = 1000;
// what may stand between two coordinated subjects, and inside one name: titles, names, their particles
const PARTICLE = '(?:von|van|der|den|de|da|del|la|le|bin|binti|al)';
const NAME_WORD = `(?:[A-Z][\\w.’'-]*|${PARTICLE})`;
const COORDINATED = new RegExp(`^\\s*,?\\s*(?:and|as well as|&)\\s+(?:the\\s+)?(?:${NAME_WORD}\\s+){0,5}$`);
const NAME_WORDS = new RegExp(`^\\s+(?:${NAME_WORD}\\s+)*${PARTICLE}\\s+$`);
const SIDE_AFTER = /^\s+(?:side|delegation|government|(?:foreign |defen[cs]e |prime )?ministers?|leaders?|president)\b/i;

interface Ref { start: number; end: number; who: ParticipantState[]; outsider: boolean; pronoun: boolean; country: boolean }

function titleMatches(ctx: Context, t: string): ParticipantState[] {
  const title = t.toLowerCase();
  const ps = ctx.participants;
  const byTitle = ps.filter((p) => p.title && fold(p.title).includes(title));
  const role = title.includes('prime minister') || title === 'president' || title === 'chancellor' || title === 'premier' ? 'leader'
    : /foreign|of state|external/.test(title) ? 'foreign-minister' : /defen[cs]e/.test(title) ? 'defense-minister' : null;
  // "the Secretary" is the U.S. Secretary, "the Foreign Minister" the other side's minister
  const secretary = (p: ParticipantState) => !!p.title && /secretary/i.test(p.title);
  let byRole = role ? ps.filter((p) => p.role === role) : title === 'secretary' ? ps.filter(secretary) : [];
  if (/minister/.test(title) && byRole.some((p) => !secretary(p))) byRole = byRole.filter((p) => !secretary(p));
  const list = byTitle.length ? byTitle : byRole;
  if (list.length <= 1) return list;
  // "The Prime Minister" among two prime ministers is the publisher's own
  const home = list.filter((p) => p.country === ctx.publisherCountry);
  return home.length ? [home[0]] : [list[0]];
}

/** Every reference to a person, side or group in [from, to). */
function references(ctx: Context, from: number, to: number, last: ParticipantState[] | null): Ref[] {
  const { text } = ctx;
  const refs: Ref[] = [];
  const region = text.slice(from, to);
  const group = ctx.vocab.groupSubjects;
  group.lastIndex = 0;
  for (let m = group.exec(region); m; m = group.exec(region)) {
    refs.push({ start: from + m.index, end: from + m.index + m[0].length, who: ctx.participants, outsider: false, pronoun: /^(?:they|we)$/i.test(m[0]), country: false });
  }
  // a "they" inside a group subject ("they both") is part of it
  const groups = new ReachSweep(refs);
  THEY.lastIndex = 0;
  for (let m = THEY.exec(region); m; m = THEY.exec(region)) {
    if (groups.reachUpTo(from + m.index) <= from + m.index) refs.push({ start: from + m.index, end: from + m.index + m[0].length, who: ctx.participants, outsider: false, pronoun: true, country: false });
  }
  if (ctx.firstPerson) {
    const me = /\bI\b/g;
    for (let m = me.exec(region); m; m = me.exec(region)) refs.push({ start: from + m.index, end: from + m.index + 1, who: [ctx.firstPerson], outsider: false, pronoun: false, country: false });
  }
  const abbr = ctx.vocab.titleAbbreviationRegex;
  if (abbr) {
    abbr.lastIndex = 0;
    for (let m = abbr.exec(region); m; m = abbr.exec(region)) {
      const who = titleMatches(ctx, ctx.vocab.titleAbbreviations.get(m[1])!);
      if (who.length) refs.push({ start: from + m.index, end: from + m.index + m[0].length, who, outsider: false, pronoun: false, country: false });
    }
  }
  PRONOUN.lastIndex = 0;
  for (let m = PRONOUN.exec(region); m; m = PRONOUN.exec(region)) {
    refs.push({ start: from + m.index, end: from + m.index + m[0].length, who: last && last.length === 1 ? last : [], outsider: false, pronoun: true, country: false });
  }
  for (const p of spansWithin(ctx.people, from, to)) {
    const words = mentionWords(p.written);
    const who = ctx.participants.filter((x) => (p.candidates.length && x.actor && p.candidates.includes(x.actor)) || words.some((w) => x.words.has(w)));
    refs.push({ start: p.start, end: p.end, who, outsider: who.length === 0, pronoun: false, country: false });
  }
  // bare surnames of participants ("Kono said")
  const { tokens } = ctx;
  const named = new ReachSweep(refs); // tokens do not overlap: the refs added here cover no later token
  for (let ti = firstTokenAt(tokens, from); ti < tokens.length && tokens.start(ti) < to; ti++) {
    const start = tokens.start(ti), end = tokens.end(ti);
    if (end > to || !tokens.upper(ti) || end - start < 3) continue;
    if (named.reachUpTo(start) >= end) continue;
    let who: ParticipantState[] | null = null; // allocated only for the rare token that is a participant's surname
    const folded = tokens.folded(ti);
    for (const x of ctx.participants) if (x.words.has(folded) && lastWordFolded(x.name) === folded) (who ??= []).push(x);
    if (who) refs.push({ start, end, who, outsider: false, pronoun: false, country: false });
  }
  const taken = new ReachSweep(refs); // a title ref added here ends before the next match starts
  TITLE_REF.lastIndex = 0;
  for (let m = TITLE_REF.exec(region); m; m = TITLE_REF.exec(region)) {
    const s = from + m.index;
    let e = s + m[0].length;
    if (taken.reachUpTo(e + 1) > s) continue; // part of "Secretary Tillerson"
    // "the President of the Republic" is how a republic names its own president (France, Italy); a title with any
    // other "of" or "for" ("Minister for Foreign Affairs of ...") describes a name
    const own = OF_THE_REPUBLIC.exec(text.slice(e, e + 40));
    if (own) e += own[0].length;
    else if (/^\s*(?:of|for)\b/.test(text.slice(e, e + 5))) continue;
    const who = titleMatches(ctx, m[1]);
    if (who.length) refs.push({ start: s, end: e, who, outsider: false, pronoun: false, country: false });
  }
  const beforePlaces = refs.length;
  const sides: Span[] = [];
  for (const pl of spansWithin(ctx.places, from, to)) {
    if (!pl.hit.country || pl.hit.kind === 'region') continue;
    // "the Australian side", "the U.S. side", "the Australian Ministers": a side named by its country
    const side = SIDE_AFTER.exec(text.slice(pl.end, pl.end + 16));
    if (side) {
      const who = ctx.participants.filter((x) => x.country === pl.hit.country);
      if (who.length) {
        const end = pl.end + side[0].length;
        sides.push({ start: pl.start, end });
        refs.push({ start: pl.start, end, who, outsider: false, pronoun: false, country: false });
        continue;
      }
    }
    if (pl.hit.kind === 'adjective') continue;
    const who = ctx.participants.filter((x) => x.country === pl.hit.country);
    refs.push({ start: pl.start, end: pl.end, who, outsider: who.length === 0, pronoun: false, country: true });
  }
  // a side stands for the title inside it ("the Australian Minister" is not any minister); only refs found before
  // the places can lie inside one
  const kept = sides.length ? refs.filter((r, k) => k >= beforePlaces || !insideAny(sides, r)) : refs;
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether `r` lies inside one of `spans` (sorted by start): the furthest end among those starting at or before it. */
function insideAny(spans: readonly Span[], r: Span): boolean {
  let reach = -1;
  for (let k = 0; k < spans.length && spans[k].start <= r.start; k++) reach = Math.max(reach, spans[k].end);
  return reach >= r.end;
}

/** The subject of a verb at `verb`, looking back to `from`: the closest reference and those coordinated with it. */
export function resolveSubject(ctx: Context, from: number, verb: number, last: ParticipantState[] | null): Subject {
  const all = references(ctx, from, verb, last);
  // a country is a subject only right before the verb: "Japan resolved", "the United States and Japan renewed"
  // (a list of countries longer than MAX_COUNTRY_GAP is no subject: the gap is not read, so a long clause costs
  // a bounded look per country, not the whole clause)
  const refs = all.filter((r, i) => {
    if (!r.country) return true;
    if (verb - r.end > MAX_COUNTRY_GAP) return false;
    let gap = ctx.text.slice(r.end, verb);
    for (let j = i + 1; j < all.length; j++) { const q = all[j]; if (q.country && q.start >= r.end) gap = gap.replace(ctx.text.slice(q.start, q.end), ' '); }
    return ADVERB_RUN.test(gap.replace(/\b(?:and|the)\b|&|[’']s\b/gi, ' '));
  });
  if (!refs.length) return { kind: 'none', who: [], start: verb, pronoun: false };
  // the closest reference that is not inside a prepositional phrase ("by Secretary Pompeo", "of Japan")
  let k = refs.length - 1;
  while (k > 0 && /\b(?:of|by|with|from|to|for|between|among|including|regarding|concerning|on|in|at)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$/.test(ctx.text.slice(Math.max(from, refs[k].start - 40), refs[k].start)) && !refs[k].pronoun) k--;
  // built back to front, then reversed (unshift would copy the chain at every step)
  const chain = [refs[k]];
  for (let j = k - 1; j >= 0; j--) {
    const first = chain[chain.length - 1];
    const between = ctx.text.slice(refs[j].end, first.start);
    if (COORDINATED.test(between) || /^\s*,\s*$/.test(between) && j > 0) chain.push(refs[j]);
    // inside it, or its title ("President von der Leyen")
    else if (refs[j].end > first.start || NAME_WORDS.test(between)) continue;
    else break;
  }
  chain.reverse();
  const who: ParticipantState[] = [];
  for (const r of chain) for (const p of r.who) if (!who.includes(p)) who.push(p);
  if (!who.length && chain.some((r) => r.outsider)) return { kind: 'outsider', who: [], start: chain[0].start, pronoun: false };
  if (!who.length) return { kind: 'none', who: [], start: chain[0].start, pronoun: chain[0].pronoun };
  // every reference is a mention: "Secretary Tillerson", "he", and "the two Ministers" for each of them
  for (const r of chain) if (!r.country) for (const p of r.who) p.mentions.push([r.start, r.end]);
  return { kind: 'participants', who, start: chain[0].start, pronoun: chain.every((r) => r.pronoun) };
}
