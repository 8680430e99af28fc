// A text that reports no meeting is not a readout: its record stays empty (null, []) with a warning,
// rather than carrying values guessed from a recipe or a news story.
import type { Extractor } from './context.js';

export const checkReadout: Extractor = (ctx) => {
  const { record } = ctx;
  const meetingVerb = ctx.meetingSentence !== null && ctx.meetingVerbEnd !== null;
  const isReadout = ctx.participants.length >= 1 && (meetingVerb || record.statements.length >= 2);
  if (isReadout) {
    if (ctx.participants.length < 2) ctx.warnings.push('only one participant found');
    return;
  }
  ctx.warnings.push('not a readout: no meeting between named participants found');
  const m = record.meeting;
  m.title = null; m.kind = 'other'; m.mode = 'in-person'; m.format = 'bilateral'; m.countries = []; m.date = null; m.start = null;
  m.durationMinutes = null; m.durationApproximate = false; m.location = { city: null, country: null, venue: null }; m.occasion = null;
  ctx.participants.length = 0;
  record.statements = []; record.topics = []; record.related = [];
  record.mentions = { countries: [], organizations: [], people: [] };
};
