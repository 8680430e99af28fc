// Two `readout ingest` processes into one archive at once (the built CLI, `npm run build` first): both wait for the
// write lock rather than fail, both exit 0, and every document is stored once, those both were given included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { generateCorpus } from '../scripts/generate-corpus.js';
import { sha256Hex } from '../src/source/sha256.js';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'readout.js');
const EACH = 1500;
const SHARED = 750; // the last SHARED of the first process's files are also the second's

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, READOUT_DB: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c; });
  child.stderr.on('data', (c: Buffer) => { stderr += c; });
  const [code] = await once(child, 'close') as [number | null];
  return { code, stdout, stderr };
}

test('two ingests into one archive at once: both finish, and each document is stored once', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-concurrent-'));
  try {
    const docs = generateCorpus(2 * EACH - SHARED, 13);
    const inputs = [docs.slice(0, EACH), docs.slice(EACH - SHARED)].map((part, k) => {
      const folder = join(dir, `in${k}`);
      mkdirSync(folder);
      for (const d of part) writeFileSync(join(folder, d.name), d.text);
      return folder;
    });
    const db = join(dir, 'archive.db');
    const started = Date.now();
    // Neither finds an archive: both create the schema at once, too. Small batches pass the lock back and forth.
    const runs = await Promise.all(inputs.map((folder) => run(['ingest', folder, '--db', db, '--batch-size', '100', '--jobs', '1', '--quiet'])));
    t.diagnostic(`both done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const r of runs) assert.equal(r.code, 0, r.stderr || r.stdout);
    const added = runs.map((r) => Number(/: (\d+) added, (\d+) already stored, 0 failed/.exec(r.stdout)?.[1]));
    assert.equal(added[0]! + added[1]!, docs.length, runs.map((r) => r.stdout).join(''));

    const check = new Database(db, { readonly: true });
    try {
      const shas = check.prepare('SELECT sha256 FROM documents').pluck().all() as string[];
      assert.equal(shas.length, docs.length);
      assert.deepEqual(new Set(shas), new Set(docs.map((d) => sha256Hex(Buffer.from(d.text)))));
      // How often the writers took turns (documents in the order they were stored, by which process's folder).
      const order = check.prepare('SELECT path FROM documents ORDER BY ingested_at').pluck().all() as string[];
      const turns = order.filter((p, i) => i > 0 && p.startsWith(inputs[0]!) !== order[i - 1]!.startsWith(inputs[0]!)).length;
      t.diagnostic(`the writers took turns ${turns} times`);
    } finally { check.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
