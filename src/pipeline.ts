// Assembles the extraction pipeline: source text -> tokens and segments -> extractors, in order -> record.
// Each extractor is a small module reading the shared context and filling its part of the record.
import { sha256Hex } from './source/sha256.js';
import { actorDictionary } from './data/actors.js';
import { gazetteer } from './data/gazetteer.js';
import { organizations } from './data/organizations.js';
import { taxonomy, vocabulary } from './data/vocabulary.js';
import { segmentLayout } from './segment/layout.js';
import { splitSentences, type Sentence } from './segment/sentences.js';
import { tokenize } from './text/tokens.js';
import type { Context, Extractor } from './extractors/context.js';
import { extractHeader } from './extractors/header.js';
import { extractPlaces } from './extractors/places.js';
import { extractPeople } from './extractors/people.js';
import { findOpening } from './extractors/opening.js';
import { extractMeetingDate } from './extractors/meeting-date.js';
import { extractMode, extractKindAndFormat } from './extractors/mode.js';
import { extractLocation, extractOccasion } from './extractors/location.js';
import { extractParticipants } from './extractors/participants.js';
import { extractStartTime, extractDuration } from './extractors/start-time.js';
import { extractStatements } from './extractors/statements.js';
import { extractTopics } from './extractors/topics.js';
import { extractMentionedPeople, extractRelated } from './extractors/mentions.js';
import { checkReadout } from './extractors/readout-check.js';
import type { ReadoutRecord } from './record/schema.js';

export interface ExtractOptions {
  path?: string | null;
  sha256?: string;
  /** A topic taxonomy file replacing the default (same shape as data/topics.json). */
  taxonomy?: string;
  /** Actor dictionary files extending the default (same shape as data/actors.json). */
  actors?: string[];
}

/** The extractors in the order they run; later ones read what earlier ones found. */
export const EXTRACTORS: Extractor[] = [
  extractHeader, extractPlaces, findOpening, extractPeople, extractMeetingDate, extractMode, extractLocation,
  extractParticipants, extractOccasion, extractStartTime, extractDuration, extractKindAndFormat, extractStatements,
  extractTopics, extractMentionedPeople, extractRelated, checkReadout,
];

function emptyRecord(path: string | null, sha256: string): ReadoutRecord {
  return {
    schema: 'readout/1',
    source: { path, sha256, publisher: null, publishedDate: null },
    meeting: {
      title: null, kind: 'other', mode: 'in-person', format: 'bilateral', countries: [], date: null, start: null,
      durationMinutes: null, durationApproximate: false, location: { city: null, country: null, venue: null }, occasion: null,
    },
    participants: [], statements: [], topics: [], mentions: { countries: [], organizations: [], people: [] }, related: [],
  };
}

export function extract(text: string, options: ExtractOptions = {}): ReadoutRecord {
  const sha256 = options.sha256 ?? sha256Hex(text);
  const vocab = vocabulary();
  const layout = segmentLayout(text, vocab);
  const sentences: Sentence[] = [];
  layout.paragraphs.forEach((p, i) => sentences.push(...splitSentences(text, p.start, p.end, i, vocab)));
  const ctx: Context = {
    text, path: options.path ?? null, tokens: tokenize(text), vocab, gaz: gazetteer(), actors: actorDictionary(options.actors ?? []),
    orgs: organizations(), taxonomy: taxonomy(options.taxonomy), layout, sentences, record: emptyRecord(options.path ?? null, sha256),
    places: [], people: [], participants: [], statementHeads: new Map(), meetingSentence: null, meetingVerbStart: null, meetingVerbEnd: null, firstPerson: null, opening: null, rangeMinutes: null,
    publisherCountry: null, yearHint: null, warnings: [],
  };
  for (const run of EXTRACTORS) {
    // one extractor's failure costs its own fields, not the record: the rest still runs
    try { run(ctx); } catch (e) { ctx.warnings.push(`${run.name} failed: ${(e as Error).message}`); }
  }
  ctx.record.participants = ctx.participants.map((p) => ({
    name: p.name, title: p.title, role: p.role, country: p.country, actorId: p.actor?.id ?? null,
    mentions: dedupeSpans(p.mentions),
  }));
  if (ctx.warnings.length) ctx.record.warnings = ctx.warnings;
  return ctx.record;
}

/** Sorted spans without repeats or spans inside another ("Prime Minister" within "The Prime Minister"). */
function dedupeSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const out: [number, number][] = [];
  for (const s of sorted) if (!out.some(([a, b]) => a <= s[0] && s[1] <= b)) out.push(s);
  return out;
}
