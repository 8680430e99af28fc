// Ingest: paths (files, folders, globs, stdin) -> extracted documents -> the store, one transaction per batch,
// so a crash or Ctrl-C loses at most the open batch and never leaves half a document.
import { sha256Hex } from '../source/sha256.js';
import { readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeDocument, decodeInput, EXTRACTOR_VERSION, extract, extractDocument, SourceError, type DocumentOrigin } from '../index.js';
import { isPdf } from '../source/pdf.js';
import { documentOrigin, type Fetcher } from '../source/fetch.js';
import { readStdin } from '../source/stdin.js';
import picomatch from 'picomatch';
import { WRITER_GAP_MS } from '../store/busy.js';
import { ExtractPool, type Ticket } from './extract-pool.js';
import { DocumentError, type DocumentInput, type FetchState, type Store } from '../store/store.js';
import { sqliteOf, type ArchiveStore } from '../store/archive-store.js';

/** `read` may answer at once (files) or later (stdin, web addresses). */
export interface SourceItem { path: string | null; label: string; read(): Uint8Array | Promise<Uint8Array | Received> }
/** A file or stdin: bytes only. */
export interface FileItem extends SourceItem { read(): Uint8Array | Promise<Uint8Array> }
/** Bytes with what their server said of them (a fetched web address), or that they have not changed since the last
 *  ingest (`bytes` null); `stored` runs once the document is in the archive. */
export interface Received {
  url: string; bytes: Uint8Array | null; origin: DocumentOrigin; stored?: (sha256: string) => void | Promise<void>;
}
export interface IngestFailureLine { path: string; reason: string }
export interface IngestResult { seen: number; added: number; existing: number; failed: IngestFailureLine[]; interrupted: boolean }

const DOC_EXT = /\.(txt|text|html?|xhtml|pdf)$/i;
const GLOB_CHARS = /[*?[{]/;

/** A glob (`**` any depth, `*`, `?`, `[abc]`, `{a,b}`) as a regular expression over paths relative to its base. */
export const globToRegExp = (glob: string): RegExp => picomatch.makeRe(glob, { dot: false });

/**
 * The files under `dir` that `take` accepts (by path), recursively, hidden ones left out. A symbolic link is followed
 * when it leads to a file inside `root` (the folder given); one that leads outside it, to a folder or nowhere is
 * skipped, and said so in `skipped`, when its own name is one `take` accepts.
 */
async function walk(dir: string, take: (path: string) => boolean, out: string[], skipped: IngestFailureLine[],
  root?: string): Promise<void> {
  const inside = root ?? await realpath(dir);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, take, out, skipped, inside);
    else if (e.isFile() && take(p)) out.push(p);
    else if (e.isSymbolicLink() && take(p)) {
      const reason = await linkProblem(p, inside);
      if (reason) skipped.push({ path: p, reason: `skipped: ${reason}` });
      else out.push(p);
    }
  }
}

/** Why a link found in a folder is not followed; null when it leads to a file inside the folder (`root`, real). */
async function linkProblem(link: string, root: string): Promise<string | null> {
  const target = await realpath(link).catch(() => null);
  const st = target === null ? null : await stat(target).catch(() => null);
  if (target === null || !st) return 'a symbolic link to nothing';
  if (st.isDirectory()) return 'a symbolic link to a folder (not followed)';
  if (target !== root && !target.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return `a symbolic link to ${target}, outside the folder`;
  }
  return st.isFile() ? null : 'a symbolic link to something other than a file';
}

// A synchronous read: a readout is a few KB, and fs.promises.readFile's four thread-pool round trips (open, stat,
// read, close) cost ten times its CPU on the writing thread, which is the one ingest waits on.
const fileItem = (path: string): FileItem => ({ path, label: path, read: () => readFileSync(path) });

/**
 * Expands command-line arguments. Folders give their text, HTML and PDF files (recursively, hidden ones skipped);
 * a pattern that is not an existing path is a glob; `-` is stdin. Missing paths come back as failures, symbolic
 * links in folders that are not followed (see walk) as `skipped`.
 */
