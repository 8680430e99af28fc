// The same CLI queries give the same answers on SQLite and on PostgreSQL: the held-out readouts ingested into both
// (a throwaway PostgreSQL cluster, test/pg-cluster.ts), then meetings, search, stats, show, export and compare run on
// each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { pgSkip, startPgCluster, type PgCluster } from './pg-cluster.js';

const ROOT = resolve(import.meta.dirname, '..');
const HELDOUT = join(ROOT, 'test', 'fixtures', 'heldout');
const MAIN = JSON.stringify(join(ROOT, 'src/cli/main.ts'));
const CHILD = `import { main } from ${MAIN};
process.exitCode = await main(['node', 'readout', ...JSON.parse(process.env.READOUT_TEST_ARGS)]);`;

function readout(args: string[], db: string): { code: number; stdout: string; stderr: string } {
  // db '': the arguments name their archives themselves (migrate)
  const argv = db ? [...args, '--db', db] : args;
  const env: NodeJS.ProcessEnv = { ...process.env, READOUT_TEST_ARGS: JSON.stringify(argv) };
  delete env.READOUT_DB;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD],
    { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let cluster: PgCluster | null = null;
let sqlite: string;
let postgres: string;

before(async () => {
  if (pgSkip) return;
  dir = mkdtempSync(join(tmpdir(), 'readout-cli-pg-'));
  cluster = await startPgCluster();
  sqlite = join(dir, 'archive.db');
  postgres = await cluster.database();
  for (const db of [sqlite, postgres]) {
    const r = readout(['ingest', HELDOUT, '--quiet', '--jobs', '0'], db);
    assert.equal(r.code, 0, r.stderr);
  }
});
after(() => {
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A command's JSON on both backends. */
function both(args: string[]): [unknown, unknown] {
  return [sqlite, postgres].map((db) => {
    const r = readout([...args, '--format', 'json'], db);
    assert.equal(r.code, 0, `${args.join(' ')} on ${db === sqlite ? 'SQLite' : 'PostgreSQL'}: ${r.stderr}`);
    return JSON.parse(r.stdout) as unknown;
  }) as [unknown, unknown];
}

test('meetings, stats, search and show answer alike on SQLite and PostgreSQL', { skip: pgSkip }, () => {
  for (const filter of [[], ['--country', 'US'], ['--participant', 'Blinken'], ['--topic', 'ukraine'],
    ['--kind', 'summit'], ['--from', '2023', '--to', '2024-06'], ['--count', 'readouts'], ['--text', 'Taiwan'],
    ['--include-non-readouts']]) {
    const [a, b] = both(['meetings', ...filter, '--limit', '100']);
    assert.deepEqual(b, a, `meetings ${filter.join(' ')}`);
  }
  for (const args of [['--by', 'year'], ['--by', 'month', '--country', 'JP'], ['--topic'], ['--act'],
    ['--participant', '--act', 'agree'], ['--group', 'kind', '--count', 'readouts']]) {
    const [a, b] = both(['stats', ...args]);
    assert.deepEqual(b, a, `stats ${args.join(' ')}`);
  }
  // hits alike; a snippet's cut may differ (FTS5 and ts_headline choose their windows differently)
  const hits = (r: unknown) => (r as { total: number; items: { meetingId: string; statementIndex: number }[] });
  for (const q of ['Ukraine', '"Indo-Pacific"', 'missile*', 'Taiwan OR Senkaku', 'cooperation NOT economic']) {
    const [a, b] = both(['search', q, '--limit', '50']).map(hits);
    assert.equal(b!.total, a!.total, `search ${q}`);
    assert.deepEqual(b!.items.map((h) => [h.meetingId, h.statementIndex]).sort(),
      a!.items.map((h) => [h.meetingId, h.statementIndex]).sort(), `search ${q}`);
  }
  // exports: the same bytes, a meeting's rows once with every readout cited
  for (const args of [['--format', 'jsonl'], ['--format', 'csv', '--table', 'meetings'],
    ['--format', 'csv', '--table', 'statements', '--country', 'JP']]) {
    const [x, y] = [sqlite, postgres].map((db) => readout(['export', ...args], db));
    assert.equal(y!.code, 0, y!.stderr);
    assert.ok(x!.stdout.length > 1000);
    assert.equal(y!.stdout, x!.stdout, `export ${args.join(' ')}`);
  }
  const [a, b] = both(['show', join(HELDOUT, 'state_blinken_sejourne_call_2024.txt')]);
  const strip = (x: unknown) => ({ ...(x as Record<string, unknown>), ingestedAt: undefined });
  assert.deepEqual(strip(b), strip(a));
});

test('readout migrate copies an archive both ways, as it groups its meetings; again, it copies nothing',
  { skip: pgSkip }, async () => {
    // a user's word first: one readout made a meeting of its own
    const first = JSON.parse(readout(['meetings', '--format', 'json', '--limit', '1'], sqlite).stdout) as
      { items: { id: string }[] };
    assert.equal(readout(['unlink', first.items[0]!.id], sqlite).code, 0);
    const to = await cluster!.database();
    const copy = readout(['migrate', '--from', sqlite, '--to', to, '--quiet'], '');
    assert.equal(copy.code, 0, copy.stderr);
    assert.match(copy.stdout, /migrated \d+ documents/);
    assert.doesNotMatch(copy.stdout, /postgres:\/\/postgres:[^*]/, 'no password in what it says');
    const listed = (db: string) => JSON.parse(readout(['meetings', '--format', 'json', '--limit', '200',
      '--include-non-readouts'], db).stdout) as unknown;
    assert.deepEqual(listed(to), listed(sqlite));
    const again = readout(['migrate', '--from', sqlite, '--to', to, '--quiet'], '');
    assert.match(again.stdout, / 0 copied/);
    const back = join(dir, 'back.db');
    assert.equal(readout(['migrate', '--from', to, '--to', back, '--quiet'], '').code, 0);
    assert.deepEqual(listed(back), listed(sqlite));
    const shown = (db: string) => JSON.parse(readout(['show', first.items[0]!.id, '--format', 'json'], db).stdout) as
      { record: unknown; readouts: unknown[] };
    assert.deepEqual(shown(back).record, shown(sqlite).record);
    assert.equal(readout(['migrate', '--from', sqlite, '--to', sqlite], '').code, 2);
  });

test('a connection dropped mid-ingest: one line naming the server, a non-zero exit, whole batches only; a rerun '
  + 'completes it', { skip: pgSkip }, async () => {
  // 400 distinct readouts (held-out texts with a numbered line), in batches of 10
  const corpus = join(dir, 'dropped');
  mkdirSync(corpus);
  const texts = readdirSync(HELDOUT).filter((f) => f.endsWith('.txt'));
  for (let n = 0; n < 400; n++) {
    const name = texts[n % texts.length]!;
    writeFileSync(join(corpus, `${n}-${name}`), `${readFileSync(join(HELDOUT, name), 'utf8')}\n\nRelease ${n}.\n`);
  }
  const url = await cluster!.database();
  const args = ['ingest', corpus, '--quiet', '--jobs', '0', '--batch-size', '10', '--db', url];
  const env: NodeJS.ProcessEnv = { ...process.env, READOUT_TEST_ARGS: JSON.stringify(args) };
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = once(child, 'exit');
  // once some batches are in, the server drops the ingest's connections
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    const count = async () => Number((await admin.query('SELECT count(*) AS n FROM documents')).rows[0].n);
    let stored = 0;
    for (let i = 0; i < 600 && stored < 30; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await count().catch(() => 0); // the tables may not exist yet
    }
    assert.ok(stored >= 30 && stored < 400, `ingest seen mid-way (${stored} stored)`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    const [code] = (await exited) as [number | null];
    assert.notEqual(code, 0);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, /^readout: .*PostgreSQL at 127\.0\.0\.1:\d+\/readout_test_\w+.*terminat/i);
    assert.doesNotMatch(stderr, /postgres:\/\/postgres:[^*]/, 'no password in what it says');
    // whole batches, each document with all its statements
    const kept = await count();
    assert.equal(kept % 10, 0, `${kept} documents: whole batches`);
    const partial = await admin.query(`SELECT d.id FROM documents d LEFT JOIN statements s ON s.doc = d.doc
      GROUP BY d.id, d.statement_count HAVING count(s.doc) <> d.statement_count`);
    assert.equal(partial.rowCount, 0);
    const rerun = readout(['ingest', corpus, '--quiet', '--jobs', '0'], url);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, new RegExp(`ingested 400 files: ${400 - kept} added, ${kept} already stored, 0 failed`));
    assert.equal(await count(), 400);
  } finally {
    await admin.end();
  }
});
