// npm run bench:jobs [-- --docs N] [-- --jobs 1,2] [-- --runs R] [-- --format json]: `readout extract` end to end over
// N generated readout files (default 10,000) in a folder, once per --jobs value (R rounds, the median kept: the
// machine may be busy), wall time and docs/s side by side; the output must be the same whatever the number of
// threads. It runs in the folder (paths relative), so that the output's hash is the same from one run to the next.
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
const runs = Number(arg('--runs', '3'));
const format = arg('--format', 'jsonl');
const bin = process.env.READOUT_BIN ?? resolve(import.meta.dirname, '..', 'bin', 'readout.js');
const dir = mkdtempSync(join(tmpdir(), 'readout-bench-jobs-'));
try {
  generateCorpus(docs, 7).forEach((d, k) => writeFileSync(join(dir, `${String(k).padStart(6, '0')}.txt`), d.text));
  console.log(`readout extract --format ${format} over ${docs} generated files, median of ${runs} rounds`);
  const times = new Map<number, number[]>(jobs.map((n) => [n, []]));
  const shas = new Map<number, string>();
  // rounds alternate the --jobs values, so that a busy spell weighs on each alike
  for (let round = 0; round < runs; round++) {
    for (const n of jobs) {
      const t = performance.now();
      const args = [bin, 'extract', '--format', format, '--no-warnings', '--jobs', String(n), '.'];
      const r = spawnSync(process.execPath, args, { cwd: dir, maxBuffer: 1 << 30 });
      times.get(n)!.push((performance.now() - t) / 1000);
      if (r.status !== 0) throw new Error(`--jobs ${n} exited ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
      const sha = createHash('sha256').update(r.stdout).digest('hex').slice(0, 16);
      if (shas.get(n) !== undefined && shas.get(n) !== sha) throw new Error(`--jobs ${n}: the output changed between rounds`);
      shas.set(n, sha);
    }
  }
  console.log('jobs | wall s | docs/s | output sha256');
  for (const n of jobs) {
    const secs = times.get(n)!.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    console.log(`${n} | ${secs.toFixed(1)} | ${Math.round(docs / secs)} | ${shas.get(n)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
