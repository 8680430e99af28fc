// Where the meeting took place, from the most specific statement the opening makes: a labelled "Venue:"
// field, a known venue ("at the White House"), "who was visiting Seoul, the Republic of Korea", "in Tokyo",
// "at Bangkok", "in Wilmington, Delaware", a city an occasion names ("Munich Security Conference"), and last
// the page's dateline ("Ottawa, Ontario").
import { venues } from '../data/venues.js';
import type { Context, Extractor, PlaceMention } from './context.js';
import { tokensWithin } from '../text/tokens.js';
import { spansWithin } from '../text/spans.js';

const VENUE_WORDS = '(?:Palace|Hall|House|Hill|Tower|Castle|Hotel|Ministry|Office|Center|Centre|Residence|Building|Kantei|Pentagon|Chancellery|Guesthouse|Guest House|Lodge|Manor|Villa|Headquarters|Gardens?|Park|Mansion)';
const VENUE = new RegExp(`\\b(?:in|at|on)\\s+(?:the\\s+)?((?:[A-Z][\\w’'.-]*\\s+){0,4}?${VENUE_WORDS}(?:\\s+of\\s+(?:the\\s+)?[A-Z][\\w’'.-]*(?:\\s+[A-Z][\\w’'.-]*)*)?)\\b`);
// "who is visiting Seoul", "who is on a working visit to Singapore"
const VISITING = new RegExp('\\b(?:visiting|visited|visits|on\\s+(?:a|an|his|her|their)\\s+'
  + '(?:[\\w-]+\\s+){0,2}?visit\\s+to)\\s+(?:the\\s+)?', 'g');
const FIELD = /^\s*(?:Venue|Place|Location)\s*:\s*(.+)$/im;

interface Found { city: string | null; country: string | null; venue: string | null }

