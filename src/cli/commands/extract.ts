// `readout extract INPUT...`: one record per document, in the order of the inputs; an input is a file, a folder
// (its text, HTML and PDF files, recursively, as ingest takes them), a glob, a web address or - (stdin). A bad input
// is one line on stderr and the rest go on. Extraction runs on worker threads (--jobs, default one per core but
// the main thread's).
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { readFileSync, statSync } from 'node:fs';
import { loadDictionaries, type DocumentOrigin, type ExtractOptions } from '../../index.js';
import { BATCH_SIZE } from '../../pipeline.js';
import { SourceError } from '../../source/errors.js';
import { Fetcher, fetchSource } from '../../source/fetch.js';
import { readStdin } from '../../source/stdin.js';
import { DEFAULT_MAX_BYTES } from '../../source/decode.js';
import { ExtractPool, formatDocuments, type Formatted, type RawDocument, type Ticket }
  from '../../ingest/extract-pool.js';
import { expandInputs, reasonOf } from '../../ingest/ingest.js';
import { parseCount } from '../../query/filters.js';
import { shownPath } from '../shown-path.js';

interface ExtractFlags { format: string; taxonomy?: string; actors?: string[]; warnings: boolean; jobs: string }

/** One document to extract: where it is, how to get its bytes, and about how many there are. */
interface Input { label: string; path: string | null; url: string | null; size: number; load(): Promise<Loaded> }
interface Loaded { bytes: Uint8Array; origin?: DocumentOrigin }

/** What a window of documents read ahead may hold: about this many bytes, a page of a web address counted as URL_SIZE. */
const WINDOW_BYTES = 16 * 1024 * 1024;
const URL_SIZE = 256 * 1024;

/** The inputs from `from` on that one window takes: at most `count`, and about WINDOW_BYTES. */
function windowEnd(inputs: readonly Input[], from: number, count: number): number {
  let end = from;
  for (let bytes = 0; end < inputs.length && end - from < count && (end === from || bytes + inputs[end]!.size <= WINDOW_BYTES); end++) {
    bytes += inputs[end]!.size;
  }
  return end;
}

export const isUrl = (arg: string) => /^https?:\/\//i.test(arg);