export async function expandInputs(args: string[], stdin: () => Promise<Uint8Array> = () => readStdin()):
  Promise<{ items: FileItem[]; missing: IngestFailureLine[]; skipped: IngestFailureLine[] }> {
  const items: FileItem[] = [];
  const missing: IngestFailureLine[] = [];
  const skipped: IngestFailureLine[] = [];
  const seen = new Set<string>();
  const add = (p: string) => { if (!seen.has(p)) { seen.add(p); items.push(fileItem(p)); } };
  for (const arg of args) {
    if (arg === '-') { items.push({ path: null, label: '<stdin>', read: stdin }); continue; }
    const st = await stat(arg).catch(() => null);
    if (st?.isDirectory()) {
      const found: string[] = [];
      await walk(arg, (p) => DOC_EXT.test(p), found, skipped);
      found.forEach(add);
      continue;
    }
    if (st) { add(arg); continue; }
    if (GLOB_CHARS.test(arg)) {
      const norm = arg.split(sep).join('/');
      const parts = norm.split('/');
      const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
      const base = parts.slice(0, firstGlob).join('/') || (norm.startsWith('/') ? '/' : '.');
      const re = globToRegExp(parts.slice(firstGlob).join('/'));
      const matched: string[] = [];
      const take = (f: string) => re.test(relative(base, f).split(sep).join('/'));
      if (await stat(base).then((s) => s.isDirectory(), () => false)) await walk(base, take, matched, skipped);
      if (matched.length === 0) missing.push({ path: arg, reason: 'no file matches this pattern' });
      matched.forEach(add);
      continue;
    }
    missing.push({ path: arg, reason: 'no such file or directory' });
  }
  return { items, missing, skipped };
}

/** Web addresses as ingest items: fetched politely (fetch.ts), conditionally when the archive has fetched them before
 *  (an unchanged page is not read again), and remembered once stored. */
export function urlItems(urls: readonly string[], store: FetchMemory, fetcher: Fetcher): SourceItem[] {
  return urls.map((url) => ({
    path: null, label: url,
    read: async (): Promise<Received> => {
      const got = await fetcher.fetch(url, (await store.fetchState(url)) ?? {});
      if (!got.ok) throw new SourceError(url, got.reason);
      if (got.notModified) return { url, bytes: null, origin: {} };
      const stored = (sha256: string) => store.recordFetch(url, { etag: got.etag, lastModified: got.lastModified, sha256 });
      return { url, bytes: got.bytes, origin: documentOrigin(got), stored };
    },
  }));
}

/** Where the validators of fetched pages are kept: either store. */
interface FetchMemory {
  fetchState(url: string): FetchState | null | Promise<FetchState | null>;
  recordFetch(url: string, state: FetchState): void | Promise<void>;
}

/** The addresses of a list file: one a line; blank lines and lines starting with # are left out. */
export const urlList = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/** One line fit for stderr, whatever was thrown. */
export function reasonOf(err: unknown): string {
  if (err instanceof SourceError) return err.reason;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EISDIR') return 'is a directory';
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'ENOENT') return 'no such file or directory';
  return `extraction failed: ${String(e?.message ?? err).split('\n')[0]}`;
}

export type Extractor = (bytes: Uint8Array, path: string | null) => { record: DocumentInput['record']; text: string };
const defaultExtract: Extractor = (bytes, path) => extractDocument(bytes, { path });

