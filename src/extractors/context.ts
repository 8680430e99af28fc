// What the extractors share while building one record: the text, its segments, the data, and facts so far.
import type { ActorDictionary, Actor } from '../data/actors.js';
import type { Gazetteer, PlaceHit } from '../data/gazetteer.js';
import type { Taxonomy, Vocabulary } from '../data/vocabulary.js';
import type { Organizations } from '../data/organizations.js';
import type { Layout } from '../segment/layout.js';
import type { Sentence } from '../segment/sentences.js';
import type { Tokens } from '../text/tokens.js';
import type { ReadoutRecord, Role } from '../record/schema.js';

export interface PersonMention {
  start: number;
  end: number;
  written: string; // the name as written
  candidates: Actor[]; // dictionary actors the name may denote
  surnameOnly: boolean;
  titleBefore: string | null; // "Secretary of State", "Japanese Foreign Minister"
  titleAfter: string | null; // ", Minister for Foreign Affairs of Japan,"
}

export interface ParticipantState {
  name: string;
  title: string | null;
  role: Role;
  country: string;
  actor: Actor | null;
  words: Set<string>; // folded name words, for surname references
  mentions: [number, number][];
  titleRole: Role | null;
}

export interface PlaceMention { start: number; end: number; hit: PlaceHit }

export interface Context {
  text: string;
  path: string | null;
  tokens: Tokens;
  vocab: Vocabulary;
  gaz: Gazetteer;
  actors: ActorDictionary;
  orgs: Organizations;
  taxonomy: Taxonomy;
  layout: Layout;
  sentences: Sentence[];
  record: ReadoutRecord;
  places: PlaceMention[];
  people: PersonMention[];
  participants: ParticipantState[];
  /** The sentence that reports the meeting itself ("X held a meeting with Y"), index into `sentences`. */
  meetingSentence: number | null;
  /** Where the meeting verb starts and ends inside the meeting sentence: acts before it are not statements. */
  meetingVerbStart: number | null;
  meetingVerbEnd: number | null;
  /** The readout's own principal when it speaks in the first person ("Today I met President Xi"). */
  firstPerson: ParticipantState | null;
  /** The paragraph(s) that set the scene: date, time, place, duration. */
  opening: { start: number; end: number } | null;
  /** Offset of each statement's head verb, for topic matching that skips a leading "Amid ..." phrase. */
  statementHeads: Map<object, number>;
  /** Minutes between a stated start and end clock ("from 9:15 p.m. to 9:35 p.m."). */
  rangeMinutes: number | null;
  publisherCountry: string | null;
  yearHint: number | null;
  warnings: string[];
}

export type Extractor = (ctx: Context) => void;