function fromPlace(ctx: Context, p: PlaceMention): Found {
  const found: Found = { city: null, country: p.hit.country, venue: null };
  if (p.hit.kind === 'city' && p.hit.city) found.city = p.hit.city.name;
  else if (p.hit.kind === 'country') {
    // city-states: "in Singapore" names the city too
    const city = ctx.gaz.cityByName.get(ctx.text.slice(p.start, p.end).toLowerCase());
    if (city && city.country === p.hit.country) found.city = city.name;
  } else if (p.hit.kind === 'place') {
    // "in Wilmington, Delaware": an unknown town before its state
    const m = /(?:in|at)\s+((?:[A-Z][\w’'-]+\s?){1,3}),\s*$/.exec(ctx.text.slice(Math.max(0, p.start - 40), p.start));
    if (m) found.city = m[1].trim();
  }
  return found;
}

export const extractLocation: Extractor = (ctx) => {
  const { record, text, sentences } = ctx;
  if (record.meeting.mode !== 'in-person' || ctx.meetingSentence === null) return;
  const s = sentences[ctx.meetingSentence];
  const scope = ctx.opening ? { start: Math.min(s.start, ctx.opening.start), end: Math.max(s.end, ctx.opening.end) } : s;
  const region = text.slice(scope.start, scope.end);
  const placesIn = spansWithin(ctx.places, scope.start, scope.end).filter((p) => p.hit.country && p.hit.kind !== 'region' && p.hit.kind !== 'adjective');
  const candidates: Found[] = [];
  const field = FIELD.exec(region);
  if (field) {
    const at = scope.start + field.index + field[0].indexOf(field[1]);
    candidates.push({ city: null, country: null, venue: field[1].split(',')[0].trim() });
    for (const p of placesIn) if (p.start >= at && p.end <= at + field[1].length) candidates.push(fromPlace(ctx, p));
  }
  const tokens = tokensWithin(ctx.tokens, scope.start, scope.end);
  for (const v of venues().find(tokens)) {
    const start = tokens.start(v.i), end = tokens.end(v.i + v.n - 1);
    const before = text.slice(Math.max(scope.start, start - 12), start);
    if (!/\b(?:at|in|on|to)\s+(?:the\s+)?$/i.test(before)) continue;
    candidates.push({ city: v.value.city, country: v.value.country, venue: text.slice(start, end) });
  }
  // the first place (of placesIn) starting at each offset
  const placeAt = new Map<number, PlaceMention>();
  for (const p of placesIn) if (!placeAt.has(p.start)) placeAt.set(p.start, p);
  const after = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(region); m; m = re.exec(region)) {
      const p = placeAt.get(scope.start + m.index + m[0].length);
      if (p) return p;
    }
    return null;
  };
  const visiting = after(VISITING);
  if (visiting) candidates.push(fromPlace(ctx, visiting));
  const inAt = after(/\b(?:in|at)\s+(?:the\s+)?/g) ?? after(/\b(?:in|at)\s+(?:[A-Z][\w’'-]+\s?){1,3},\s*/g);
  if (inAt) candidates.push(fromPlace(ctx, inAt));
  const v = VENUE.exec(text.slice(s.start, s.end)) ?? VENUE.exec(region);
  if (v && !/^(?:Japan|United|White House Briefing)/.test(v[1]) && !candidates.some((c) => c.venue)) {
    candidates.push({ city: null, country: /^Ministry\b/.test(v[1]) ? ctx.publisherCountry : null, venue: v[1].trim() });
  }
  if (!candidates.some((c) => c.country)) {
    // the occasion names the city: "the 56th Munich Security Conference"
    const city = placesIn.find((p) => p.start >= s.start && p.end <= s.end && p.hit.kind === 'city');
    if (city) candidates.push(fromPlace(ctx, city));
  }
  if (!candidates.some((c) => c.country)) {
    // the dateline: a header line that is only a place ("Ottawa, Ontario"), or "New Delhi:" opening the body
    for (const h of ctx.layout.header) {
      const line = h.line.text.trim();
      const ps = spansWithin(ctx.places, h.line.start, h.line.end);
      if (ps.length && ps[0].hit.kind === 'city' && /^[\p{L} .,'’-]+$/u.test(line) && line.length < 40) { candidates.push(fromPlace(ctx, ps[0])); break; }
    }
  }
  if (!candidates.some((c) => c.country)) {
    const d = bodyDateline(ctx);
    if (d) candidates.push(d);
  }
  const loc = record.meeting.location;
  for (const c of candidates) {
    if (!loc.country && c.country) loc.country = c.country;
    if (!loc.city && c.city && (!loc.country || c.country === loc.country || c.country === null)) loc.city = c.city;
    if (!loc.venue && c.venue) loc.venue = c.venue;
  }
};

// "PORTOROŽ, Slovenia - ", "Hanoi - ", "New Delhi: " opening the body: a place, maybe its country, then a dash or colon
const DATELINE = /^[^\S\n]*(\p{Lu}[\p{L}’'.]*(?:[ -]\p{Lu}[\p{L}’'.]*){0,3})(?:,[^\S\n]*(\p{Lu}[\p{L}’'.]*(?:[ -]\p{Lu}[\p{L}’'.]*){0,3}))?[^\S\n]*[-–—:][^\S\n]/u;

/** The place of the body's dateline; an unknown town before a known country is kept as written ("Portorož"). */
function bodyDateline(ctx: Context): Found | null {
  const first = ctx.layout.paragraphs[0]; // paragraphs are the body's
  if (!first) return null;
  const m = DATELINE.exec(ctx.text.slice(first.start, first.end));
  if (!m) return null;
  const placeIn = (from: number, to: number) => spansWithin(ctx.places, from, to).find((p) => p.hit.country && p.hit.kind !== 'adjective');
  const townStart = first.start + m.index + m[0].indexOf(m[1]), townEnd = townStart + m[1].length;
  const town = placeIn(townStart, townEnd);
  if (town) return fromPlace(ctx, town);
  if (!m[2]) return null;
  const countryStart = first.start + m.index + m[0].lastIndexOf(m[2]);
  const country = placeIn(countryStart, countryStart + m[2].length);
  if (!country || country.hit.kind !== 'country') return null;
  // datelines are often in capitals: "PORTOROŽ" is Portorož
  const name = m[1] === m[1].toUpperCase() ? m[1].toLowerCase().replace(/(^|[ -])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase()) : m[1];
  return { city: name, country: country.hit.country, venue: null };
}

const OCCASION = /\b(?:to attend|on the occasion of|on the (?:sidelines|margins) of|at the margins of|during)\s+((?:the\s+)?[^,.;()]*?(?:Summit|Meeting|Conference|Assembly|Dialogue|Forum|Session|Games|Olympics|Ceremony|Visit|visit|Week)[^,.;()]*?)(?=\s*(?:,|\.|;|\(|\bat\b|\bin\b|\bon\b|\bheld\b|$))/;

export const extractOccasion: Extractor = (ctx) => {
  if (ctx.meetingSentence === null) return;
  const s = ctx.sentences[ctx.meetingSentence];
  const scope = ctx.opening ?? s;
  const m = OCCASION.exec(ctx.text.slice(Math.min(s.start, scope.start), Math.max(s.end, scope.end)));
  if (m) ctx.record.meeting.occasion = m[0].trim();
};
