// The meeting's date as the opening states it ("On June 14", "on 04 November 2019", "today"), its year from
// the date line when the sentence omits it. The time extractor refines it to the local date of the start.
import { calendarDate, findDates, inferYear, yearReference } from './date-grammar.js';
import type { Extractor } from './context.js';

export const extractMeetingDate: Extractor = (ctx) => {
  const { text, record, sentences } = ctx;
  const published = record.source.publishedDate;
  const ref = yearReference(published, ctx.yearHint);
  const regions: [number, number][] = [];
  if (ctx.meetingSentence !== null) regions.push([sentences[ctx.meetingSentence].start, sentences[ctx.meetingSentence].end]);
  if (ctx.opening) regions.push([ctx.opening.start, ctx.opening.end]);
  const headline = ctx.layout.header.find((h) => h.kind === 'headline');
  if (headline) regions.push([headline.line.start, headline.line.end]);
  for (const [from, to] of regions) {
    const d = findDates(text, from, to)[0];
    if (!d) continue;
    const year = d.year ?? (ref ? inferYear(d.month, ref) : null);
    // a date that is no calendar day ("February 30") leaves the date null, with a warning
    if (year) { record.meeting.date = calendarDate(ctx.warnings, text, d, year); return; }
    return; // a date without any year to give it: null rather than a guess
  }
  // "met today" or no date in the sentence: the page's own date
  if (published) record.meeting.date = published;
};
