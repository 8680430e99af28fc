// In person, by telephone or by video: from the meeting sentence and the headline.
import type { Extractor } from './context.js';

const VIDEO = /\bvideo[- ]?(?:conference|call|link|teleconference|conferencing|meeting|talks?)\b|\bvideoconference\b|\bvirtual(?:ly)?\b|\bonline (?:meeting|summit|talks|conference)\b|\bteleconference\b/i;
const PHONE = /\b(?:tele)?phone\b|\b(?:call|called|calls)\b|\bspoke\b(?![^.]*\b(?:met|meeting)\b)/i;
const IN_PERSON = /\bmet\b|\bmeets\b|\bvisit(?:ing|ed)?\b|\bheld (?:a |the )?(?:[\w’'-]+ ){0,5}?(?:meeting|talks|summit)\b|\bin [A-Z][a-z]+\b/;

export const extractMode: Extractor = (ctx) => {
  const { text, layout, record } = ctx;
  const headline = layout.header.find((h) => h.kind === 'headline')?.line.text ?? '';
  const sentence = ctx.meetingSentence !== null ? text.slice(ctx.sentences[ctx.meetingSentence].start, ctx.sentences[ctx.meetingSentence].end) : '';
  const both = `${headline}\n${sentence}`;
  if (VIDEO.test(both)) record.meeting.mode = 'video';
  else if (/\b(?:tele)?phone\b|\bcall\b/i.test(both) && !/\bcourtesy call\b/i.test(both)) record.meeting.mode = 'telephone';
  else if (PHONE.test(sentence) && !IN_PERSON.test(sentence) && !/\bcourtesy call\b/i.test(sentence)) record.meeting.mode = 'telephone';
  else record.meeting.mode = 'in-person';
};

export const extractKindAndFormat: Extractor = (ctx) => {
  const { record, participants } = ctx;
  const countries: string[] = [];
  for (const p of participants) if (!countries.includes(p.country)) countries.push(p.country);
  record.meeting.countries = countries;
  record.meeting.format = countries.length >= 4 ? 'multilateral' : countries.length === 3 ? 'trilateral' : 'bilateral';
  const title = record.meeting.title ?? '';
  const sides = countries.map((c) => participants.filter((p) => p.country === c).map((p) => p.role));
  const all = (role: string) => participants.length >= 2 && participants.every((p) => p.role === role);
  if (/\b(?:2\+2|two-plus-two|Security Consultative Committee)\b/i.test(title) ||
    (sides.length >= 2 && sides.every((r) => r.includes('foreign-minister') && r.includes('defense-minister') && r.every((x) => x === 'foreign-minister' || x === 'defense-minister')))) record.meeting.kind = 'two-plus-two';
  else if (all('leader')) record.meeting.kind = 'summit';
  else if (all('foreign-minister')) record.meeting.kind = 'foreign-ministers';
  else if (all('defense-minister')) record.meeting.kind = 'defense-ministers';
  else if (sides.length === 2 && sides.some((r) => r.every((x) => x === 'leader')) && sides.some((r) => r.every((x) => x !== 'leader'))) record.meeting.kind = 'courtesy-call';
  else if (participants.length >= 2) record.meeting.kind = 'other';
  else if (/\bcourtesy call\b/i.test(title)) record.meeting.kind = 'courtesy-call';
  else if (/\bsummit\b|\bleaders['’]? meeting\b|\bprime ministers['’]?\b/i.test(title)) record.meeting.kind = 'summit';
  else if (/\bforeign ministers['’]?\b/i.test(title)) record.meeting.kind = 'foreign-ministers';
  else if (/\bdefen[cs]e minist/i.test(title)) record.meeting.kind = 'defense-ministers';
  else record.meeting.kind = 'other';
};
