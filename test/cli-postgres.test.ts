// The same CLI queries give the same answers on SQLite and on PostgreSQL: the held-out readouts ingested into both
// (a throwaway PostgreSQL cluster, test/pg-cluster.ts), then meetings, search, stats, show and compare run on each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
