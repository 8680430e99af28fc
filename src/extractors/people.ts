// People named in the text: dictionary names and aliases, titled surnames ("Secretary Tillerson"),
// and names after honorifics that the dictionary does not know ("Senator the Hon. Marise Payne").
import { keyOf, matchPhrases } from '../text/tokens.js';
import { fold, isSpaceCode } from '../text/document.js';
import { WordMap, wordSet } from '../text/word-map.js';
import { zeroedBytes } from '../text/scratch.js';
import type { Context, Extractor, PersonMention } from './context.js';
import type { Vocabulary } from '../data/vocabulary.js';
import type { ActorDictionary } from '../data/actors.js';
import { memoize } from '../text/memo.js';
import { firstStartingAt } from '../text/spans.js';

// sticky: tried only where a token that can open an honorific stands
const HONORIFIC = /(?:Mr|Ms|Mrs|Dr|Gen|Adm|Lt\.? Gen|Shri|Smt)\.?\s+|(?:H\.E\.|His Excellency|Her Excellency|[Tt]he Honou?rable|[Tt]he Hon\.|[Tt]he Rt\.? Hon\.?|Rt\.? Hon\.?|Senator|Ambassador|General|Admiral)\s+/y;
const HONORIFIC_FIRST = ['mr', 'ms', 'mrs', 'dr', 'gen', 'adm', 'lt', 'shri', 'smt', 'h.e', 'his', 'her', 'the', 'rt', 'senator', 'ambassador', 'general', 'admiral'];
const TITLE_HEAD_FORMS = new Set(['Minister', 'Secretary', 'President', 'Chancellor', 'Premier', 'Ambassador', 'Councilor', 'Councillor', 'Advisor', 'Adviser', 'Spokesperson', 'spokesperson', 'Spokesman', 'spokesman', 'Spokeswoman', 'spokeswoman']);

// What a token can start, by its folded form: a dictionary surname, an honorific, an office title (written as in
// TITLE_HEAD_FORMS). One probe a token finds all three.
const SURNAME = 1, HONORIFIC_START = 2, TITLE_HEAD = 4;
const startWords = new WeakMap<ActorDictionary, WordMap<number>>();
function startsOf(actors: ActorDictionary): WordMap<number> {
  let map = startWords.get(actors);
  if (map) return map;
  map = new WordMap<number>();
  const mark = (word: string, kind: number) => map!.set(word, (map!.get(word) ?? 0) | kind);
  for (const word of actors.bySurname.keys()) mark(word, SURNAME);
  for (const word of HONORIFIC_FIRST) mark(word, HONORIFIC_START);
  for (const word of TITLE_HEAD_FORMS) mark(word.toLowerCase(), TITLE_HEAD);
  startWords.set(actors, map);
  return map;
}
const MAX_TITLE_WORDS = 24;
const LETTER = 'A-Za-z\\u00C0-\\u024F\\u1E00-\\u1EFF\\u0370-\\u03FF\\u0400-\\u04FF';
const WORD_AFTER = new RegExp(`\\s*([${LETTER}][${LETTER}’'.-]*)`, 'y');
const STOP_WORDS = new Set(['Minister', 'Secretary', 'President', 'Prime', 'Foreign', 'Defense', 'Defence', 'The', 'Of', 'And', 'For', 'State', 'Council', 'Mr', 'Ms', 'Dr', 'General', 'Affairs', 'Office', 'Ministry', 'Government', 'Republic', 'Kingdom', 'Federal', 'National', 'Security', 'Advisor', 'Adviser', 'Chief', 'Cabinet', 'Deputy', 'Vice', 'Summit', 'Meeting', 'Talks', 'Today', 'Member', 'External', 'Home', 'Trade', 'Finance', 'Economy', 'Interior', 'Jr', 'Sr', 'Excellency', 'Honorable', 'Honourable', 'Hon', 'His', 'Her', 'Mrs', 'Senator', 'Defense', 'Political', 'Bureau', 'Central', 'Committee', 'Commission', 'Party', 'Communist', 'People', 'Director', 'Secretary-General', 'Chairman', 'Councilor', 'Ambassador', 'President', 'Premier', 'Chancellor', 'Armed', 'Forces', 'Europe', 'European', 'Union', 'Said', 'Met', 'On', 'In', 'At', 'H.E',
  // portfolios: "Minister of International Relations and Cooperation"
  'International', 'Relations', 'Cooperation', 'Development', 'Commerce', 'Industry', 'Investment', 'Tourism', 'Agriculture', 'Environment', 'Energy', 'Justice', 'Health', 'Education', 'Culture', 'Transport', 'Infrastructure', 'Labour', 'Labor', 'Immigration', 'Veterans', 'Commonwealth', 'Overseas', 'Territorial', 'Integrity', 'Homeland', 'Public', 'Planning']);
