// Headline, date line and publisher: what the page says about itself before the body.
import { calendarDate, findDates, findMonthYear } from './date-grammar.js';
import { lineBefore, squeezeSpaceRuns } from '../text/document.js';
import type { Extractor } from './context.js';
import { readDataJson } from '../data/paths.js';
import { requiredAnchors } from '../text/regex-literals.js';
import { literalScanner, type LiteralScanner } from '../text/literal-scanner.js';

interface PublisherRule { name: string; country: string; cues: string[] }
interface Publishers { rules: { name: string; country: string; cue: RegExp; anchors: string[] | null }[]; scanner: LiteralScanner }
let publisherRules: Publishers | null = null;

function publishers(): Publishers {
  if (publisherRules) return publisherRules;
  const rules = readDataJson<{ publishers: PublisherRule[] }>('publishers.json').publishers.map((p) => {
    // a rule is tried only when a literal one of its cues needs is on the page (null: some cue needs none)
    const anchors = p.cues.map((c) => requiredAnchors(c, false));
    return { ...p, cue: new RegExp(p.cues.map((c) => `(?:${c})`).join('|'), 'im'), anchors: anchors.some((a) => !a) ? null : anchors.flat() as string[] };
  });
  publisherRules = { rules, scanner: literalScanner(rules.flatMap((r) => r.anchors ?? []), true) };
  return publisherRules;
}

/** Cleans a headline or caption: "(Photo) X", "photo1: X Photo: Cabinet ...", "X1" -> "X". */
function cleanTitle(s: string, prefix: RegExp, suffix: RegExp): string {
  return squeezeSpaceRuns(s.trim()).replace(prefix, '').replace(suffix, '').replace(/\s+/g, ' ').trim();
}

export const extractHeader: Extractor = (ctx) => {
  const { vocab, layout, text, record } = ctx;
  // Published date: the first date line in the header, else a dated headline ("...: 14 June 2024"); a date that
  // is no calendar day leaves it null (with a warning), not the next one found.
  let dated = false;
  for (const h of layout.header) {
    if (h.kind !== 'date' && h.kind !== 'headline' && h.kind !== 'boilerplate') continue;
    const d = findDates(h.line.text).find((x) => x.year !== null);
    if (d && d.year) { record.source.publishedDate = calendarDate(ctx.warnings, h.line.text, d, d.year); dated = true; break; }
  }
  if (!dated) {
    // "Date\n2020-02-15" puts the date on the line after a label; a date line may also open the body
    const head = text.slice(0, Math.min(text.length, layout.bodyStart + 200));
    const d = findDates(head).find((x) => x.year !== null && /^\s*(?:date\s*:?\s*)?$/i.test(lineBefore(head, x.start, 80) ?? '-'));
    if (d && d.year) record.source.publishedDate = calendarDate(ctx.warnings, head, d, d.year);
  }
  if (record.source.publishedDate) ctx.yearHint = Number(record.source.publishedDate.slice(0, 4));
  else {
    for (const h of layout.header) {
      const my = findMonthYear(h.line.text);
      if (my) { ctx.yearHint = my.year; break; }
    }
  }
  // Title: the first headline naming a meeting; a photo caption naming one if no headline does.
  let title: string | null = null;
  let caption: string | null = null;
  for (const h of layout.header) {
    if (h.kind === 'headline' || h.kind === 'caption') {
      const t = cleanTitle(h.line.text, vocab.captionPrefix, vocab.captionSuffix);
      if (!vocab.meetingNouns.test(t) || t.length < 8) continue;
      if (h.kind === 'headline' && !title) title = t;
      if (h.kind === 'caption' && !caption) caption = t;
    }
  }
  record.meeting.title = title ?? caption;
  // Publisher: a page's own cues (a spokesperson line, a ministry name, the layout of an overview).
  const head = text.slice(0, Math.min(text.length, Math.max(layout.bodyStart, 0) + 600));
  const page = text.length > head.length + 400 ? `${head}\n${text.slice(-400)}` : text;
  const { rules, scanner } = publishers();
  const found = new Set(scanner.occurrences(page).literals);
  for (const p of rules) {
    if ((p.anchors === null || p.anchors.some((a) => found.has(a))) && p.cue.test(page)) {
      record.source.publisher = p.name;
      ctx.publisherCountry = p.country;
      break;
    }
  }
};
