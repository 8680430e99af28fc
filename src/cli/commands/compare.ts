// `readout compare A B` (archive ids, files or web addresses), `readout compare --meeting ID` (its readouts), and
// `readout link A B` / `readout unlink A`: a user's word on which readouts report one meeting.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareReadouts, storedReadout, type ComparedReadout, type Comparison } from '../../compare/compare.js';
import { renderComparisonMarkdown, renderComparisonText } from '../../compare/render.js';
import { decodeDocument, extract } from '../../index.js';
import { addDbOption, withArchive } from '../../query/cli.js';
import { parseFormat } from '../../query/filters.js';
import { UsageError } from '../../errors.js';
import { out } from '../../query/output.js';
import { SourceError } from '../../source/errors.js';
import { Fetcher, fetchSource } from '../../source/fetch.js';
import { isServerUrl, openArchiveStore, resolveDbPath } from '../../store/open.js';
import { idOf } from '../../store/rows.js';
import type { ArchiveStore } from '../../store/archive-store.js';
import { isUrl, readInput } from './extract.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

/** An argument as a readout: a web address fetched, a file read (its stored copy when the archive has it), else an
 *  archive id, sha256 or ingested path. */
async function readoutOf(arg: string, store: () => Promise<ArchiveStore | null>, fetcher: () => Fetcher)
  : Promise<ComparedReadout> {
  if (isUrl(arg)) {
    const { bytes, origin } = await fetchSource(fetcher(), arg);
    const input = await decodeDocument(bytes, arg, origin);
    const record = extract(input.text, { path: null, sha256: input.sha256 });
    record.source.url = arg;
    return { id: null, path: null, url: arg, publisher: record.source.publisher, record, length: input.text.length };
  }
  if (existsSync(arg)) {
    const input = await decodeDocument(readInput(arg), arg);
    const stored = await (await store())?.get(idOf(input.sha256));
    const record = stored?.record ?? extract(input.text, { path: arg, sha256: input.sha256 });
    return { id: stored?.id ?? null, path: arg, url: null, publisher: record.source.publisher, record,
      length: stored?.text.length ?? input.text.length };
  }
  const doc = await (await store())?.findByPathOrSha(arg);
  if (!doc) throw new SourceError(arg, 'no such file, web address or archive document');
  return storedReadout(doc);
}

function render(c: Comparison, a: ComparedReadout, b: ComparedReadout, format: typeof FORMATS[number]): string {
  if (format === 'markdown') return renderComparisonMarkdown(c, a.record, b.record);
  return renderComparisonText(c, a.record, b.record, process.stdout.columns ?? 120) + '\n';
}

export function registerCompare(program: Command, setExit: (code: number) => void): void {
  addDbOption(program.command('compare')
    .description('two readouts side by side (archive ids, files or web addresses), or the readouts of one meeting')
    .argument('[readouts...]')
    .option('--meeting <id>', 'compare the readouts of this meeting')
    .option('--format <format>', FORMATS.join('|'), 'text'))
    .action(async (args: string[], opts: { meeting?: string; format: string; db?: string }) => {
      let store: Promise<ArchiveStore | null> | undefined;
      let fetcher: Fetcher | null = null;
      // the archive is opened only when an argument needs it, and only when it exists
      const storeOf = () => {
        const where = resolveDbPath(opts);
        store ??= isServerUrl(where) || existsSync(resolve(where))
          ? openArchiveStore({ db: opts.db, create: false }) : Promise.resolve(null);
        return store;
      };
      try {
        const format = parseFormat(opts.format, FORMATS);
        let names = args;
        if (opts.meeting) {
          const s = await storeOf();
          const doc = await s?.findByPathOrSha(opts.meeting);
          if (!s || !doc) throw new UsageError(`no meeting ${opts.meeting} in the archive`);
          names = (await s.readouts(doc.id)).map((r) => r.id);
          if (names.length < 2) throw new UsageError(`meeting ${opts.meeting} has one readout: nothing to compare`);
        } else if (args.length !== 2) throw new UsageError('compare takes two readouts, or --meeting ID');
        const readouts: ComparedReadout[] = [];
        for (const name of names) readouts.push(await readoutOf(name, storeOf, () => (fetcher ??= new Fetcher())));
        // a meeting of more than two readouts: each compared with its first
        const pairs = readouts.slice(1).map((b) => [readouts[0]!, b] as const);
        // two archive readouts: the archive's word on identity (a user's link or unlink) over the evidence alone
        const comparisons: Comparison[] = [];
        for (const [a, b] of pairs) {
          const c = compareReadouts(a, b);
          const s = a.id && b.id ? await storeOf() : null;
          comparisons.push(s ? { ...c, sameMeeting: await s.meetingOf(a.id!) === await s.meetingOf(b.id!) } : c);
        }
        if (format === 'json') {
          await out(JSON.stringify(comparisons.length === 1 ? comparisons[0] : comparisons, null, 2) + '\n');
        } else {
          for (let k = 0; k < pairs.length; k++) await out(render(comparisons[k]!, pairs[k]![0], pairs[k]![1], format));
        }
      } catch (err) {
        if (err instanceof UsageError) { process.stderr.write(`readout: ${err.message}\n`); return setExit(2); }
        if (err instanceof SourceError) { process.stderr.write(`readout: ${err.message}\n`); return setExit(1); }
        throw err;
      } finally {
        await (await store)?.close();
      }
    });

  addDbOption(program.command('link')
    .description('say that readout A reports the meeting of readout B (kept across re-ingest and reindex)')
    .argument('<a>').argument('<b>'))
    .action(withArchive(setExit, false, async (store, a: string, b: string) => {
      const [da, db] = [await store.findByPathOrSha(a), await store.findByPathOrSha(b)];
      if (!da || !db) throw new UsageError(`no document ${!da ? a : b} in the archive`);
      const meeting = await store.link(da.id, db.id);
      const readouts = await store.readouts(meeting);
      process.stderr.write(`${da.id} now reports meeting ${meeting} (${readouts.length} readouts)\n`);
    }));

  addDbOption(program.command('unlink')
    .description('say that readout A is a meeting of its own (kept across re-ingest and reindex)')
    .argument('<a>'))
    .action(withArchive(setExit, false, async (store, a: string) => {
      const doc = await store.findByPathOrSha(a);
      if (!doc) throw new UsageError(`no document ${a} in the archive`);
      await store.unlink(doc.id);
      process.stderr.write(`${doc.id} is a meeting of its own\n`);
    }));
}