/** Whether the text is exactly the UTF-8 bytes it was decoded from (then the archive keeps no copy of the bytes). */
export function textIsBytes(text: string, bytes: Uint8Array): boolean {
  return Buffer.byteLength(text, 'utf8') === bytes.length && Buffer.from(text, 'utf8').equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** What the store keeps for an extracted document; throws when there is nothing worth archiving. `raw`: the source
 *  bytes to keep beside the text, null when the text is them (textIsBytes). */
export function toInput(raw: Uint8Array | null, path: string | null, sha256: string,
  extracted: { record: DocumentInput['record']; text: string }, version = EXTRACTOR_VERSION, url: string | null = null): DocumentInput {
  const { record, text } = extracted;
  if (url) record.source.url = url;
  // Safety net whatever the decoder does.
  if (!text.trim()) throw new SourceError(path ?? '<stdin>', 'empty document');
  return { path, sha256, text, record, extractorVersion: version, raw };
}

/** Turns bytes into what the store keeps; throws with a reason when the document cannot be read. */
export function prepare(bytes: Uint8Array, path: string | null, sha256: string, extract: Extractor = defaultExtract, version = EXTRACTOR_VERSION): DocumentInput {
  const extracted = extract(bytes, path);
  return toInput(textIsBytes(extracted.text, bytes) ? null : bytes, path, sha256, extracted, version);
}

export interface IngestOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  onFailure?: (f: IngestFailureLine) => void;
  /** Replaces extractDocument (in-process); the bench stores generated records through it. */
  extract?: Extractor;
  extractorVersion?: string;
  /** Extraction worker threads; 0 extracts on the main thread. Ignored with a custom `extract`. */
  jobs?: number;
  /** Documents read and extracted ahead of the writer. */
  readAhead?: number;
}

/** Stores the items' documents: on SQLite in one transaction left open across the reads (committed every
 *  batchSize), elsewhere (a server database) in a transaction per batch. */
export async function ingest(store: Store | ArchiveStore, items: SourceItem[], options: IngestOptions = {}):
  Promise<IngestResult> {
  const sqlite = 'tryBegin' in store ? store : sqliteOf(store);
  return sqlite ? ingestSqlite(sqlite, items, options) : ingestToServer(store as ArchiveStore, items, options);
}

/** A document read ahead of the writer: extracted already (in-process), or on a worker until the writer takes it. */
type Outcome = { doc: DocumentInput; got?: Received } | Sent | { existing: true } | { failed: string };
/** On a worker; `raw` is the bytes only when the text is not them (HTML, other encodings), for the archive to keep. */
interface Sent { ticket: Ticket; path: string | null; sha256: string; raw: Uint8Array | null; url: string | null; got?: Received }

/** The reading half of an ingest: read, hash, skip what `has` knows, extract ahead (on the pool's threads when there
 *  is one); `next(i)` gives item i's outcome, in order, reading `readAhead` items ahead. */
