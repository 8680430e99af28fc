// Resolves a name typed by a user (any alias the actor dictionary knows) to what participants are matched by.
import { actorDictionary, type Actor } from '../data/actors.js';
import { keyOf } from '../text/tokens.js';

/** Participants match when their actorId is one of `actorIds`, their full name one of `names`, or their surname one of `surnames`. */
export interface ParticipantMatch { actorIds: string[]; names: string[]; surnames: string[]; surnameOnlyUnlinked: boolean }

export const lc = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
export const surnameOf = (name: string) => { const words = lc(name).split(' '); return words[words.length - 1] ?? ''; };

/** The dictionary's actors for a name: by id, full name or alias (either order), or surname. */
function lookup(query: string): Actor[] {
  let dict;
  try { dict = actorDictionary(); } catch { return []; } // no data/actors.json: names as extracted only
  const byId = dict.byId.get(query.trim());
  if (byId) return [byId];
  const key = keyOf(query);
  return dict.byName.get(key) ?? dict.bySurname.get(key) ?? [];
}

export function resolveParticipant(query: string): ParticipantMatch {
  const q = lc(query);
  const hits = lookup(query);
  if (hits.length === 0) {
    // Unknown to the dictionary: a full name as extracted, or a surname.
    return q.includes(' ') ? { actorIds: [], names: [q], surnames: [], surnameOnlyUnlinked: false }
      : { actorIds: [], names: [q], surnames: [q], surnameOnlyUnlinked: false };
  }
  const names = new Set<string>([q]);
  for (const a of hits) { names.add(lc(a.name)); for (const al of a.aliases ?? []) names.add(lc(al)); }
  // Unlinked participants still match by the canonical surname (the extractor may not link everyone).
  const surnames = new Set(hits.map((a) => lc(a.surname ?? surnameOf(a.name))));
  return { actorIds: hits.map((a) => a.id), names: [...names], surnames: [...surnames], surnameOnlyUnlinked: true };
}
