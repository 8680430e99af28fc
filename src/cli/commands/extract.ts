import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { extract } from '../../pipeline.js';

export function registerExtract(program: Command, setExit: (code: number) => void): void {
  program.command('extract')
    .description('extract one record per readout file (text or HTML; - for stdin)')
    .argument('<files...>')
    .option('--format <format>', 'json or jsonl', 'json')
    .action((files: string[], opts: { format: string }) => {
      for (const f of files) {
        const rec = extract(readFileSync(f, 'utf8'), { path: f });
        process.stdout.write(JSON.stringify(rec, null, opts.format === 'json' ? 2 : undefined) + '\n');
      }
      setExit(0);
    });
}
