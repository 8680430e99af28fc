// The principals at the table: the people named in the meeting sentence, linked to the actor dictionary
// at the meeting's date, with their written title, role and country.
import { fold } from '../text/document.js';
import { tokenize } from '../text/tokens.js';
import { memoize } from '../text/memo.js';
import { spansWithin } from '../text/spans.js';
import { heldOn, type Actor, type Office } from '../data/actors.js';
import type { Context, Extractor, ParticipantState, PersonMention } from './context.js';
import type { Role } from '../record/schema.js';

// per vocabulary and gazetteer (the same objects for every document unless a caller builds others)
const roleMemo = new WeakMap<object, (title: string) => Role | null>();
const countryMemo = new WeakMap<object, (title: string) => string | null>();

export function roleOfTitle(ctx: Context, title: string | null): Role | null {
  if (!title) return null;
  let role = roleMemo.get(ctx.vocab);
  if (!role) roleMemo.set(ctx.vocab, role = memoize((t) => ctx.vocab.titleRules.find((r) => r.re.test(t))?.role ?? null));
  return role(title);
}

/** Countries a title names: "Minister for Foreign Affairs of Japan" -> JP, "U.S. Secretary" -> US. */
function countryOfTitle(ctx: Context, title: string | null): string | null {
  if (!title) return null;
  const { gaz } = ctx;
  let country = countryMemo.get(gaz);
  if (!country) {
    countryMemo.set(gaz, country = memoize((t) =>
      gaz.find(tokenize(t)).find((m) => m.value.country && (m.value.kind === 'country' || m.value.kind === 'adjective'))?.value.country ?? null));
  }
  return country(title);
}

/** The side an office holder sits for: the office's own ("country": "EU" for the Presidents of the European Council
 *  and Commission), else the actor's country. */
export function sideOf(actor: Actor, office: Office | null): string {
  return office?.country ?? actor.country;
}

/** Picks the dictionary actor a mention denotes at `date`, preferring the office its title names. */
function resolve(ctx: Context, p: PersonMention, date: string | null, titleRole: Role | null, country: string | null): Actor | null {
  let list = p.candidates;
  if (!list.length) return null;
  if (date) {
    const inOffice = list.filter((a) => ctx.actors.officeAt(a, date) !== null);
    list = inOffice.length ? inOffice : (p.surnameOnly ? [] : list);
  }
  if (country) {
    const c = list.filter((a) => sideOf(a, ctx.actors.officeAt(a, date)) === country || a.country === country);
    if (c.length) list = c;
  }
  if (titleRole) {
    const r = list.filter((a) => a.offices.some((o) => o.role === titleRole && (!date || heldOn(o, date))));
    if (r.length) list = r;
  }
  if (list.length > 1 && p.surnameOnly) {
    // several office holders share the surname: the most recent one in office before the date
    list = [...list].sort((a, b) => (b.offices[0]?.from ?? '').localeCompare(a.offices[0]?.from ?? ''));
  }
  return list[0] ?? null;
}

/**
 * "Minister of Defense Kishi" on a date when no Kishi held that office (a date line off by a day, a dictionary
 * gap): the bearer of the surname whose same office is closest in time, if any held it.
 */
function nearestHolder(ctx: Context, p: PersonMention, date: string | null, titleRole: Role | null): Actor | null {
  if (!p.surnameOnly || !titleRole || !date || !p.candidates.length) return null;
  const t = Date.parse(date);
  let best: Actor | null = null, bestDistance = Infinity;
  for (const a of p.candidates) {
    for (const o of a.offices) {
      if (o.role !== titleRole) continue;
      const from = o.from ? Date.parse(o.from) : -Infinity, to = o.to ? Date.parse(o.to) : Infinity;
      const distance = t < from ? from - t : t > to ? t - to : 0;
      if (distance < bestDistance) { bestDistance = distance; best = a; }
    }
  }
  return best;
}

const nameWordList = memoize((name) => fold(name).split(/[^a-z]+/).filter((w) => w.length > 1));
/** The words of a mention as written, folded, longer than two letters: what ties it to a participant. */
export const mentionWords: (written: string) => readonly string[] = memoize((written) => nameWordList(written).filter((w) => w.length > 2));

