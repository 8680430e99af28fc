import type { Command } from 'commander';
import { EXTRACTOR_VERSION, extractDocument } from '../../index.js';
import { addDbOption, withStore } from '../../query/cli.js';
import { sleepSync, WRITER_GAP_MS } from '../../store/busy.js';
import { reasonOf } from '../../store/ingest.js';
import { counted } from '../../store/size.js';

export function registerReindex(program: Command, setExit: (code: number) => void): void {
  addDbOption(program.command('reindex')
    .description(`re-extract documents stored by another extractor version (this one: ${EXTRACTOR_VERSION})`)
    .option('--all', 're-extract every document'))
    .action(withStore(setExit, false, (store, opts: { db?: string; all?: boolean }) => {
      const ids = opts.all ? store.staleIds('\u0000') : store.staleIds(EXTRACTOR_VERSION);
      let done = 0;
      let failed = 0;
      for (let i = 0; i < ids.length; i += 500) {
        // One transaction per batch: an interrupted reindex leaves each document either old or new.
        store.transaction(() => {
          for (const id of ids.slice(i, i + 500)) {
            const doc = store.get(id)!;
            try {
              const { record, text } = extractDocument(store.source(id)!, { path: doc.path });
              store.replaceRecord(id, record, EXTRACTOR_VERSION, text);
              done++;
            } catch (err) {
              failed++;
              process.stderr.write(`${doc.path ?? id}: ${reasonOf(err)}\n`);
            }
          }
        });
        // A moment for another writer waiting for the lock.
        sleepSync(WRITER_GAP_MS);
        if (!process.stderr.isTTY && ids.length > 1000) process.stderr.write(`reindex: ${Math.min(i + 500, ids.length)}/${ids.length}\n`);
      }
      process.stdout.write(`reindexed ${done} of ${counted(ids.length, 'document')} with extractor ${EXTRACTOR_VERSION}`
        + `${failed ? `; ${failed} failed` : ''}\n`);
      if (failed) setExit(1);
    }));
}
