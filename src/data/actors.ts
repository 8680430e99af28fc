// The time-aware actor dictionary (data/actors.json, extendable with --actors FILE).
import { readDataJson, readUserFile } from './paths.js';
import { parseActorsFile } from './user-files.js';
import { keyOf } from '../text/tokens.js';
import { WordMap } from '../text/word-map.js';
import type { Role } from '../record/schema.js';

/** `country`: the side the office sits for when it is not the holder's own ("EU" for the Presidents of the European
 *  Council and Commission). */
export interface Office { role: Role; title: string; from: string | null; to: string | null; country?: string }
/** `wikidata`: the person's Wikidata item (Q-number), given only where it is certain. */
export interface Actor {
  id: string; name: string; surname: string; country: string; aliases: string[]; offices: Office[]; wikidata?: string;
}
interface ActorsFile { actors: Actor[] }

export interface ActorDictionary {
  actors: Actor[];
  byId: Map<string, Actor>;
  /** Full names and aliases, folded, to the actors that bear them. */
  byName: Map<string, Actor[]>;
  /** Surnames, folded, probed with each capitalised token's hash. */
  bySurname: WordMap<Actor[]>;
  maxWords: number;
  officeAt(actor: Actor, date: string | null): Office | null;
  holders(country: string, role: Role, date: string | null): Actor[];
}

const dictionaries = new Map<string, ActorDictionary>();

/** Whether an office was held on an ISO date (`to` is the first day out of office, ranges are open-ended). */
export function heldOn(o: Office, date: string): boolean {
  return (!o.from || o.from <= date) && (!o.to || date < o.to);
}

export function actorDictionary(extraFiles: string[] = []): ActorDictionary {
  const cacheKey = extraFiles.join('\0');
  const hit = dictionaries.get(cacheKey);
  if (hit) return hit;
  const actors = [...readDataJson<ActorsFile>('actors.json').actors];
  const at = new Map(actors.map((a, i) => [a.id, i]));
  for (const f of extraFiles) {
    // a user's entry with a bundled id replaces the bundled entry (a refreshed copy, e.g. from `actors import`)
    for (const a of parseActorsFile(f, readUserFile(f, 'actor dictionary')).actors) {
      const i = at.get(a.id);
      if (i === undefined) { at.set(a.id, actors.length); actors.push(a); } else actors[i] = a;
    }
  }
  const byId = new Map<string, Actor>();
  const byName = new Map<string, Actor[]>();
  const bySurname = new WordMap<Actor[]>();
  let maxWords = 1;
  const push = (m: Map<string, Actor[]> | WordMap<Actor[]>, k: string, a: Actor) => {
    if (!k) return;
    const list = m.get(k);
    if (!list) m.set(k, [a]); else if (!list.includes(a)) list.push(a);
  };
  for (const a of actors) {
    byId.set(a.id, a);
    const names = [a.name, ...(a.aliases ?? [])];
    // name orders: "Kihara Minoru" for "Minoru Kihara"
    const words = a.name.split(/\s+/);
    if (words.length === 2) names.push(`${words[1]} ${words[0]}`);
    for (const n of names) {
      const k = keyOf(n);
      maxWords = Math.max(maxWords, k.split(' ').length);
      push(byName, k, a);
    }
    push(bySurname, keyOf(a.surname), a);
  }
  const officeAt = (actor: Actor, date: string | null): Office | null => {
    if (!date) return actor.offices[actor.offices.length - 1] ?? null;
    // several offices at once (Wang Yi: foreign minister and director of the foreign affairs commission office):
    // the named office outranks the generic one
    const held = actor.offices.filter((o) => heldOn(o, date));
    return held.find((o) => o.role !== 'minister' && o.role !== 'official') ?? held[0] ?? null;
  };
  const dict: ActorDictionary = {
    actors, byId, byName, bySurname, maxWords, officeAt,
    holders: (country, role, date) => actors.filter((a) => a.country === country && a.offices.some((o) => o.role === role && (!date || heldOn(o, date)))),
  };
  dictionaries.set(cacheKey, dict);
  return dict;
}
