// Hostile and odd inputs through the three ways in: `readout extract`, `readout ingest` and POST /api/documents.
// None may crash, print an internal error or a stack, or cost the good files of the same batch; each bad file gets
// one clear line. Non-readouts (a recipe, a news story, /etc/passwd) are kept but stay out of the meetings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createApp } from '../src/server/app.js';
import { ExtractPool } from '../src/ingest/extract-pool.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const bin = join(ROOT, 'bin', 'readout.js');
const examples = join(ROOT, 'examples', 'readouts');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const readout = (name: string) => readFileSync(join(examples, name), 'utf8');
const GOOD_A = readout('mofa-jp-2023-11-07-japan-us-foreign-ministers.txt');
const GOOD_B = readout('no10-uk-2023-02-08-sunak-zelenskyy.txt');

let dir: string;
/** Files that must give a record; `readout` says whether it reports a meeting. */
const good: { name: string; readout: boolean }[] = [];
/** Files that must give one line each, with what the line says. */
const bad: { name: string; reason: RegExp }[] = [];

function put(name: string, bytes: string | Buffer, expect: { readout: boolean } | RegExp): void {
  writeFileSync(join(dir, name), bytes);
  if (expect instanceof RegExp) bad.push({ name, reason: expect });
  else good.push({ name, ...expect });
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'readout-hostile-'));
  put('good-a.txt', GOOD_A, { readout: true });
  put('good b (copy) ünï.txt', GOOD_B, { readout: true });
  put('new\nline.txt', '', /empty file/);
  put('-starts-with-dash.txt', GOOD_B.replace('8 February 2023', '9 February 2023'), { readout: true });
  put('empty.txt', '', /empty file/);
  put('binary.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /binary/);
  // UTF-8 (its "é" are valid) damaged all through: more bad sequences than the decoder repairs
  put('invalid-utf8.txt', Buffer.concat(Array.from({ length: 400 }, () => Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0xc3, 0x28, 0x20]))),
    /invalid UTF-8/);
  put('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_A.replace('November', 'Nov.'), 'utf16le')]),
    { readout: true });
  put('huge.txt', Buffer.alloc(50 * 1024 * 1024, 'The two ministers agreed. '), /too large/);
  put('one-line.txt', `${GOOD_A.replace(/\n+/g, ' ')} ${'They discussed the region and agreed to cooperate. '.repeat(130_000)}`,
    { readout: true });
  put('deep.html', `<html><body>${'<div>'.repeat(20_000)}<p>${GOOD_A}</p>${'</div>'.repeat(20_000)}</body></html>`,
    { readout: true });
  put('scripts.html', `<html><head><script>alert(1)</script><style>p{}</style></head><body><nav>Home</nav>
    <img src=x onerror="alert(2)"><h1>Japan-U.S. Foreign Ministers' Meeting</h1><script>document.write('x')</script>
    <p>${GOOD_A.split('\n').slice(2).join('</p><p>')}</p><iframe src="javascript:alert(3)"></iframe></body></html>`,
  { readout: true });
  put('recipe.txt', 'Lemon Drizzle Cake\n\nPreheat the oven to 180C. Beat the butter and sugar, add eggs and flour, bake for 45 '
    + 'minutes and pour the lemon syrup over the warm cake.\n', { readout: false });
  put('news.txt', 'Markets rally as inflation cools\n\nStocks rose on Tuesday after figures showed inflation easing in '
    + 'October. Analysts said the central bank could pause its rate rises.\n', { readout: false });
  put('impossible-date.txt', GOOD_A.replace(/November \d+, 2023/g, 'February 30, 2019'), { readout: true });
  symlinkSync('/etc/passwd', join(dir, 'passwd-link.txt'));
});

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** Every stderr line is `readout: FILE: reason` or a warning, and none is an internal error or a stack frame. */
function assertCleanLines(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean);
  for (const l of lines) {
    assert.doesNotMatch(l, /internal error|^\s+at |Maximum call stack|TypeError|RangeError/, l);
  }
  return lines;
}

