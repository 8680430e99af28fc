// The archive's asynchronous storage contract: what a server database (PostgreSQL) can implement as well as the
// embedded SQLite file. Every call returns a promise; documents stream as an async iterable; a transaction is a
// function given a handle, whose writes all land or none. The synchronous `Store` (store.ts) is SQLite's own face,
// and `asyncStore` below lifts it to this contract, so commands and the HTTP API can move to it one at a time.
import type { ReadoutRecord } from '../record/schema.js';
import type { MeetingLink } from './meeting-links.js';
import {
  DocumentError, type DocumentInput, type Facets, type FetchState, type IngestFailure, type MeetingFilter,
  type MeetingSummary, type Page, type ReadoutRef, type SearchOptions, type SearchResult, type StatsDimension,
  type StatsRow, type Store, type StoredDocument,
} from './store.js';

export interface Put { id: string; added: boolean }

/** The writes a transaction may make; reads see its writes. */
export interface ArchiveWriter {
  /** The same sha256 twice is stored once (`added: false`); a document the store cannot take throws DocumentError
   *  and leaves the transaction as it was. */
  put(doc: DocumentInput): Promise<Put>;
  /** put() for each document in order, each seeing those before it (meeting links included): what put would return,
   *  or the DocumentError it would throw. A server writes them in a few statements rather than a dozen each. */
  putMany(docs: readonly DocumentInput[]): Promise<(Put | DocumentError)[]>;
  has(sha256: string): Promise<boolean>;
  recordFailure(path: string, reason: string): Promise<void>;
  recordFetch(url: string, state: FetchState): Promise<void>;
  replaceRecord(id: string, record: ReadoutRecord, extractorVersion: string, text?: string): Promise<void>;
  link(a: string, b: string): Promise<string>;
  unlink(a: string): Promise<void>;
}

export interface ArchiveStore extends ArchiveWriter {
  /** Runs `fn` in one transaction: all its writes land, or none (it throws). */
  transaction<T>(fn: (tx: ArchiveWriter) => Promise<T>): Promise<T>;
  failures(): Promise<IngestFailure[]>;
  fetchState(url: string): Promise<FetchState | null>;
  meetings(filter: MeetingFilter, page?: Page): Promise<{ total: number; items: MeetingSummary[] }>;
  readouts(id: string): Promise<ReadoutRef[]>;
  meetingOf(id: string): Promise<string>;
  linkOf(id: string): Promise<MeetingLink | null>;
  linkedCount(): Promise<number>;
  get(id: string): Promise<StoredDocument | null>;
  findByPathOrSha(pathOrSha: string): Promise<StoredDocument | null>;
  search(query: string, filter: MeetingFilter, page?: Page, options?: SearchOptions): Promise<SearchResult>;
  stats(by: 'month' | 'year', dimension: StatsDimension | null, filter: MeetingFilter): Promise<StatsRow[]>;
  facets(filter: MeetingFilter): Promise<Facets>;
  staleIds(version: string): Promise<string[]>;
  source(id: string): Promise<Uint8Array | null>;
  iterate(filter: MeetingFilter): AsyncIterable<StoredDocument>;
  count(): Promise<number>;
  /** A value that changes whenever the archive does, by this connection or another process: caches key on it. */
  changeToken(): Promise<string>;
  close(): Promise<void>;
}

/** The SQLite stores behind lifted ones: a server waits for SQLite's write lock on its event loop (write-lock.ts),
 *  where the contract's transaction() would block it. */
const lifted = new WeakMap<ArchiveStore, Store>();
export const sqliteOf = (store: ArchiveStore): Store | null => lifted.get(store) ?? null;

/** The synchronous SQLite store behind the asynchronous contract. A transaction holds SQLite's write lock across
 *  the awaits of `fn` (begin ... commit), as ingest already does. */
export function asyncStore(store: Store): ArchiveStore {
  const writer: ArchiveWriter = {
    put: async (doc) => store.put(doc),
    putMany: async (docs) => docs.map((doc) => {
      try {
        return store.put(doc);
      } catch (err) {
        if (err instanceof DocumentError) return err;
        throw err;
      }
    }),
    has: async (sha256) => store.has(sha256),
    recordFailure: async (path, reason) => store.recordFailure(path, reason),
    recordFetch: async (url, state) => store.recordFetch(url, state),
    replaceRecord: async (id, record, version, text) => store.replaceRecord(id, record, version, text),
    link: async (a, b) => store.link(a, b),
    unlink: async (a) => store.unlink(a),
  };
  let open = false;
  const archive: ArchiveStore = {
    ...writer,
    async transaction<T>(fn: (tx: ArchiveWriter) => Promise<T>): Promise<T> {
      if (open) return fn(writer); // nested: part of the open one
      store.begin();
      open = true;
      try {
        const out = await fn(writer);
        store.commit();
        return out;
      } catch (err) {
        store.rollback();
        throw err;
      } finally {
        open = false;
      }
    },
    failures: async () => store.failures(),
    fetchState: async (url) => store.fetchState(url),
    meetings: async (filter, page) => store.meetings(filter, page),
    readouts: async (id) => store.readouts(id),
    meetingOf: async (id) => store.meetingOf(id),
    linkOf: async (id) => store.linkOf(id),
    linkedCount: async () => store.linkedCount(),
    get: async (id) => store.get(id),
    findByPathOrSha: async (key) => store.findByPathOrSha(key),
    search: async (query, filter, page, options) => store.search(query, filter, page, options),
    stats: async (by, dimension, filter) => store.stats(by, dimension, filter),
    facets: async (filter) => store.facets(filter),
    staleIds: async (version) => store.staleIds(version),
    source: async (id) => store.source(id),
    async *iterate(filter) { yield* store.iterate(filter); },
    count: async () => store.count(),
    changeToken: async () => store.changeToken(),
    close: async () => store.close(),
  };
  lifted.set(archive, store);
  return archive;
}
