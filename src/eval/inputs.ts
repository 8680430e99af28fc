// Inputs of `readout eval` and `readout gold`: every file or web address read and decoded through decodeDocument (the
// one place that knows text, HTML and PDF), then extracted together; one that fails is reported, not fatal.
import type { Command } from 'commander';
import { decodeDocument, loadDictionaries, type ExtractOptions } from '../index.js';
import { extractMany, type ExtractInput } from '../pipeline.js';
import { SourceError } from '../source/errors.js';
import { isUrl, readInput } from '../cli/commands/extract.js';
import { Fetcher, fetchSource } from '../source/fetch.js';
import { shownPath } from '../cli/shown-path.js';
import type { ReadoutRecord } from '../record/schema.js';

export interface Extracted { file: string; record: ReadoutRecord }

const reasonOf = (e: Error) => (e instanceof SourceError ? e.reason : `internal error: ${e.message}`);

/** `readout extract`'s --taxonomy and --actors, for commands that extract too. */
export const withDictionaryOptions = (command: Command): Command => command
  .option('--taxonomy <file>', 'a topic taxonomy replacing the default, as for `readout extract`')
  .option('--actors <file>', 'an actor dictionary extending the default; repeatable',
    (v: string, prev: string[]) => [...prev, v], [] as string[]);

/** The dictionary options of `readout extract`, checked up front: the options, or one line saying what is bad. */
export function dictionaryOptions(flags: { taxonomy?: string; actors?: string[] }): ExtractOptions | string {
  const options: ExtractOptions = { taxonomy: flags.taxonomy, actors: flags.actors ?? [] };
  try { loadDictionaries(options); } catch (e) { return (e as Error).message; }
  return options;
}

/** The `fail` of extractFiles for a command: one line `readout: FILE: reason` on stderr, and exit code 1. */
export const failLine = (setExit: (code: number) => void) => (file: string, reason: string): void => {
  process.stderr.write(`readout: ${shownPath(file)}: ${reason}\n`);
  setExit(1);
};

/** Extracts each file in order; `fail` hears of each that cannot be read or extracted, with a one-line reason. */
export async function extractFiles(files: string[], options: ExtractOptions,
  fail: (file: string, reason: string) => void): Promise<Extracted[]> {
  const read: { file: string; input: ExtractInput }[] = [];
  let fetcher: Fetcher | null = null;
  for (const file of files) {
    try {
      if (!isUrl(file)) { read.push({ file, input: await decodeDocument(readInput(file), file) }); continue; }
      // a web address is matched to its gold by the last part of its path, as a file by its name
      const { bytes, origin } = await fetchSource(fetcher ??= new Fetcher(), file);
      const name = decodeURIComponent(new URL(file).pathname.split('/').filter(Boolean).pop() ?? file);
      read.push({ file, input: await decodeDocument(bytes, name, origin) });
    } catch (e) { fail(file, reasonOf(e as Error)); }
  }
  const outcomes = extractMany(read.map((r) => r.input), options);
  return read.flatMap(({ file }, k) => {
    const outcome = outcomes[k];
    if (!outcome.error) return [{ file, record: outcome.record }];
    fail(file, reasonOf(outcome.error));
    return [];
  });
}
