// `readout eval --gold DIR FILE...`: extracts the files and scores them against the gold records in DIR with the
// shared scorer's rules (src/eval/score.ts), so a team can report readout's accuracy on its own corpus.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { shownPath } from '../shown-path.js';
import { readGoldDir, unknownMeetingKeys, type GoldRecord } from '../../eval/gold.js';
import { dictionaryOptions, extractFiles, failLine, withDictionaryOptions } from '../../eval/inputs.js';
import { report } from '../../eval/report.js';
import { out } from '../../query/output.js';

interface EvalFlags { gold: string; json: boolean; verbose: boolean; perDocument: boolean; taxonomy?: string;
  actors?: string[] }

/** Why each file cannot be scored (no gold names it, or another file has its name): one usage line each. */
function unmatched(files: string[], gold: GoldRecord[], dir: string): string[] {
  const docs = new Set(gold.map((g) => g.doc)), seen = new Map<string, string>();
  return files.flatMap((file) => {
    const doc = basename(file), twin = seen.get(doc);
    seen.set(doc, file);
    const line = !docs.has(doc) ? `no gold in ${dir} (no *.gold.json with "doc": "${doc}")`
      : twin !== undefined ? `same name as ${twin} (gold is matched by name)` : null;
    return line === null ? [] : [`${shownPath(file)}: ${shownPath(line)}`];
  });
}

export function registerEval(program: Command, setExit: (code: number) => void): void {
  const command = program.command('eval')
    .description('extract files and score them against hand-checked gold records (see docs/eval.md)')
    .argument('<files...>', 'inputs (text, HTML or PDF), each named by the "doc" of a gold record')
    .requiredOption('--gold <dir>', 'folder of NAME.gold.json files (`readout gold` writes first drafts)')
    .option('--json', "the figures as JSON, as the shared scorer's --json prints them")
    .option('--per-document', 'a row of figures per document as well')
    .option('--verbose', 'per document, and every miss (what the gold wants, what was extracted)');
  // the dictionary options last, as in `readout extract --help`
  withDictionaryOptions(command).action(async (files: string[], flags: EvalFlags) => {
    const { gold, problems } = readGoldDir(flags.gold);
    const options = dictionaryOptions(flags);
    if (typeof options === 'string') problems.push(options);
    // with no gold folder at all, "no gold" for every file would only repeat that
    if (gold.length || !problems.length) problems.push(...unmatched(files, gold, flags.gold));
    if (problems.length || typeof options === 'string') {
      for (const p of problems) process.stderr.write(`readout: ${shownPath(p)}\n`);
      setExit(2);
      return;
    }
    for (const g of gold) for (const k of unknownMeetingKeys(g)) {
      process.stderr.write(`readout: ${shownPath(g.doc)}: warning: gold meeting key "${k}" is not a scored field\n`);
    }
    const extracted = await extractFiles(files, options, failLine(setExit));
    await out(report(gold, extracted.map((e) => e.record), flags));
  });
}
