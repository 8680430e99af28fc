// `npm run eval`: extracts the dev corpus and runs the shared scorer over it. Pass --verbose for every miss.
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { extractDocument } from '../src/index.js';

const shared = resolve(process.env.READOUT_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
// `--set heldout` scores the project's own held-out readouts (test/fixtures/heldout, text and gold side by side)
const args = process.argv.slice(2);
const set = args.includes('--set') ? args.splice(args.indexOf('--set'), 2)[1] : 'dev';
const corpus = set === 'dev' ? join(shared, 'corpus', 'dev') : resolve(import.meta.dirname, '..', 'test', 'fixtures', set);
const gold = set === 'dev' ? join(shared, 'gold', 'dev') : corpus;
if (!existsSync(corpus)) {
  console.error(`eval: no dev corpus at ${corpus} (set READOUT_SHARED)`);
  process.exit(2);
}
const lines: string[] = [];
for (const f of readdirSync(corpus).filter((x) => x.endsWith('.txt')).sort()) {
  const path = join(corpus, f);
  lines.push(JSON.stringify(extractDocument(readFileSync(path), { path }).record));
}
const out = join(mkdtempSync(join(tmpdir(), 'readout-eval-')), 'dev.jsonl');
writeFileSync(out, lines.join('\n') + '\n');
const r = spawnSync(process.execPath, [join(shared, 'eval', 'score.mjs'), '--gold', gold, '--pred', out, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
