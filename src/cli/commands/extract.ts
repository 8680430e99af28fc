// `readout extract FILE... | -`: one record per input, in argument order; a bad file is reported and skipped.
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { readStdin } from '../../source/stdin.js';
import { shownPath } from '../shown-path.js';
import { decodeDocument, loadDictionaries, type ExtractOptions } from '../../index.js';
import { BATCH_SIZE, extractMany, type ExtractInput, type ExtractOutcome } from '../../pipeline.js';
import { SourceError } from '../../source/errors.js';
import type { ReadoutRecord } from '../../record/schema.js';

const GROUP_CHARS = 16 * 1024 * 1024;

interface ExtractFlags { format: string; taxonomy?: string; actors?: string[]; warnings: boolean }

/** Reads a path, turning file-system errors into one-line reasons. */
export function readInput(path: string): Buffer {
  let st;
  try { st = statSync(path); } catch { throw new SourceError(path, 'no such file'); }
  if (st.isDirectory()) throw new SourceError(path, 'is a directory (use `readout ingest` for folders)');
  try { return readFileSync(path); } catch (e) { throw new SourceError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
}

const bytesOf = (read: Uint8Array | Error | null): Uint8Array => {
  if (read instanceof Error || read === null) throw read ?? new Error('stdin was not read');
  return read;
};

export function registerExtract(program: Command, setExit: (code: number) => void): void {
  program.command('extract')
    .description('extract one readout/1 record per file (text, HTML or PDF; - reads stdin)')
    .argument('<files...>')
    .option('--format <format>', 'json (pretty; an array for several files) or jsonl', 'json')
    .option('--taxonomy <file>', 'a topic taxonomy replacing the default (shape of data/topics.json)')
    .option('--actors <file>', 'an actor dictionary extending the default (shape of data/actors.json); repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--no-warnings', 'do not print extraction warnings on stderr')
    .action(async (files: string[], flags: ExtractFlags) => {
      if (flags.format !== 'json' && flags.format !== 'jsonl') throw new Error(`unknown format "${flags.format}" (json or jsonl)`);
      const options: ExtractOptions = { taxonomy: flags.taxonomy, actors: flags.actors ?? [] };
      try {
        loadDictionaries(options);
      } catch (e) {
        process.stderr.write(`readout: ${(e as Error).message}\n`);
        setExit(2);
        return;
      }
      const records: ReadoutRecord[] = [];
      // stdin is read once, up to the size limit, before the files (it cannot be read synchronously in a batch)
      const stdin = files.includes('-') ? await readStdin().catch((e: unknown) => e as Error) : null;
      // files are read and decoded in groups (of at most BATCH_SIZE files and about 16 MB of text), and a group's
      // texts extracted together (extractMany: faster than one at a time); each file's result still prints in order
      for (let k = 0; k < files.length;) {
        const group: { file: string; input?: ExtractInput; error?: Error }[] = [];
        for (let size = 0; k < files.length && group.length < BATCH_SIZE && size < GROUP_CHARS;) {
          const file = files[k++];
          try {
            const input = await decodeDocument(file === '-' ? bytesOf(stdin) : readInput(file), file === '-' ? null : file);
            group.push({ file, input });
            size += input.text.length;
          } catch (e) {
            group.push({ file, error: e as Error });
          }
        }
        const outcomes = extractMany(group.flatMap((g) => (g.input ? [g.input] : [])), options);
        let next = 0;
        for (const g of group) {
          const outcome: ExtractOutcome = g.input ? outcomes[next++] : { error: g.error! };
          if (outcome.error) {
            const reason = outcome.error instanceof SourceError ? outcome.error.reason : `internal error: ${outcome.error.message}`;
            process.stderr.write(`readout: ${shownPath(g.file)}: ${reason}\n`);
            setExit(1);
            continue;
          }
          const record = outcome.record;
          if (flags.warnings) for (const w of record.warnings ?? []) process.stderr.write(`readout: ${shownPath(g.file)}: warning: ${w}\n`);
          if (flags.format === 'jsonl') process.stdout.write(JSON.stringify(record) + '\n');
          else records.push(record);
        }
      }
      if (flags.format === 'json' && records.length) {
        process.stdout.write(JSON.stringify(records.length === 1 && files.length === 1 ? records[0] : records, null, 2) + '\n');
      }
    });
}
