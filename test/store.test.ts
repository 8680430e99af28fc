// The SQLite store against fixture records whose content is known (independent of the extraction pipeline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { packRollupDeltas } from '../src/store/sqlite/rollup.js';
import { searchProblem } from '../src/store/sqlite/where.js';
import { openStore, resolveDbPath } from '../src/store/open.js';
import { statsUnit, type DocumentInput, type MeetingFilter, type StatsDimension, type Store } from '../src/store/store.js';
import { FIXTURES, fixtureDoc, manyStatementsFixture, nonReadoutDoc } from './store-fixtures.js';
import { toFtsQuery } from '../src/query/fts.js';
import { loadAlpha3, requestMode, toPlover, type PloverEvent } from '../src/query/plover.js';
import { normalizeFilter } from '../src/query/filters.js';
import { UsageError } from '../src/errors.js';
import { expandInputs, globToRegExp, ingest, type SourceItem } from '../src/ingest/ingest.js';

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

test('a search query the engine still rejects is told in plain words, without the engine\'s message', () => {
  for (const engine of ['fts5: syntax error near "AND"', 'unterminated string', 'no such column: japan']) {
    const problem = searchProblem(engine)!;
    assert.ok(problem && !/fts5|syntax|column:|unterminated/.test(problem), problem);
  }
  assert.equal(searchProblem('disk I/O error'), null);
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
  const dev = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'dev');
  const { items, missing } = await expandInputs([`${dev}/r0*.txt`, 'nope/*.txt', 'missing.txt']);
  assert.ok(items.length >= 5 && items.every((i) => /\/r0\d\d\.txt$/.test(i.path!)));
  assert.deepEqual(missing.map((m) => m.path), ['nope/*.txt', 'missing.txt']);
});

test('PLOVER events: CONSULT for the meeting, acts mapped, alpha-3 codes', (t) => {
  const alpha3 = loadAlpha3();
  if (!alpha3) { t.skip('data/gazetteer.json is missing: no alpha-3 codes'); return; }
  const codes = (l?: { code: string }[]) => l?.map((a) => a.code) ?? null;
  const mode = (e: PloverEvent) => e.mode?.[0] ?? null;
  const visit = toPlover('m1', fixtureDoc(FIXTURES[0]!).record, alpha3);
  assert.deepEqual(visit.map((e) => [e.event[0], mode(e), codes(e.actor), codes(e.recipient)]), [
    ['CONSULT', 'visit', ['JPN'], ['USA']],
    ['SUPPORT', null, ['JPN'], ['USA']],
    ['AGREE', null, ['JPN', 'USA'], null],
    ['REQUEST', 'assist', ['USA'], ['JPN']],
  ]);
  assert.deepEqual(visit[1]!.context, ['territory', 'military']);
  const { start, end } = visit[1]!.text_info;
  assert.deepEqual([start, end], fixtureDoc(FIXTURES[0]!).record.statements[0]!.span);
  assert.equal(visit[0]!.date, '2017-08-16');
  const phone = toPlover('m3', fixtureDoc(FIXTURES[2]!).record, alpha3);
  assert.deepEqual(phone.map((e) => [e.event[0], mode(e)]),
    [['CONSULT', 'phone'], ['SUPPORT', null], ['SUPPORT', null], ['REJECT', 'change']]);
  const thirdParty = toPlover('m2', { ...fixtureDoc(FIXTURES[1]!).record, meeting: { ...fixtureDoc(FIXTURES[1]!).record.meeting, location: { city: 'Manila', country: 'PH', venue: null } } }, alpha3);
  assert.deepEqual(thirdParty.map((e) => [e.event[0], mode(e), codes(e.actor)]),
    [['CONSULT', 'third-party', ['JPN', 'CHN']], ['ACCUSE', 'disapprove', ['JPN']]]);
  assert.equal(requestMode('urged North Korea to stop its launches'), 'yield');
  assert.equal(requestMode('invited the Prime Minister to visit Japan'), 'meet');
  assert.equal(requestMode('called for a change in policy'), 'change');
});

