// A whole page on one line (pasted from a chat, a spreadsheet cell, a form field) -> its header lines and its body's
// paragraphs on lines of their own, as the layout reader expects. Only spaces become line breaks, so the text keeps
// its length and spans index both. Texts with line breaks come back as they are.
//
// Reads: the one-line text; data/layout.json (`headerFields`, `runOn`) and the gazetteer's cities (datelines).
// Writes: line breaks before numbered items, labelled header fields, page furniture, a date line, a lead-in ending
// with a colon, a dateline ("New Delhi:", "Seoul, March 25, 2012") and the body's first sentence after a headline.

import { readDataJson } from '../data/paths.js';
import { gazetteer } from '../data/gazetteer.js';
import { keyOf } from '../text/tokens.js';

interface RunOnData {
  headerFields: string;
  runOn: { furniture: string[]; leadIns: string[]; subjectOpeners: string[]; titleWords: string[] };
}
interface RunOnRules {
  fieldStarts: RegExp;
  furniture: RegExp;
  leadIns: RegExp[];
  openers: Set<string>;
  titleWords: Set<string>;
}
let rules: RunOnRules | null = null;
function runOnRules(): RunOnRules {
  if (rules) return rules;
  const data = readDataJson<RunOnData>('layout.json');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const adjectives = [...gazetteer().countries.values()].flatMap((c) => c.adjectives);
  rules = {
    // where a labelled header field starts inside the line: the layout's own labels, unanchored
    fieldStarts: new RegExp(` (?=${data.headerFields.replace(/^\^\\s\*/, '')})`, 'gi'),
    furniture: new RegExp(` (${data.runOn.furniture.map(escape).join('|')})(?= |$)`, 'g'),
    leadIns: data.runOn.leadIns.map((p) => new RegExp(p)),
    // a nationality opens a sentence as well as an office does ("... in Tokyo Japanese Prime Minister ... held")
    openers: new Set([...data.runOn.subjectOpeners, ...adjectives]),
    titleWords: new Set(data.runOn.titleWords),
  };
  return rules;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|'
  + '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
/** A date line's date near the start of a page: "August 16, 2017", "16 August 2017", "2017-08-16", "02.04.2011". */
const LEAD_DATES = new RegExp(
  `(?:${MONTH} \\d{1,2}, \\d{4}|\\d{1,2} ${MONTH} \\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}([./-])\\d{1,2}\\1\\d{4})`, 'g');
/** A date a sentence gives rather than a date line: after "On", "since", "of" ... */
const DATE_IN_SENTENCE = /\b(?:On|on|of|in|since|from|to|until|by)\s$/;
/** The first sentence of a readout's body, run on after its headline: " On January 28, 2018," " On Monday,". */
const BODY_OPENING = new RegExp(` (?=On (?:${MONTH} \\d|\\d{1,2} ${MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day`
  + '|the (?:morning|afternoon|evening|night|occasion|sidelines|margins) of))');
/** Numbered items run into one line: " 1. The", " (2) Minister". */
const RUN_ON_ITEMS = [/ (\d{1,2})\. (?=[A-Z“"(])/g, / \((\d{1,2})\) (?=[A-Z“"])/g];
/** Words a headline writes in lower case: a lower-case word that is none of these starts a sentence. */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'between', 'by', 'de', 'du', 'for', 'from', 'in', 'of', 'on',
  'the', 'to', 'via', 'von', 'van', 'vs', 'vs.', 'with', '-', '–', '—', '&', '|']);
/** The place before a dateline's mark: "New Delhi:", "Seoul, ", "PORTOROŽ, Slovenia - ". */
const CAPITALISED = "\\p{Lu}[\\p{L}'’.-]*";
const DATELINE_BEFORE = new RegExp(`(?:^|\\s)(${CAPITALISED}(?:\\s${CAPITALISED}){0,2})`
  + `(?:,\\s${CAPITALISED}(?:\\s${CAPITALISED})?)?(?::|,|\\s[-–—])\\s$`, 'u');
