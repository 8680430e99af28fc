// The archive on a PostgreSQL server (pg, plain SQL), behind the asynchronous contract (archive-store.ts).
// Reads go to the pool; a transaction is one pooled client, and every call made inside it (through its handle or
// through the store, tracked by AsyncLocalStorage) runs on that client. Writers take one advisory lock per
// transaction, so several processes writing at once take turns: no duplicate, no deadlock, and meeting identity sees
// every readout stored before. Documents are written a batch at a time (putMany, write.ts); a document that cannot be
// stored leaves the transaction as it was.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { ArchiveStore, ArchiveWriter, Put } from '../archive-store.js';
import { resolveFilter } from '../../query/resolve.js';
import { idOf } from '../rows.js';
import type { ReadoutRecord } from '../../record/schema.js';
import {
  DocumentError, statsUnit, type DocumentInput, type FetchState, type MeetingFilter, type Page, type SearchOptions,
  type StatsDimension,
} from '../store.js';
import { connect, describeUrl } from './connect.js';
import * as links from './links.js';
import * as read from './read.js';
import { search } from './search.js';
import { count, facets } from './stats.js';
import { migrate, WRITE_LOCK } from './schema.js';
import { connectionLost, one, sqlOf, type Sql } from './sql.js';
import * as write from './write.js';

/** A transaction: its client, whether it holds the write lock, and its calls in turn (one client runs one
 *  statement at a time, and a put's savepoint must not interleave with another's). */
interface Tx { sql: Sql; locked: boolean; turn: Promise<unknown> }

/** Opens the archive in the database at `url`, creating or migrating its tables unless `create` is false (then an
 *  empty database is an error); one clear line when it cannot. */
export async function openPostgresStore(url: string, options: { create?: boolean; poolSize?: number } = {}):
  Promise<ArchiveStore> {
  const pool = await connect(url, options.poolSize);
  const { where } = describeUrl(url);
  try {
    await migrate(sqlOf(pool, where), (fn) => inTransaction(pool, where, (client) => fn(sqlOf(client, where))), {
      create: options.create ?? true, where,
    });
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PostgresStore(pool, where);
}

async function inTransaction<T>(pool: pg.Pool, where: string, fn: (client: pg.PoolClient) => Promise<T>):
  Promise<T> {
  const client = await pool.connect();
  const sql = sqlOf(client, where);
  // A checked-out client whose connection ends emits 'error' (the pool listens only while it is idle): heard here,
  // the query under way fails instead, and the client is not given back.
  let broken = false;
  const ended: { cause?: Error } = {};
  const lost = (err: Error) => { broken = true; ended.cause ??= err; };
  client.on('error', lost);
  try {
    await sql.rows('BEGIN');
    const out = await fn(client);
    await sql.rows('COMMIT');
    return out;
  } catch (err) {
    if (!broken) await client.query('ROLLBACK').catch(() => { broken = true; });
    // the server's word on why the connection ended, rather than the driver's on the next query ("not queryable")
    const { cause } = ended;
    if (cause && connectionLost(err)) {
      throw new Error(`lost the connection to PostgreSQL at ${where}: ${cause.message.split('\n')[0]}`, { cause: err });
    }
    throw err;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

class PostgresStore implements ArchiveStore {
  private readonly current = new AsyncLocalStorage<Tx>();
  private readonly pool: Sql;

  constructor(private readonly pg: pg.Pool, private readonly where: string) {
    this.pool = sqlOf(pg, where);
  }

  /** The open transaction's client, or the pool. */
  private get db(): Sql { return this.current.getStore()?.sql ?? this.pool; }

  async transaction<T>(fn: (tx: ArchiveWriter) => Promise<T>): Promise<T> {
    if (this.current.getStore()) return fn(this); // nested: part of the open one
    return inTransaction(this.pg, this.where, (client) => {
      const tx: Tx = { sql: sqlOf(client, this.where), locked: false, turn: Promise.resolve() };
      return this.current.run(tx, () => fn(this));
    });
  }

  /** Runs a write in the open transaction (or one of its own), holding the write lock, after the transaction's
   *  earlier calls. */
  private writing<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const tx = this.current.getStore();
    if (!tx) return this.transaction(() => this.writing(fn));
    const run = async () => {
      if (!tx.locked) {
        await tx.sql.rows('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
        // the archive's generation moves with every write transaction (under the lock: no row contention)
        await tx.sql.rows(`UPDATE readout_meta SET value = (value::bigint + 1)::text WHERE key = 'generation'`);
        tx.locked = true;
      }
      return fn(tx.sql);
    };
    const out = tx.turn.then(run, run);
    tx.turn = out.catch(() => {});
    return out;
  }

  async put(doc: DocumentInput): Promise<Put> {
    if (await write.stored(this.db, doc.sha256)) return { id: idOf(doc.sha256), added: false };
    const [out] = await this.putMany([doc]);
    if (out instanceof DocumentError) throw out;
    return out!;
  }

  putMany(docs: readonly DocumentInput[]): Promise<(Put | DocumentError)[]> {
    const batch = write.prepareMany(docs); // now: while an earlier batch may still be on the server
    return this.writing((sql) => write.putMany(sql, batch));
  }

  has(sha256: string): Promise<boolean> { return write.stored(this.db, sha256); }
  recordFailure(path: string, reason: string): Promise<void> {
    return this.writing((sql) => write.recordFailure(sql, path, reason));
  }
  recordFetch(url: string, state: FetchState): Promise<void> {
    return this.writing((sql) => write.recordFetch(sql, url, state));
  }
  replaceRecord(id: string, record: ReadoutRecord, version: string, text?: string): Promise<void> {
    return this.writing((sql) => write.replaceRecord(sql, id, record, version, text));
  }
  link(a: string, b: string): Promise<string> { return this.writing((sql) => write.link(sql, a, b)); }
  unlink(a: string): Promise<void> { return this.writing((sql) => write.unlink(sql, a)); }

  failures() { return read.failures(this.db); }
  fetchState(url: string) { return read.fetchState(this.db, url); }
  meetings(filter: MeetingFilter, page: Page = {}) {
    return read.meetings(this.db, resolveFilter(filter), page);
  }
  readouts(id: string) { return read.readouts(this.db, id); }
  meetingOf(id: string) { return links.meetingOf(this.db, id); }
  linkOf(id: string) { return links.linkOf(this.db, id); }
  linkedCount() { return read.count(this.db, 'linked'); }
  get(id: string) { return read.get(this.db, id); }
  findByPathOrSha(key: string) { return read.findByPathOrSha(this.db, key); }
  search(query: string, filter: MeetingFilter, page: Page = {}, options: SearchOptions = {}) {
    return search(this.db, query, resolveFilter(filter), page, options);
  }
  stats(by: 'month' | 'year', dimension: StatsDimension | null, filter: MeetingFilter) {
    return count(this.db, statsUnit(dimension, filter), by, dimension, resolveFilter(filter));
  }
  facets(filter: MeetingFilter) { return facets(this.db, resolveFilter(filter)); }
  staleIds(version: string) { return read.staleIds(this.db, version); }
  async source(id: string) {
    const row = await read.sourceRow(this.db, id);
    return row ? write.sourceBytes(row) : null;
  }
  iterate(filter: MeetingFilter) { return read.iterate(this.db, resolveFilter(filter)); }
  count() { return read.count(this.db); }
  async changeToken() {
    return (await one<{ value: string }>(this.db, `SELECT value FROM readout_meta WHERE key = 'generation'`))!.value;
  }
  close() { return this.pg.end(); }
}
