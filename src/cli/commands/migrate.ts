// `readout migrate --from A --to B`: copies an archive between backends (a SQLite file, a postgres:// address), in
// either direction. Resumable: a document already in the target is not written again, so a run that stopped (Ctrl-C,
// a dropped connection) is completed by running it again. Documents go in batches, each in one transaction.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openArchiveStore, redacted } from '../../store/open.js';
import { textIsBytes } from '../../ingest/ingest.js';
import type { ArchiveStore } from '../../store/archive-store.js';
import type { DocumentInput } from '../../store/store.js';
import { counted } from '../../store/size.js';

const BATCH = 500;

/** What the target needs to store a document the source holds: its text, record and the bytes it was read from. */
async function inputOf(source: ArchiveStore, doc: { id: string; path: string | null; sha256: string; text: string;
  record: DocumentInput['record']; extractorVersion: string }): Promise<DocumentInput> {
  const bytes = await source.source(doc.id);
  const raw = bytes && !textIsBytes(doc.text, bytes) ? bytes : null;
  return { path: doc.path, sha256: doc.sha256, text: doc.text, record: doc.record,
    extractorVersion: doc.extractorVersion, raw };
}

export function registerMigrate(program: Command, setExit: (code: number) => void): void {
  program.command('migrate')
    .description('copy an archive to another backend (SQLite file <-> postgres:// address); run again to resume')
    .requiredOption('--from <db>', 'the archive to copy')
    .requiredOption('--to <db>', 'where to copy it (created if need be)')
    .option('--quiet', 'no progress output')
    .action(async (opts: { from: string; to: string; quiet?: boolean }) => {
      if (opts.from === opts.to) {
        process.stderr.write('readout: migrate: --from and --to are the same archive\n');
        return setExit(2);
      }
      const source = await openArchiveStore({ db: opts.from, create: false });
      let target: ArchiveStore | null = null;
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      try {
        target = await openArchiveStore({ db: opts.to, create: true });
        const total = await source.meetings({ includeNonReadouts: true, count: 'readouts' }, { limit: 0 })
          .then((r) => r.total);
        const bar = process.stderr.isTTY && !opts.quiet ? new cliProgress.SingleBar({ stream: process.stderr,
          format: 'migrate [{bar}] {value}/{total} {percentage}% {eta_formatted}' }, cliProgress.Presets.shades_classic)
          : null;
        bar?.start(total, 0);
        let seen = 0;
        let copied = 0;
        let batch: DocumentInput[] = [];
        const flush = async () => {
          const docs = batch;
          batch = [];
          if (!docs.length) return;
          // one batch a call: a server database writes it in a few statements
          const results = await target!.transaction((tx) => tx.putMany(docs));
          results.forEach((r, k) => {
            const label = docs[k]!.path ?? docs[k]!.sha256;
            if (r instanceof Error) process.stderr.write(`readout: migrate: ${label}: ${r.message}\n`);
            else if (r.added) copied++;
          });
        };
        for await (const doc of source.iterate({ includeNonReadouts: true, count: 'readouts' })) {
          if (abort.signal.aborted) break;
          seen++;
          if (!(await target.has(doc.sha256))) batch.push(await inputOf(source, doc));
          if (batch.length >= BATCH) await flush();
          bar?.update(seen);
        }
        await flush();
        // what could not be read stays on record in the copy too
        for (const f of await source.failures()) await target.recordFailure(f.path, f.reason);
        // meetings as the source groups them, a user's links and unlinks included (the copy linked on its own)
        let regrouped = 0;
        if (!abort.signal.aborted) {
          for await (const doc of source.iterate({ includeNonReadouts: true })) {
            const meeting = await source.meetingOf(doc.id);
            if (meeting === await target.meetingOf(doc.id)) continue;
            if (meeting === doc.id) await target.unlink(doc.id); else await target.link(doc.id, meeting);
            regrouped++;
          }
        }
        bar?.stop();
        const stopped = abort.signal.aborted;
        process.stdout.write(`${stopped ? 'interrupted after' : 'migrated'} ${counted(seen, 'document')} from `
          + `${redacted(opts.from)} to ${redacted(opts.to)}: ${copied} copied, ${seen - copied} there already`
          + `${regrouped ? `, ${counted(regrouped, 'readout')} regrouped as the source links them` : ''}\n`);
        if (stopped) setExit(130);
      } finally {
        process.off('SIGINT', onSignal);
        await target?.close();
        await source.close();
      }
    });
}