const BARE_PLACE_BEFORE = /(?:^|\s)(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})\s$/u;
const HEAD = 1500;
const CAPTION_START = / (?=\((?:Photo|photo)\) |(?:photo|Photo)\d+ ?:)/g;
const MONTH_YEAR_FIELD = new RegExp(`(?<= [\\p{Lu}\\d][\\p{L}\\d.]* )${MONTH} \\d{4}(?= \\p{Lu})`, 'gu');
/** A sentence's verb, as a body's first sentence has it and a headline does not ("met", "held", "welcomed"). */
const SENTENCE_VERB = new RegExp('^(?:\\p{Ll}[\\p{Ll}-]*ed|met|held|spoke|had|paid|made|gave|took|led|sent|began'
  + '|was|were|said|told|is|are|has|have|will)$', 'u');

export function splitRunOnText(text: string): string {
  if (text.includes('\n') || text.length < 300) return text;
  const r = runOnRules();
  const breaks = new Set<number>(); // offsets of spaces that become line breaks
  const breakAt = (at: number) => { if (text[at] === ' ') breaks.add(at); };
  for (const re of RUN_ON_ITEMS) {
    const items: number[] = [];
    for (const m of text.matchAll(re)) if (Number(m[1]) === items.length + 1) items.push(m.index);
    if (items.length >= 2) for (const at of items) breakAt(at);
  }
  const head = text.slice(0, HEAD);
  for (const m of head.matchAll(r.fieldStarts)) breakAt(m.index);
  // the body's opening: "On February 10, ..." near the start, after a headline (and after its dateline)
  const opening = BODY_OPENING.exec(text.slice(0, 800));
  if (opening && opening.index > 0) breakAt(datelineStart(text, opening.index + 1) - 1);
  // the date line: the last date near the start that follows a headline, where no sentence has ended yet and no
  // sentence gives it ("On 16 December 2023, a meeting ..."); a headline may end with a date of its own
  const top = text.slice(0, 300);
  let date: RegExpExecArray | null = null;
  for (const m of top.matchAll(LEAD_DATES)) {
    const before = top.slice(0, m.index);
    if (top[m.index - 1] !== ' ') continue; // "(March 6, 2024)", "05-06 March 2024" are inside a line
    if (!/\p{Ll}{2}[.!?] /u.test(before) && !DATE_IN_SENTENCE.test(before)) date = m;
  }
  const firstSentence = /\p{Ll}{2}[.!?] /u.exec(head)?.index ?? head.length;
  // photo captions: "... Meeting (Photo) Japan-U.S. ...", "... Office photo2:Japan-U.S. ..."
  for (const m of head.slice(0, firstSentence).matchAll(CAPTION_START)) breakAt(m.index);
  // a month and year closing a header field: "JDF No.102 August 2018 Japan-U.S. Defense Ministerial Meeting"
  for (const m of head.slice(0, firstSentence).matchAll(MONTH_YEAR_FIELD)) breakAt(m.index + m[0].length);
  // a header's fields kept apart by bars: "News item | 22-04-2016 | Ministry of General Affairs"
  for (const m of head.slice(0, firstSentence).matchAll(/ [|•] (?=\S)/g)) breakAt(m.index + 2);
  if (date) {
    breakAt(datelineStart(text, date.index, true) - 1);
    breakAt(date.index + date[0].length);
  }
  // page furniture between a headline and the body ("... Séjourné Readout Office of the Spokesperson January 16")
  for (const m of head.slice(0, firstSentence).matchAll(r.furniture)) {
    const end = m.index + m[0].length;
    if (m.index === 0 || head.startsWith(' of ', end)) continue; // "Readout of President Biden's Call ..." 
    breakAt(m.index);
    if (/^ [\p{Lu}\d]/u.test(head.slice(end, end + 2))) breakAt(end);
  }
  // a lead-in: "The below is attributable to Spokesperson Matthew Miller: Secretary ..."
  for (const re of r.leadIns) {
    const m = re.exec(head);
    if (!m) continue;
    if (/^\p{Lu}/u.test(m[0])) breakAt(m.index - 1);
    breakAt(m.index + m[0].length);
  }
  splitRepeatedHeadlines(text, breaks, firstSentence);
  const sentence = firstSentenceStart(text, [...breaks].sort((a, b) => a - b), r);
  if (sentence !== null) breakAt(datelineStart(text, sentence) - 1);
  const out = text.split('');
  for (const at of breaks) out[at] = '\n';
  return out.join('');
}

/** A release number before a date line: "NR-06.087 - September 29, 2006". */
const RELEASE_NUMBER_BEFORE = /(?:^|\s)(\p{Lu}{1,5}[-\s]?\d[\d./-]*\s[-–—|])\s$/u;

