// Labels and scopes of the default topic ids, from data/vocabulary.json (the one place the export and the UI read
// too); ids from a user's own taxonomy pass through with the id as label.
import { readDataJson } from '../data/paths.js';

const { topics } = readDataJson<{ topics: Record<string, { label: string; scope: string }> }>('vocabulary.json');

export const TOPIC_LABELS: Record<string, { label: string; scope: string }> = Object.fromEntries(
  Object.entries(topics).map(([id, t]) => [id, { label: t.label, scope: t.scope }]));
