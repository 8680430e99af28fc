// End to end over the shared dev corpus: the CLI extracts every readout and the shared scorer must report at
// least the figures the product promises (score 95, statements F1 90, meeting fields 97%, participants F1 97).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(process.env.READOUT_SHARED ?? join(root, '..', 'shared'));
const corpus = join(shared, 'corpus', 'dev');
const skip = existsSync(corpus) ? false : `no dev corpus at ${corpus}`;

test('dev corpus: the scorer reports the promised figures', { skip }, () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => join(corpus, f));
  const run = spawnSync(process.execPath, [join(root, 'bin', 'readout.js'), 'extract', '--format', 'jsonl', '--no-warnings', ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim().split('\n').length, files.length, 'one record per file');
  const pred = join(mkdtempSync(join(tmpdir(), 'readout-dev-')), 'dev.jsonl');
  writeFileSync(pred, run.stdout);
  const score = spawnSync(process.execPath, [join(shared, 'eval', 'score.mjs'), '--gold', join(shared, 'gold', 'dev'), '--pred', pred, '--json'], { encoding: 'utf8' });
  assert.equal(score.status, 0, score.stderr);
  const s = JSON.parse(score.stdout) as { score: number; meetingAccuracy: number; participants: { f1: number }; statements: { f1: number }; documents: { missing: string[] } };
  assert.deepEqual(s.documents.missing, []);
  assert.ok(s.score >= 0.95, `score ${s.score}`);
  assert.ok(s.statements.f1 >= 0.90, `statements F1 ${s.statements.f1}`);
  assert.ok(s.meetingAccuracy >= 0.97, `meeting fields ${s.meetingAccuracy}`);
  assert.ok(s.participants.f1 >= 0.97, `participants F1 ${s.participants.f1}`);
});
