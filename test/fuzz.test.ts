// A seeded slice of the extraction fuzzer (`npm run fuzz` runs 100,000 and more): random bytes, mutated readouts,
// long lines, deep HTML and malformed PDFs give a valid record or one clear reason, never another error.
import { test } from 'node:test';
import { fuzz, inputs, READOUTS } from '../scripts/fuzz-cases.js';
import { makePdf } from '../scripts/pdf-copy.js';

test('5,000 generated inputs: a valid record or one clear reason each', async () => {
  const pdfs = await Promise.all(READOUTS.slice(0, 3).map(async (t) => new Uint8Array(await makePdf(t))));
  await fuzz(inputs(1, pdfs), 5000, 20261207);
});
