// `readout extract FILE... | -`: one record per input, in argument order; a bad file is reported and skipped.
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { extractDocument, type ExtractOptions } from '../../index.js';
import { SourceError } from '../../source/errors.js';
import type { ReadoutRecord } from '../../record/schema.js';

interface ExtractFlags { format: string; taxonomy?: string; actors?: string[]; warnings: boolean }

/** Reads a path (or stdin for "-"), turning file-system errors into one-line reasons. */
export function readInput(path: string): Buffer {
  if (path === '-') return readFileSync(0);
  let st;
  try { st = statSync(path); } catch { throw new SourceError(path, 'no such file'); }
  if (st.isDirectory()) throw new SourceError(path, 'is a directory (use `readout ingest` for folders)');
  try { return readFileSync(path); } catch (e) { throw new SourceError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
}

export function registerExtract(program: Command, setExit: (code: number) => void): void {
  program.command('extract')
    .description('extract one readout/1 record per file (text or HTML; - reads stdin)')
    .argument('<files...>')
    .option('--format <format>', 'json (pretty; an array for several files) or jsonl', 'json')
    .option('--taxonomy <file>', 'a topic taxonomy replacing the default (shape of data/topics.json)')
    .option('--actors <file>', 'an actor dictionary extending the default (shape of data/actors.json); repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--no-warnings', 'do not print extraction warnings on stderr')
    .action((files: string[], flags: ExtractFlags) => {
      if (flags.format !== 'json' && flags.format !== 'jsonl') throw new Error(`unknown format "${flags.format}" (json or jsonl)`);
      const options: ExtractOptions = { taxonomy: flags.taxonomy, actors: flags.actors ?? [] };
      const records: ReadoutRecord[] = [];
      for (const file of files) {
        let record: ReadoutRecord;
        try {
          record = extractDocument(readInput(file), { ...options, path: file === '-' ? null : file }).record;
        } catch (e) {
          const reason = e instanceof SourceError ? e.reason : `internal error: ${(e as Error).message}`;
          process.stderr.write(`readout: ${file}: ${reason}\n`);
          setExit(1);
          continue;
        }
        if (flags.warnings) for (const w of record.warnings ?? []) process.stderr.write(`readout: ${file}: warning: ${w}\n`);
        if (flags.format === 'jsonl') process.stdout.write(JSON.stringify(record) + '\n');
        else records.push(record);
      }
      if (flags.format === 'json' && records.length) {
        process.stdout.write(JSON.stringify(records.length === 1 && files.length === 1 ? records[0] : records, null, 2) + '\n');
      }
    });
}