describe('hostile inputs', () => {
  test('readout extract: a record per good file, one line per bad file, in one batch', () => {
    const names = [...good.map((g) => g.name), ...bad.map((b) => b.name)].sort();
    const r = run(['extract', '--format', 'jsonl', '--no-warnings', ...names.map((n) => join(dir, n))]);
    assert.equal(r.status, 1, r.stderr);
    const lines = assertCleanLines(r.stderr);
    for (const b of bad) {
      const shown = join(dir, b.name).replace(/\n/g, '\\n');
      const mine = lines.filter((l) => l.startsWith(`readout: ${shown}: `));
      assert.equal(mine.length, 1, `${b.name}: ${lines.join('\n')}`);
      assert.match(mine[0]!, b.reason);
    }
    assert.equal(lines.length, bad.length, lines.join('\n'));
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: { path: string }; meeting: { date: string | null }; warnings?: string[] });
    assert.deepEqual(records.map((x) => basename(x.source.path)).sort(), good.map((g) => g.name).sort());
    const impossible = records.find((x) => x.source.path.endsWith('impossible-date.txt'))!;
    assert.equal(impossible.meeting.date, null, 'February 30 is no date');
    for (const g of good.filter((x) => !x.readout)) {
      const rec = records.find((x) => basename(x.source.path) === g.name)!;
      assert.ok(rec.warnings?.some((w) => /not a readout/.test(w)), g.name);
    }
  });

  test('readout ingest: good files stored, bad ones recorded as failures, non-readouts kept out of meetings', () => {
    const db = join(dir, 'archive.db');
    try {
      const r = run(['ingest', '--db', db, '--quiet', dir]);
      assert.equal(r.status, 1, r.stderr);
      const lines = assertCleanLines(r.stderr);
      for (const b of bad) {
        assert.equal(lines.filter((l) => l.includes(b.name.replace(/\n/g, '\\n'))).length, 1, `${b.name}: ${r.stderr}`);
      }
      const store = openSqliteStore(db, { create: false });
      try {
        const failures = store.failures().map((f) => basename(f.path));
        for (const b of bad) assert.ok(failures.includes(b.name), `${b.name} in failures`);
        // variants of one readout report one meeting: every readout is counted here
        const meetings = store.meetings({ count: 'readouts' }, { limit: 100 });
        const readouts = good.filter((g) => g.readout).length;
        assert.equal(meetings.total, readouts, JSON.stringify(meetings.items.map((m) => m.path)));
        assert.ok(meetings.items.every((m) => !/recipe|news|passwd/.test(m.path ?? '')));
        const all = store.meetings({ includeNonReadouts: true, count: 'readouts' }, { limit: 100 });
        assert.equal(all.total, good.length, 'the non-readouts are kept');
        assert.equal(store.meetings({ mode: 'in-person' }, { limit: 100 }).items.some((m) => /recipe/.test(m.path ?? '')), false);
      } finally {
        store.close();
      }
    } finally {
      rmSync(db, { force: true });
    }
  });

  test('POST /api/documents: every file answers 2xx or a 4xx with a reason, never 500', async () => {
    const dbDir = mkdtempSync(join(tmpdir(), 'readout-hostile-db-'));
    const store = openSqliteStore(join(dbDir, 'a.db'), { create: true });
    const pool = new ExtractPool(1);
    try {
      const app = createApp({ store, token: 't', webRoot: null, pool, maxBodyBytes: 20 << 20 });
      for (const name of readdirSync(dir).filter((n) => !n.endsWith('.db'))) {
        const body = readFileSync(join(dir, name));
        const type = name.endsWith('.html') ? 'text/html' : 'text/plain';
        const res = await app.request('/api/documents', { method: 'POST', body, headers: { 'Content-Type': type, Authorization: 'Bearer t' } });
        const json = await res.json() as { error?: { message: string } };
        assert.ok(res.status < 500, `${name}: ${res.status} ${JSON.stringify(json)}`);
        if (res.status >= 400) assert.ok(json.error?.message && !/internal/.test(json.error.message), name);
      }
      const health = await app.request('/api/health');
      assert.equal(health.status, 200);
    } finally {
      await pool.close();
      store.close();
      rmSync(dbDir, { recursive: true, force: true });
    }
  });
});