/** Reads a path, turning file-system errors into one-line reasons. */
export function readInput(path: string): Buffer {
  let st;
  try { st = statSync(path); } catch { throw new SourceError(path, 'no such file'); }
  if (st.isDirectory()) throw new SourceError(path, 'is a directory');
  try { return readFileSync(path); } catch (e) { throw new SourceError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
}

/** The documents the arguments name, in their order (a path that names none fails in its place), and the lines to
 *  say about links not followed. */
async function expand(args: string[], fetcher: () => Fetcher): Promise<{ inputs: Input[]; problems: string[] }> {
  const inputs: Input[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    if (isUrl(arg)) {
      inputs.push({ label: arg, path: null, url: arg, size: URL_SIZE, load: () => fetchSource(fetcher(), arg) });
      continue;
    }
    // stdin is read up to the size limit (readStdin), once
    const { items, missing, skipped } = await expandInputs([arg], () => readStdin());
    // a path that names nothing fails in its place in the order; a link a folder holds and that is not followed is
    // said, but is no failure (as in ingest)
    for (const m of missing) {
      inputs.push({ label: m.path, path: m.path, url: null, size: 0, load: () => Promise.reject(new SourceError(m.path, m.reason)) });
    }
    for (const m of skipped) problems.push(`${shownPath(m.path)}: ${m.reason}`);
    for (const item of items) {
      const size = item.path === null ? DEFAULT_MAX_BYTES : statSync(item.path, { throwIfNoEntry: false })?.size ?? 0;
      inputs.push({ label: item.path ?? '-', path: item.path, url: null, size, load: async () => ({ bytes: await item.read() }) });
    }
  }
  return { inputs, problems };
}

/** Read on this thread; then decoded, extracted and serialized (formatDocuments) on a worker, or here in batches. */
type Read = { input: Input; doc: RawDocument } | { input: Input; error: unknown };

const read = async (input: Input): Promise<Read> => {
  try {
    const { bytes, origin } = await input.load();
    return { input, doc: { bytes, path: input.path ?? input.url, origin, url: input.url } };
  } catch (error) {
    return { input, error };
  }
};

type Emit = (input: Input, outcome: Formatted | { error: unknown }) => void;

/** A sliding window over the pool: documents are read and sent ahead (up to `ahead` of them, about WINDOW_BYTES)
 *  while the earlier ones are worked on by the workers and written here, in input order. */
async function extractOnPool(pool: ExtractPool, inputs: readonly Input[], ahead: number, pretty: boolean,
  emit: Emit): Promise<void> {
  type Sent = { input: Input; ticket: Ticket<Formatted> } | { input: Input; error: unknown };
  const queue: { size: number; sent: Promise<Sent> }[] = [];
  let bytes = 0;
  let next = 0;
  const fill = () => {
    while (next < inputs.length && queue.length < ahead && (!queue.length || bytes + inputs[next]!.size <= WINDOW_BYTES)) {
      const input = inputs[next++]!;
      bytes += input.size;
      const sent = read(input).then((r): Sent => ('doc' in r ? { input, ticket: pool.sendRaw(r.doc, pretty) } : r));
      queue.push({ size: input.size, sent });
    }
  };
  for (fill(); queue.length; fill()) {
    const head = queue.shift()!;
    const sent = await head.sent;
    emit(sent.input, 'ticket' in sent ? await sent.ticket.take() : sent);
    bytes -= head.size;
  }
}

export function registerExtract(program: Command, setExit: (code: number) => void): void {
  program.command('extract')
    .description('extract one readout/1 record per document: files, folders, globs, web addresses (text, HTML, PDF); - reads stdin')
    .argument('<inputs...>')
    .option('--format <format>', 'json (pretty; an array for several documents) or jsonl', 'json')
    .option('--taxonomy <file>', 'a topic taxonomy replacing the default (shape of data/topics.json)')
    .option('--actors <file>', 'an actor dictionary extending the default (shape of data/actors.json); repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    // the main thread reads and writes: workers for the other cores (on 2 cores one thread does it all,
    // measured faster than 2 workers beside a busy main thread)
    .option('--jobs <n>', 'extraction threads (1: on this thread)', String(Math.max(1, availableParallelism() - 1)))
    .option('--no-warnings', 'do not print extraction warnings on stderr')
    .action(async (args: string[], flags: ExtractFlags) => {
      if (flags.format !== 'json' && flags.format !== 'jsonl') throw new Error(`unknown format "${flags.format}" (json or jsonl)`);
      const jobs = Math.max(1, parseCount('--jobs', flags.jobs, 1)!);
      const options: ExtractOptions = { taxonomy: flags.taxonomy, actors: flags.actors ?? [] };
      try {
        loadDictionaries(options);
      } catch (e) {
        process.stderr.write(`readout: ${(e as Error).message}\n`);
        setExit(2);
        return;
      }
      let fetcher: Fetcher | null = null;
      const { inputs, problems } = await expand(args, () => (fetcher ??= new Fetcher()));
      for (const p of problems) process.stderr.write(`readout: ${p}\n`);

      const pretty = flags.format === 'json';
      const records: string[] = [];
      const emit: Emit = (input, outcome) => {
        if ('error' in outcome) {
          const reason = typeof outcome.error === 'string' ? outcome.error : reasonOf(outcome.error);
          process.stderr.write(`readout: ${shownPath(input.label)}: ${reason}\n`);
          setExit(1);
          return;
        }
        const warn = (w: string) => process.stderr.write(`readout: ${shownPath(input.label)}: warning: ${w}\n`);
        if (flags.warnings) outcome.warnings.forEach(warn);
        if (pretty) records.push(outcome.json);
        else process.stdout.write(outcome.json + '\n');
      };

      const pool = jobs > 1 && inputs.length > 1 ? new ExtractPool(jobs, options) : null;
      try {
        if (pool) await extractOnPool(pool, inputs, jobs * 64, pretty, emit);
        else {
          // read a window at a time, decoded, extracted and serialized together (formatDocuments), in input order
          for (let from = 0, end; from < inputs.length; from = end) {
            end = windowEnd(inputs, from, BATCH_SIZE);
            const window = await Promise.all(inputs.slice(from, end).map(read));
            const docs = window.flatMap((r) => ('doc' in r ? [r.doc] : []));
            const formatted = await formatDocuments(docs, pretty, options);
            let next = 0;
            for (const r of window) emit(r.input, 'doc' in r ? formatted[next++]! : r);
          }
        }
      } finally {
        await pool?.close();
      }
      if (records.length) {
        // the array JSON.stringify(records, null, 2) writes: each record's lines one level (two spaces) deeper
        const single = records.length === 1 && inputs.length === 1;
        const array = () => `[\n${records.map((r) => `  ${r.replaceAll('\n', '\n  ')}`).join(',\n')}\n]`;
        process.stdout.write(`${single ? records[0] : array()}\n`);
      }
    });
}