test('stats: every counting path (rollup, act+topic cube, FTS tags, joins) agrees with a brute-force count', () => {
  const { store, dir } = filled();
  try {
    // Beside the fixtures: statements in several key blocks, and a text that is not a readout.
    const extra = [fixtureDoc(manyStatementsFixture(300)), nonReadoutDoc('Pancakes. Mix flour, eggs and milk.')];
    extra.forEach((d) => store.put(d));
    const records = [...FIXTURES.map((f) => fixtureDoc(f).record), ...extra.map((d) => d.record)];
    const brute = (by: 'month' | 'year', dim: StatsDimension | null, filter: MeetingFilter) => {
      const unit = statsUnit(dim, filter);
      const counts = new Map<string, number>();
      for (const r of records) {
        const date = r.meeting.date;
        if (r.warnings && !filter.includeNonReadouts) continue;
        if (filter.country && !r.meeting.countries.includes(filter.country)) continue;
        if (filter.kind && r.meeting.kind !== filter.kind) continue;
        if (filter.mode && r.meeting.mode !== filter.mode) continue;
        if ((filter.from || filter.to) && !date) continue;
        if (filter.from && date! < filter.from) continue;
        if (filter.to && date! > filter.to + '~') continue;
        const period = !date ? 'unknown' : by === 'year' ? date.slice(0, 4) : date.slice(0, 7);
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
      { country: 'JP', act: 'affirm' }, { from: '2018', to: '2019-12' }, { from: '2018-01-28' }, { mode: 'in-person', topic: 'economy' }, { kind: 'foreign-ministers' },
      { includeNonReadouts: true }, { mode: 'in-person', includeNonReadouts: true }, { act: 'agree', includeNonReadouts: true }];
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
      DROP TABLE rollup; DROP TABLE rollup_series; ALTER TABLE rollup_v6 RENAME TO rollup; DROP TABLE doc_blocks;
      DROP TABLE links; DROP TABLE link_overrides; DROP INDEX documents_linked; ALTER TABLE documents DROP COLUMN linked;
      PRAGMA user_version = 6;`);
    db.close();
    const reopened = openSqliteStore(path);
    try {
      assert.deepEqual(snapshot(reopened), before);
    } finally { reopened.close(); }
    const check = new Database(path, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 10);
    assert.equal((check.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'rollup_v6'`).get() as { n: number }).n, 0);
    check.close();
  } finally { rmSync(dir, { recursive: true }); }
});

test('an archive of schema 7 (texts that are not readouts stored as meetings) opens migrated: they are kept apart', () => {
  const recipe = nonReadoutDoc('Pancakes. Mix flour, eggs and milk.', 'recipe.txt');
  const v7 = filled();
  const fresh = filled();
  const dims: (StatsDimension | null)[] = [null, 'act', 'topic', 'country', 'kind', 'mode'];
  const snapshot = (s: Store) => dims.flatMap((dim) => [{}, { includeNonReadouts: true }, { act: 'affirm' }]
    .map((f) => s.stats('year', dim, f))).concat([s.meetings({ includeNonReadouts: true }).items.map((m) => m.id)] as never[]);
  try {
    fresh.store.put(recipe);
    // As schema 7 stored it: undated, counted in the rollup, then marked as extraction marks it now.
    v7.store.put({ ...recipe, record: { ...recipe.record, warnings: undefined } });
    v7.store.close();
    const db = new Database(v7.path);
    db.exec(`UPDATE bodies SET record = json_set(record, '$.warnings', json('["not a readout: no meeting"]')) WHERE doc = 0;
      DROP TABLE doc_blocks; DROP TABLE links; DROP TABLE link_overrides; DROP INDEX documents_linked;
      ALTER TABLE documents DROP COLUMN linked;
      PRAGMA user_version = 7;`);
    db.close();
    const reopened = openSqliteStore(v7.path);
    try {
      assert.equal(reopened.meetings({}).total, 3);
      assert.deepEqual(snapshot(reopened), snapshot(fresh.store));
      assert.equal(reopened.findByPathOrSha('recipe.txt')!.sha256, recipe.sha256);
    } finally { reopened.close(); }
  } finally { fresh.store.close(); rmSync(v7.dir, { recursive: true }); rmSync(fresh.dir, { recursive: true }); }
});

