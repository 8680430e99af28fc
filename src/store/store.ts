// The archive's storage contract. SQLite implements it today; a PostgreSQL backend implements the same
// interface later without touching the CLI, the HTTP API or the query layer.
import type { ReadoutRecord } from '../record/schema.js';
import type { MeetingLink } from './meeting-links.js';

/** Filters shared by the CLI (`readout meetings`), `search`, `stats`, `export` and the HTTP API. */
export interface MeetingFilter {
  participant?: string; // any name or alias the actor dictionary knows, or a name as extracted
  country?: string; // ISO alpha-2, a side at the table
  kind?: string;
  mode?: string;
  topic?: string;
  act?: string;
  from?: string; // ISO date, inclusive
  to?: string; // ISO date, inclusive
  text?: string; // full-text query over the document
  year?: number;
  /** Also documents whose extraction found no meeting (a warning "not a readout ..."): left out unless true. */
  includeNonReadouts?: boolean;
  /** `meetings` lists a meeting once, by its first readout (default), or every readout. */
  count?: 'meetings' | 'readouts';
}

/** One government's readout of a meeting. */
export interface ReadoutRef {
  id: string; sha256: string; path: string | null; url: string | null; title: string | null; publisher: string | null;
  publishedDate: string | null;
}

export interface Page {
  limit?: number;
  offset?: number;
  /** false: summaries without their readouts (left empty), for a scan of thousands of meetings. */
  readouts?: boolean;
}

/** What ingest hands the store: one extracted document. */
export interface DocumentInput {
  path: string | null;
  sha256: string;
  text: string; // the text the record's spans index
  record: ReadoutRecord;
  extractorVersion: string;
  /** The bytes as read, when they differ from the UTF-8 of `text` (HTML, other encodings): kept for `reindex`. */
  raw?: Uint8Array | null;
}

export interface MeetingSummary {
  id: string; // stable: derived from the document's sha256
  title: string | null;
  date: string | null;
  kind: string;
  mode: string;
  format: string;
  countries: string[];
  participants: { name: string; country: string; role: string }[];
  topics: string[];
  statementCount: number;
  path: string | null;
  /** Every readout of the meeting, its first one first (this summary's own document among them). */
  readouts: ReadoutRef[];
}

export interface StoredDocument {
  id: string;
  path: string | null;
  sha256: string;
  text: string;
  record: ReadoutRecord;
  extractorVersion: string;
  ingestedAt: string;
}

export interface SearchHit {
  meetingId: string;
  title: string | null;
  date: string | null;
  statementIndex: number;
  act: string;
  speakers: string[];
  snippet: string; // with the matched terms between the markers given in the query
  span: [number, number];
}

/** `total` counts up to a cap (10,000 in SQLite); `totalCapped` says there are more. */
export interface SearchResult { total: number; totalCapped?: boolean; items: SearchHit[] }

/** Search snippet markers; defaults `[` and `]`. A web client passes markers it can escape safely. */
export interface SearchOptions { open?: string; close?: string; tokens?: number }

export type StatsDimension = 'topic' | 'participant' | 'country' | 'act' | 'kind' | 'mode';
export interface StatsRow { period: string; key: string; count: number }

/**
 * What `stats` counts: statements when an act is involved (as filter or dimension), meetings otherwise.
 * In statement counts, `act`, `topic` and `participant` apply to the statement (its act, topics, speakers).
 */
export function statsUnit(dimension: StatsDimension | null, filter: MeetingFilter): 'meetings' | 'statements' {
  return dimension === 'act' || filter.act ? 'statements' : 'meetings';
}

export interface Facets {
  country: { key: string; count: number }[];
  participant: { key: string; count: number }[];
  kind: { key: string; count: number }[];
  mode: { key: string; count: number }[];
  topic: { key: string; count: number }[];
  year: { key: string; count: number }[];
}

/** A web address's validators (ETag, Last-Modified) and the document its bytes were. */
export interface FetchState { etag: string | null; lastModified: string | null; sha256: string }

