import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { addDbOption, withArchive } from '../../query/cli.js';
import { parseCount } from '../../query/filters.js';
import { UsageError } from '../../errors.js';
import { defaultJobs } from '../../ingest/extract-pool.js';
import { expandInputs, ingest, urlItems, urlList, type IngestFailureLine, type SourceItem } from '../../ingest/ingest.js';
import { Fetcher } from '../../source/fetch.js';
import { readFileSync } from 'node:fs';
import { redacted, resolveDbPath } from '../../store/open.js';
import { shownPath } from '../shown-path.js';
import { archiveSizeOf, counted } from '../../store/size.js';

const BAR_MS = 250;

interface IngestFlags { db?: string; batchSize: string; jobs: string; quiet?: boolean; urls?: string }

export function registerIngest(program: Command, setExit: (code: number) => void): void {
  addDbOption(program.command('ingest')
    .description('extract readouts (files, folders, globs, - for stdin; text, HTML or PDF; web addresses with --urls) '
      + 'into the archive')
    .argument('[paths...]')
    .option('--urls <file>', 'also the web addresses in this file, one a line (fetched politely; again only if changed)')
    .option('--batch-size <n>', 'documents per transaction', '1000')
    .option('--jobs <n>', 'extraction threads (0: none, extract on the main thread)', String(defaultJobs()))
    .option('--quiet', 'no progress output'))
    .action(withArchive(setExit, true, async (store, paths: string[], opts: IngestFlags) => {
      const batchSize = Math.max(1, parseCount('--batch-size', opts.batchSize, 1000)!);
      const jobs = parseCount('--jobs', opts.jobs, 0)!;
      if (!paths.length && !opts.urls) throw new UsageError('nothing to ingest: give paths, or --urls FILE');
      let list: string | null = null;
      if (opts.urls) {
        try { list = readFileSync(opts.urls, 'utf8'); } catch (e) {
          throw new UsageError(`--urls ${opts.urls}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      }
      const found = await expandInputs(paths);
      const { missing, skipped } = found;
      const items: SourceItem[] = [...found.items, ...(list === null ? [] : urlItems(urlList(list), store, new Fetcher()))];
      const tty = Boolean(process.stderr.isTTY) && !opts.quiet;
      const report = (f: IngestFailureLine) => process.stderr.write(`readout: ${shownPath(f.path)}: ${f.reason}\n`);
      skipped.forEach(report);
      for (const f of missing) { report(f); await store.recordFailure(f.path, f.reason); }

      // The estimate from the rate over the last ~10 s (a sample every BAR_MS), so the pause at each commit does not
      // make it jump.
      const bar = tty ? new cliProgress.SingleBar({
        stream: process.stderr, format: 'ingest [{bar}] {value}/{total} {percentage}% {eta_formatted}', etaBuffer: 40,
      }, cliProgress.Presets.shades_classic) : null;
      bar?.start(items.length, 0);
      let drawn = 0;
      const late: IngestFailureLine[] = [];
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let result;
      try {
        result = await ingest(store, items, {
          batchSize, jobs, signal: abort.signal,
          // Off a terminal: a plain line now and then rather than a bar.
          onProgress: (done, total) => {
            if (bar) {
              const now = Date.now();
              if (now - drawn >= BAR_MS || done === total) { drawn = now; bar.update(done); }
            }
            else if (!opts.quiet && (done % 1000 === 0) && done < total) process.stderr.write(`ingest: ${done}/${total}\n`);
          },
          onFailure: (f) => (bar ? late.push(f) : report(f)),
        });
      } finally {
        bar?.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      late.forEach(report);
      const failed = result.failed.length + missing.length;
      process.stdout.write(`${result.interrupted ? 'interrupted after' : 'ingested'} ${counted(result.seen, 'file')}: `
        + `${result.added} added, ${result.existing} already stored, ${failed} failed; `
        + `the archive ${redacted(resolveDbPath(opts))} holds ${await archiveSizeOf(store)}\n`);
      if (result.interrupted) setExit(130);
      else if (failed) setExit(1);
    }));
}
