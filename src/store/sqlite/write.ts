// Writing the SQLite archive: a document's rows (rows.ts) under a key of its day, its statements, speakers, rollup
// counts and meeting link; failures and fetch states. A transaction takes the write lock at BEGIN (busy.ts); the
// FTS5 rows and rollup counts of the documents written in it go in at its commit.
import Database from 'better-sqlite3';
import type { ReadoutRecord } from '../../record/schema.js';
import { NON_READOUT_DAY } from '../../query/resolve.js';
import { BUSY_TIMEOUT_MS, isBusy, retryBusy } from '../busy.js';
import { documentRows, idOf, MEETING_SERIES, rollupSeries, STMT_SHIFT, type DocumentRows } from '../rows.js';
import { DocumentError, unstorable, type DocumentInput, type FetchState } from '../store.js';
import type { Linker } from './links.js';
import type { Rollup } from './rollup.js';
import { DOC_SHIFT, statementKeys, type Sql } from './sql.js';

export class Writer {
  /** Documents written in the open transaction, to the document keys they take: their FTS5 rows go in at commit. */
  private readonly unindexed = new Map<number, number>();
  /** Speaker names to their ids in `speakers`; forgotten on rollback, which may take new ids back. */
  private readonly speakerIds = new Map<string, number>();

  constructor(private readonly s: Sql, private readonly rollup: Rollup, private readonly linker: Linker) {}

  transaction<T>(fn: () => T): T {
    if (this.s.db.inTransaction) return fn();
    this.begin();
    try {
      const out = fn();
      this.commit();
      return out;
    } catch (err) {
      this.rollback();
      throw err;
    }
  }

  /** IMMEDIATE: the write lock now, waited for (busy.ts). A deferred BEGIN takes it at the first write, and there, in
   *  WAL mode, fails at once when another writer holds it. */
  begin(): void {
    this.beginImmediate(true);
  }

  tryBegin(): boolean {
    return this.beginImmediate(false);
  }

