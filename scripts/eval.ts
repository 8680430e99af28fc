// `npm run eval`: extracts the dev corpus and scores it with src/eval/score.ts (the shared scorer's rules, same
// figures to the last digit). Pass --verbose for every miss, --per-document for a row per readout, --json for tools.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeDocument, extract } from '../src/index.js';
import { makePdf } from './pdf-copy.js';
import { htmlToText, looksLikeHtml } from '../src/source/html.js';
import { readGoldDir } from '../src/eval/gold.js';
import { report } from '../src/eval/report.js';
import { wrapText } from './wrap-text.js';

const shared = resolve(process.env.READOUT_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
// `--set heldout` scores the project's own held-out readouts (test/fixtures/heldout, text and gold side by side)
const args = process.argv.slice(2);
const set = args.includes('--set') ? args.splice(args.indexOf('--set'), 2)[1] : 'dev';
const corpus = set === 'dev' ? join(shared, 'corpus', 'dev')
  : resolve(import.meta.dirname, '..', 'test', 'fixtures', set);
const goldDir = set === 'dev' ? join(shared, 'gold', 'dev') : corpus;
if (!existsSync(corpus)) {
  console.error(`eval: no dev corpus at ${corpus} (set READOUT_SHARED)`);
  process.exit(2);
}
// `--wrap N` hard-wraps every text at N columns first (as an email or a PDF's text would be), `--one-line` puts
// each on one line: the figures of readouts as users hold them, to set beside the clean copy's
const wrapAt = args.includes('--wrap') ? Number(args.splice(args.indexOf('--wrap'), 2)[1]) : null;
const oneLine = args.includes('--one-line') ? Boolean(args.splice(args.indexOf('--one-line'), 1)) : false;
const copyOf = (text: string) => (oneLine ? text.replace(/\s*\n\s*/g, ' ') : wrapAt ? wrapText(text, wrapAt) : text);
// `--pdf` lays each text out as a PDF first, as a word processor would (scripts/pdf-copy.ts)
const pdf = args.includes('--pdf') ? Boolean(args.splice(args.indexOf('--pdf'), 1)) : false;
const records = await Promise.all(readdirSync(corpus).filter((x) => x.endsWith('.txt')).sort().map(async (f) => {
  const path = join(corpus, f);
  const text = readFileSync(path, 'utf8');
  // a page saved as HTML is printed to PDF as a browser shows it: its text, not its source
  const printed = () => makePdf(looksLikeHtml(text, path) ? htmlToText(text) : text);
  const bytes = pdf ? await printed() : wrapAt || oneLine ? Buffer.from(copyOf(text)) : Buffer.from(text);
  const input = await decodeDocument(bytes, path);
  return extract(input.text, input);
}));
const { gold, problems } = readGoldDir(goldDir);
if (problems.length) {
  for (const p of problems) console.error(`eval: ${p}`);
  process.exit(2);
}
const flag = (name: string) => args.includes(name);
process.stdout.write(report(gold, records, { json: flag('--json'), perDocument: flag('--per-document'),
  verbose: flag('--verbose') }));
