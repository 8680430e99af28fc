// The extraction pool: results come back off the workers' ports as in-process extraction makes them, in any order
// they are taken, and ingest through the pool stores what ingest on the main thread stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractDocument } from '../src/index.js';
import { ExtractPool, type Extracted } from '../src/ingest/extract-pool.js';
import { loadSource } from '../src/source/load.js';
import { expandInputs, ingest } from '../src/ingest/ingest.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const files = ['heldout', 'html'].flatMap((d) => readdirSync(join(FIXTURES, d)).filter((f) => /\.(txt|html?)$/.test(f)).sort().slice(0, 6).map((f) => join(FIXTURES, d, f)));

test('pool: each result is what in-process extraction of the bytes makes, taken in order or not', async () => {
  const inputs = files.map((f) => {
    const bytes = readFileSync(f);
    const source = loadSource(bytes, f);
    return { path: f, bytes, text: source.text, sha256: source.sha256 };
  });
  const pool = new ExtractPool(2);
  try {
    const tickets = inputs.map((x) => pool.send(x.text, x.path, x.sha256));
    // Taken out of order: the last one first, then the rest in order.
    const order = [inputs.length - 1, ...inputs.keys()].filter((k, i, all) => all.indexOf(k) === i);
    const got = new Map<number, Extracted>();
    for (const k of order) got.set(k, await tickets[k]!.take());
    for (const [k, x] of inputs.entries()) {
      const out = got.get(k)!;
      assert.ok(!('error' in out), `${x.path}: ${JSON.stringify(out)}`);
      const expected = extractDocument(x.bytes, { path: x.path });
      assert.equal(out.text, expected.text);
      assert.deepEqual(out.record, expected.record);
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
        // With the bytes `source` gives back: the HTML pages' as read (kept), the others' from the text.
        return [...store.iterate({})].map((d) => `${JSON.stringify(d.record)} ${Buffer.from(store.source(d.id) ?? []).toString('base64')}`).sort();
      } finally { store.close(); }
    };
    const inline = await records(0);
    assert.ok(inline.length >= 10);
    assert.deepEqual(await records(2), inline);
  } finally { rmSync(dir, { recursive: true }); }
});
