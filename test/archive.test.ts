// The archive commands end to end: `main()` of src/cli/main.ts in a child process, on a temporary database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { FIXTURES, fixtureDoc } from './store-fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const DEV = join(ROOT, '..', 'shared', 'corpus', 'dev');
const GOLD = join(ROOT, '..', 'shared', 'gold', 'dev');
const MAIN = JSON.stringify(join(ROOT, 'src/cli/main.ts'));
const CHILD = `import { main } from ${MAIN}; process.exitCode = await main(['node', 'readout', ...JSON.parse(process.env.READOUT_TEST_ARGS)]);`;

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'readout-archive-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

interface Run { code: number; stdout: string; stderr: string }

function childArgs(args: string[]): { argv: string[]; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env, READOUT_TEST_ARGS: JSON.stringify(args) };
  delete env.READOUT_DB;
  return { argv: ['--import', 'tsx', '--input-type=module', '-e', CHILD], env };
}

function readout(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  const { argv, env } = childArgs(args);
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, env: { ...env, ...options.env }, input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** As readout(), without blocking this process (a test's own HTTP server must answer the child). */
function readoutAsync(args: string[]): Promise<Run> {
  const { argv, env } = childArgs(args);
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? -1, stdout, stderr })));
}

const devFiles = () => readdirSync(DEV).filter((f) => f.endsWith('.txt')).sort();

/** An archive holding the fixture records (known content), for the query commands. */
function fixtureDb(): string {
  const path = join(dir, `fixture-${Math.random().toString(36).slice(2)}.db`);
  const store = openSqliteStore(path);
  FIXTURES.forEach((f, i) => store.put(fixtureDoc(f, `fixture${i}.txt`)));
  store.close();
  return path;
}

function consistent(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    const docs = db.prepare('SELECT d.doc, d.statement_count, b.record, b.text FROM documents d LEFT JOIN bodies b ON b.doc = d.doc').all() as
      { doc: number; statement_count: number; record: string | null; text: string | null }[];
    for (const d of docs) {
      assert.ok(d.record !== null && d.text !== null, `document ${d.doc} has no body`);
      const rec = JSON.parse(d.record) as { statements: unknown[] };
      assert.equal(rec.statements.length, d.statement_count);
      const n = (db.prepare('SELECT count(*) AS n FROM statements WHERE doc = ?').get(d.doc) as { n: number }).n;
      assert.equal(n, d.statement_count, `document ${d.doc} lost statements`);
    }
    // The FTS indexes match their content tables row for row.
    const fts = new Database(dbPath);
    fts.prepare(`INSERT INTO doc_fts (doc_fts) VALUES ('integrity-check')`).run();
    fts.prepare(`INSERT INTO statement_fts (statement_fts) VALUES ('integrity-check')`).run();
    assert.equal((fts.prepare('SELECT count(*) AS n FROM doc_fts').get() as { n: number }).n, docs.length);
    fts.close();
    return docs.length;
  } finally { db.close(); }
}

test('ingest: a batch with broken files stores the rest, reports each failure, exits 1; a re-ingest adds nothing', () => {
  const src = join(dir, 'batch');
  mkdirSync(join(src, 'nested'), { recursive: true });
  for (const f of devFiles()) writeFileSync(join(src, 'nested', f), readFileSync(join(DEV, f)));
  writeFileSync(join(src, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(src, 'empty.txt'), '');
  // Valid UTF-8 sequences mixed with invalid ones: neither UTF-8 nor a legacy single-byte page.
  writeFileSync(join(src, 'invalid-utf8.txt'), Buffer.concat([Buffer.from('Japan–China Summit Meeting — café, résumé, naïve, déjà vu\n\nOn May 9 the Prime Minister '),
    Buffer.from([0xff, 0x20, 0xfe, 0x20, 0xc3, 0x28, 0x20, 0xa0, 0xa1, 0x20, 0xff]), Buffer.from(' met President Xi.\n')]));
  const db = join(dir, 'batch.db');
  const first = readout(['ingest', src, '--db', db]);
  assert.equal(first.code, 1, first.stderr);
  const n = devFiles().length;
  assert.match(first.stdout, new RegExp(`ingested ${n + 3} files: ${n} added, 0 already stored, 3 failed`));
  for (const bad of ['binary.txt', 'empty.txt', 'invalid-utf8.txt']) assert.match(first.stderr, new RegExp(`^readout: ${join(src, bad).replace(/[.]/g, '\\.')}: \\S.*$`, 'm'));
  assert.equal(consistent(db), n);
  const store = openSqliteStore(db);
  assert.deepEqual(store.failures().map((f) => basename(f.path)).sort(), ['binary.txt', 'empty.txt', 'invalid-utf8.txt']);
  store.close();

  const again = readout(['ingest', join(src, 'nested'), '--db', db]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`ingested ${n} files: 0 added, ${n} already stored, 0 failed`));
  assert.equal(consistent(db), n);
});

