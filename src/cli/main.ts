// The `readout` command line: one sub-command a module under ./commands, registered here.
import { Command, CommanderError } from 'commander';
import { registerExtract } from './commands/extract.js';
import { registerIngest } from './commands/ingest.js';
import { registerReindex } from './commands/reindex.js';
import { registerMeetings } from './commands/meetings.js';
import { registerShow } from './commands/show.js';
import { registerSearch } from './commands/search.js';
import { registerStats } from './commands/stats.js';
import { registerExport } from './commands/export.js';
import { registerServe } from './commands/serve.js';
import { registerDemo } from './commands/demo.js';
import { registerEval } from './commands/eval.js';
import { registerGold } from './commands/gold.js';
import { registerCompare } from './commands/compare.js';
import { registerMigrate } from './commands/migrate.js';
import { registerActors } from './commands/actors.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('readout')
    .description('Turn diplomatic meeting readouts into structured, searchable records')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .showHelpAfterError();
  let exitCode = 0;
  const setExit = (code: number) => { exitCode = Math.max(exitCode, code); };
  registerExtract(program, setExit);
  registerIngest(program, setExit);
  registerReindex(program, setExit);
  registerMeetings(program, setExit);
  registerShow(program, setExit);
  registerCompare(program, setExit);
  registerMigrate(program, setExit);
  registerSearch(program, setExit);
  registerStats(program, setExit);
  registerExport(program, setExit);
  registerServe(program, setExit);
  registerDemo(program, setExit);
  registerEval(program, setExit);
  registerGold(program, setExit);
  registerActors(program, setExit);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    process.stderr.write(`readout: ${(err as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
