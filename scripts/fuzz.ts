// npm run fuzz [-- --runs N] [-- --seed N]: the extraction fuzzer at scale (default 100,000 inputs, larger ones than
// the test's slice). Prints the slowest input's time per kilobyte: extraction must stay near-linear.
import { extractsCleanly, fuzz, inputs, READOUTS } from './fuzz-cases.js';
import { makePdf } from './pdf-copy.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const runs = arg('--runs', 100_000);
const seed = arg('--seed', Date.now() % 2 ** 31);
const pdfs = await Promise.all(READOUTS.slice(0, 5).map(async (t) => new Uint8Array(await makePdf(t))));
let worst = { msPerKb: 0, kb: 0, ms: 0 };
let bytes = 0;
const started = performance.now();
await fuzz(inputs(10, pdfs), runs, seed, async (input) => {
  const t = performance.now();
  await extractsCleanly(input);
  const ms = performance.now() - t;
  const kb = Math.max(1, input.length / 1024);
  bytes += input.length;
  // small inputs are dominated by fixed costs; the bound that matters is on inputs of some size
  if (kb >= 8 && ms / kb > worst.msPerKb) worst = { msPerKb: ms / kb, kb, ms };
});
const secs = (performance.now() - started) / 1000;
console.log(`fuzz: ${runs} inputs (seed ${seed}), ${(bytes / 2 ** 20).toFixed(1)} MB in ${secs.toFixed(1)} s; no failure`);
console.log(`slowest input of 8 KB or more: ${worst.msPerKb.toFixed(3)} ms/KB (${worst.kb.toFixed(0)} KB in ${worst.ms.toFixed(0)} ms)`);