test('ingest: globs, stdin, READOUT_DB, and a missing path', () => {
  const db = join(dir, 'glob.db');
  const r = readout(['ingest', `${DEV}/r0*.txt`, '-', join(dir, 'no-such-file.txt')], { input: 'Japan-France Foreign Ministers\' Meeting\n\nOn May 1, Mr. Taro Kono, Minister for Foreign Affairs of Japan, held a meeting with '
    + 'Mr. Jean-Yves Le Drian, Minister for Europe and Foreign Affairs of France.\n', env: { READOUT_DB: db } });
  assert.equal(r.code, 1);
  const globbed = devFiles().filter((f) => f.startsWith('r0')).length;
  assert.match(r.stdout, new RegExp(`${globbed + 1} added`));
  assert.match(r.stderr, /no-such-file\.txt: no such file or directory/);
  const store = openSqliteStore(db);
  assert.equal(store.count(), globbed + 1);
  assert.equal(store.meetings({ text: 'France' }).items[0]!.path, null);
  store.close();
});

test('texts that are not readouts are kept (show finds them) but left out of meetings, search, stats and export without the flag', () => {
  const src = join(dir, 'mixed');
  mkdirSync(src, { recursive: true });
  const readoutFile = devFiles()[0]!;
  writeFileSync(join(src, readoutFile), readFileSync(join(DEV, readoutFile)));
  writeFileSync(join(src, 'recipe.txt'), 'Classic Pancakes\n\nMix 200 g flour, two eggs and 300 ml milk. Rest the batter for 30 minutes, '
    + 'then fry thin pancakes in butter over a medium heat. Serve with lemon and sugar.\n');
  writeFileSync(join(src, 'news.txt'), 'Storm closes schools across the region\n\nHeavy rain and strong winds closed schools on Tuesday, '
    + 'officials said. Forecasters expect the storm to move north overnight.\n');
  symlinkSync('/etc/passwd', join(src, 'passwd.txt'));
  const db = join(dir, 'mixed.db');
  const r = readout(['ingest', src, '/etc/passwd', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  // The link in the folder leads outside it: said, not taken; /etc/passwd named on the command line is taken.
  assert.match(r.stderr, /passwd\.txt: skipped: a symbolic link to \/etc\/passwd, outside the folder/);
  assert.match(r.stdout, /ingested 4 files: 4 added, 0 already stored, 0 failed; the archive .* holds 1 meeting and 3 other documents \(not readouts\)/);
  const ids = (args: string[]) => (JSON.parse(readout(['meetings', '--db', db, '--format', 'json', ...args]).stdout) as { items: { id: string }[] }).items.map((m) => m.id);
  assert.equal(ids([]).length, 1);
  assert.equal(ids(['--mode', 'in-person', '--include-non-readouts']).length, 1 + 3);
  assert.equal(ids(['--include-non-readouts']).length, 4);
  const recipe = JSON.parse(readout(['show', join(src, 'recipe.txt'), '--db', db, '--format', 'json']).stdout) as { record: { warnings: string[] } };
  assert.match(recipe.record.warnings[0]!, /^not a readout/);
  const total = (args: string[]) => (JSON.parse(readout(['stats', '--db', db, '--format', 'json', ...args]).stdout) as { rows: { count: number }[] }).rows
    .reduce((n, row) => n + row.count, 0);
  assert.deepEqual([total([]), total(['--include-non-readouts'])], [1, 4]);
  const exported = (args: string[]) => readout(['export', '--db', db, '--format', 'jsonl', ...args]).stdout.trim().split('\n').length;
  assert.deepEqual([exported([]), exported(['--include-non-readouts'])], [1, 4]);
  const search = readout(['search', 'flour', '--db', db, '--format', 'json', '--include-non-readouts']);
  assert.equal(search.code, 0, search.stderr);
  const none = readout(['meetings', '--db', db, '--text', 'flour']);
  assert.match(none.stderr, /^no meetings match \(the archive holds 1 meeting and 3 other documents \(not readouts\)\)$/m);
});

test('meetings: table, json, jsonl, csv, filters and paging over a known archive', () => {
  const db = fixtureDb();
  const table = readout(['meetings', '--db', db]);
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.split('\n');
  const order = ['2019-03-02', '2018-01-28', '2017-08-16'].map((d) => lines.findIndex((l) => l.includes(d)));
  assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, table.stdout);
  const json = JSON.parse(readout(['meetings', '--db', db, '--format', 'json', '--participant', 'Kono', '--act', 'oppose']).stdout) as { total: number; items: { title: string }[] };
  assert.equal(json.total, 2);
  assert.deepEqual(json.items.map((m) => m.title), ['Japan-U.S.-ROK Foreign Ministers\' Telephone Talk', 'Japan-China Foreign Ministers\' Meeting']);
  const jsonl = readout(['meetings', '--db', db, '--format', 'jsonl', '--country', 'US', '--from', '2018', '--to', '2019-12-31']).stdout.trim().split('\n');
  assert.equal(jsonl.length, 1);
  assert.deepEqual((JSON.parse(jsonl[0]!) as { countries: string[] }).countries, ['JP', 'US', 'KR']);
  const csv = readout(['meetings', '--db', db, '--format', 'csv', '--mode', 'in-person', '--topic', 'senkaku', '--text', 'Treaty']).stdout.trim().split('\r\n');
  assert.equal(csv[0], 'id,date,title,kind,mode,format,countries,participants,topics,statements,path');
  assert.equal(csv.length, 2);
  assert.match(csv[1]!, /,2017-08-16,"?Japan-U\.S\. Foreign Ministers' Meeting"?,foreign-ministers,in-person,bilateral,JP;US,Taro Kono;Rex Tillerson,/);
  const page = JSON.parse(readout(['meetings', '--db', db, '--format', 'json', '--limit', '1', '--offset', '2']).stdout) as { total: number; items: { date: string }[] };
  assert.deepEqual([page.total, page.items.map((m) => m.date)], [3, ['2017-08-16']]);
});

test('clear one-line errors: bad --db, unknown format, unknown id, bad filter', () => {
  const db = fixtureDb();
  const badDb = readout(['meetings', '--db', join(dir, 'no-dir', 'x.db')]);
  assert.equal(badDb.code, 1);
  assert.match(badDb.stderr.trim(), /^readout: no archive at .*no-dir\/x\.db.*$/);
  const badIngestDb = readout(['ingest', join(DEV, 'r001.txt'), '--db', join(dir, 'no-dir', 'x.db')]);
  assert.equal(badIngestDb.code, 1);
  assert.match(badIngestDb.stderr.trim(), /^readout: cannot open database .*no-dir\/x\.db: .+$/);
  const fmt = readout(['meetings', '--db', db, '--format', 'xml']);
  assert.equal(fmt.code, 2);
  assert.equal(fmt.stderr.trim(), 'readout: unknown format "xml" (one of: table, json, jsonl, csv)');
  const exp = readout(['export', '--db', db, '--format', 'xlsx']);
  assert.match(exp.stderr.trim(), /^readout: unknown format "xlsx"/);
  const id = readout(['show', 'ffffffffffffffff', '--db', db]);
  assert.equal(id.code, 1);
  assert.match(id.stderr.trim(), /^readout: no meeting ffffffffffffffff in the archive/);
  const act = readout(['search', 'Senkaku', '--db', db, '--act', 'shouted']);
  assert.equal(act.code, 2);
  assert.equal(act.stderr.trim().split('\n').length, 1);
});

test('show: by id, by sha256 and by file, in text and json', () => {
  const db = fixtureDb();
  const id = fixtureDoc(FIXTURES[0]!).sha256.slice(0, 16);
  const text = readout(['show', id, '--db', db]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Japan-U\.S\. Foreign Ministers' Meeting$/m);
  assert.match(text.stdout, /Taro Kono .*JP/);
  assert.match(text.stdout, /\[affirm\] Taro Kono: reaffirmed that Article 5 .* Senkaku Islands/);
  assert.match(text.stdout, /\[agree\] Taro Kono & Rex Tillerson: agreed to strengthen/);
  const bySha = JSON.parse(readout(['show', fixtureDoc(FIXTURES[0]!).sha256, '--db', db, '--format', 'json']).stdout) as { id: string; record: { statements: unknown[] } };
  assert.equal(bySha.id, id);
  assert.equal(bySha.record.statements.length, 3);
  const file = join(dir, 'fixture-file.txt');
  writeFileSync(file, FIXTURES[0]!.text);
  assert.match(readout(['show', file, '--db', db]).stdout, new RegExp(`id ${id}`));
});

test('search: highlighted snippets, phrases, prefixes, filters', () => {
  const db = fixtureDb();
  const r = readout(['search', 'Senkaku', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((r.stdout.match(/\[Senkaku\]/g) ?? []).length, 3);
  assert.match(r.stderr, /3 matching statements/);
  const phrase = JSON.parse(readout(['search', '"Security Treaty"', '--db', db, '--format', 'json']).stdout) as { total: number; items: { snippet: string; act: string }[] };
  assert.equal(phrase.total, 1);
  assert.match(phrase.items[0]!.snippet, /\[Security Treaty\]/);
  const prefix = JSON.parse(readout(['search', 'incur*', '--db', db, '--format', 'json', '--act', 'oppose', '--from', '2018']).stdout) as { total: number };
  assert.equal(prefix.total, 1);
  const none = readout(['search', 'Senkaku', '--db', db, '--country', 'CN', '--act', 'affirm']);
  assert.match(none.stderr, /^0 matching statements/m);
});

test('stats: a table over time, split by a dimension, statements when an act is involved', () => {
  const db = fixtureDb();
  const r = readout(['stats', '--db', db, '--by', 'year', '--topic', 'senkaku', '--act', 'affirm', '--participant']);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.split('\n').map((l) => l.split('│').map((c) => c.trim()).filter(Boolean));
  const head = rows.find((c) => c[0] === 'period')!;
  assert.ok(head.includes('Taro Kono') && head.includes('Mike Pompeo'), r.stdout);
  const at = (period: string, who: string) => rows.find((c) => c[0] === period)![head.indexOf(who)];
  assert.equal(at('2017', 'Taro Kono'), '1');
  assert.equal(at('2019', 'Mike Pompeo'), '1');
  assert.equal(at('all', 'Taro Kono'), '2');
  assert.match(r.stderr, /statements per year by participant/);
  const json = JSON.parse(readout(['stats', '--db', db, '--by', 'month', '--group', 'country', '--format', 'json']).stdout) as { unit: string; rows: { period: string; key: string; count: number }[] };
  assert.equal(json.unit, 'meetings');
  assert.deepEqual(json.rows.filter((x) => x.key === 'JP').map((x) => x.period), ['2017-08', '2018-01', '2019-03']);
  assert.equal(readout(['stats', '--db', db, '--topic', '--act']).code, 2);
});

test('export: jsonl records, csv tables joined by ids, plover events', () => {
  const db = fixtureDb();
  const jsonl = readout(['export', '--db', db, '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; schema: string; meeting: { date: string } });
  assert.deepEqual(jsonl.map((r) => [r.schema, r.meeting.date]), [['readout/1', '2017-08-16'], ['readout/1', '2018-01-28'], ['readout/1', '2019-03-02']]);

  const out = join(dir, 'csv');
  const csv = readout(['export', '--db', db, '--format', 'csv', '--out', out, '--country', 'US']);
  assert.equal(csv.code, 0, csv.stderr);
  const table = (name: string) => readFileSync(join(out, `${name}.csv`), 'utf8').trim().split('\r\n');
  assert.equal(table('meetings').length, 1 + 2);
  assert.equal(table('participants').length, 1 + 2 + 3);
  assert.equal(table('statements').length, 1 + 3 + 3);
  assert.equal(table('statements')[0],
    'meeting_id,statement_index,item,act,speakers,speaker_countries,topics,span_start,span_end,text,readout_id');
  const meetingIds = new Set(table('meetings').slice(1).map((l) => l.split(',')[0]));
  assert.ok(table('statements').slice(1).every((l) => meetingIds.has(l.split(',')[0])));
  assert.match(table('topics').join('\n'), /,senkaku/);
  const noOut = readout(['export', '--db', db, '--format', 'csv']);
  assert.equal(noOut.code, 2);
  assert.equal(readout(['export', '--db', db, '--format', 'csv', '--table', 'participants']).stdout.trim().split('\r\n').length, 1 + 7);

  if (!existsSync(join(ROOT, 'data', 'gazetteer.json'))) return;
  const plover = readout(['export', '--db', db, '--format', 'plover', '--participant', 'Tillerson']);
  assert.equal(plover.code, 0, plover.stderr);
  const events = plover.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string[];
    actor: { code: string }[]; recipient?: { code: string }[]; date: string; event_text: string[];
    text_info: { start: number; end: number } });
  assert.deepEqual(events.map((e) => e.event[0]), ['CONSULT', 'SUPPORT', 'AGREE', 'REQUEST']);
  const codes = (list?: { code: string }[]) => list?.map((a) => a.code);
  assert.deepEqual([codes(events[0]!.actor), codes(events[0]!.recipient), events[0]!.date],
    [['JPN'], ['USA'], '2017-08-16']);
  const text = FIXTURES[0]!.text;
  assert.equal(text.slice(events[3]!.text_info.start, events[3]!.text_info.end), events[3]!.event_text[0]);
});

test('reindex re-extracts documents stored by another extractor version', () => {
  const db = join(dir, 'reindex.db');
  assert.equal(readout(['ingest', DEV, '--db', db]).code, 0);
  const raw = new Database(db);
  raw.prepare(`UPDATE documents SET extractor_version = 'old' WHERE doc IN (SELECT doc FROM documents LIMIT 5)`).run();
  raw.close();
  const r = readout(['reindex', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^reindexed 5 of 5 documents/);
  assert.match(readout(['reindex', '--db', db]).stdout, /^reindexed 0 of 0 documents/);
  assert.equal(consistent(db), devFiles().length);
});

/** Many distinct documents (the dev corpus with a numbered line each), so an ingest runs long enough to be stopped. */
function manyFiles(name: string, count: number): string {
  const src = join(dir, name);
  mkdirSync(src, { recursive: true });
  const texts = devFiles().map((f) => readFileSync(join(DEV, f), 'utf8'));
  for (let i = 0; i < count; i++) writeFileSync(join(src, `d${String(i).padStart(5, '0')}.txt`), `${texts[i % texts.length]}\n(Reference ${i})\n`);
  return src;
}

async function stopMidway(args: string[], db: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const { argv, env } = childArgs(args);
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, sig) => res({ code, signal: sig })));
  // Stop it once a first batch has been committed.
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (child.exitCode !== null) break;
    if (!existsSync(db)) continue;
    try {
      const probe = new Database(db, { readonly: true, fileMustExist: true });
      const n = (probe.prepare('SELECT count(*) AS n FROM documents').get() as { n: number } | undefined)?.n ?? 0;
      probe.close();
      if (n > 0) { child.kill(signal); break; }
    } catch { /* schema not created yet */ }
  }
  return { ...(await exited), stdout };
}

test('a killed ingest (SIGKILL) leaves a consistent database, and a second run completes it', async () => {
  const total = 4000;
  const src = manyFiles('kill', total);
  const db = join(dir, 'killed.db');
  const killed = await stopMidway(['ingest', src, '--db', db, '--batch-size', '100', '--quiet'], db, 'SIGKILL');
  assert.equal(killed.signal, 'SIGKILL', 'the ingest finished before it could be killed');
  const kept = consistent(db);
  assert.ok(kept > 0 && kept < total, `kept ${kept}`);
  const resumed = readout(['ingest', src, '--db', db, '--quiet']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`${total - kept} added, ${kept} already stored`));
  assert.equal(consistent(db), total);
});