test('a document with more statements of one act than a key block holds is stored whole, beside its neighbours', () => {
  const { store, dir } = filled();
  try {
    const big = fixtureDoc(manyStatementsFixture(300), 'big.txt');
    const id = store.put(big).id;
    // The next document of the same day takes keys after all of the big one's.
    const next = store.put(fixtureDoc({ ...FIXTURES[1]!, text: `${FIXTURES[1]!.text} Again.` }, 'next.txt')).id;
    assert.deepEqual(store.get(id)!.record, big.record);
    // next.txt is another readout of FIXTURES[1]'s meeting: one meeting more, two readouts more
    assert.equal(store.meetings({ count: 'readouts' }).total, 5);
    assert.equal(store.meetings({}).total, 4);
    assert.notEqual(store.meetingOf(next), next);
    assert.equal(store.search('"point 257"', {}).items[0]!.meetingId, id);
    // A document filter finds the statements of its further blocks.
    assert.equal(store.search('"point 300"', { text: 'declaration' }).items[0]!.meetingId, id);
    assert.equal(store.search('"economic relations"', { from: '2018-01-28', to: '2018-01-28' }).total, 2);
    // Counts by act read the act off the keys, in every block.
    const acts = (f: MeetingFilter) => store.stats('year', 'act', f).filter((r) => r.period === '2018').map((r) => `${r.key} ${r.count}`);
    assert.deepEqual(acts({ country: 'KR' }), ['agree 300', 'affirm 1', 'request 1']);
    // A page reads in text order within a meeting, whichever block a statement sits in.
    const page = store.search('agreed', { country: 'KR' }, { limit: 200 }).items.filter((h) => h.meetingId === id).map((h) => h.statementIndex);
    assert.deepEqual(page, [...page].sort((a, b) => a - b));
    store.replaceRecord(id, { ...big.record, statements: big.record.statements.slice(0, 200) }, 'test-2');
    assert.deepEqual(acts({ country: 'KR' }), ['agree 200']);
    assert.equal(store.search('"point 257"', {}).total, 0);
    assert.equal(store.search('"point 150"', {}).total, 1);
    assert.equal(store.get(next)!.path, 'next.txt');
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('ingest: a document the store cannot take is a failure with its reason, and the rest of its batch is kept', async () => {
  const { store, dir } = tempStore();
  try {
    const good = FIXTURES.map((f, i) => fixtureDoc(f, `good${i}.txt`));
    const big = fixtureDoc(manyStatementsFixture(200), 'big.txt');
    const unknownAct = fixtureDoc({ ...FIXTURES[0]!, text: `${FIXTURES[0]!.text} (1)` }, 'unknown-act.txt');
    unknownAct.record.statements[1]!.act = 'shout' as never;
    // Fails in the middle of its writes: the meeting and body rows are in when a statement cannot be bound.
    const midway = fixtureDoc({ ...FIXTURES[2]!, text: `${FIXTURES[2]!.text} (2)` }, 'midway.txt');
    midway.record.statements[2]!.item = { not: 'a string' } as never;
    const docs = new Map<string, DocumentInput>([good[0]!, unknownAct, big, midway, good[1]!, good[2]!].map((d) => [d.path!, d]));
    const items: SourceItem[] = [...docs.keys()].map((p) => ({ path: p, label: p, read: () => Buffer.from(docs.get(p)!.text) }));
    const failed: string[] = [];
    const result = await ingest(store, items, {
      batchSize: 100, extract: (_bytes, path) => ({ record: docs.get(path!)!.record, text: docs.get(path!)!.text }),
      onFailure: (f) => failed.push(f.path),
    });
    assert.equal(result.added, 4);
    assert.deepEqual(failed, ['unknown-act.txt', 'midway.txt']);
    assert.deepEqual(store.failures().map((f) => [f.path, /^cannot be stored: /.test(f.reason)]).sort(), [['midway.txt', true], ['unknown-act.txt', true]]);
    assert.match(store.failures().find((f) => f.path === 'unknown-act.txt')!.reason, /unknown act "shout"/);
    assert.equal(store.count(), 4);
    assert.ok(!store.has(midway.sha256) && !store.has(unknownAct.sha256));
    // Everything of the batch went in at its commit, the indexes and counts included.
    assert.equal(store.search('incursions', {}).total, 1);
    assert.equal(store.search('"point 200"', {}).total, 1);
    assert.deepEqual(store.stats('year', null, {}).map((r) => `${r.period} ${r.count}`), ['2017 1', '2018 2', '2019 1']);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('texts that are not readouts are kept and found by id, and left out of lists, counts and exports unless asked', () => {
  const { store, dir } = filled();
  try {
    const id = store.put(nonReadoutDoc('Pancakes. Mix flour, eggs and milk; fry in butter.', 'recipe.txt')).id;
    const all = { includeNonReadouts: true };
    assert.equal(store.count(), 4);
    assert.match(store.get(id)!.record.warnings![0]!, /^not a readout/);
    assert.equal(store.findByPathOrSha('recipe.txt')!.id, id);
    const listed = (f: MeetingFilter) => store.meetings(f).items.map((m) => m.id).includes(id);
    assert.equal(store.meetings({}).total, 3);
    assert.ok(!listed({}) && !listed({ mode: 'in-person' }) && !listed({ text: 'flour' }));
    assert.equal(store.meetings(all).total, 4);
    assert.ok(listed(all) && listed({ mode: 'in-person', ...all }) && listed({ text: 'flour', ...all }));
    assert.equal(store.meetings({ text: 'flour', ...all }).total, 1);
    assert.ok(!store.stats('year', null, {}).some((r) => r.period === 'unknown'));
    assert.deepEqual(store.stats('year', 'kind', all).filter((r) => r.period === 'unknown'), [{ period: 'unknown', key: 'other', count: 1 }]);
    assert.ok(!store.facets({}).kind.some((k) => k.key === 'other'));
    assert.deepEqual(store.facets(all).kind.find((k) => k.key === 'other'), { key: 'other', count: 1 });
    assert.deepEqual(store.facets(all).year.map((y) => y.key), ['unknown', '2019', '2018', '2017']);
    assert.ok(![...store.iterate({})].some((d) => d.id === id));
    assert.equal([...store.iterate(all)][0]!.id, id);
    // Re-extracted as a readout, it becomes a readout of FIXTURES[0]'s meeting (the same record): listed as a
    // readout, and that meeting counted once.
    store.replaceRecord(id, fixtureDoc(FIXTURES[0]!).record, 'test-2');
    assert.ok(listed({ count: 'readouts' }));
    assert.equal(store.meetings({ count: 'readouts' }).total, 4);
    assert.equal(store.meetings({}).total, 3);
    assert.equal(store.readouts(id).length, 2);
  } finally { store.close(); rmSync(dir, { recursive: true }); }
});

test('folders: a symbolic link to a file inside is followed; one outside, to a folder or to nothing is skipped, and said so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-links-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.txt'), 'a readout');
    symlinkSync(join(dir, 'sub', 'a.txt'), join(dir, 'inside.txt'));
    symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
    symlinkSync(join(dir, 'sub'), join(dir, 'folder.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
    symlinkSync('/etc/passwd', join(dir, 'passwd')); // not a document's name: left out like any other file
    for (const arg of [dir, `${dir}/**/*.txt`]) {
      const { items, skipped } = await expandInputs([arg]);
      assert.deepEqual(items.map((i) => i.path), [join(dir, 'inside.txt'), join(dir, 'sub', 'a.txt')]);
      assert.deepEqual(skipped.map((s) => [s.path, s.reason]), [
        [join(dir, 'dangling.txt'), 'skipped: a symbolic link to nothing'],
        [join(dir, 'folder.txt'), 'skipped: a symbolic link to a folder (not followed)'],
        [join(dir, 'passwd.txt'), 'skipped: a symbolic link to /etc/passwd, outside the folder'],
      ]);
    }
    // Named on the command line, a link is the user's choice.
    assert.deepEqual((await expandInputs([join(dir, 'passwd.txt')])).items.map((i) => i.path), [join(dir, 'passwd.txt')]);
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
