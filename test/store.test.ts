// The SQLite store against fixture records whose content is known (independent of the extraction pipeline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, packRollupDeltas } from '../src/store/sqlite.js';
import { openStore, resolveDbPath } from '../src/store/open.js';
import { statsUnit, type MeetingFilter, type StatsDimension, type Store } from '../src/store/store.js';
import { FIXTURES, fixtureDoc } from './store-fixtures.js';
import { toFtsQuery } from '../src/query/fts.js';
import { loadAlpha3, requestMode, toPlover } from '../src/query/plover.js';
import { normalizeFilter, UsageError } from '../src/query/filters.js';
import { expandInputs, globToRegExp } from '../src/store/ingest.js';

function tempStore(): { store: Store; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'readout-store-'));
  const path = join(dir, 'a.db');
  return { store: openSqliteStore(path), dir, path };
}

function filled(): { store: Store; dir: string; path: string; ids: string[] } {
  const t = tempStore();
  const ids = FIXTURES.map((f, i) => t.store.put(fixtureDoc(f, `doc${i}.txt`)).id);
  return { ...t, ids };
}

test('put stores once per sha256 with a stable id from it', () => {
  const { store, dir, ids } = filled();
  try {
    const doc = fixtureDoc(FIXTURES[0]!, 'again.txt');
    assert.deepEqual(store.put(doc), { id: doc.sha256.slice(0, 16), added: false });
    assert.equal(store.count(), 3);
    assert.equal(ids[0], doc.sha256.slice(0, 16));
    assert.ok(store.has(doc.sha256));
    const got = store.get(ids[0]!)!;
    assert.equal(got.text, FIXTURES[0]!.text);
    assert.deepEqual(got.record, fixtureDoc(FIXTURES[0]!, 'doc0.txt').record);
    assert.equal(store.findByPathOrSha('doc1.txt')!.id, ids[1]);
    assert.equal(store.findByPathOrSha(doc.sha256)!.id, ids[0]);
    assert.equal(store.findByPathOrSha(ids[2]!.slice(0, 8))!.id, ids[2]);
    assert.equal(store.get('0000000000000000'), null);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('a rebuilt archive gives the same ids', () => {
  const a = filled();
  const b = tempStore();
  try {
    const again = [...FIXTURES].reverse().map((f) => b.store.put(fixtureDoc(f)).id).reverse();
    assert.deepEqual(again, a.ids);
  } finally { a.store.close(); b.store.close(); rmSync(a.dir, { recursive: true }); rmSync(b.dir, { recursive: true }); }
});

test('meetings: newest first, and each filter narrows', () => {
  const { store, dir, ids } = filled();
  try {
    const all = store.meetings({});
    assert.equal(all.total, 3);
    assert.deepEqual(all.items.map((m) => m.id), [ids[2], ids[1], ids[0]]);
    assert.deepEqual(all.items[0]!.participants.map((p) => p.name), ['Taro Kono', 'Mike Pompeo', 'Kyung-wha Kang']);
    const only = (f: Parameters<Store['meetings']>[0]) => store.meetings(normalizeFilter(f)).items.map((m) => m.id).sort();
    assert.deepEqual(only({ participant: 'Kono' }), [...ids].sort());
    // An alias only the actor dictionary knows, linked by actorId.
    assert.deepEqual(only({ participant: 'Michael R. Pompeo' }), [ids[2]]);
    assert.deepEqual(only({ participant: 'Wang Yi' }), [ids[1]]);
    assert.deepEqual(only({ participant: 'Nobody Known' }), []);
    assert.deepEqual(only({ country: 'cn' }), [ids[1]]);
    assert.deepEqual(only({ mode: 'phone' }), [ids[2]]);
    assert.deepEqual(only({ kind: 'foreign-ministers', topic: 'economy' }), [ids[1]]);
    assert.deepEqual(only({ act: 'oppose' }), [ids[1], ids[2]].sort());
    assert.deepEqual(only({ from: '2018-01-28', to: '2018' }), [ids[1]]);
    assert.deepEqual(only({ to: '2018-01' }), [ids[0], ids[1]].sort());
    assert.deepEqual(only({ text: 'incursions' }), [ids[1]]);
    assert.deepEqual(only({ text: '"Security Treaty"' }), [ids[0]]);
    assert.deepEqual(only({ year: 2019 }), [ids[2]]);
    const paged = store.meetings({}, { limit: 1, offset: 1 });
    assert.equal(paged.total, 3);
    assert.deepEqual(paged.items.map((m) => m.id), [ids[1]]);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('search: words, phrases, prefixes, punctuation, filters and snippets', () => {
  const { store, dir, ids } = filled();
  try {
    const hits = store.search('Senkaku', {});
    assert.equal(hits.total, 3);
    assert.ok(hits.items.every((h) => h.snippet.includes('[Senkaku]')));
    assert.equal(store.search('"Security Treaty"', {}).total, 1);
    assert.equal(store.search('"Treaty Security"', {}).total, 0);
    assert.equal(store.search('Senk*', {}).total, 3);
    assert.equal(store.search('Japan-U.S.', {}).total, 2);
    assert.equal(store.search('2+2', {}).total, 1);
    // Stemming: "reaffirm" finds "reaffirmed".
    assert.equal(store.search('reaffirm', {}).total, 2);
    const byAct = store.search('Senkaku', normalizeFilter({ act: 'oppose' }));
    assert.deepEqual(byAct.items.map((h) => [h.meetingId, h.statementIndex, h.act]), [[ids[1], 0, 'oppose']]);
    const bySpeaker = store.search('Senkaku', normalizeFilter({ participant: 'Pompeo' }));
    assert.deepEqual(bySpeaker.items.map((h) => h.meetingId), [ids[2]]);
    const custom = store.search('Alliance', {}, {}, { open: '<b>', close: '</b>' });
    assert.match(custom.items[0]!.snippet, /<b>Alliance<\/b>/);
    const hit = custom.items[0]!;
    assert.equal(FIXTURES[0]!.text.slice(hit.span[0], hit.span[1]), 'agreed to strengthen the Japan-U.S. Alliance');
    assert.throws(() => store.search('   ', {}), UsageError);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('stats: meetings per year by topic, statements when an act is involved', () => {
  const { store, dir } = filled();
  try {
    assert.deepEqual(store.stats('year', null, {}), [
      { period: '2017', key: '', count: 1 }, { period: '2018', key: '', count: 1 }, { period: '2019', key: '', count: 1 }]);
    const topics = store.stats('year', 'topic', {}).filter((r) => r.key === 'senkaku').map((r) => r.period);
    assert.deepEqual(topics, ['2017', '2018', '2019']);
    // "How often was Senkaku reaffirmed, per year and by whom": statements, by speaker.
    const who = store.stats('year', 'participant', normalizeFilter({ topic: 'senkaku', act: 'affirm' }));
    assert.deepEqual(who, [
      { period: '2017', key: 'Taro Kono', count: 1 },
      { period: '2019', key: 'Kyung-wha Kang', count: 1 }, { period: '2019', key: 'Mike Pompeo', count: 1 }, { period: '2019', key: 'Taro Kono', count: 1 },
    ]);
    const acts = store.stats('month', 'act', normalizeFilter({ country: 'CN' }));
    assert.deepEqual(acts, [{ period: '2018-01', key: 'discuss', count: 1 }, { period: '2018-01', key: 'oppose', count: 1 }]);
    const facets = store.facets({});
    assert.deepEqual(facets.country.find((c) => c.key === 'JP'), { key: 'JP', count: 3 });
    assert.deepEqual(facets.participant[0], { key: 'Taro Kono', count: 3 });
    assert.deepEqual(facets.year.map((y) => y.key), ['2019', '2018', '2017']);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('replaceRecord, staleIds, source, iterate and failures', () => {
  const { store, dir, ids } = filled();
  try {
    assert.deepEqual(store.staleIds('test-1'), []);
    assert.deepEqual(store.staleIds('test-2').sort(), [...ids].sort());
    const doc = fixtureDoc(FIXTURES[1]!, 'doc1.txt');
    const changed = { ...doc.record, statements: doc.record.statements.slice(1), topics: ['economy'] };
    store.replaceRecord(ids[1]!, changed, 'test-2');
    assert.deepEqual(store.staleIds('test-2').sort(), [ids[0], ids[2]].sort());
    assert.equal(store.search('incursions', {}).total, 0);
    assert.equal(store.meetings({ topic: 'senkaku' }).total, 2);
    assert.equal(store.get(ids[1]!)!.record.statements.length, 1);
    assert.equal(Buffer.from(store.source(ids[1]!)!).toString('utf8'), FIXTURES[1]!.text);
    assert.deepEqual([...store.iterate({})].map((d) => d.id), ids);
    assert.deepEqual([...store.iterate({ country: 'KR' })].map((d) => d.id), [ids[2]]);
    store.recordFailure('bad.bin', 'binary file');
    store.recordFailure('bad.bin', 'binary file again');
    assert.deepEqual(store.failures().map((f) => [f.path, f.reason]), [['bad.bin', 'binary file again']]);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('raw bytes that differ from the text are kept for reindex', () => {
  const { store, dir } = tempStore();
  try {
    const doc = fixtureDoc(FIXTURES[0]!);
    const raw = Buffer.from(`<html><body><p>${FIXTURES[0]!.text}</p></body></html>`);
    const { id } = store.put({ ...doc, raw });
    assert.deepEqual(Buffer.from(store.source(id)!), raw);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('a transaction that throws leaves nothing behind', () => {
  const { store, dir } = tempStore();
  try {
    assert.throws(() => store.transaction(() => { store.put(fixtureDoc(FIXTURES[0]!)); throw new Error('crash'); }), /crash/);
    assert.equal(store.count(), 0);
    assert.equal(store.search('Senkaku', {}).total, 0);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('an open transaction: documents in any date order, one replaced before the commit, one rolled back', () => {
  const { store, dir, path } = tempStore();
  try {
    // Newest first, so the FTS5 rows go in at commit in another order than the documents came.
    const [a, b, c] = [...FIXTURES].reverse().map((f, i) => fixtureDoc(f, `doc${i}.txt`));
    store.begin();
    store.put(a!);
    const { id } = store.put(b!);
    store.put(c!);
    store.replaceRecord(id, { ...b!.record, statements: b!.record.statements.slice(1) }, 'test-2');
    store.commit();
    assert.equal(store.count(), 3);
    assert.equal(store.search('incursions', {}).total, 0);
    assert.equal(store.search('Senkaku', {}).total, 2);
    store.begin();
    store.put(fixtureDoc({ ...FIXTURES[0]!, text: `${FIXTURES[0]!.text}\nAgain.` }));
    store.rollback();
    assert.equal(store.count(), 3);
    store.close();
    const raw = new Database(path);
    raw.prepare(`INSERT INTO doc_fts (doc_fts) VALUES ('integrity-check')`).run();
    raw.prepare(`INSERT INTO statement_fts (statement_fts) VALUES ('integrity-check')`).run();
    raw.close();
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('openStore: --db, then READOUT_DB, then ./readout.db; clear errors', () => {
  const saved = process.env.READOUT_DB;
  try {
    delete process.env.READOUT_DB;
    assert.equal(resolveDbPath({}), './readout.db');
    process.env.READOUT_DB = '/tmp/env.db';
    assert.equal(resolveDbPath({}), '/tmp/env.db');
    assert.equal(resolveDbPath({ db: 'x.db' }), 'x.db');
  } finally { if (saved === undefined) delete process.env.READOUT_DB; else process.env.READOUT_DB = saved; }
  assert.throws(() => openStore({ db: '/nonexistent-dir/x/a.db' }), /cannot open database \/nonexistent-dir\/x\/a\.db/);
  assert.throws(() => openStore({ db: tmpdir() }), /is a directory/);
  assert.throws(() => openStore({ db: join(tmpdir(), 'readout-missing-archive.db'), create: false }), /no archive at .*readout-missing-archive\.db/);
  const dir = mkdtempSync(join(tmpdir(), 'readout-other-'));
  try {
    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    assert.throws(() => openStore({ db: join(dir, 'other.db') }), /not a readout archive/);
  } finally { rmSync(dir, { recursive: true }); }
});

test('search queries never reach FTS5 as syntax errors', () => {
  assert.equal(toFtsQuery('Senkaku'), 'Senkaku');
  assert.equal(toFtsQuery('"North Korea" AND missile*'), '"North Korea" AND missile*');
  assert.equal(toFtsQuery('U.S. 2+2'), '"U.S" "2+2"');
  assert.equal(toFtsQuery('Japan-China*'), '"Japan-China"*');
  assert.equal(toFtsQuery('(Senkaku OR Taiwan'), '( Senkaku OR Taiwan )');
  assert.throws(() => toFtsQuery('NOT'), /empty search query/);
});

test('filters are validated with one-line errors', () => {
  assert.throws(() => normalizeFilter({ act: 'shout' }), /unknown act "shout"/);
  assert.throws(() => normalizeFilter({ kind: 'party' }), /unknown kind/);
  assert.throws(() => normalizeFilter({ from: '2017-02-30' }), /bad --from date/);
  assert.throws(() => normalizeFilter({ country: 'Japan' }), /bad country/);
  assert.deepEqual(normalizeFilter({ mode: 'phone', kind: '2+2', country: 'jp' }), { mode: 'telephone', kind: 'two-plus-two', country: 'JP' });
});

test('globs: ** any depth, * within a name, {a,b}', async () => {
  assert.ok(globToRegExp('**/*.txt').test('a/b/c.txt'));
  assert.ok(globToRegExp('**/*.txt').test('c.txt'));
  assert.ok(!globToRegExp('*.txt').test('a/c.txt'));
  assert.ok(globToRegExp('r0{01,04}.txt').test('r004.txt'));
  const { items, missing } = await expandInputs(['/work/shared/corpus/dev/r0*.txt', 'nope/*.txt', 'missing.txt']);
  assert.ok(items.length >= 5 && items.every((i) => /\/r0\d\d\.txt$/.test(i.path!)));
  assert.deepEqual(missing.map((m) => m.path), ['nope/*.txt', 'missing.txt']);
});

test('PLOVER events: CONSULT for the meeting, acts mapped, alpha-3 codes', (t) => {
  const alpha3 = loadAlpha3();
  if (!alpha3) { t.skip('data/gazetteer.json is missing: no alpha-3 codes'); return; }
  const visit = toPlover('m1', fixtureDoc(FIXTURES[0]!).record, alpha3);
  assert.deepEqual(visit.map((e) => [e.event, e.mode, e.actor, e.recipient]), [
    ['CONSULT', 'visit', ['JPN'], ['USA']],
    ['SUPPORT', null, ['JPN'], ['USA']],
    ['AGREE', null, ['JPN', 'USA'], ['JPN', 'USA']],
    ['REQUEST', 'assist', ['USA'], ['JPN']],
  ]);
  assert.deepEqual(visit[1]!.context, ['territory', 'military']);
  assert.deepEqual(visit[1]!.text_info.span, fixtureDoc(FIXTURES[0]!).record.statements[0]!.span);
  assert.equal(visit[0]!.date, '2017-08-16');
  const phone = toPlover('m3', fixtureDoc(FIXTURES[2]!).record, alpha3);
  assert.deepEqual(phone.map((e) => [e.event, e.mode]), [['CONSULT', 'phone'], ['SUPPORT', null], ['SUPPORT', null], ['REJECT', null]]);
  const thirdParty = toPlover('m2', { ...fixtureDoc(FIXTURES[1]!).record, meeting: { ...fixtureDoc(FIXTURES[1]!).record.meeting, location: { city: 'Manila', country: 'PH', venue: null } } }, alpha3);
  assert.deepEqual(thirdParty.map((e) => [e.event, e.mode, e.actor]), [['CONSULT', 'third-party', ['JPN', 'CHN']], ['ACCUSE', 'disapprove', ['JPN']]]);
  assert.equal(requestMode('urged North Korea to stop its launches'), 'yield');
  assert.equal(requestMode('invited the Prime Minister to visit Japan'), 'meet');
  assert.equal(requestMode('called for a change in policy'), 'change');
});

test('stats: every counting path (rollup, act+topic cube, FTS tags, joins) agrees with a brute-force count', () => {
  const { store, dir } = filled();
  try {
    const records = FIXTURES.map((f) => fixtureDoc(f).record);
    const brute = (by: 'month' | 'year', dim: StatsDimension | null, filter: MeetingFilter) => {
      const unit = statsUnit(dim, filter);
      const counts = new Map<string, number>();
      for (const r of records) {
        const date = r.meeting.date!;
        if (filter.country && !r.meeting.countries.includes(filter.country)) continue;
        if (filter.kind && r.meeting.kind !== filter.kind) continue;
        if (filter.mode && r.meeting.mode !== filter.mode) continue;
        if (filter.from && date < filter.from) continue;
        if (filter.to && date > filter.to + '~') continue;
        const period = by === 'year' ? date.slice(0, 4) : date.slice(0, 7);
        const add = (keys: string[]) => { for (const k of new Set(keys)) counts.set(`${period}|${k}`, (counts.get(`${period}|${k}`) ?? 0) + 1); };
        if (unit === 'meetings') {
          if (filter.topic && !r.topics.includes(filter.topic)) continue;
          if (filter.act && !r.statements.some((s) => s.act === filter.act)) continue;
          add(dim === 'topic' ? r.topics : dim === 'country' ? r.meeting.countries : dim === 'participant' ? r.participants.map((p) => p.name)
            : dim === 'kind' ? [r.meeting.kind] : dim === 'mode' ? [r.meeting.mode] : ['']);
        } else {
          for (const s of r.statements) {
            if (filter.topic && !s.topics.includes(filter.topic)) continue;
            if (filter.act && s.act !== filter.act) continue;
            add(dim === 'act' ? [s.act] : dim === 'topic' ? s.topics : dim === 'country' ? s.speakerCountries : dim === 'participant' ? s.speakers
              : dim === 'kind' ? [r.meeting.kind] : dim === 'mode' ? [r.meeting.mode] : ['']);
          }
        }
      }
      return [...counts].map(([k, count]) => `${k}|${count}`).sort();
    };
    const dims: (StatsDimension | null)[] = [null, 'act', 'topic', 'country', 'participant', 'kind', 'mode'];
    const filters: MeetingFilter[] = [{}, { act: 'affirm' }, { topic: 'senkaku' }, { act: 'oppose', topic: 'senkaku' }, { country: 'US' },
      { country: 'JP', act: 'affirm' }, { from: '2018', to: '2019-12' }, { from: '2018-01-28' }, { mode: 'in-person', topic: 'economy' }, { kind: 'foreign-ministers' }];
    for (const by of ['year', 'month'] as const) {
      for (const dim of dims) {
        for (const filter of filters) {
          const got = store.stats(by, dim, filter).map((r) => `${r.period}|${r.key}|${r.count}`).sort();
          assert.deepEqual(got, brute(by, dim, filter), `stats ${by} ${dim} ${JSON.stringify(filter)}`);
        }
      }
    }
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('an archive of schema 6 (rollup keyed by text) opens migrated, with the same stats', () => {
  const { store, dir, path } = filled();
  const dims: (StatsDimension | null)[] = [null, 'act', 'topic', 'country', 'kind'];
  const snapshot = (s: Store) => dims.flatMap((dim) => [{}, { act: 'affirm' }, { topic: 'senkaku' }].map((f) => s.stats('month', dim, f)));
  try {
    const before = snapshot(store);
    assert.ok(before.some((rows) => rows.length > 0));
    store.close();
    const db = new Database(path);
    db.exec(`CREATE TABLE rollup_v6 (unit TEXT NOT NULL, dim TEXT NOT NULL, ym INTEGER NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (unit, dim, ym, key)) WITHOUT ROWID;
      INSERT INTO rollup_v6 SELECT s.unit, s.dim, r.id % 1048576, s.key, r.n FROM rollup r JOIN rollup_series s ON s.id = r.id / 1048576;
      DROP TABLE rollup; DROP TABLE rollup_series; ALTER TABLE rollup_v6 RENAME TO rollup; PRAGMA user_version = 6;`);
    db.close();
    const reopened = openSqliteStore(path);
    try {
      assert.deepEqual(snapshot(reopened), before);
    } finally { reopened.close(); }
    const check = new Database(path, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 7);
    assert.equal((check.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'rollup_v6'`).get() as { n: number }).n, 0);
    check.close();
  } finally { rmSync(dir, { recursive: true }); }
});

test('rollup deltas pack into exact JSON numbers, large and negative counts in parts', () => {
  const highest = (2 ** 53 / 2 ** 20 / 2 ** 16 - 1) * 2 ** 20 + 999912;
  const deltas = new Map([[5 * 2 ** 20 + 201703, 3], [highest, 100_000], [7 * 2 ** 20 + 199001, -70_000], [9, 0]]);
  const packed = packRollupDeltas(deltas);
  assert.ok(packed.every((v) => Number.isSafeInteger(v) && v >= 0));
  // As the flush's SQL reads them back: integer division and remainder.
  const sums = new Map<number, number>();
  for (const v of packed) { const row = Math.floor(v / 2 ** 16); sums.set(row, (sums.get(row) ?? 0) + (v % 2 ** 16) - 2 ** 15); }
  assert.deepEqual(sums, new Map([...deltas].filter(([, n]) => n !== 0)));
});