function reader(items: SourceItem[], has: (sha256: string) => boolean, pool: ExtractPool | null,
  options: IngestOptions, readAhead: number): (i: number) => Promise<Outcome> {
  const version = options.extractorVersion ?? EXTRACTOR_VERSION;
  // Files give their bytes at once, so a document waiting in the read-ahead window is one small object (no promise
  // or async frame): the window outlives young-generation collections, and what it holds ends in the old generation.
  const work = (item: SourceItem): Outcome | Promise<Outcome> => {
    let read: Uint8Array | Promise<Uint8Array | Received>;
    try { read = item.read(); } catch (err) { return { failed: reasonOf(err) }; }
    if (read instanceof Uint8Array) return afterRead(item, read);
    return read.then((got) => (got instanceof Uint8Array ? afterRead(item, got) : afterReceived(item, got)),
      (err: unknown) => ({ failed: reasonOf(err) }));
  };
  const afterReceived = (item: SourceItem, got: Received): Outcome | Promise<Outcome> => {
    if (!got.bytes) return { existing: true };
    return afterRead(item, got.bytes, got);
  };
  const afterRead = (item: SourceItem, bytes: Uint8Array, got?: Received): Outcome | Promise<Outcome> => {
    try {
      const sha256 = sha256Hex(bytes);
      if (has(sha256)) { void got?.stored?.(sha256); return { existing: true }; }
      const url = got?.url ?? null;
      const send = (p: ExtractPool, text: string, raw: Uint8Array | null): Sent =>
        ({ ticket: p.send(text, item.path, sha256), path: item.path, sha256, raw, url, got });
      // A PDF's text is read asynchronously (pdf.js), and so is a fetched page, decoded with what its server said;
      // the archive keeps their bytes for reindex.
      if (got || (isPdf(bytes) && !options.extract)) {
        return decodeDocument(bytes, item.path, got?.origin).then((input) => (pool
          ? send(pool, input.text, bytes)
          : { doc: toInput(bytes, item.path, sha256, { record: extract(input.text, input), text: input.text }, version, url),
            got }),
        (err: unknown) => ({ failed: reasonOf(err) }));
      }
      if (pool) {
        const { text } = decodeInput(bytes, item.path, { sha256 });
        return send(pool, text, textIsBytes(text, bytes) ? null : bytes);
      }
      return { doc: prepare(bytes, item.path, sha256, options.extract, version) };
    } catch (err) {
      return { failed: reasonOf(err) };
    }
  };
  /** The document a worker extracted, or the reason it could not be. */
  const taken = async (o: Sent): Promise<Outcome> => {
    const out = await o.ticket.take();
    if ('error' in out) return { failed: out.error };
    try {
      return { doc: toInput(o.raw, o.path, o.sha256, out, version, o.url), got: o.got };
    } catch (err) {
      return { failed: reasonOf(err) };
    }
  };
  const ahead: (Outcome | Promise<Outcome>)[] = [];
  const start = (i: number) => { if (i < items.length) ahead[i] = work(items[i]!); };
  for (let i = 0; i < Math.min(readAhead, items.length); i++) start(i);
  return async (i: number) => {
    const next = ahead[i]!;
    let outcome = next instanceof Promise ? await next : next;
    delete ahead[i];
    if ('ticket' in outcome) outcome = await taken(outcome);
    start(i + readAhead);
    return outcome;
  };
}

/** Extraction threads and how far to read ahead of the writer. */
function extraction(options: IngestOptions): { pool: ExtractPool | null; readAhead: number } {
  const jobs = options.extract ? 0 : options.jobs ?? 0;
  const pool = jobs > 0 ? new ExtractPool(jobs) : null;
  // Enough sent for the workers to go on through a commit (a quarter of a second for 1,000 documents), when the
  // writer takes nothing from them; results wait serialized in the pool's ports (see extract-pool.ts).
  return { pool, readAhead: options.readAhead ?? (pool ? Math.max(64, jobs * 512) : 16) };
}

async function ingestSqlite(store: Store, items: SourceItem[], options: IngestOptions = {}): Promise<IngestResult> {
  const batchSize = options.batchSize ?? 1000;
  const { pool, readAhead } = extraction(options);
  const result: IngestResult = { seen: 0, added: 0, existing: 0, failed: [], interrupted: false };
  // Documents go into an open transaction as they come, committed every batchSize: nothing waits in memory.
  let open = 0;
  let committed = false;
  const write = <T>(fn: () => T): T => {
    if (!open++) store.begin();
    const out = fn();
    if (open >= batchSize) { store.commit(); open = 0; committed = true; }
    return out;
  };
  // A document the store refuses is a failure like an unreadable file; the transaction goes on.
  const put = (doc: DocumentInput) => {
    try {
      return store.put(doc);
    } catch (err) {
      if (err instanceof DocumentError) return err;
      throw err;
    }
  };
  const fail = (path: string, reason: string) => {
    const f = { path, reason };
    result.failed.push(f);
    write(() => store.recordFailure(path, reason));
    options.onFailure?.(f);
  };

  // The writer makes the rows from the record (store.put): measured, that balanced the two threads of a 2-core
  // machine better than making them on the worker, which extraction alone keeps busier.
  try {
    const next = reader(items, (sha256) => store.has(sha256), pool, options, readAhead);
    for (let i = 0; i < items.length; i++) {
      if (options.signal?.aborted) { result.interrupted = true; break; }
      const outcome = await next(i);
      result.seen++;
      if ('failed' in outcome) fail(items[i]!.label, outcome.failed);
      else if ('existing' in outcome) result.existing++;
      else if ('doc' in outcome) {
        // put() tells a document already stored, in an earlier batch, earlier in this one, or by another writer.
        const stored = write(() => put(outcome.doc));
        if (stored instanceof DocumentError) fail(items[i]!.label, stored.message);
        else {
          if (stored.added) result.added++;
          else result.existing++;
          void outcome.got?.stored?.(outcome.doc.sha256);
        }
      }
      options.onProgress?.(i + 1, items.length);
      // A moment for another writer waiting for the lock (busy.ts).
      if (committed) { committed = false; await sleep(WRITER_GAP_MS); }
    }
    if (options.signal?.aborted) result.interrupted = true;
    // What the open transaction holds is complete documents: commit them rather than lose them.
    if (open) store.commit();
    open = 0;
  } finally {
    if (open) store.rollback();
    await pool?.close();
  }
  return result;
}