test('Ctrl-C (SIGINT) commits the complete documents and exits 130', async () => {
  const total = 4000;
  const src = manyFiles('interrupt', total);
  const db = join(dir, 'interrupted.db');
  const stopped = await stopMidway(['ingest', src, '--db', db, '--batch-size', '100', '--quiet'], db, 'SIGINT');
  assert.equal(stopped.code, 130);
  assert.match(stopped.stdout, /^interrupted after \d+ files/);
  const kept = consistent(db);
  assert.ok(kept > 0 && kept < total, `kept ${kept}`);
});

// Content checks that hold once the extraction pipeline fills records (they skip while it returns empty ones).
test('on the dev corpus: --participant Kono finds the Kono meetings; show and search read real content', (t) => {
  const db = join(dir, 'dev.db');
  assert.equal(readout(['ingest', DEV, '--db', db]).code, 0);
  const store = openSqliteStore(db);
  const withParticipants = store.meetings({}).items.filter((m) => m.participants.length > 0).length;
  store.close();
  if (withParticipants === 0) { t.skip('the extraction pipeline returns no participants yet'); return; }
  const gold = readdirSync(GOLD).map((f) => JSON.parse(readFileSync(join(GOLD, f), 'utf8')) as { doc: string; participants: { name: string }[] });
  const expected = gold.filter((g) => g.participants.some((p) => /Kono/.test(p.name))).map((g) => g.doc).sort();
  // every readout; as meetings, r027 and r028 (Japan's and China's readouts of one meeting) count once
  const listed = (args: string[]) =>
    JSON.parse(readout(['meetings', '--db', db, ...args, '--format', 'json']).stdout) as
      { total: number; items: { path: string; readouts: { path: string }[] }[] };
  const found = listed(['--participant', 'Kono', '--count', 'readouts']).items.map((m) => basename(m.path)).sort();
  assert.deepEqual(found, expected);
  const meetings = listed(['--participant', 'Kono']);
  assert.equal(meetings.total, expected.length - 1);
  assert.deepEqual(meetings.items.flatMap((m) => m.readouts.map((r) => basename(r.path))).sort(), expected);
  const taro = listed(['--participant', 'Kono Taro', '--count', 'readouts']).total;
  assert.equal(taro, expected.length);
  const shown = readout(['show', join(DEV, '000_06b0420b4d83f056.txt'), '--db', db]);
  assert.match(shown.stdout, /Herbert Raymond McMaster/);
  assert.match(shown.stdout, /\[share-view\]/);
  const hits = JSON.parse(readout(['search', '"North Korea"', '--db', db, '--format', 'json', '--limit', '100']).stdout) as { total: number; items: { snippet: string }[] };
  assert.ok(hits.total > 5 && hits.items.every((h) => /\[North Korea\]/.test(h.snippet)));
  const stats = JSON.parse(readout(['stats', '--db', db, '--group', 'topic', '--format', 'json']).stdout) as { rows: { key: string; count: number }[] };
  assert.ok(stats.rows.some((r) => r.key === 'north-korea-weapons'));
});

