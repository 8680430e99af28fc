// People named who are not at the table, and other meetings the text refers to.
import { calendarDate, findDates, inferYear, yearReference } from './date-grammar.js';
import { fold } from '../text/document.js';
import type { Context, Extractor, PersonMention } from './context.js';
import type { Actor } from '../data/actors.js';
import { mentionWords, sideOf } from './participants.js';
import { isSide } from './places.js';

const isParticipant = (ctx: Context, p: PersonMention): boolean => {
  const words = mentionWords(p.written);
  return ctx.participants.some((x) => (x.actor && p.candidates.includes(x.actor))
    || words.some((w) => x.words.has(w)));
};

/** The dictionary actor a name not at the table denotes, when the name is full or its surname unambiguous. */
function mentionedActor(ctx: Context, p: PersonMention): Actor | null {
  if (p.candidates.length !== 1 && p.surnameOnly) return null;
  return p.candidates.find((a) => ctx.actors.officeAt(a, ctx.record.meeting.date)) ?? p.candidates[0] ?? null;
}

/** The country of a dictionary office holder named who is not at the table ("President Putin" -> RU). */
export function mentionedActorCountry(ctx: Context, p: PersonMention): string | null {
  const actor = isParticipant(ctx, p) ? null : mentionedActor(ctx, p);
  return actor ? sideOf(actor, ctx.actors.officeAt(actor, ctx.record.meeting.date)) : null;
}

export const extractMentionedPeople: Extractor = (ctx) => {
  const names: string[] = [];
  const seen = new Set<string>();
  const countries = new Set<string>();
  for (const p of ctx.people) {
    if (isParticipant(ctx, p)) continue;
    const actor = mentionedActor(ctx, p);
    const name = actor?.name ?? (p.surnameOnly ? null : p.written.replace(/,/g, ''));
    if (name && !seen.has(name)) { seen.add(name); names.push(name); }
    // a dictionary office holder named refers to their country ("President Putin" -> RU)
    if (actor) countries.add(sideOf(actor, ctx.actors.officeAt(actor, ctx.record.meeting.date)));
  }
  ctx.record.mentions.people = names;
  const list = ctx.record.mentions.countries;
  for (const c of countries) if (!list.includes(c) && !isSide(ctx.gaz.countries.get(c))) list.push(c);
};

const MEETING_WORD = /\b(?:Summit|Meeting|Talks?|Dialogue|Committee|Conference|Call|Consultations)\b/;
const RELATED = /\b((?:[A-Z][\w.’'+]*(?:[-–][A-Z][\w.’'+]*)*\s+){1,7}(?:Summit(?: Meeting)?|Meeting|Telephone Talks?|Talks?|Dialogue|Committee|Conference|Call|Consultations))(?:\s+(?:\([^)]{1,20}\)\s+)?(?:on|in|of)\s+((?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)|(?:\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)|(?:[A-Z][a-z]+(?:\s+\d{4})?)))?/g;

export const extractRelated: Extractor = (ctx) => {
  const { text, record } = ctx;
  const own = record.meeting.title ? fold(record.meeting.title) : '';
  const ref = yearReference(record.source.publishedDate, ctx.yearHint);
  const seen = new Set<string>();
  const body = ctx.layout.bodyStart;
  const meeting = ctx.meetingSentence !== null ? ctx.sentences[ctx.meetingSentence] : null;
  // only paragraphs that name a meeting can refer to one
  for (const para of ctx.layout.paragraphs) {
    const slice = text.slice(para.start, para.end);
    if (para.start < body || !MEETING_WORD.test(slice)) continue;
    RELATED.lastIndex = 0;
    for (let m = RELATED.exec(slice); m; m = RELATED.exec(slice)) {
      const at = para.start + m.index;
      if (meeting && at >= meeting.start && at < meeting.end) continue;
      const title = m[1].replace(/^(?:The|the|At|In|On|Following|During|Building|Since)\s+/, '').trim();
      if (title.split(/\s+/).length < 2 || !/[-–]|\bG\d|\bSummit\b|\bDialogue\b|\bCommittee\b/.test(title)) continue;
      if (own && (own.includes(fold(title)) || fold(title).includes(own))) continue;
      let date: string | null = null;
      if (m[2]) {
        const d = findDates(m[2])[0];
        const year = d ? d.year ?? (ref ? inferYear(d.month, ref) : null) : null;
        if (d && year) date = calendarDate(ctx.warnings, m[2], d, year);
      }
      const key = fold(title) + (date ?? '');
      if (seen.has(key)) continue;
      seen.add(key);
      record.related.push({ title, date });
    }
  }
};