/** The words of a name, folded, for matching later mentions; a new set the caller may extend. */
export function nameWords(name: string): Set<string> {
  return new Set(nameWordList(name));
}

/** The most participants a record keeps (a G20 summit has about 40). */
export const MAX_PARTICIPANTS = 100;

export function addParticipant(ctx: Context, p: PersonMention | null, actor: Actor | null, title: string | null, role: Role | null, country: string | null): ParticipantState | null {
  // the text's own spelling of a dictionary name wins when only diacritics differ ("Stéphane Séjourné")
  const written = p?.written.replace(/,/g, '').trim() ?? null;
  const diacriticsOnly = written !== null && written.toLowerCase() !== actor?.name.toLowerCase() && fold(written) === fold(actor?.name ?? '');
  const name = actor ? (diacriticsOnly ? written! : actor.name) : written;
  if (!name) return null;
  const office = actor ? ctx.actors.officeAt(actor, ctx.record.meeting.date) : null;
  const c = (actor ? sideOf(actor, office) : null) ?? country ?? ctx.publisherCountry;
  if (!c) return null;
  const titleRole = role;
  const finalRole: Role = titleRole && titleRole !== 'official' && titleRole !== 'minister' ? titleRole : office?.role ?? titleRole ?? 'official';
  const words = nameWords(name);
  if (actor) for (const a of actor.aliases) for (const w of nameWords(a)) words.add(w);
  const surname = (n: string) => fold(n).split(/[^a-z'-]+/).filter(Boolean).pop();
  const existing = ctx.participants.find((x) => (actor && x.actor === actor) || (x.country === c && (fold(x.name) === fold(name) || (!actor && !x.actor && surname(x.name) === surname(name)))));
  if (existing) {
    if (p) existing.mentions.push([p.start, p.end]);
    // "Foreign Minister Kuleba" then "Dmytro Kuleba": keep the fuller name
    if (!existing.actor && name.length > existing.name.length) { existing.name = name; for (const w of nameWords(name)) existing.words.add(w); }
    return existing;
  }
  // every statement of the whole group names them all: a bounded table keeps records linear in the text
  if (ctx.participants.length >= MAX_PARTICIPANTS) {
    const warning = `more than ${MAX_PARTICIPANTS} participants: kept the first ${MAX_PARTICIPANTS}`;
    if (!ctx.warnings.includes(warning)) ctx.warnings.push(warning);
    return null;
  }
  const state: ParticipantState = { name, title: title ?? office?.title ?? null, role: finalRole, country: c, actor, words, mentions: p ? [[p.start, p.end]] : [], titleRole };
  ctx.participants.push(state);
  return state;
}

const ATTENDANCE = /\b(?:attended|accompanied|joined|participated|participants|attendees|represented)\b/i;
const UNNAMED_PRINCIPAL = /^(?:[^,]*,\s*)?(?:The|the)\s+(Prime Minister|President|Secretary(?: of State| of Defen[cs]e)?|Foreign Secretary|Defen[cs]e Secretary|Chancellor|Foreign Minister|Minister)\s+(?:met|spoke|held|had|hosted|received|welcomed|talked|today)/;

export const extractParticipants: Extractor = (ctx) => {
  const { sentences, text, record } = ctx;
  if (ctx.meetingSentence === null) return;
  const s = sentences[ctx.meetingSentence];
  const date = record.meeting.date;
  const inSentence = spansWithin(ctx.people, s.start, s.end).filter((p) => !/(?:attributable to|Spokesperson|Press Secretary)\s*(?:\w+\s*){0,2}$/i.test(text.slice(Math.max(0, p.start - 40), p.start)));
  let people = inSentence;
  // "Secretary Blinken traveled to Manila. While there, he met with ...": "he" is the person the sentence before names
  const beforeVerb = text.slice(s.start, ctx.meetingVerbStart ?? s.start);
  if (/\b(?:he|she)\b/i.test(beforeVerb) && !people.some((p) => p.start < (ctx.meetingVerbStart ?? 0))) {
    const prev = ctx.meetingSentence > 0 ? sentences[ctx.meetingSentence - 1] : null;
    const named = prev && prev.paragraph === s.paragraph ? spansWithin(ctx.people, prev.start, prev.end)[0] : undefined;
    if (named) people = [named, ...people];
  }
  const abbreviated = abbreviatedOffice(ctx, beforeVerb);
  if (abbreviated && ctx.meetingSentence > 0 && sentences[ctx.meetingSentence - 1].paragraph === s.paragraph) {
    // "External Affairs Minister Dr. S. Jaishankar is on a visit to ... EAM and FM Cho co-chaired": the abbreviated
    // office before the verb is the person the sentence before names with that office
    const prev = sentences[ctx.meetingSentence - 1];
    const holder = spansWithin(ctx.people, prev.start, prev.end)
      .find((p) => roleOfTitle(ctx, p.titleBefore ?? p.titleAfter) === abbreviated);
    if (holder && !people.includes(holder)) people = [holder, ...people];
  }
  if (people.length < 2) {
    // "The 2+2 was held in Washington. The meeting was attended by ..." names them in the next sentence; after a
    // meeting sentence that names no one ("The summit took place today"), so does one with a meeting verb
    const nameless = people.length === 0;
    for (let k = ctx.meetingSentence + 1; k < sentences.length && sentences[k].paragraph === s.paragraph; k++) {
      const next = sentences[k];
      const words = text.slice(next.start, next.end);
      if (!ATTENDANCE.test(words) && !(nameless && ctx.vocab.meetingVerbs.test(words))) continue;
      for (const p of spansWithin(ctx.people, next.start, next.end)) people.push(p);
    }
  }
  if (people.length < 2) {
    // a headline such as "Secretary Blinken's Call with Japanese Foreign Minister Hayashi" names both sides
    const head = ctx.layout.header.find((h) => h.kind === 'headline');
    if (head) people = people.concat(spansWithin(ctx.people, head.line.start, head.line.end));
  }
  // people in an occasion ("on the sidelines of the State Visit of President Marcos") are not at the table
  const occasion = /\b(?:on the (?:sidelines|margins|occasion) of|during the (?:state |official )?visit of|to attend)\b/i.exec(text.slice(s.start, s.end));
  if (occasion) {
    const cut = s.start + occasion.index;
    const kept = people.filter((p) => p.start < cut);
    if (kept.length >= 2) people = kept;
  }
  // the sides the headline names ("Japan-U.S. Vice-Ministerial Meeting"), for people whose country nothing else gives
  const headline = ctx.layout.header.find((h) => h.kind === 'headline');
  const sides: string[] = [];
  if (headline) {
    for (const m of spansWithin(ctx.places, headline.line.start, headline.line.end)) {
      if (m.hit.country && (m.hit.kind === 'country' || m.hit.kind === 'adjective') && !sides.includes(m.hit.country)) sides.push(m.hit.country);
    }
  }
  const found = people.map((p) => {
    const titleRole = roleOfTitle(ctx, p.titleAfter ?? p.titleBefore);
    const country = countryOfTitle(ctx, p.titleAfter) ?? countryOfTitle(ctx, p.titleBefore) ?? countryOfTitle(ctx, text.slice(p.end, p.end + 12).replace(/^ of /, ''));
    const actor = resolve(ctx, p, date, titleRole, country) ?? nearestHolder(ctx, p, date, titleRole);
    return { p, titleRole, country, actor };
  });
  // a side is free when no one at the table is known to hold it, whoever is named first
  const known = new Set(found.map((f) => (f.actor ? sideOf(f.actor, ctx.actors.officeAt(f.actor, date)) : f.country))
    .filter((c): c is string => c !== null));
  const free = (c: string) => !known.has(c) && !ctx.participants.some((x) => x.country === c);
  // the host, met in their own capital ("hosted ... at Parliament in Wellington"), when only they are unplaced
  const loc = ctx.record.meeting.location;
  const capital = loc.country && loc.city && ctx.gaz.countries.get(loc.country)?.capital === loc.city ? loc.country : null;
  const unplaced = found.filter((f) => !f.actor && !f.country).length;
  for (const { p, titleRole, country, actor } of found) {
    let side = actor || country ? null : sides.find(free) ?? null;
    if (!actor && !country && !side && unplaced === 1 && capital && free(capital)) side = capital;
    addParticipant(ctx, p, actor, p.titleBefore ?? p.titleAfter, titleRole, country ?? side);
  }
  // "The Prime Minister met with Fumio Kishida": the publisher's own principal, unnamed.
  const um = UNNAMED_PRINCIPAL.exec(text.slice(s.start, s.end));
  if (um) {
    const role = roleOfTitle(ctx, um[1]) ?? 'official';
    const others = new Set(ctx.participants.map((x) => x.country));
    const country = ctx.publisherCountry && !others.has(ctx.publisherCountry) ? ctx.publisherCountry : inferHomeCountry(ctx, others);
    if (country) {
      // the EU's High Representative holds a foreign-minister office, but not for their own country
      const holders = holdersFor(ctx, country, role, date);
      const actor = holders.find((a) => ctx.actors.officeAt(a, date)?.title.toLowerCase() === um[1].toLowerCase()) ?? holders[0] ?? null;
      const start = s.start + um[0].indexOf(um[1]);
      const mention: PersonMention = { start, end: start + um[1].length, written: actor?.name ?? um[1], candidates: [], surnameOnly: false, titleBefore: um[1], titleAfter: null };
      const added = actor ? addParticipant(ctx, mention, actor, um[1], role, country) : null;
      if (added) ctx.participants.unshift(ctx.participants.splice(ctx.participants.indexOf(added), 1)[0]);
    }
  }
  // Labelled attendees ("Attendees: Japan: KIHARA Minoru, Minister of Defense / ROK: SHIN Won-sik, ...")
  for (const h of ctx.layout.header) {
    if (!/^\s*(?:Attendees|Participants)\s*:/i.test(h.line.text)) continue;
    for (const p of spansWithin(ctx.people, h.line.start, h.line.end)) {
      const actor = resolve(ctx, p, date, roleOfTitle(ctx, p.titleAfter ?? p.titleBefore), null);
      if (actor || !p.candidates.length) addParticipant(ctx, p, actor, p.titleAfter ?? p.titleBefore, roleOfTitle(ctx, p.titleAfter ?? p.titleBefore), null);
    }
  }
  // First-person readouts ("Today I met President Xi"): the principal is the page's byline.
  const pre = text.slice(s.start, ctx.meetingVerbStart ?? s.end);
  if (/\bI\b/.test(pre)) {
    const byline = ctx.people.find((p) => p.end <= ctx.layout.bodyStart && !ctx.participants.some((x) => x.mentions.some(([a]) => a === p.start))
      && !ctx.participants.some((x) => x.actor && p.candidates.includes(x.actor)));
    let added: ParticipantState | null;
    if (byline) {
      const role = roleOfTitle(ctx, byline.titleAfter ?? byline.titleBefore);
      const actor = resolve(ctx, byline, date, role, null);
      added = addParticipant(ctx, byline, actor, byline.titleAfter ?? byline.titleBefore, role, null);
    } else added = officeByline(ctx, date);
    if (added) {
      ctx.participants.unshift(ctx.participants.splice(ctx.participants.indexOf(added), 1)[0]);
      ctx.firstPerson = added;
      ctx.publisherCountry ??= added.country;
    }
  }
  if (!ctx.publisherCountry) unnamedSubject(ctx, s.start, s.end);
  if (!record.meeting.title) record.meeting.title = headlineOfParticipants(ctx);
  if (!ctx.publisherCountry && ctx.participants.length) ctx.publisherCountry = ctx.participants[0].country;
};

/** A news-style headline that names no meeting but two of the people at the table ("SND Teodoro, German Defense
 *  Minister Pistorius agree to ...") is the meeting's title. */
function headlineOfParticipants(ctx: Context): string | null {
  for (const h of ctx.layout.header) {
    if (h.kind !== 'headline') continue;
    const named = new Set<ParticipantState>();
    for (const p of spansWithin(ctx.people, h.line.start, h.line.end)) {
      for (const x of ctx.participants) {
        if (x.actor ? p.candidates.includes(x.actor) : x.words.has(fold(p.written))) named.add(x);
      }
    }
    if (named.size >= 2) return h.line.text.trim();
  }
  return null;
}

const UNNAMED_SUBJECT =
  /^(?:[^,]*,\s*)?(?:The|the)\s+(Prime Minister|President|Chancellor)(?:\s+of\s+the\s+Republic)?\s+[a-z]+ed\b/;

/** "The President of the Republic received the President of the Republic of Korea, Mr Yoon": the unnamed subject of
 *  the meeting sentence is the one of that office whom the sentence does not name (named in the headline), and the
 *  page speaks for their side. */
function unnamedSubject(ctx: Context, from: number, to: number): void {
  const m = UNNAMED_SUBJECT.exec(ctx.text.slice(from, to));
  if (!m) return;
  const role = roleOfTitle(ctx, m[1]);
  const unnamed = ctx.participants.filter((p) => p.role === role && !p.mentions.some(([a]) => a >= from && a < to));
  if (unnamed.length !== 1) return;
  ctx.publisherCountry = unnamed[0].country;
  ctx.participants.unshift(ctx.participants.splice(ctx.participants.indexOf(unnamed[0]), 1)[0]);
}

/** A byline that is an office alone ("Prime Minister" above "Media release"): its holder on the date, in the
 *  country the page speaks for. */
function officeByline(ctx: Context, date: string | null): ParticipantState | null {
  const line = ctx.layout.header.find((h) => h.kind !== 'date' && OFFICE_LINE.test(h.line.text.trim()));
  if (!line) return null;
  const title = OFFICE_LINE.exec(line.line.text.trim())![1];
  const role = roleOfTitle(ctx, title);
  if (!role || role === 'official' || role === 'minister') return null;
  const others = new Set(ctx.participants.map((x) => x.country));
  const home = ctx.publisherCountry;
  const country = home && !others.has(home) ? home : inferHomeCountry(ctx, others);
  if (!country) return null;
  const holders = holdersFor(ctx, country, role, date);
  const actor = holders.find((a) => ctx.actors.officeAt(a, date)?.title.toLowerCase() === title.toLowerCase())
    ?? holders[0];
  if (!actor) return null;
  const start = line.line.start + line.line.text.indexOf(title);
  const mention: PersonMention = {
    start, end: start + title.length, written: actor.name, candidates: [], surnameOnly: false,
    titleBefore: title, titleAfter: null,
  };
  return addParticipant(ctx, mention, actor, title, role, country);
}
const OFFICE_LINE = new RegExp('^(?:The\\s+)?(Prime Minister|President|Chancellor|Premier|Foreign Minister'
  + '|Minister (?:for|of) Foreign Affairs|Defen[cs]e Minister|Minister (?:for|of) Defen[cs]e|Secretary of State)$');

/** Who holds an office for `country` on a date (the EU's High Representative is no foreign minister of their own). */
function holdersFor(ctx: Context, country: string, role: Role, date: string | null): Actor[] {
  return ctx.actors.holders(country, role, date).filter((a) => sideOf(a, ctx.actors.officeAt(a, date)) === country);
}

/** The role of an abbreviated office ("EAM", "FM") written in `words`, if any. */
function abbreviatedOffice(ctx: Context, words: string): Role | null {
  const re = ctx.vocab.titleAbbreviationRegex;
  if (!re) return null;
  re.lastIndex = 0;
  const m = re.exec(words);
  return m ? roleOfTitle(ctx, ctx.vocab.titleAbbreviations.get(m[1]) ?? null) : null;
}

/** The side a readout speaks for when its principal is unnamed: the country it names most, other than the guest's. */
function inferHomeCountry(ctx: Context, exclude: Set<string>): string | null {
  const counts = new Map<string, number>();
  const loc = ctx.record.meeting.location.country;
  for (const p of ctx.places) {
    const c = p.hit.country;
    if (!c || exclude.has(c) || p.hit.kind === 'city' || c === loc) continue;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string | null = null, n = 0;
  for (const [c, k] of counts) if (k > n) { best = c; n = k; }
  return best;
}
