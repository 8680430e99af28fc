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

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');
const reversed = (name: string) => { const w = name.trim().split(/\s+/); return w.length === 2 ? [`${w[1]} ${w[0]}`] : []; };

export function resolveParticipant(query: string): ParticipantMatch {
  const q = lc(query);
  const hits = lookup(query);
  if (hits.length === 0) {
    // Unknown to the dictionary: a full name as extracted, or a surname.
    return q.includes(' ') ? { actorIds: [], names: [q], surnames: [], surnameOnlyUnlinked: false }
      : { actorIds: [], names: [q], surnames: [q], surnameOnlyUnlinked: false };
  }
  // Unlinked participants still match by the canonical surname (the extractor may not link everyone), or by a
  // full name or alias that ends otherwise ("Kono Taro"); names ending in the surname add nothing to that.
  const surnames = new Set(hits.map((a) => lc(a.surname ?? surnameOf(a.name))));
  const names = new Set<string>();
  const folded = new Set([...surnames].map(fold));
  for (const a of hits) for (const n of [a.name, ...(a.aliases ?? []), ...reversed(a.name)]) if (!folded.has(fold(surnameOf(n)))) names.add(lc(n));
  return { actorIds: hits.map((a) => a.id), names: [...names], surnames: [...surnames], surnameOnlyUnlinked: true };
}
