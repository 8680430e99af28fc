// One meeting, many readouts: linking, counting meetings once, overrides, comparison and exports, measured on the
// hand-annotated pairs of test/fixtures/pairs (same-meeting pairs with their statements aligned, and near misses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { extractFile } from '../src/index.js';
import type { ReadoutRecord } from '../src/record/schema.js';
import { loadPairs, resolvePairPath, scorePairs, type GoldSide } from '../src/eval/pairs.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { createApp } from '../src/server/app.js';
import { compareReadouts } from '../src/compare/compare.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
const PAIRS = join(ROOT, 'test', 'fixtures', 'pairs', 'pairs.json');
const file = loadPairs(PAIRS);
const refs = [...new Set([...file.pairs, ...file.nearMisses].flatMap((p) => [p.a, p.b]))];
const pathOf = (ref: string) => resolvePairPath(ref, PAIRS, SHARED).text;
const MAIN = JSON.stringify(join(ROOT, 'src/cli/main.ts'));
const CHILD = `import { main } from ${MAIN};
process.exitCode = await main(['node', 'readout', ...JSON.parse(process.env.READOUT_TEST_ARGS)]);`;

function readout(args: string[]): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, READOUT_TEST_ARGS: JSON.stringify(args) };
  delete env.READOUT_DB;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD],
    { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let db: string;
const records = new Map<string, ReadoutRecord>();
/** Every readout's file name in the archive's input folder -> its ref in pairs.json. */
const nameToRef = new Map<string, string>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readout-pairs-'));
  mkdirSync(join(dir, 'in'));
  for (const ref of refs) {
    records.set(ref, await extractFile(pathOf(ref)));
    copyFileSync(pathOf(ref), join(dir, 'in', basename(pathOf(ref))));
    nameToRef.set(basename(pathOf(ref)), ref);
  }
  db = join(dir, 'pairs.db');
  const r = readout(['ingest', join(dir, 'in'), '--db', db]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => { rmSync(dir, { recursive: true, force: true }); });

test('pairs: every same-meeting pair linked, no near miss linked, alignment and topic differences scored', () => {
  const gold = (ref: string) => JSON.parse(readFileSync(resolvePairPath(ref, PAIRS, SHARED).gold, 'utf8')) as GoldSide;
  const figures = scorePairs(file, (ref) => records.get(ref)!, gold);
  assert.ok(file.pairs.length >= 12 && file.nearMisses.length >= 8, 'the annotated set is as large as promised');
  assert.equal(figures.linking.falseLinks, 0, figures.notes.filter((n) => n.startsWith('false')).join('\n'));
  assert.ok(figures.linking.recall >= 0.95, `linking recall ${figures.linking.recall}`);
  // measured 87.9 (P 90.9, R 85.1); the issue asks for 85
  assert.ok(figures.alignment.f1 >= 0.85, `alignment F1 ${figures.alignment.f1}`);
  assert.ok(figures.topics.f1 >= 0.9, `topic differences F1 ${figures.topics.f1}`);
});

test('the archive links each pair on ingest, and nothing else: readouts of one meeting share its id', () => {
  const store = openSqliteStore(db, { create: false });
  try {
    const idOfRef = new Map<string, string>();
    for (const m of store.meetings({ count: 'readouts' }).items) idOfRef.set(nameToRef.get(basename(m.path!))!, m.id);
    const meetingOf = (ref: string) => store.meetingOf(idOfRef.get(ref)!);
    for (const p of file.pairs) assert.equal(meetingOf(p.a), meetingOf(p.b), `${p.a} / ${p.b} not linked`);
    // groups: only what the same-meeting pairs join (transitively)
    const together = new Set(file.pairs.flatMap((p) => [`${p.a}|${p.b}`, `${p.b}|${p.a}`]));
    for (const a of refs) {
      for (const b of refs) {
        if (a < b && meetingOf(a) === meetingOf(b)) assert.ok(together.has(`${a}|${b}`), `false link ${a} / ${b}`);
      }
    }
    const meetings = store.meetings({}).total;
    assert.equal(meetings, refs.length - file.pairs.length, 'a meeting counted once');
    assert.equal(store.meetings({ count: 'readouts' }).total, refs.length);
    // every way of counting agrees: the rollup (unfiltered), FTS rowids (a topic), SQL (a participant), facets
    const perYear = (f: Parameters<typeof store.stats>[2]) =>
      store.stats('year', null, f).reduce((n, r) => n + r.count, 0);
    assert.equal(perYear({}), meetings);
    assert.equal(perYear({ count: 'readouts' }), refs.length);
    assert.equal(store.facets({}).year.reduce((n, r) => n + r.count, 0), meetings);
    const japan = store.meetings({ country: 'JP' }).total;
    assert.equal(perYear({ country: 'JP' }), japan);
    assert.ok(japan < store.meetings({ country: 'JP', count: 'readouts' }).total);
    const withReadouts = store.meetings({}).items.find((m) => m.readouts.length > 1)!;
    assert.ok(withReadouts.readouts.every((r) => r.id && r.sha256.length === 64), 'each readout listed with its ids');
  } finally {
    store.close();
  }
});

test('link and unlink are a user\'s word, kept across reindex; a meeting\'s first readout leaving hands it on', () => {
  const [r027, r028] = ['r027.txt', 'r028.txt'].map((n) => join(dir, 'in', n));
  const before = readout(['meetings', '--db', db, '--format', 'json', '--limit', '1000']);
  const total = JSON.parse(before.stdout).total as number;
  assert.equal(readout(['unlink', r028, '--db', db]).code, 0);
  assert.equal(JSON.parse(readout(['meetings', '--db', db, '--format', 'json']).stdout).total, total + 1);
  // reindex re-extracts every document and links anew: the unlink holds
  const store = openSqliteStore(db);
  try {
    const id = store.findByPathOrSha(r028)!.id;
    const doc = store.get(id)!;
    store.replaceRecord(id, doc.record, 'another-version');
    assert.equal(store.meetingOf(id), id, 'still a meeting of its own after reindex');
    assert.equal(store.meetings({}).total, total + 1);
  } finally {
    store.close();
  }
  // linked by hand again, then the first readout unlinked: the second becomes the meeting
  assert.equal(readout(['link', r028, r027, '--db', db]).code, 0);
  const show = readout(['show', r027, '--db', db, '--format', 'json']);
  const shown = JSON.parse(show.stdout) as { meeting: string; readouts: { id: string }[] };
  assert.equal(shown.readouts.length, 2);
  const text = readout(['show', r027, '--db', db]).stdout;
  assert.match(text, /Reported by/);
  assert.equal(readout(['unlink', r027, '--db', db]).code, 0);
  const after = JSON.parse(readout(['show', r028, '--db', db, '--format', 'json']).stdout) as { meeting: string };
  assert.notEqual(after.meeting, shown.meeting);
  assert.equal(readout(['link', 'nope', r027, '--db', db]).code, 2, 'an unknown document is a usage error');
  // what the archive counts stays right through all of it
  const s = openSqliteStore(db, { create: false });
  try {
    const meetings = s.meetings({}).total;
    assert.equal(s.stats('year', null, {}).reduce((n, r) => n + r.count, 0), meetings);
  } finally {
    s.close();
  }
});

test('readout compare: JSON as the issue defines it, Markdown and text; files or archive ids', () => {
  const [a, b] = ['pentagon_austin_kishi_call_2021.txt', 'mod_jp_kishi_austin_tel_2021.txt']
    .map((n) => join(dir, 'in', n));
  const r = readout(['compare', a, b, '--format', 'json', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(r.stdout);
  assert.equal(c.sameMeeting, true);
  for (const side of [c.a, c.b]) assert.ok(side.id && side.path && 'publisher' in side);
  const facts = c.facts as { field: string; same: boolean }[];
  assert.ok(facts.some((f) => f.field === 'date' && !f.same),
    'the two accounts give different dates (Washington evening, Tokyo morning)');
  assert.deepEqual(Object.keys(c.topics).sort(), ['onlyA', 'onlyB', 'shared']);
  assert.ok(c.statements.aligned.length >= 3);
  const ra = records.get('pairs:pentagon_austin_kishi_call_2021.txt')!;
  for (const p of c.statements.aligned) {
    assert.ok(p.a < ra.statements.length && Array.isArray(p.differences));
  }
  const all = [...c.statements.aligned.map((p: { a: number }) => p.a), ...c.statements.onlyA].sort((x, y) => x - y);
  assert.deepEqual(all, ra.statements.map((_, i) => i), 'every statement of A aligned or only in A');
  const md = readout(['compare', a, b, '--format', 'markdown', '--db', db]).stdout;
  assert.match(md, /^# /);
  assert.match(md, /## Statements both report/);
  const text = readout(['compare', a, b, '--db', db]).stdout;
  assert.match(text, /^Same meeting/);
  const meeting = readout(['compare', '--meeting', a, '--db', db, '--format', 'json']);
  assert.equal(JSON.parse(meeting.stdout).sameMeeting, true);
  const two = readout(['compare', join(dir, 'in', 'r013.txt'), join(dir, 'in', 'r014.txt'), '--format', 'json']);
  assert.equal(JSON.parse(two.stdout).sameMeeting, false, 'two different meetings may be compared, and are said to be');
  assert.equal(readout(['compare', a]).code, 2);
  assert.match(readout(['compare', a, join(dir, 'missing.txt')]).stderr, /missing\.txt/);
});

test('comparison facts: a different attribution and act are flagged on an aligned pair', () => {
  const a = records.get('pairs:pentagon_austin_kishi_call_2021.txt')!;
  const b = records.get('pairs:mod_jp_kishi_austin_tel_2021.txt')!;
  const side = (r: ReadoutRecord) => ({ id: null, path: r.source.path, url: null, publisher: r.source.publisher,
    record: r, length: 1000 });
  const c = compareReadouts(side(a), side(b));
  const kinds = new Set(c.statements.aligned.flatMap((p) => p.differences.map((d) => d.kind)));
  assert.ok(kinds.has('attribution') || kinds.has('act'), [...kinds].join(', '));
});

test('API: a meeting carries its readouts; /api/compare answers the comparison; exports give one CONSULT a meeting',
  async () => {
    const store = openSqliteStore(db, { create: false });
    try {
      const app = createApp({ store, token: null, webRoot: null, maxBodyBytes: 1 << 20 });
      const linked = store.meetings({}).items.find((m) => m.readouts.length > 1)!;
      const [first, second] = linked.readouts;
      const detail = await (await app.request(`/api/meetings/${second!.id}`)).json() as
        { meeting: string; readouts: { id: string }[] };
      assert.equal(detail.meeting, first!.id);
      assert.equal(detail.readouts.length, linked.readouts.length);
      const res = await app.request(`/api/compare?a=${first!.id}&b=${second!.id}`);
      assert.equal(res.status, 200);
      const c = await res.json() as { sameMeeting: boolean; statements: { aligned: unknown[] } };
      assert.equal(c.sameMeeting, true);
      assert.equal((await app.request(`/api/compare?a=${first!.id}&b=0000000000000000`)).status, 404);
      assert.equal((await app.request(`/api/compare?a=${first!.id}`)).status, 400);
      const spec = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, unknown> };
      assert.ok(spec.paths['/api/compare']);
      const listed = await (await app.request('/api/meetings?count=readouts&limit=200')).json() as { total: number };
      assert.equal(listed.total, refs.length);
    } finally {
      store.close();
    }
    const plover = readout(['export', '--format', 'plover', '--db', db]);
    assert.equal(plover.code, 0, plover.stderr);
    const events = plover.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string[];
      cite_info: { readouts?: unknown[] }; text_info: { meeting_id: string; readout_id: string } });
    const consults = events.filter((e) => e.event[0] === 'CONSULT');
    const meetings = JSON.parse(readout(['meetings', '--db', db, '--format', 'json', '--limit', '1000']).stdout).total;
    // PLOVER requires a date: a meeting none of whose readouts gives one is left out, and counted
    const undated = Number(/left out (\d+) meeting/.exec(plover.stderr)?.[1] ?? 0);
    assert.equal(consults.length, meetings - undated, 'one CONSULT a dated meeting');
    assert.equal(new Set(consults.map((e) => e.text_info.meeting_id)).size, meetings - undated);
    assert.ok(consults.some((e) => (e.cite_info.readouts?.length ?? 0) >= 2), 'a CONSULT cites every readout');
    const csv = readout(['export', '--format', 'csv', '--table', 'meetings', '--db', db]);
    assert.equal(csv.stdout.trim().split('\n').length - 1, meetings, 'one CSV row a meeting');
  });
