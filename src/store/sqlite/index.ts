// The archive in an embedded SQLite file (better-sqlite3), behind the synchronous `Store` (store.ts): opening and the
// connection's settings here; the tables in schema.ts, writes in write.ts, reads in read.ts, search.ts and stats.ts.
// Filters are resolved above the backend (query/resolve.ts) and read as FTS5 expressions (where.ts).
import Database from 'better-sqlite3';
import type { ReadoutRecord } from '../../record/schema.js';
import { resolveFilter } from '../../query/resolve.js';
import { BUSY_TIMEOUT_MS } from '../busy.js';
import { MeetingLinks, type MeetingLink } from '../meeting-links.js';
import {
  statsUnit, type DocumentInput, type Facets, type FetchState, type IngestFailure, type MeetingFilter,
  type MeetingSummary, type Page, type ReadoutRef, type SearchOptions, type SearchResult, type StatsDimension,
  type StatsRow, type Store, type StoredDocument,
} from '../store.js';
import { Linker } from './links.js';
import * as read from './read.js';
import { Rollup } from './rollup.js';
import { migrate } from './schema.js';
import { search } from './search.js';
import { DOC_SHIFT, sqlOf, type Sql } from './sql.js';
import { count, facets } from './stats.js';
import { explained, match, type Match } from './where.js';
import { Writer } from './write.js';

/** Opens (creating when `create` is not false) an archive file. Throws a one-line Error for a bad path. */
export function openSqliteStore(path: string, options: { create?: boolean; readonly?: boolean } = {}): Store {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: options.create === false, readonly: options.readonly ?? false });
    // First: the switch to WAL, and all else, waits for another process rather than failing at once.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!db.readonly) db.pragma('journal_mode = WAL');
  } catch (err) {
    throw new Error(`cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return new SqliteStore(db);
  } catch (err) {
    db.close();
    throw err;
  }
}

class SqliteStore implements Store {
  private readonly sql: Sql;
  /** Which readouts report one meeting (meeting-links.ts). */
  private readonly links: MeetingLinks;
  private readonly linker: Linker;
  private readonly writer: Writer;

  constructor(private readonly db: Database.Database) {
    this.sql = sqlOf(db);
    this.links = new MeetingLinks(db, DOC_SHIFT);
    const rollup = new Rollup(this.sql);
    this.linker = new Linker(this.sql, this.links, rollup);
    this.writer = new Writer(this.sql, rollup, this.linker);
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, (fn) => this.transaction(fn), (id) => {
      const doc = this.get(id)!;
      this.replaceRecord(id, doc.record, doc.extractorVersion);
    });
  }

  /** The filter resolved (query/resolve.ts) and read as FTS5 expressions. */
  private match(filter: MeetingFilter): Match {
    return match(resolveFilter(filter));
  }

  transaction<T>(fn: () => T): T { return this.writer.transaction(fn); }
  begin(): void { this.writer.begin(); }
  tryBegin(): boolean { return this.writer.tryBegin(); }
  commit(): void { this.writer.commit(); }
  rollback(): void { this.writer.rollback(); }
  has(sha256: string): boolean { return this.writer.has(sha256); }
  put(input: DocumentInput): { id: string; added: boolean } { return this.writer.put(input); }
  replaceRecord(id: string, record: ReadoutRecord, extractorVersion: string, text?: string): void {
    this.writer.replaceRecord(id, record, extractorVersion, text);
  }
  recordFailure(path: string, reason: string): void { this.writer.recordFailure(path, reason); }
  recordFetch(url: string, state: FetchState): void { this.writer.recordFetch(url, state); }
  link(a: string, b: string): string { return this.transaction(() => this.linker.link(a, b)); }
  unlink(a: string): void { this.transaction(() => this.linker.unlink(a)); }

  failures(): IngestFailure[] { return read.failures(this.sql); }
  fetchState(url: string): FetchState | null { return read.fetchState(this.sql, url); }
  meetings(filter: MeetingFilter, page: Page = {}): { total: number; items: MeetingSummary[] } {
    return explained(() => read.meetings(this.sql, this.links, this.match(filter), filter.count !== 'readouts', page));
  }
  readouts(id: string): ReadoutRef[] { return read.readouts(this.sql, this.links, id); }
  meetingOf(id: string): string { return this.links.meetingOf(id); }
  linkOf(id: string): MeetingLink | null { return this.links.linkOf(id); }
  linkedCount(): number { return read.linkedCount(this.sql); }
  get(id: string): StoredDocument | null { return read.get(this.sql, id); }
  findByPathOrSha(key: string): StoredDocument | null { return read.findByPathOrSha(this.sql, key); }
  source(id: string): Uint8Array | null { return read.source(this.sql, id); }
  /** Newest meetings first, then text order within a meeting (on a page). */
  search(query: string, filter: MeetingFilter, page: Page = {}, options: SearchOptions = {}): SearchResult {
    return explained(() => search(this.sql, query, this.match(filter), page, options));
  }
  stats(by: 'month' | 'year', dimension: StatsDimension | null, filter: MeetingFilter): StatsRow[] {
    return explained(() => count(this.sql, statsUnit(dimension, filter), by, dimension, filter, this.match(filter)));
  }
  facets(filter: MeetingFilter): Facets { return explained(() => facets(this.sql, filter, this.match(filter))); }
  staleIds(version: string): string[] { return read.staleIds(this.sql, version); }
  stale(version: string): StoredDocument[] { return read.stale(this.sql, version); }
  /** Oldest meeting first; reads in pages by rowid, so writes between items are allowed. */
  *iterate(filter: MeetingFilter): Iterable<StoredDocument> {
    yield* read.iterate(this.sql, explained(() => this.match(filter)));
  }
  count(): number { return read.count(this.sql); }
  // data_version moves when another connection commits, total_changes() when this one writes
  changeToken(): string {
    const row = this.sql.q('SELECT data_version AS v, total_changes() AS n FROM pragma_data_version').get() as
      { v: number; n: number };
    return `${row.v}:${row.n}`;
  }
  close(): void { if (this.db.open) this.db.close(); }
}