/** A headline printed twice in a row ("Japan-U.S. Defense Ministerial Meeting Japan-U.S. Defense Ministerial
 *  Meeting", a page's title over its heading) -> two lines. */
function splitRepeatedHeadlines(text: string, breaks: Set<number>, headEnd: number): void {
  const ends = [...breaks].filter((b) => b < headEnd).sort((a, b) => a - b);
  let from = 0;
  for (const to of [...ends, headEnd]) {
    const line = text.slice(from, to);
    const middle = (line.length - 1) / 2;
    if (line.length >= 21 && Number.isInteger(middle) && line[middle] === ' '
      && line.slice(0, middle) === line.slice(middle + 1)) breaks.add(from + middle);
    from = to + 1;
  }
}

/** Where a dateline before `at` starts ("New Delhi: Prime Minister ...", "Seoul, March 25, 2012", a release
 *  number), else `at`. */
function datelineStart(text: string, at: number, beforeDate = false): number {
  const before = text.slice(Math.max(0, at - 60), at);
  const number = RELEASE_NUMBER_BEFORE.exec(before);
  if (number) return at - number[1]!.length - 1;
  // before a date the place may stand bare: "(excerpt) New Delhi August 21, 2010"; never after "in", "at" ...
  const m = DATELINE_BEFORE.exec(before) ?? (beforeDate ? BARE_PLACE_BEFORE.exec(before) : null);
  if (!m) return at;
  const words = m[1]!.split(/\s/);
  const cities = gazetteer().cityByName;
  const placeEnd = at - before.length + m.index + m[0].indexOf(m[1]!) + m[1]!.length;
  for (let n = words.length; n >= 1; n--) { // the longest place first: "New Delhi", not "Delhi"
    const place = words.slice(-n).join(' ');
    if (!cities.has(keyOf(place))) continue;
    const start = placeEnd - place.length;
    // "... Meeting in Tokyo March 3, 2023": a place a headline's sentence names is not a dateline
    return /\b(?:in|at|to|from|of|and)\s$/.test(text.slice(Math.max(0, start - 6), start)) ? at : start;
  }
  return at;
}

/** The body's first sentence run on after a headline, in the first long line of the page: the last word of the
 *  headline's capitalised run that opens a subject ("... of Japan | President Joseph R. Biden, Jr. met"). */
function firstSentenceStart(text: string, breaks: number[], r: RunOnRules): number | null {
  let from = 0;
  for (const at of [...breaks, text.length]) {
    if (from >= HEAD) return null;
    // a body that opens with its date ("On June 29, Minister ...") or a dateline has no headline run into it
    if (at - from >= 120) return text.startsWith('On ', from) ? null : subjectIn(text, from, at, r);
    from = at + 1;
  }
  return null;
}

function subjectIn(text: string, from: number, to: number, r: RunOnRules): number | null {
  const words = /\S+/g;
  words.lastIndex = from;
  let previous = '';
  let candidate: number | null = null;
  for (let n = 0, m = words.exec(text); m && m.index < to && n < 40; n++, m = words.exec(text)) {
    const word = m[0];
    const bare = word.replace(/[,;:]$/, '');
    if (/[\p{Ll}\d]{2}[.!?]["”’)]?$/u.test(word)) return null; // a sentence ended: no headline runs into it
    // a sentence's verb, or a word in lower case after a subject opened: "... Meeting Foreign Minister X, who is"
    if (/^\p{Ll}/u.test(word) && (candidate !== null || SENTENCE_VERB.test(bare))) return candidate;
    // an opener right after a word that takes it as an object or a title's part is inside the phrase:
    // "with Prime Minister", "Japan's Foreign Minister", "External Affairs Minister", "Kishida, Minister for"
    // after a dateline's mark, when a headline came before it: "... in Hanoi HANOI - Secretary ..."
    const dateline = (/^[-–—]$/.test(previous) || previous.endsWith(':')) && n >= 4;
    const inside = previous.endsWith(',') || SMALL_WORDS.has(previous) || r.openers.has(previous)
      || (r.titleWords.has(previous) && r.titleWords.has(bare)) || /['’]s$/.test(previous)
      || /^\p{Ll}/u.test(previous);
    if (n >= 2 && r.openers.has(bare) && (dateline || !inside)) candidate = m.index;
    previous = word.endsWith(',') || word.endsWith(':') ? word : bare;
  }
  return null;
}
