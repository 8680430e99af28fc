// The extraction pool: results come back off the workers' ports as in-process extraction makes them, in any order
// they are taken, with one-line reasons for bad input, and ingest through the pool stores what extraction makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractDocument } from '../src/index.js';
import { ExtractPool } from '../src/store/extract-pool.js';
import { expandInputs, ingest } from '../src/store/ingest.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const files = ['heldout', 'html'].flatMap((d) => readdirSync(join(FIXTURES, d)).filter((f) => /\.(txt|html?)$/.test(f)).sort().slice(0, 6).map((f) => join(FIXTURES, d, f)));

test('pool: each result is what in-process extraction makes, taken in order or not; bad bytes give a reason', async () => {
  const inputs = [...files.map((f) => ({ path: f, bytes: readFileSync(f) })), { path: 'binary.txt', bytes: new Uint8Array([0, 1, 2, 255, 0, 7, 0, 0]) }];
  const pool = new ExtractPool(2);
  try {
    const tickets = inputs.map((x) => pool.send(x.bytes, x.path));
    // Taken out of order: the last text first, then the rest in order.
    const order = [inputs.length - 2, ...inputs.keys()].filter((k, i, all) => all.indexOf(k) === i);
    const got = new Map<number, Awaited<ReturnType<(typeof tickets)[number]['take']>>>();
    for (const k of order) got.set(k, await tickets[k]!.take());
    for (const [k, x] of inputs.entries()) {
      const out = got.get(k)!;
      if (x.path === 'binary.txt') {
        assert.ok('error' in out && /binary/i.test(out.error), `binary input: ${JSON.stringify(out)}`);
        continue;
      }
      assert.ok(!('error' in out), `${x.path}: ${JSON.stringify(out)}`);
      const expected = extractDocument(x.bytes, { path: x.path });
      assert.equal(out.text, expected.text);
      assert.deepEqual(JSON.parse(out.recordJson), expected.record);
      // The bytes come back only when the text is not them (the HTML pages).
      assert.equal(out.raw !== null, x.path.endsWith('.html') || x.path.endsWith('.htm'), x.path);
    }
  } finally {
    await pool.close();
  }
});

test('ingest through worker threads stores the same records as ingest on the main thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-pool-'));
  try {
    const { items } = await expandInputs([join(FIXTURES, 'heldout'), join(FIXTURES, 'html')]);
    const records = async (jobs: number) => {
      const store = openSqliteStore(join(dir, `jobs${jobs}.db`));
      try {
        const result = await ingest(store, items, { jobs, batchSize: 7 });
        assert.equal(result.added, items.length - result.failed.length - result.existing);
        return [...store.iterate({})].map((d) => JSON.stringify(d.record)).sort();
      } finally { store.close(); }
    };
    const inline = await records(0);
    assert.ok(inline.length >= 10);
    assert.deepEqual(await records(2), inline);
  } finally { rmSync(dir, { recursive: true }); }
});
