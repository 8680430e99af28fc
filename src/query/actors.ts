// Resolves a name typed by a user (any alias the actor dictionary knows) to what participants are matched by.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/paths.js';

export interface Actor { id: string; name: string; surname?: string; country?: string; aliases?: string[] }

/** Participants match when their actorId is one of `actorIds`, their full name one of `names`, or their surname one of `surnames`. */
export interface ParticipantMatch { actorIds: string[]; names: string[]; surnames: string[]; surnameOnlyUnlinked: boolean }

let cached: Actor[] | null = null;

/** The dictionary, or [] while data/actors.json does not exist yet. */
export function loadActors(): Actor[] {
  if (cached) return cached;
  let file: string | null;
  try { file = join(packageRoot(), 'data', 'actors.json'); } catch { file = null; }
  cached = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { actors: Actor[] }).actors ?? [] : [];
  return cached;
}

export const lc = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
export const surnameOf = (name: string) => { const words = lc(name).split(' '); return words[words.length - 1] ?? ''; };

export function resolveParticipant(query: string, actors: Actor[] = loadActors()): ParticipantMatch {
  const q = lc(query);
  const hits = actors.filter((a) => lc(a.name) === q || lc(a.id) === q || (a.surname && lc(a.surname) === q)
    || (a.aliases ?? []).some((al) => lc(al) === q));
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