/** A server database: the documents of a batch written in one transaction of the store (several ingests may write
 *  at once; the store keeps each document once). What the archive holds is not asked before extraction: a document
 *  stored already is extracted again and then found stored. */
async function ingestToServer(store: ArchiveStore, items: SourceItem[], options: IngestOptions = {}):
  Promise<IngestResult> {
  const batchSize = options.batchSize ?? 1000;
  const { pool, readAhead } = extraction(options);
  const result: IngestResult = { seen: 0, added: 0, existing: 0, failed: [], interrupted: false };
  type Pending = { label: string; doc: DocumentInput; got?: Received } | { label: string; failed: string };
  let batch: Pending[] = [];
  const flush = async () => {
    const pending = batch;
    batch = [];
    if (!pending.length) return;
    const failures: IngestFailureLine[] = [];
    const stored: Pending[] = [];
    await store.transaction(async (tx) => {
      const docs: { label: string; doc: DocumentInput; got?: Received }[] = [];
      for (const p of pending) {
        if ('doc' in p) { docs.push(p); continue; }
        failures.push({ path: p.label, reason: p.failed });
        await tx.recordFailure(p.label, p.failed);
      }
      // the batch in one call: a server writes it in a few statements
      for (const [k, out] of (await tx.putMany(docs.map((p) => p.doc))).entries()) {
        const p = docs[k]!;
        if (out instanceof DocumentError) {
          failures.push({ path: p.label, reason: out.message });
          await tx.recordFailure(p.label, out.message);
          continue;
        }
        if (out.added) result.added++; else result.existing++;
        stored.push(p);
      }
    });
    for (const p of stored) if ('doc' in p) await p.got?.stored?.(p.doc.sha256);
    for (const f of failures) { result.failed.push(f); options.onFailure?.(f); }
  };
  // Two batches on their way at most: the next one's rows are made (putMany) while the server writes the one
  // before, whose write lock it then waits for, so batches commit in order. Each is awaited in turn, so the first
  // failure is the ingest's; marked handled at once, a failure waiting its turn stops nothing early.
  const writing: Promise<void>[] = [];
  const send = async () => {
    if (writing.length >= 2) await writing.shift();
    const sent = flush();
    sent.catch(() => {});
    writing.push(sent);
  };
  try {
    const next = reader(items, () => false, pool, options, readAhead);
    for (let i = 0; i < items.length; i++) {
      if (options.signal?.aborted) { result.interrupted = true; break; }
      const outcome = await next(i);
      result.seen++;
      const label = items[i]!.label;
      if ('failed' in outcome) batch.push({ label, failed: outcome.failed });
      else if ('existing' in outcome) result.existing++;
      else if ('doc' in outcome) batch.push({ label, doc: outcome.doc, got: outcome.got });
      if (batch.length >= batchSize) await send();
      options.onProgress?.(i + 1, items.length);
    }
    if (options.signal?.aborted) result.interrupted = true;
    await send(); // complete documents: stored rather than lost
    while (writing.length) await writing.shift();
  } finally {
    await Promise.allSettled(writing);
    await pool?.close();
  }
  return result;
}
