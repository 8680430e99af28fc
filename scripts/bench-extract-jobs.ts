// npm run bench:jobs [-- --docs N] [-- --jobs 1,2]: `readout extract --format jsonl` end to end over N generated
// readout files (default 10,000) in a folder, once per --jobs value, wall time and docs/s side by side; the records
// must be the same whatever the number of threads.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCorpus } from './generate-corpus.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1]!;
};
const docs = Number(arg('--docs', '10000'));
const jobs = arg('--jobs', '1,2').split(',').map(Number);
const bin = resolve(import.meta.dirname, '..', 'bin', 'readout.js');
const dir = mkdtempSync(join(tmpdir(), 'readout-bench-jobs-'));
try {
  generateCorpus(docs, 7).forEach((d, k) => writeFileSync(join(dir, `${String(k).padStart(6, '0')}.txt`), d.text));
  console.log(`readout extract --format jsonl over ${docs} generated files`);
  console.log('jobs | wall s | docs/s | output sha256');
  for (const n of jobs) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, 'extract', '--format', 'jsonl', '--no-warnings', '--jobs', String(n), dir],
      { maxBuffer: 1 << 30 });
    const secs = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`--jobs ${n} exited ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
    const sha = createHash('sha256').update(r.stdout).digest('hex').slice(0, 16);
    console.log(`${n} | ${secs.toFixed(1)} | ${Math.round(docs / secs)} | ${sha}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