export interface IngestFailure { path: string; reason: string; at: string }

/** A document `put` cannot store (a record it cannot make rows of, a key it cannot take); nothing of it was written
 *  and the caller's open transaction goes on. Any other error from `put` is the database's own. */
export class DocumentError extends Error {
  constructor(message: string, options?: ErrorOptions) { super(message, options); this.name = 'DocumentError'; }
}

/** A write's failure as the document's: a DocumentError as it is, anything else saying it cannot be stored. */
export const unstorable = (err: unknown) => (err instanceof DocumentError ? err
  : new DocumentError(`cannot be stored: ${(err as Error).message}`, { cause: err }));

/** A search's `total` counts up to this many matches, on every backend. */
export const SEARCH_COUNT_CAP = 10_000;

export interface Store {
  /** Adds a document; the same sha256 twice is stored once (`added: false`). Throws DocumentError for a document it
   *  cannot store, leaving the open transaction as it was. */
  put(doc: DocumentInput): { id: string; added: boolean };
  /** Whether a document with these bytes is stored (lets ingest skip extraction). */
  has(sha256: string): boolean;
  /** Runs `fn` in one transaction: all of it lands or none. */
  transaction<T>(fn: () => T): T;
  /** A transaction left open across awaits, so ingest writes each document as it comes rather than holding a batch;
   *  `commit` or `rollback` ends it. Inside it, `transaction(fn)` runs `fn` as part of it. Beginning waits while
   *  another process writes (busy.ts). */
  begin(): void;
  /** `begin` if no other writer holds the archive now, else false at once: for a caller that must not block (a server
   *  waits for the lock asynchronously, answering readers meanwhile). */
  tryBegin(): boolean;
  commit(): void;
  rollback(): void;
  recordFailure(path: string, reason: string): void;
  failures(): IngestFailure[];
  /** What the server said of a web address when it was last ingested (for a conditional request), or null. */
  fetchState(url: string): FetchState | null;
  recordFetch(url: string, state: FetchState): void;
  meetings(filter: MeetingFilter, page?: Page): { total: number; items: MeetingSummary[] };
  /** The readouts of the meeting document `id` reports, its first one first. */
  readouts(id: string): ReadoutRef[];
  /** The id of the meeting (its first readout's) document `id` reports. */
  meetingOf(id: string): string;
  /** Why document `id` joined its meeting, or null for a meeting's first readout. */
  linkOf(id: string): MeetingLink | null;
  /** A user's word, kept across re-ingest and reindex: document `a` reports the meeting of `b` (returns its id). */
  link(a: string, b: string): string;
  /** A user's word: document `a` is a meeting of its own. */
  unlink(a: string): void;
  /** How many readouts joined a meeting stored before them (cheap: a cache's token). */
  linkedCount(): number;
  get(id: string): StoredDocument | null;
  findByPathOrSha(pathOrSha: string): StoredDocument | null;
  search(query: string, filter: MeetingFilter, page?: Page, options?: SearchOptions): SearchResult;
  stats(by: 'month' | 'year', dimension: StatsDimension | null, filter: MeetingFilter): StatsRow[];
  facets(filter: MeetingFilter): Facets;
  /** Documents whose extractor version differs from `version`, for `readout reindex`. */
  stale(version: string): StoredDocument[];
  /** Ids only, cheap over a large archive. */
  staleIds(version: string): string[];
  /** The bytes the document was read from (for re-extraction). */
  source(id: string): Uint8Array | null;
  /** `text` too when a newer decoder changed it. */
  replaceRecord(id: string, record: ReadoutRecord, extractorVersion: string, text?: string): void;
  iterate(filter: MeetingFilter): Iterable<StoredDocument>;
  /** Every document, texts that are not readouts included. */
  count(): number;
  /** A value that changes whenever the archive does, by this connection or another process: caches key on it. */
  changeToken(): string;
  close(): void;
}