const NAME_WORD = /^(?:\p{Lu}[\p{L}’'-]*|(?:\p{Lu}\.)+|de|van|von|bin|al|da|del|la|le)$/u;
const HONORIFIC_ONLY = /^(?:\s*(?:Mr|Ms|Mrs|Dr|Gen|Adm|Shri|Smt)\.?|\s*H\.E\.|\s*His Excellency|\s*Her Excellency|\s*the Honou?rable|\s*the Hon\.|\s*(?:the )?Rt\.? Hon\.?|\s*Senator(?: the Hon\.)?)*\s*$/i;

const JOIN_WORD = /\b(?:met|with|and|meets|by|from|to|of Japan and)\s/g;
const LAST_JOIN_WORD = /\b(?:met|with|and|meets|by|from)\s/g;
/** Where the name's own phrase starts after a joining word: the first "met/with/and/by/from/to " that no later
 *  "met/with/and/meets/by/from " follows (two scans rather than a look-ahead retried at every position). */
function joinWordAt(s: string): number {
  let last = -1;
  LAST_JOIN_WORD.lastIndex = 0;
  for (let m = LAST_JOIN_WORD.exec(s); m; m = LAST_JOIN_WORD.exec(s)) last = m.index;
  JOIN_WORD.lastIndex = 0;
  for (let m = JOIN_WORD.exec(s); m; m = JOIN_WORD.exec(s)) if (m.index + m[0].length > last) return m.index;
  return -1;
}

function titleBefore(ctx: Context, start: number): string | null {
  const { text, vocab } = ctx;
  // the 160 characters before the name, from the line's start when it is nearer (searched in those only: a name
  // deep in a long line must not cost a scan back to the line's start)
  let before = text.slice(Math.max(0, start - 160), start);
  before = before.slice(before.lastIndexOf('\n') + 1);
  const cut = (s: string, atJoinWords = true) => {
    const idx = Math.max(s.lastIndexOf(','), s.lastIndexOf(';'), s.lastIndexOf(':'), s.lastIndexOf('('), s.lastIndexOf('. '), atJoinWords ? joinWordAt(s) : -1);
    return idx >= 0 ? s.slice(idx).replace(/^[,;:(.]\s*|^(?:met|with|and|meets|by|from|to)\s+/, '') : s;
  };
  let seg = cut(before);
  // "the Prime Minister of Japan, H.E. Mr. Shinzo Abe": the title stands before the honorifics' comma
  if ((HONORIFIC_ONLY.test(seg) && /,\s*(?:H\.E\.|Mr|Ms|Mrs|Dr|His|Her|the Hon|Senator|Rt)[^,]*$/.test(before)) || (!seg.trim() && /,\s*$/.test(before))) {
    before = before.slice(0, before.lastIndexOf(','));
    seg = cut(before);
  }
  let titleOf = titleOfSegment.get(vocab);
  if (!titleOf) titleOfSegment.set(vocab, titleOf = memoize((words) => segmentTitle(vocab, words)));
  const title = titleOf(seg);
  if (title || !/\band\s/.test(before)) return title;
  // a title with "and" in it ("The Minister of International Relations and Cooperation, Dr ..."), when all that
  // stands before the name is that title
  const whole = cut(before, false);
  return TITLE_PHRASE.test(whole) ? titleOf(whole) : null;
}
const TITLE_PHRASE = /^\s*(?:[\p{Lu}][\p{L}.’'-]*|of|for|the|and)(?:\s+(?:[\p{Lu}][\p{L}.’'-]*|of|for|the|and))*\s*$/u;

// the words between the last comma or joining word and a name recur across documents ("Secretary of State",
// "Minister for Foreign Affairs of Japan"), where the text before them does not (dates, other names)
const titleOfSegment = new WeakMap<Vocabulary, (words: string) => string | null>();

/** The title the words before a name end with, without honorifics and leading words ("the", "new", "We met"). */
function segmentTitle(vocab: Vocabulary, words: string): string | null {
  let seg = words.replace(HONORIFIC_ONLY, '').replace(/(?:\s+(?:Mr|Ms|Mrs|Dr|Gen|Adm|Shri|Smt)\.?|\s+H\.E\.|\s+the Honou?rable|\s+the Hon\.|\s+Senator(?: the Hon\.)?)+\s*$/i, '').trim();
  seg = seg.replace(/^(?:On [^,]*,\s*)?(?:the|The)\s+/, '').replace(/^(?:new|then|former)\s+/i, '').replace(/^(?:Today,?\s+)?(?:I|We)\s+(?:hosted|met|received|welcomed)\s+/, '').trim();
  // a title is capitalised words joined by of/for/the/and: "The Prime Minister welcomed President" -> "President"
  const tail = /(?:(?:[\p{Lu}][\p{L}.’'-]*|of|for|the|and|de|du)\s+)*[\p{Lu}][\p{L}.’'-]*$/u.exec(seg);
  seg = tail ? tail[0].replace(/^(?:(?:of|for|the|and|de|du)\s+)+/, '') : seg;
  if (!seg || seg.length > 120) return null;
  return vocab.anyTitle.test(seg) ? seg : null;
}

function titleAfter(ctx: Context, end: number, people: PersonMention[]): string | null {
  const rest = ctx.text.slice(end, end + 200);
  const m = /^\s*,\s*((?:the\s+)?[^,.;()\n]+?)(?=\s*(?:,|\.|;|\(|\bwho\b|\bheld\b|\bon\b|\bat\b|\bin\b|$))/.exec(rest);
  if (!m) return null;
  // "Motegi, Minister of Defense Kishi": that title is the next person's (people are sorted by start)
  const next = people[firstStartingAt(people, end + 1)];
  if (next && next.start < end + m[0].length) return null;
  let t = m[1].trim().replace(/^the\s+/i, '');
  // the phrase is the title, maybe after capitalised words ("Japanese Minister for Foreign Affairs"), not a clause
  // that names another's ("Dr Naledi Pandor, today hosted the Minister of Foreign Affairs of the Russian Federation")
  const title = ctx.vocab.anyTitle.exec(t);
  if (!title || !/^(?:(?:[\p{Lu}\d][\p{L}\d.’'-]*|of|and|for|the)\s+)*$/u.test(t.slice(0, title.index))) return null;
  // "Minister of Defense, Japan," keeps the country that follows
  const more = /^\s*,\s*([A-Z][\w .'-]+?)\s*,/.exec(rest.slice(m[0].length));
  if (more && ctx.gaz.phrases.get(fold(more[1]).replace(/\./g, '.'))?.kind === 'country') t += `, ${more[1]}`;
  return t;
}

/** The run of non-space characters before the trailing white space of `s` ("" without trailing space). */
function wordBefore(s: string): string {
  let end = s.length;
  while (end > 0 && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (end === s.length) return '';
  let start = end;
  while (start > 0 && !isSpaceCode(s.charCodeAt(start - 1))) start--;
  return s.slice(start, end);
}
const HONORABLE = wordSet(['honourable', 'honorable', 'hon', 'rt']);
const TITLE_JOINERS = new Set(['of', 'for', 'the', 'and']);
const withoutDot = (w: string) => (w.endsWith('.') ? w.slice(0, -1) : w);

let lastWords: Set<string> | null = null;
/** The last words of the titles that stand before a surname ("Prime Minister" -> Minister, "Mr." -> Mr). */
function titleLastWords(ctx: Context): Set<string> {
  lastWords ??= new Set(ctx.vocab.titleWords.map((w) => w.split(/\s+/).pop()!.replace(/\.$/, '')));
  return lastWords;
}

let titleEnds: RegExp | null = null;
/** Titles that end right before a name: "Minister of Defense Onodera", "Minister for Foreign Affairs Motegi". */
function titleEnd(ctx: Context): RegExp {
  if (titleEnds) return titleEnds;
  const rules = ctx.vocab.titleRules.filter((r) => r.role !== 'official').map((r) => `(?:${r.re.source})`).join('|');
  titleEnds = new RegExp(`(?:${rules})(?:\\s+of\\s+(?:the\\s+)?[A-Z][\\w.]*(?:\\s+[A-Z][\\w.]*)*)?\\s+$`, 'i');
  return titleEnds;
}

export const extractPeople: Extractor = (ctx) => {
  const { tokens, actors, text } = ctx;
  const people: PersonMention[] = [];
  // which characters are already a place or a person: O(1) overlap checks
  const placeAt = zeroedBytes(0, text.length + 1);
  for (const p of ctx.places) placeAt.fill(1, p.start, p.end);
  const personAt = zeroedBytes(1, text.length + 1);
  const add = (p: PersonMention) => { people.push(p); personAt.fill(1, p.start, p.end); };
  const inPlace = (s: number, e: number) => placeAt[s] === 1 && placeAt[e - 1] === 1;
  const any = (mask: Uint8Array, s: number, e: number) => { for (let k = s; k < e; k++) if (mask[k] === 1) return true; return false; };
  const covered = (s: number, e: number) => any(personAt, s, e) || inPlace(s, e);
  for (const m of matchPhrases(tokens, actors.byName, actors.maxWords)) {
    const start = tokens.start(m.i), end = tokens.end(m.i + m.n - 1);
    if (inPlace(start, end)) continue;
    add({ start, end, written: text.slice(start, end), candidates: m.value, surnameOnly: false, titleBefore: null, titleAfter: null });
  }
  // The tokens each pass below starts from, found in one walk over the tokens.
  const surnames: number[] = [], honorifics: number[] = [], titleHeads: number[] = [];
  const starts = startsOf(actors);
  for (let ti = 0; ti < tokens.length; ti++) {
    const kind = starts.getToken(tokens, ti);
    if (kind === undefined) continue;
    if ((kind & SURNAME) !== 0 && tokens.upper(ti)) surnames.push(ti);
    if ((kind & HONORIFIC_START) !== 0) honorifics.push(ti);
    if ((kind & TITLE_HEAD) !== 0 && TITLE_HEAD_FORMS.has(tokens.text(ti))) titleHeads.push(ti);
  }
  // Titled surnames, and all-caps surnames ("Minister HAYASHI").
  for (const ti of surnames) {
    const start = tokens.start(ti), end = tokens.end(ti);
    if (covered(start, end)) continue;
    const list = actors.bySurname.getToken(tokens, ti)!;
    const before = text.slice(Math.max(0, start - 40), start);
    // the word before decides: a title's last word ("Minister Kishida"), or a capitalised word that may end
    // a longer title ("Minister of Defense Onodera"), which the title rules then check
    const prev = wordBefore(before);
    // a title ends on the surname's own line ("... Kishi Nobuo" then "May 8, 2023" is no "Nobuo May")
    const titled = !/\n[^\S\n]*$/.test(before)
      && (titleLastWords(ctx).has(withoutDot(prev)) || (/^[A-Z]/.test(prev) && titleEnd(ctx).test(before)));
    const written = tokens.text(ti);
    const caps = written.length > 2 && written === written.toUpperCase() && /\p{L}{3}/u.test(written);
    if (!titled && !caps) continue;
    add({ start, end, written, candidates: list, surnameOnly: true, titleBefore: null, titleAfter: null });
  }
  // Names the dictionary does not know, introduced by an honorific.
  for (const ti of honorifics) {
    if (tokens.foldsTo(ti, 'the') && !(ti + 1 < tokens.length && HONORABLE.hasToken(tokens, ti + 1))) continue;
    HONORIFIC.lastIndex = tokens.start(ti);
    const m = HONORIFIC.exec(text);
    if (!m) continue;
    const from = m.index + m[0].length;
    const words = /^(?:[\p{L}.’'-]+(?:,? |$)){1,5}/u.exec(text.slice(from, from + 80))?.[0] ?? '';
    const parts: string[] = [];
    for (const w of words.split(/\s+/)) {
      const clean = w.replace(/,$/, '');
      if (!NAME_WORD.test(clean)) break;
      parts.push(clean);
      if (w.endsWith(',')) break;
    }
    while (parts.length && /^(?:de|van|von|bin|al|da|del|la|le)$/.test(parts[parts.length - 1])) parts.pop();
    if (parts.length < 2 || parts.some((p) => /^(?:Minister|Secretary|President|Prime|Foreign|Defense|Defence|The|Of|And|Japan|Mr\.?|Ms\.?)$/.test(p))) continue;
    const end = text.indexOf(parts[parts.length - 1], from) + parts[parts.length - 1].length;
    if (covered(from, end)) continue;
    add({ start: from, end, written: text.slice(from, end), candidates: [], surnameOnly: false, titleBefore: null, titleAfter: null });
  }
  // Unknown names after an office title: "Ukrainian Foreign Minister Kuleba", "Secretary of National Defense
  // Gilberto Teodoro Jr.": skip the rest of the title (of, for, the, office words, countries), then the name.
  for (const ti of titleHeads) {
    const word = WORD_AFTER;
    word.lastIndex = tokens.end(ti);
    let w = word.exec(text);
    // the rest of a title is a few words: a run of title words longer than MAX_TITLE_WORDS names no one after it
    // (and must not be walked again from each of its office words)
    let skipped = 0;
    while (w && !w[0].includes('\n') && (TITLE_JOINERS.has(w[1]) || STOP_WORDS.has(withoutDot(w[1])) || placeAt[w.index + w[0].length - 1] === 1)) {
      w = ++skipped > MAX_TITLE_WORDS ? null : word.exec(text);
    }
    const parts: { text: string; start: number; end: number }[] = [];
    for (; w && !w[0].includes('\n') && parts.length < 3 && w[1][0] !== w[1][0].toLowerCase() && !STOP_WORDS.has(withoutDot(w[1])); w = word.exec(text)) {
      const end = w.index + w[0].length;
      if (any(placeAt, end - w[1].length, end)) break;
      parts.push({ text: w[1].replace(/[.,]$/, ''), start: end - w[1].length, end: w[1].endsWith('.') && w[1].length > 2 ? end - 1 : end });
    }
    if (!parts.length || parts[0].text.length < 2) continue;
    const end = parts[parts.length - 1].end, start = parts[0].start;
    if (covered(start, end)) continue;
    add({ start, end, written: text.slice(start, end), candidates: [], surnameOnly: parts.length === 1, titleBefore: null, titleAfter: null });
  }
  // "Enrique A. Manalo": a middle initial the dictionary does not list
  for (const p of people) {
    if (p.candidates.length) continue;
    const key = keyOf(p.written.replace(/\b\p{Lu}\.\s*/gu, ''));
    const found = actors.byName.get(key);
    if (found) p.candidates = found;
  }
  people.sort((a, b) => a.start - b.start);
  // titles matter for the people who can be participants: those named up to the end of the opening
  const titledUpTo = ctx.opening?.end ?? text.length;
  for (const p of people) {
    if (p.start > titledUpTo) break;
    p.titleBefore = titleBefore(ctx, p.start);
    p.titleAfter = titleAfter(ctx, p.end, people);
  }
  ctx.people = people;
};
