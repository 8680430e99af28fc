// extractMany, the batch form of the pipeline that the CLI and the ingest workers use: the same records as
// extract() one document at a time, in input order, and a document that fails leaves the others untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BATCH_SIZE, extract, extractMany } from '../src/pipeline.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const texts = ['heldout', 'heldout2', 'heldout3'].flatMap((dir) => readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ path: `${dir}/${f}`, text: readFileSync(join(fixtures, dir, f), 'utf8') })));

test('extractMany gives each document the record extract() gives it, over several batches, in input order', () => {
  assert.ok(texts.length > 10, 'fixtures found');
  // more documents than one batch holds, each readout several times under another path
  const inputs = Array.from({ length: 2 * BATCH_SIZE + 3 }, (_, k) => ({ ...texts[k % texts.length], path: `${k}/${texts[k % texts.length].path}` }));
  const outcomes = extractMany(inputs);
  assert.equal(outcomes.length, inputs.length);
  outcomes.forEach((o, k) => {
    assert.equal(o.error, undefined, inputs[k].path);
    assert.deepEqual(o.record, extract(inputs[k].text, { path: inputs[k].path }), inputs[k].path);
  });
});

test('a document that fails in a batch is reported as its own error; the others are extracted as alone', () => {
  const inputs = [texts[0], { path: 'bad', text: 42 as unknown as string }, texts[1]];
  const [a, bad, b] = extractMany(inputs);
  assert.ok(bad.error instanceof Error);
  assert.equal(bad.record, undefined);
  assert.deepEqual(a.record, extract(texts[0].text, { path: texts[0].path }));
  assert.deepEqual(b.record, extract(texts[1].text, { path: texts[1].path }));
  // extract() throws what extractMany reports
  assert.throws(() => extract(42 as unknown as string), bad.error.constructor as new () => Error);
  assert.deepEqual(extractMany([]), []);
});
