// Assembles the extraction pipeline: source text -> tokens and segments -> extractors, in order -> record.
// Each extractor is a small module reading the shared context and filling its part of the record.
import { sha256Hex } from './source/sha256.js';
import { actorDictionary } from './data/actors.js';
import { gazetteer } from './data/gazetteer.js';
import { organizations } from './data/organizations.js';
import { taxonomy, vocabulary } from './data/vocabulary.js';
import { segmentLayout } from './segment/layout.js';
import { MAX_SENTENCE, splitSentences, type Sentence } from './segment/sentences.js';
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
import { extractTargets } from './extractors/targets.js';
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
  extractTopics, extractTargets, extractMentionedPeople, extractRelated, checkReadout,
];

function emptyRecord(path: string | null, sha256: string): ReadoutRecord {
  return {
    schema: 'readout/1',
    source: { path, url: null, sha256, publisher: null, publishedDate: null },
    meeting: {
      title: null, kind: 'other', mode: 'in-person', format: 'bilateral', countries: [], date: null, start: null,
      durationMinutes: null, durationApproximate: false, location: { city: null, country: null, venue: null }, occasion: null,
    },
    participants: [], statements: [], topics: [], mentions: { countries: [], organizations: [], people: [] }, related: [],
  };
}

/** One document for extractMany: its text, and the path and hash its record names. */
export interface ExtractInput { text: string; path?: string | null; sha256?: string }
/** A document's record, or why extraction failed for it (the other documents of the batch are not affected). */
export type ExtractOutcome = { record: ReadoutRecord; error?: undefined } | { record?: undefined; error: Error };

/** Documents that go through each stage together (see extractMany). */
export const BATCH_SIZE = 64;

export function extract(text: string, options: ExtractOptions = {}): ReadoutRecord {
  const [outcome] = extractMany([{ text, path: options.path, sha256: options.sha256 }], options);
  if (outcome.error) throw outcome.error;
  return outcome.record;
}

/**
 * Extracts many documents, with the records identical to extract() on each. The documents go through the pipeline
 * in batches, one stage at a time for the whole batch: each stage's code, regular expressions and tables then stay
 * in the processor's caches from one document to the next, where one document at a time runs through all of them
 * before the next. On a corpus this does the same work about a quarter faster.
 */
export function extractMany(inputs: readonly ExtractInput[], options: Omit<ExtractOptions, 'path' | 'sha256'> = {}): ExtractOutcome[] {
  const out: ExtractOutcome[] = [];
  for (let from = 0; from < inputs.length; from += BATCH_SIZE) out.push(...extractBatch(inputs.slice(from, from + BATCH_SIZE), options));
  return out;
}

function extractBatch(inputs: readonly ExtractInput[], options: ExtractOptions): ExtractOutcome[] {
  const failed: (Error | null)[] = inputs.map(() => null);
  // a stage over every document still in the batch; a document whose preparation throws leaves the batch
  const prepare = <T>(step: (input: ExtractInput, k: number) => T): (T | null)[] => inputs.map((input, k) => {
    if (failed[k]) return null;
    try { return step(input, k); } catch (e) { failed[k] = e instanceof Error ? e : new Error(String(e)); return null; }
  });
  const vocab = vocabulary();
  const shas = prepare((d) => d.sha256 ?? sha256Hex(d.text));
  const layouts = prepare((d) => segmentLayout(d.text, vocab));
  const cutCounts = inputs.map(() => ({ count: 0 }));
  const sentenceLists = prepare((d, k) => {
    const layout = layouts[k]!;
    const sentences: Sentence[] = [];
    // a loop, not push(...): a paragraph's sentences are as many as the input makes them
    layout.paragraphs.forEach((p, i) => { for (const s of splitSentences(d.text, p.start, p.end, i, vocab, cutCounts[k])) sentences.push(s); });
    return sentences;
  });
  const tokenLists = prepare((d) => tokenize(d.text));
  const contexts = prepare((d, k): Context => {
    const path = d.path ?? null;
    return {
      text: d.text, path, tokens: tokenLists[k]!, vocab, gaz: gazetteer(), actors: actorDictionary(options.actors ?? []),
      orgs: organizations(), taxonomy: taxonomy(options.taxonomy), layout: layouts[k]!, sentences: sentenceLists[k]!, record: emptyRecord(path, shas[k]!),
      places: [], people: [], participants: [], statementHeads: new Map(), meetingSentence: null, meetingVerbStart: null, meetingVerbEnd: null, firstPerson: null, opening: null, rangeMinutes: null,
      publisherCountry: null, yearHint: null, warnings: cutWarning(cutCounts[k].count),
    };
  });
  for (const run of EXTRACTORS) {
    for (const ctx of contexts) {
      if (!ctx) continue;
      // one extractor's failure costs its own fields, not the record: the rest still runs
      try { run(ctx); } catch (e) { ctx.warnings.push(`${run.name} failed: ${(e as Error).message}`); }
    }
  }
  return contexts.map((ctx, k) => (ctx ? { record: finish(ctx) } : { error: failed[k]! }));
}

function cutWarning(cuts: number): string[] {
  return cuts ? [`${cuts} cut${cuts > 1 ? 's' : ''} in sentences longer than ${MAX_SENTENCE} characters`] : [];
}

function finish(ctx: Context): ReadoutRecord {
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
  // every kept span starts at or before this one: it lies inside one of them when the furthest end reaches it
  let reach = -1;
  for (const s of sorted) if (s[1] > reach) { out.push(s); reach = s[1]; }
  return out;
}
