// `readout gold FILE... [--out DIR]`: a gold skeleton per input (gold/GUIDE.md format), filled from the extraction,
// for a team to correct by hand and then score with `readout eval`. An existing gold file is kept unless --force.
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { shownPath } from '../shown-path.js';
import { dictionaryOptions, extractFiles, failLine, withDictionaryOptions } from '../../eval/inputs.js';
import { formatGold, goldName, goldSkeleton } from '../../eval/skeleton.js';

interface GoldFlags { out?: string; force: boolean; taxonomy?: string; actors?: string[] }

export function registerGold(program: Command, setExit: (code: number) => void): void {
  const command = program.command('gold')
    .description('write a gold skeleton (NAME.gold.json) per input, from its extraction, to correct by hand')
    .argument('<files...>', 'inputs (text, HTML or PDF)')
    .option('--out <dir>', 'folder for the gold files (default: beside each input)')
    .option('--force', 'overwrite gold files that exist', false);
  // the dictionary options last, as in `readout extract --help`
  withDictionaryOptions(command).action(async (files: string[], flags: GoldFlags) => {
    const options = dictionaryOptions(flags);
    if (typeof options === 'string') { process.stderr.write(`readout: ${options}\n`); setExit(2); return; }
    const fail = failLine(setExit);
    const written = new Map<string, string>();
    for (const { file, record } of await extractFiles(files, options, fail)) {
      const path = join(flags.out ?? dirname(file), goldName(file));
      // two inputs of one name (a.txt, a.html) would share a gold file: the second is refused, even with --force
      const twin = written.get(path);
      if (twin !== undefined) { fail(file, `${shownPath(path)} was just written for ${shownPath(twin)}`); continue; }
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, formatGold(goldSkeleton(record, file)), { flag: flags.force ? 'w' : 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        fail(file, code === 'EEXIST' ? `${shownPath(path)} exists (--force to overwrite)`
          : `cannot write ${shownPath(path)} (${code ?? (e as Error).message})`);
        continue;
      }
      written.set(path, file);
      process.stdout.write(`${path}\n`);
    }
  });
}