  /** BEGIN IMMEDIATE with no busy timeout: polled here when `wait`, else false at once when another writer has it. */
  private beginImmediate(wait: boolean): boolean {
    const db = this.s.db;
    db.pragma('busy_timeout = 0');
    try {
      if (wait) retryBusy(() => db.exec('BEGIN IMMEDIATE'));
      else db.exec('BEGIN IMMEDIATE');
      return true;
    } catch (err) {
      if (!wait && isBusy(err)) return false;
      throw err;
    } finally {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  commit(): void {
    this.index();
    this.rollup.flush();
    this.s.db.exec('COMMIT');
  }

  rollback(): void {
    this.rollup.discard();
    this.unindexed.clear();
    this.speakerIds.clear();
    if (this.s.db.inTransaction) this.s.db.exec('ROLLBACK');
  }

  /**
   * FTS5 rows for the documents of the transaction, in rowid order: FTS5 writes its pending terms out as a new
   * segment whenever a rowid comes lower than the one before, and documents come in any date order, so inserting
   * them as they came made a segment of one or two documents at a time, and most of the ingest went into merging them.
   */
  private index(): void {
    const body = this.s.q('SELECT text, tags FROM bodies WHERE doc = ?').raw();
    const statements = this.s.q('SELECT sid, text, tags FROM statements WHERE sid BETWEEN ? AND ?').raw();
    const docFts = this.s.q('INSERT INTO doc_fts (rowid, text, tags) VALUES (?, ?, ?)');
    const statementFts = this.s.q('INSERT INTO statement_fts (rowid, text, tags) VALUES (?, ?, ?)');
    // Read back rather than kept from insert(): a batch of texts held in memory until the commit outlives
    // V8's young generation and swells the heap.
    for (const [doc, blocks] of [...this.unindexed].sort((a, b) => a[0] - b[0])) {
      docFts.run(doc, ...(body.get(doc) as [string, string]));
      const rows = statements.all(...statementKeys(doc, blocks)) as [number, string, string][];
      for (const row of rows) statementFts.run(...row);
    }
    this.unindexed.clear();
  }

  has(sha256: string): boolean {
    const row = this.s.q('SELECT sha256 FROM documents WHERE id = ?').get(idOf(sha256)) as
      { sha256: string } | undefined;
    if (row && row.sha256 !== sha256) {
      throw new DocumentError(`id collision: ${idOf(sha256)} is taken by another document`);
    }
    return row !== undefined;
  }

  put(input: DocumentInput): { id: string; added: boolean } {
    const id = idOf(input.sha256);
    if (this.has(input.sha256)) return { id, added: false };
    let rows: DocumentRows;
    try {
      rows = documentRows(input);
    } catch (err) {
      throw unstorable(err);
    }
    return this.transaction(() => {
      this.atomically(() => {
        const doc = this.insert(rows, new Date().toISOString());
        if (rows.readout) this.linker.autoLink(id, input.sha256, doc, input.record);
      });
      if (input.path) this.s.q('DELETE FROM failures WHERE path = ?').run(input.path);
      return { id, added: true };
    });
  }

  /**
   * One document's writes in a savepoint of the open transaction: when they fail, nothing of the document stays and
   * the transaction goes on (DocumentError). FTS5 writes its pending rows out at each savepoint, which once made
   * batches 3x slower, but a put leaves none pending: documents go into the FTS5 indexes at the commit.
   */
  private atomically(fn: () => void, undo?: () => void): void {
    this.s.q('SAVEPOINT document').run();
    try {
      fn();
      this.s.q('RELEASE document').run();
    } catch (err) {
      // The database's own failures (disk full, I/O) may have ended the transaction: they are not the document's.
      if (!this.s.db.inTransaction || !documentFault(err)) throw err;
      this.s.q('ROLLBACK TO document').run();
      this.s.q('RELEASE document').run();
      // Memory to match: insert() changes it last, when all its writes went through; ids cached meanwhile may be gone.
      undo?.();
      this.speakerIds.clear();
      this.rollup.forgetIds();
      throw unstorable(err);
    }
  }

  /** The first free document key of a day (from `base`) for `blocks` keys. */
  private nextKey(base: number, blocks: number, date: string | null): number {
    const end = base + DOC_SHIFT - 1;
    const last = (table: string, key: string) =>
      (this.s.q(`SELECT max(${key}) FROM ${table} WHERE ${key} BETWEEN ? AND ?`).pluck().get(base, end) as
        number | null) ?? base - 1;
    const doc = Math.max(last('documents', 'doc'), last('doc_blocks', 'key')) + 1;
    if (doc + blocks - 1 > end) {
      throw new DocumentError(`more than ${DOC_SHIFT} documents dated ${date ?? '(no date)'}`);
    }
    return doc;
  }

  private insert(r: DocumentRows, at: string): number {
    const doc = this.nextKey((r.readout ? r.day : NON_READOUT_DAY) * DOC_SHIFT, r.blocks, r.date);
    this.s.q(`INSERT INTO documents (doc, id, sha256, path, title, date, ym, kind, mode, format, countries, topics,
      participants, statement_count, extractor_version, ingested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(doc, r.id, r.sha256, r.path, r.title, r.date, r.ym, r.kind, r.mode, r.format, r.countries, r.topics,
        r.participants, r.statementCount, r.extractorVersion, at);
    this.s.q('INSERT INTO bodies (doc, text, tags, record, raw) VALUES (?, ?, ?, ?, ?)')
      .run(doc, r.text, r.tags, r.record, r.raw);
    const block = this.s.q('INSERT INTO doc_blocks (key, doc) VALUES (?, ?)');
    for (let k = doc + 1; k < doc + r.blocks; k++) block.run(k, doc);
    const statement = this.s.q(`INSERT INTO statements (sid, doc, idx, ym, item, act, span_start, span_end, speakers,
      speaker_countries, topics, text, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const speaker = this.s.q('INSERT INTO statement_speakers (sid, speaker) VALUES (?, ?)');
    for (const s of r.statements) {
      // The act sits in the rowid, so counts by act need no row read.
      const sid = doc * STMT_SHIFT + s.key;
      statement.run(sid, doc, s.idx, r.ym, s.item, s.act, s.spanStart, s.spanEnd, s.speakers, s.speakerCountries,
        s.topics, s.text, s.tags);
      for (const name of s.speakerNames) speaker.run(sid, this.speakerId(name));
    }
    this.rollup.bump(r.rollup, r.ym, 1);
    this.unindexed.set(doc, r.blocks);
    return doc;
  }

  /** The id of a speaker's name, added to `speakers` the first time it is seen. */
  private speakerId(name: string): number {
    let id = this.speakerIds.get(name);
    if (id === undefined) {
      const row = this.s.q('SELECT id FROM speakers WHERE name = ?').get(name) as { id: number } | undefined;
      id = row ? row.id : Number(this.s.q('INSERT INTO speakers (name) VALUES (?)').run(name).lastInsertRowid);
      this.speakerIds.set(name, id);
    }
    return id;
  }

  /** Takes a document out entirely (rows, FTS entries, rollup counts); gives back what puts its counts and FTS5 turn
   *  back in memory, for a savepoint that takes the removal back. */
  private remove(doc: number): () => void {
    const q = (text: string) => this.s.q(text);
    const body = q(`SELECT b.text, b.tags, b.record, d.ym, d.linked FROM bodies b JOIN documents d ON d.doc = b.doc
      WHERE b.doc = ?`).get(doc) as { text: string; tags: string; record: string; ym: number; linked: number };
    const pending = this.unindexed.get(doc);
    const blocks = pending ?? (q('SELECT count(*) FROM doc_blocks WHERE doc = ?').pluck().get(doc) as number) + 1;
    const sids = statementKeys(doc, blocks);
    // A document written in this transaction is not in the FTS indexes yet.
    if (pending === undefined) {
      // Rows as arrays, the mode index() sets on this cached statement.
      const rows = q('SELECT sid, text, tags FROM statements WHERE sid BETWEEN ? AND ?').raw().all(...sids) as
        [number, string, string][];
      for (const row of rows) {
        q(`INSERT INTO statement_fts (statement_fts, rowid, text, tags) VALUES ('delete', ?, ?, ?)`).run(...row);
      }
      q(`INSERT INTO doc_fts (doc_fts, rowid, text, tags) VALUES ('delete', ?, ?, ?)`).run(doc, body.text, body.tags);
    }
    q('DELETE FROM statement_speakers WHERE sid BETWEEN ? AND ?').run(...sids);
    q('DELETE FROM statements WHERE sid BETWEEN ? AND ?').run(...sids);
    q('DELETE FROM doc_blocks WHERE doc = ?').run(doc);
    q('DELETE FROM bodies WHERE doc = ?').run(doc);
    q('DELETE FROM documents WHERE doc = ?').run(doc);
    // Keys below 0 (not readouts) count in no series; those above in rollupSeries, whatever schema 7 stored there.
    // A linked readout's meeting counts were taken off when it was linked.
    const series = (doc >= 0 ? rollupSeries(JSON.parse(body.record) as ReadoutRecord) : [])
      .filter((k) => !body.linked || !k.startsWith(MEETING_SERIES));
    this.rollup.bump(series, body.ym, -1);
    this.unindexed.delete(doc);
    return () => {
      this.rollup.bump(series, body.ym, 1);
      if (pending !== undefined) this.unindexed.set(doc, pending);
    };
  }

  replaceRecord(id: string, record: ReadoutRecord, extractorVersion: string, text?: string): void {
    this.transaction(() => {
      const row = this.s.q(`SELECT d.doc, d.sha256, d.path, d.ingested_at, b.text, b.raw FROM documents d
        JOIN bodies b ON b.doc = d.doc WHERE d.id = ?`).get(id) as {
        doc: number; sha256: string; path: string | null; ingested_at: string; text: string; raw: Buffer | null;
      } | undefined;
      if (!row) throw new Error(`no meeting with id ${id}`);
      // Before anything is written; the stored source bytes are kept as they are (already compressed).
      const rows = documentRows({
        path: row.path, sha256: row.sha256, text: text ?? row.text, record, extractorVersion, raw: null,
      });
      // The date may have changed, and with it the key: the document goes out and back in, or stays as it was.
      let undo = () => {};
      this.atomically(() => {
        undo = this.remove(row.doc);
        const doc = this.insert({ ...rows, raw: row.raw }, row.ingested_at);
        if (rows.readout) this.linker.autoLink(id, row.sha256, doc, record);
        else this.linker.sync([id]);
      }, () => undo());
    });
  }

  recordFailure(path: string, reason: string): void {
    // In a transaction of its own when none is open: an implicit one could not wait for another writer.
    const upsert = this.s.q(`INSERT INTO failures (path, reason, at) VALUES (?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, at = excluded.at`);
    this.transaction(() => upsert.run(path, reason, new Date().toISOString()));
  }

  recordFetch(url: string, state: FetchState): void {
    const upsert = this.s.q(`INSERT INTO fetches (url, etag, last_modified, sha256, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
      sha256 = excluded.sha256, at = excluded.at`);
    this.transaction(() => upsert.run(url, state.etag, state.lastModified, state.sha256, new Date().toISOString()));
  }
}

/** Whether a failed write is the document's doing (its values, its keys) rather than the database's (disk, I/O,
 *  locks). */
function documentFault(err: unknown): boolean {
  return !(err instanceof Database.SqliteError) || /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(err.code);
}