test('ingest --urls: pages fetched and stored with their address; again, an unchanged page is not read twice', async () => {
  const page = readFileSync(join(ROOT, 'examples', 'readouts', 'whitehouse-2023-11-15-biden-xi.html'));
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers['if-none-match'] ?? '-'}`);
    if (req.url === '/readout') {
      if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304).end(); return; }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: '"v1"' }).end(page);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const list = join(dir, 'urls.txt');
    writeFileSync(list, `# readouts\n${base}/readout\n\n${base}/missing\n`);
    const db = join(dir, 'urls.db');
    const first = await readoutAsync(['ingest', '--quiet', '--db', db, '--urls', list]);
    assert.equal(first.code, 1, first.stderr);
    assert.equal(first.stderr, `readout: ${base}/missing: HTTP 404 Not Found\n`);
    assert.match(first.stdout, /1 added/);
    const store = openSqliteStore(db, { create: false });
    const [meeting] = store.meetings({}).items;
    assert.equal(store.get(meeting!.id)!.record.source.url, `${base}/readout`);
    store.close();
    const again = await readoutAsync(['ingest', '--quiet', '--db', db, '--urls', list]);
    assert.match(again.stdout, /0 added, 1 already stored/);
    assert.ok(seen.includes('/readout "v1"'), `a conditional request: ${seen.join(', ')}`);
  } finally {
    server.close();
  }
});
