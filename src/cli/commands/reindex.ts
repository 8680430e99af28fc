import type { Command } from 'commander';
import { decodeDocument, EXTRACTOR_VERSION, extract } from '../../index.js';
import { addDbOption, withArchive } from '../../query/cli.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { WRITER_GAP_MS } from '../../store/busy.js';
import { reasonOf } from '../../ingest/ingest.js';
import { counted } from '../../store/size.js';

export function registerReindex(program: Command, setExit: (code: number) => void): void {
  addDbOption(program.command('reindex')
    .description(`re-extract documents stored by another extractor version (this one: ${EXTRACTOR_VERSION})`)
    .option('--all', 're-extract every document'))
    .action(withArchive(setExit, false, async (store, opts: { db?: string; all?: boolean }) => {
      const ids = await store.staleIds(opts.all ? '\u0000' : EXTRACTOR_VERSION);
      let done = 0;
      let failed = 0;
      const fail = (label: string, err: unknown) => {
        failed++;
        process.stderr.write(`${label}: ${reasonOf(err)}\n`);
      };
      for (let i = 0; i < ids.length; i += 500) {
        // Decoded first, outside the transaction: a PDF's text is read asynchronously.
        const batch = await Promise.all(ids.slice(i, i + 500).map(async (id) => {
          const doc = (await store.get(id))!;
          const input = await decodeDocument((await store.source(id))!, doc.path).catch((err: unknown) => err as Error);
          return { id, doc, input };
        }));
        // One transaction per batch: an interrupted reindex leaves each document either old or new.
        await store.transaction(async (tx) => {
          for (const { id, doc, input } of batch) {
            if (input instanceof Error) { fail(doc.path ?? id, input); continue; }
            try {
              await tx.replaceRecord(id, extract(input.text, input), EXTRACTOR_VERSION, input.text);
              done++;
            } catch (err) {
              fail(doc.path ?? id, err);
            }
          }
        });
        // A moment for another writer waiting for the lock.
        await sleep(WRITER_GAP_MS);
        if (!process.stderr.isTTY && ids.length > 1000) process.stderr.write(`reindex: ${Math.min(i + 500, ids.length)}/${ids.length}\n`);
      }
      process.stdout.write(`reindexed ${done} of ${counted(ids.length, 'document')} with extractor ${EXTRACTOR_VERSION}`
        + `${failed ? `; ${failed} failed` : ''}\n`);
      if (failed) setExit(1);
    }));
}
