// Where the meeting took place: "who was visiting Seoul, the Republic of Korea", "met ... in Tokyo",
// "at Bangkok", "in the Ministry of Defense", or the city an occasion names ("Munich Security Conference").
import type { Context, Extractor, PlaceMention } from './context.js';

const VENUE = /\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w’'.-]*\s+)*?(?:Ministry|House|Office|Hall|Palace|Hotel|Center|Centre|Residence|Building|Kantei|Pentagon|Chancellery|Élysée|Kremlin|Blue House|Guest House)(?:\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?)/;

function placeAfter(ctx: Context, at: number, within: number): PlaceMention | null {
  return ctx.places.find((p) => p.start >= at && p.start <= at + within && p.hit.kind !== 'region' && p.hit.kind !== 'adjective') ?? null;
}

function setPlace(ctx: Context, p: PlaceMention, next: PlaceMention | null): void {
  const loc = ctx.record.meeting.location;
  loc.country = p.hit.country;
  if (p.hit.kind === 'city' && p.hit.city) loc.city = p.hit.city.name;
  else if (p.hit.kind === 'country') {
    // city-states: "in Singapore" names the city too
    const city = ctx.gaz.cityByName.get(ctx.text.slice(p.start, p.end).toLowerCase());
    if (city && city.country === p.hit.country) loc.city = city.name;
  }
  if (p.hit.kind === 'city' && next && next.hit.kind === 'country' && next.start - p.end <= 8) loc.country = next.hit.country;
}

export const extractLocation: Extractor = (ctx) => {
  const { record, text, sentences } = ctx;
  if (record.meeting.mode !== 'in-person' || ctx.meetingSentence === null) return;
  const s = sentences[ctx.meetingSentence];
  const scope = ctx.opening ? { start: Math.min(s.start, ctx.opening.start), end: Math.max(s.end, ctx.opening.end) } : s;
  const sentence = text.slice(scope.start, scope.end);
  const nextPlace = (p: PlaceMention) => ctx.places.find((q) => q.start > p.end && q.start <= p.end + 8) ?? null;
  const visiting = /\bvisiting\s+(?:the\s+)?/g;
  for (let m = visiting.exec(sentence); m; m = visiting.exec(sentence)) {
    const p = placeAfter(ctx, scope.start + m.index + m[0].length, 0);
    if (p) { setPlace(ctx, p, nextPlace(p)); break; }
  }
  if (!record.meeting.location.country) {
    const inAt = /\b(?:in|at)\s+(?:the\s+)?/g;
    for (let m = inAt.exec(sentence); m; m = inAt.exec(sentence)) {
      const p = placeAfter(ctx, scope.start + m.index + m[0].length, 0);
      if (p && p.hit.kind !== 'adjective') { setPlace(ctx, p, nextPlace(p)); break; }
    }
  }
  const v = VENUE.exec(text.slice(s.start, s.end));
  if (v && !/^(?:Japan|United|White House Briefing)/.test(v[1])) {
    record.meeting.location.venue = v[1].trim();
    if (!record.meeting.location.country && /^Ministry\b/.test(v[1])) record.meeting.location.country = ctx.publisherCountry;
  }
  if (!record.meeting.location.country) {
    // the occasion names the city: "the 56th Munich Security Conference"
    const city = ctx.places.find((p) => p.start >= s.start && p.end <= s.end && p.hit.kind === 'city');
    if (city) setPlace(ctx, city, null);
  }
};

const OCCASION = /\b(?:to attend|on the occasion of|on the (?:sidelines|margins) of|at the margins of|during)\s+((?:the\s+)?[^,.;()]*?(?:Summit|Meeting|Conference|Assembly|Dialogue|Forum|Session|Games|Olympics|Ceremony|Visit|visit|Week)[^,.;()]*?)(?=\s*(?:,|\.|;|\(|\bat\b|\bin\b|\bon\b|\bheld\b|$))/;

export const extractOccasion: Extractor = (ctx) => {
  if (ctx.meetingSentence === null) return;
  const s = ctx.sentences[ctx.meetingSentence];
  const scope = ctx.opening ?? s;
  const m = OCCASION.exec(ctx.text.slice(Math.min(s.start, scope.start), Math.max(s.end, scope.end)));
  if (m) ctx.record.meeting.occasion = m[0].trim();
};
