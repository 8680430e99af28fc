// The archive's storage contract (archive-store.ts), one suite run unchanged over every backend: SQLite (lifted by
// asyncStore) and PostgreSQL (a fresh database per test on a throwaway cluster, test/pg-cluster.ts). The same
// fixtures, the same calls, the same expected answers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { asyncStore, type ArchiveStore } from '../src/store/archive-store.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { tsvectorOf } from '../src/store/postgres/lexemes.js';
import { DocumentError, statsUnit, type MeetingFilter, type StatsDimension } from '../src/store/store.js';
import { normalizeFilter } from '../src/query/filters.js';
import { UsageError } from '../src/errors.js';
import { FIXTURES, fixtureDoc, manyStatementsFixture, nonReadoutDoc, type Fixture } from './store-fixtures.js';
import { pgSkip, startPgCluster, type PgCluster } from './pg-cluster.js';

/** An archive to test: the store, another connection to the same archive, and clean-up. */
interface Opened { store: ArchiveStore; second(): Promise<ArchiveStore>; done(): Promise<void> }
interface Backend { name: string; skip: string | false; setUp(): Promise<void>; tearDown(): void; open(): Promise<Opened> }

const sqlite: Backend = {
  name: 'SQLite', skip: false, setUp: async () => {}, tearDown: () => {},
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'readout-contract-'));
    const path = join(dir, 'a.db');
    const opened: ArchiveStore[] = [asyncStore(openSqliteStore(path))];
    const second = async () => { opened.push(asyncStore(openSqliteStore(path))); return opened[opened.length - 1]!; };
    return {
      store: opened[0]!, second,
      async done() { for (const s of opened) await s.close(); rmSync(dir, { recursive: true }); },
    };
  },
};

let cluster: PgCluster | null = null;
const postgres: Backend = {
  name: 'PostgreSQL', skip: pgSkip,
  async setUp() { cluster = await startPgCluster(); },
  tearDown() { cluster?.stop(); },
  async open() {
    const url = await cluster!.database();
    const opened: ArchiveStore[] = [await openPostgresStore(url)];
    const second = async () => { opened.push(await openPostgresStore(url)); return opened[opened.length - 1]!; };
    return { store: opened[0]!, second, async done() { for (const s of opened) await s.close(); } };
  },
};

/** Puts the fixtures (paths doc0.txt ...); their ids in order. */
async function fill(store: ArchiveStore): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, f] of FIXTURES.entries()) ids.push((await store.put(fixtureDoc(f, `doc${i}.txt`))).id);
  return ids;
}

const collect = async <T>(items: AsyncIterable<T>) => { const out: T[] = []; for await (const x of items) out.push(x); return out; };

/** Another readout of FIXTURES[i]'s meeting: the same record, another text (so another sha256). */
const again = (i: number, n: number, path: string | null = null) =>
  fixtureDoc({ ...FIXTURES[i]!, text: `${FIXTURES[i]!.text} (${n})` } as Fixture, path);

function contract(backend: Backend): void {
  describe(`archive contract: ${backend.name}`, { skip: backend.skip }, () => {
    before(() => backend.setUp());
    after(() => backend.tearDown());
    /** A test over a fresh archive, filled with the fixtures unless `empty`. */
    const withStore = (fn: (store: ArchiveStore, ids: string[], opened: Opened) => Promise<void>, empty = false) =>
      async () => {
        const opened = await backend.open();
        try {
          await fn(opened.store, empty ? [] : await fill(opened.store), opened);
        } finally {
          await opened.done();
        }
      };

    test('put stores once per sha256 with a stable id from it; get and findByPathOrSha', withStore(async (store, ids) => {
      const doc = fixtureDoc(FIXTURES[0]!, 'again.txt');
      assert.deepEqual(await store.put(doc), { id: doc.sha256.slice(0, 16), added: false });
      assert.equal(await store.count(), 3);
      assert.equal(ids[0], doc.sha256.slice(0, 16));
      assert.ok(await store.has(doc.sha256));
      assert.ok(!await store.has('0'.repeat(64)));
      const got = (await store.get(ids[0]!))!;
      assert.equal(got.text, FIXTURES[0]!.text);
      assert.deepEqual(got.record, fixtureDoc(FIXTURES[0]!, 'doc0.txt').record);
      assert.equal(got.extractorVersion, 'test-1');
      assert.equal((await store.findByPathOrSha('doc1.txt'))!.id, ids[1]);
      assert.equal((await store.findByPathOrSha(doc.sha256))!.id, ids[0]);
      assert.equal((await store.findByPathOrSha(ids[2]!.slice(0, 8)))!.id, ids[2]);
      assert.equal(await store.get('0000000000000000'), null);
      assert.equal(await store.findByPathOrSha('nothing.txt'), null);
    }));

    test('meetings: newest first, and each filter narrows', withStore(async (store, ids) => {
      const all = await store.meetings({});
      assert.equal(all.total, 3);
      assert.deepEqual(all.items.map((m) => m.id), [ids[2], ids[1], ids[0]]);
      assert.deepEqual(all.items[0]!.participants.map((p) => p.name), ['Taro Kono', 'Mike Pompeo', 'Kyung-wha Kang']);
      assert.deepEqual(all.items[0]!.countries, ['JP', 'US', 'KR']);
      assert.equal(all.items[0]!.statementCount, 3);
      assert.deepEqual(all.items[0]!.readouts.map((r) => [r.id, r.path, r.publisher, r.publishedDate]),
        [[ids[2], 'doc2.txt', 'Ministry of Foreign Affairs of Japan', '2019-03-02']]);
      const only = async (f: MeetingFilter) => (await store.meetings(normalizeFilter(f))).items.map((m) => m.id).sort();
      assert.deepEqual(await only({ participant: 'Kono' }), [...ids].sort());
      // an alias only the actor dictionary knows, linked by actorId
      assert.deepEqual(await only({ participant: 'Michael R. Pompeo' }), [ids[2]]);
      assert.deepEqual(await only({ participant: 'Wang Yi' }), [ids[1]]);
      assert.deepEqual(await only({ participant: 'Nobody Known' }), []);
      assert.deepEqual(await only({ country: 'cn' }), [ids[1]]);
      assert.deepEqual(await only({ mode: 'phone' }), [ids[2]]);
      assert.deepEqual(await only({ kind: 'foreign-ministers', topic: 'economy' }), [ids[1]]);
      assert.deepEqual(await only({ act: 'oppose' }), [ids[1], ids[2]].sort());
      assert.deepEqual(await only({ from: '2018-01-28', to: '2018' }), [ids[1]]);
      assert.deepEqual(await only({ to: '2018-01' }), [ids[0], ids[1]].sort());
      assert.deepEqual(await only({ text: 'incursions' }), [ids[1]]);
      assert.deepEqual(await only({ text: '"Security Treaty"' }), [ids[0]]);
      assert.deepEqual(await only({ text: 'Senkaku NOT Pompeo' }), [ids[0], ids[1]].sort());
      assert.deepEqual(await only({ year: 2019 }), [ids[2]]);
      const paged = await store.meetings({}, { limit: 1, offset: 1, readouts: false });
      assert.equal(paged.total, 3);
      assert.deepEqual(paged.items.map((m) => [m.id, m.readouts]), [[ids[1], []]]);
    }));

    test('search: words, phrases, prefixes, punctuation, stemming, filters and snippets', withStore(async (store, ids) => {
      const hits = await store.search('Senkaku', {});
      assert.equal(hits.total, 3);
      assert.ok(hits.items.every((h) => h.snippet.includes('[Senkaku]')), hits.items.map((h) => h.snippet).join('\n'));
      assert.deepEqual(hits.items.map((h) => h.meetingId), [ids[2], ids[1], ids[0]]);
      const byAct = await store.search('Senkaku', normalizeFilter({ act: 'oppose' }));
      assert.deepEqual(byAct.items.map((h) => [h.meetingId, h.statementIndex, h.act]), [[ids[1], 0, 'oppose']]);
      const bySpeaker = await store.search('Senkaku', normalizeFilter({ participant: 'Pompeo' }));
      assert.deepEqual(bySpeaker.items.map((h) => [h.meetingId, h.speakers]),
        [[ids[2], ['Taro Kono', 'Mike Pompeo', 'Kyung-wha Kang']]]);
      assert.equal((await store.search('Senkaku', { text: 'incursions' })).total, 1);
      assert.equal((await store.search('Senkaku', { year: 2017 })).total, 1);
      const custom = await store.search('Alliance', {}, {}, { open: '<b>', close: '</b>' });
      assert.match(custom.items[0]!.snippet, /<b>Alliance<\/b>/);
      const hit = custom.items[0]!;
      assert.equal(FIXTURES[0]!.text.slice(hit.span[0], hit.span[1]), 'agreed to strengthen the Japan-U.S. Alliance');
      const paged = await store.search('Senkaku', {}, { limit: 1, offset: 1 });
      assert.deepEqual([paged.total, paged.items.map((h) => h.meetingId)], [3, [ids[1]]]);
      await assert.rejects(store.search('   ', {}), UsageError);
      await assert.rejects(store.search('NOT Senkaku', {}), UsageError);
    }));

    test('search syntax: the same hits for words, "phrases", prefix*, AND, OR, NOT and parentheses', withStore(async (store) => {
      const expected: [string, number][] = [
        ['Senkaku', 3], ['"Security Treaty"', 1], ['"Treaty Security"', 0], ['Senk*', 3], ['Japan-U.S.', 2],
        ['2+2', 1], ['reaffirm', 2], ['"reaffirmed the"', 1], ['"reaffirmed the Sen"*', 1], ['minist*', 0],
        ['Senkaku Islands', 2], ['Senkaku AND Islands', 2], ['Senkaku OR claims', 4], ['Senkaku NOT protested', 2],
        ['Senkaku AND NOT Treaty', 2], ['(Senkaku OR Alliance) NOT Treaty', 3], ['Islands OR Senkaku NOT Islands', 3],
        ['Senkaku NOT Islands OR claims', 2], ['(Senkaku OR claims) (Islands OR rejected)', 3],
        ['"North Korea" OR (economic AND relations)', 2], ['cooperation North*', 1], ['U.S.', 2], ['"U.S" Alliance', 1],
        ['(((Senkaku', 3], ['Senkaku OR', 3], ['strengthen "..."', 1], ['"..."', 0], ['Kōno OR Tillerson', 0],
        ['ÁLLIANCE', 1], ['discuss', 1], ['discussed', 1], ['NEAR', 1], ['x:y OR claims', 1],
      ];
      const got: [string, number][] = [];
      for (const [q] of expected) got.push([q, (await store.search(q, {})).total]);
      assert.deepEqual(got, expected);
    }));

    test('stats: meetings per year by topic, statements when an act is involved; facets', withStore(async (store) => {
      assert.deepEqual(await store.stats('year', null, {}), [
        { period: '2017', key: '', count: 1 }, { period: '2018', key: '', count: 1 }, { period: '2019', key: '', count: 1 }]);
      const topics = (await store.stats('year', 'topic', {})).filter((r) => r.key === 'senkaku').map((r) => r.period);
      assert.deepEqual(topics, ['2017', '2018', '2019']);
      const who = await store.stats('year', 'participant', normalizeFilter({ topic: 'senkaku', act: 'affirm' }));
      assert.deepEqual(who, [
        { period: '2017', key: 'Taro Kono', count: 1 },
        { period: '2019', key: 'Kyung-wha Kang', count: 1 }, { period: '2019', key: 'Mike Pompeo', count: 1 },
        { period: '2019', key: 'Taro Kono', count: 1 },
      ]);
      const acts = await store.stats('month', 'act', normalizeFilter({ country: 'CN' }));
      assert.deepEqual(acts, [{ period: '2018-01', key: 'discuss', count: 1 }, { period: '2018-01', key: 'oppose', count: 1 }]);
      const facets = await store.facets({});
      assert.deepEqual(facets.country.find((c) => c.key === 'JP'), { key: 'JP', count: 3 });
      assert.deepEqual(facets.participant[0], { key: 'Taro Kono', count: 3 });
      assert.deepEqual(facets.year.map((y) => y.key), ['2019', '2018', '2017']);
      assert.deepEqual(facets.mode, [{ key: 'in-person', count: 2 }, { key: 'telephone', count: 1 }]);
    }));

    test('stats: every dimension and filter agrees with a brute-force count', withStore(async (store) => {
      const extra = [fixtureDoc(manyStatementsFixture(300)), nonReadoutDoc('Pancakes. Mix flour, eggs and milk.')];
      for (const d of extra) await store.put(d);
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
          const add = (keys: string[]) => {
            for (const k of new Set(keys)) counts.set(`${period}|${k}`, (counts.get(`${period}|${k}`) ?? 0) + 1);
          };
          if (unit === 'meetings') {
            if (filter.topic && !r.topics.includes(filter.topic)) continue;
            if (filter.act && !r.statements.some((s) => s.act === filter.act)) continue;
            add(dim === 'topic' ? r.topics : dim === 'country' ? r.meeting.countries
              : dim === 'participant' ? r.participants.map((p) => p.name)
                : dim === 'kind' ? [r.meeting.kind] : dim === 'mode' ? [r.meeting.mode] : ['']);
          } else {
            for (const s of r.statements) {
              if (filter.topic && !s.topics.includes(filter.topic)) continue;
              if (filter.act && s.act !== filter.act) continue;
              add(dim === 'act' ? [s.act] : dim === 'topic' ? s.topics : dim === 'country' ? s.speakerCountries
                : dim === 'participant' ? s.speakers : dim === 'kind' ? [r.meeting.kind]
                  : dim === 'mode' ? [r.meeting.mode] : ['']);
            }
          }
        }
        return [...counts].map(([k, n]) => `${k}|${n}`).sort();
      };
      const dims: (StatsDimension | null)[] = [null, 'act', 'topic', 'country', 'participant', 'kind', 'mode'];
      const filters: MeetingFilter[] = [{}, { act: 'affirm' }, { topic: 'senkaku' }, { act: 'oppose', topic: 'senkaku' },
        { country: 'US' }, { country: 'JP', act: 'affirm' }, { from: '2018', to: '2019-12' }, { from: '2018-01-28' },
        { mode: 'in-person', topic: 'economy' }, { kind: 'foreign-ministers' }, { includeNonReadouts: true },
        { mode: 'in-person', includeNonReadouts: true }, { act: 'agree', includeNonReadouts: true }];
      for (const by of ['year', 'month'] as const) {
        for (const dim of dims) {
          for (const filter of filters) {
            const got = (await store.stats(by, dim, filter)).map((r) => `${r.period}|${r.key}|${r.count}`).sort();
            assert.deepEqual(got, brute(by, dim, filter), `stats ${by} ${dim} ${JSON.stringify(filter)}`);
          }
        }
      }
    }));

    test('replaceRecord, staleIds, source, iterate and failures', withStore(async (store, ids) => {
      assert.deepEqual(await store.staleIds('test-1'), []);
      assert.deepEqual((await store.staleIds('test-2')).sort(), [...ids].sort());
      const doc = fixtureDoc(FIXTURES[1]!, 'doc1.txt');
      const changed = { ...doc.record, statements: doc.record.statements.slice(1), topics: ['economy'] };
      await store.replaceRecord(ids[1]!, changed, 'test-2');
      assert.deepEqual((await store.staleIds('test-2')).sort(), [ids[0], ids[2]].sort());
      assert.equal((await store.search('incursions', {})).total, 0);
      assert.equal((await store.meetings({ topic: 'senkaku' })).total, 2);
      assert.equal((await store.get(ids[1]!))!.record.statements.length, 1);
      assert.equal(Buffer.from((await store.source(ids[1]!))!).toString('utf8'), FIXTURES[1]!.text);
      assert.equal(await store.source('0000000000000000'), null);
      assert.deepEqual((await collect(store.iterate({}))).map((d) => d.id), ids);
      assert.deepEqual((await collect(store.iterate({ country: 'KR' }))).map((d) => d.id), [ids[2]]);
      await assert.rejects(store.replaceRecord('0000000000000000', changed, 'test-2'), /no meeting with id/);
      await store.recordFailure('bad.bin', 'binary file');
      await store.recordFailure('bad.bin', 'binary file again');
      await store.recordFailure('worse.bin', 'empty');
      assert.deepEqual((await store.failures()).map((f) => [f.path, f.reason]).sort(),
        [['bad.bin', 'binary file again'], ['worse.bin', 'empty']]);
      // a document stored from a path that failed before clears its failure
      await store.put(again(0, 1, 'worse.bin'));
      assert.deepEqual((await store.failures()).map((f) => f.path), ['bad.bin']);
    }));

    test('fetches: the validators of an address, replaced when fetched again', withStore(async (store) => {
      assert.equal(await store.fetchState('https://example.org/a'), null);
      await store.recordFetch('https://example.org/a', { etag: '"1"', lastModified: null, sha256: 'a'.repeat(64) });
      await store.recordFetch('https://example.org/a', { etag: '"2"', lastModified: 'Mon', sha256: 'b'.repeat(64) });
      assert.deepEqual(await store.fetchState('https://example.org/a'),
        { etag: '"2"', lastModified: 'Mon', sha256: 'b'.repeat(64) });
    }, true));

    test('raw bytes that differ from the text are kept for reindex', withStore(async (store) => {
      const doc = fixtureDoc(FIXTURES[0]!);
      const raw = Buffer.from(`<html><body><p>${FIXTURES[0]!.text}</p></body></html>`);
      const { id } = await store.put({ ...doc, raw });
      assert.deepEqual(Buffer.from((await store.source(id))!), raw);
    }, true));

    test('transactions: one that throws leaves nothing; a document it cannot store leaves the rest', withStore(async (store) => {
      await assert.rejects(store.transaction(async (tx) => {
        await tx.put(fixtureDoc(FIXTURES[0]!));
        assert.equal(await store.count(), 1, 'reads in a transaction see its writes');
        throw new Error('crash');
      }), /crash/);
      assert.equal(await store.count(), 0);
      assert.equal((await store.search('Senkaku', {})).total, 0);
      const bad = fixtureDoc({ ...FIXTURES[0]!, text: `${FIXTURES[0]!.text} (1)` }, 'unknown-act.txt');
      bad.record.statements[1]!.act = 'shout' as never;
      const failed: string[] = [];
      const added = await store.transaction(async (tx) => {
        let n = 0;
        for (const doc of [fixtureDoc(FIXTURES[0]!), bad, fixtureDoc(FIXTURES[1]!)]) {
          try {
            n += (await tx.put(doc)).added ? 1 : 0;
          } catch (err) {
            assert.ok(err instanceof DocumentError, String(err));
            assert.match(err.message, /unknown act "shout"/);
            failed.push(doc.path!);
            await tx.recordFailure(doc.path!, err.message);
          }
        }
        return n;
      });
      assert.equal(added, 2);
      assert.deepEqual(failed, ['unknown-act.txt']);
      assert.equal(await store.count(), 2);
      assert.ok(!await store.has(bad.sha256));
      assert.deepEqual((await store.failures()).map((f) => f.path), ['unknown-act.txt']);
      assert.equal((await store.search('incursions', {})).total, 1);
    }, true));

    test('putMany: as put one by one, in order: repeats, a refused document alone, a batch linked to itself',
      withStore(async (store) => {
      const bad = again(0, 9, 'bad.txt');
      bad.record.statements[1]!.act = 'shout' as never;
      const first = await store.transaction((tx) => tx.putMany([again(1, 1, 'a.txt'), bad, again(1, 2, 'b.txt'),
        again(0, 1, 'c.txt'), again(1, 1, 'a-again.txt'), again(1, 3, 'd.txt')]));
      assert.ok(first[1] instanceof DocumentError && /unknown act "shout"/.test(first[1].message), String(first[1]));
      const [a, , b, c, repeat, d] = first as { id: string; added: boolean }[];
      assert.deepEqual([a, b, c, d].map((x) => x!.added), [true, true, true, true]);
      assert.deepEqual(repeat, { id: a!.id, added: false });
      assert.deepEqual([await store.meetingOf(b!.id), await store.meetingOf(d!.id)], [a!.id, a!.id]);
      assert.equal(await store.meetingOf(c!.id), c!.id);
      assert.ok(!await store.has(bad.sha256));
      // a second batch: what is stored answers added: false, readouts join the meetings stored before
      const second = await store.transaction((tx) => tx.putMany([again(1, 2, 'b.txt'),
        fixtureDoc(FIXTURES[0]!, 'e.txt'), again(0, 2, 'f.txt'), nonReadoutDoc('Pancakes. Mix flour.', 'g.txt')]));
      const answers = second.map((x) => (x instanceof DocumentError ? x.message : x.added));
      assert.deepEqual(answers, [false, true, true, true]);
      const [, e, f] = second as { id: string }[];
      assert.deepEqual([await store.meetingOf(e!.id), await store.meetingOf(f!.id)], [c!.id, c!.id]);
      assert.equal(await store.count(), 7);
      assert.equal(await store.linkedCount(), 4);
      assert.deepEqual([(await store.meetings({})).total, (await store.meetings({ count: 'readouts' })).total], [2, 6]);
      const readouts = (await store.readouts(a!.id)).map((r) => r.path);
      assert.deepEqual([readouts[0], readouts.slice(1).sort()], ['a.txt', ['b.txt', 'd.txt']]);
      assert.equal((await store.search('incursions', {})).total, 3);
      assert.deepEqual(await store.putMany([]), []);
    }, true));

    test('texts that are not readouts are kept and found, and left out of everything unless asked', withStore(async (store, ids) => {
      const id = (await store.put(nonReadoutDoc('Pancakes. Mix flour, eggs and milk; fry in butter.', 'recipe.txt'))).id;
      const all = { includeNonReadouts: true };
      assert.equal(await store.count(), 4);
      assert.match((await store.get(id))!.record.warnings![0]!, /^not a readout/);
      assert.equal((await store.findByPathOrSha('recipe.txt'))!.id, id);
      const listed = async (f: MeetingFilter) => (await store.meetings(f)).items.map((m) => m.id).includes(id);
      assert.equal((await store.meetings({})).total, 3);
      assert.ok(!await listed({}) && !await listed({ mode: 'in-person' }) && !await listed({ text: 'flour' }));
      assert.equal((await store.meetings(all)).total, 4);
      assert.ok(await listed(all) && await listed({ mode: 'in-person', ...all }) && await listed({ text: 'flour', ...all }));
      assert.equal((await store.meetings({ text: 'flour', ...all })).total, 1);
      assert.ok(!(await store.stats('year', null, {})).some((r) => r.period === 'unknown'));
      assert.deepEqual((await store.stats('year', 'kind', all)).filter((r) => r.period === 'unknown'),
        [{ period: 'unknown', key: 'other', count: 1 }]);
      assert.ok(!(await store.facets({})).kind.some((k) => k.key === 'other'));
      assert.deepEqual((await store.facets(all)).kind.find((k) => k.key === 'other'), { key: 'other', count: 1 });
      assert.deepEqual((await store.facets(all)).year.map((y) => y.key), ['unknown', '2019', '2018', '2017']);
      assert.ok(!(await collect(store.iterate({}))).some((d) => d.id === id));
      assert.equal((await collect(store.iterate(all)))[0]!.id, id);
      // re-extracted as a readout, it reports FIXTURES[0]'s meeting (the same record): counted once
      await store.replaceRecord(id, fixtureDoc(FIXTURES[0]!).record, 'test-2');
      assert.ok(await listed({ count: 'readouts' }));
      assert.equal((await store.meetings({ count: 'readouts' })).total, 4);
      assert.equal((await store.meetings({})).total, 3);
      assert.deepEqual((await store.readouts(id)).map((r) => r.id), [ids[0], id]);
    }));

    test('a document with hundreds of statements of one act: stored whole, counted and searched', withStore(async (store) => {
      const big = fixtureDoc(manyStatementsFixture(300), 'big.txt');
      const id = (await store.put(big)).id;
      const next = (await store.put(again(1, 1, 'next.txt'))).id;
      assert.deepEqual((await store.get(id))!.record, big.record);
      assert.equal((await store.meetings({ count: 'readouts' })).total, 5);
      assert.equal((await store.meetings({})).total, 4);
      assert.notEqual(await store.meetingOf(next), next);
      assert.equal((await store.search('"point 257"', {})).items[0]!.meetingId, id);
      assert.equal((await store.search('"point 300"', { text: 'declaration' })).items[0]!.meetingId, id);
      assert.equal((await store.search('"economic relations"', { from: '2018-01-28', to: '2018-01-28' })).total, 2);
      const acts = async (f: MeetingFilter) => (await store.stats('year', 'act', f)).filter((r) => r.period === '2018')
        .map((r) => `${r.key} ${r.count}`);
      assert.deepEqual(await acts({ country: 'KR' }), ['agree 300', 'affirm 1', 'request 1']);
      const page = (await store.search('agreed', { country: 'KR' }, { limit: 200 })).items
        .filter((h) => h.meetingId === id).map((h) => h.statementIndex);
      assert.deepEqual(page, [...page].sort((a, b) => a - b));
      await store.replaceRecord(id, { ...big.record, statements: big.record.statements.slice(0, 200) }, 'test-2');
      assert.deepEqual(await acts({ country: 'KR' }), ['agree 200']);
      assert.equal((await store.search('"point 257"', {})).total, 0);
      assert.equal((await store.search('"point 150"', {})).total, 1);
      assert.equal((await store.get(next))!.path, 'next.txt');
    }));

    test('one meeting, many readouts: linked on put, counted once, link and unlink kept across replaceRecord', withStore(async (store, ids) => {
      const second = (await store.put(again(1, 1, 'second.txt'))).id;
      assert.equal(await store.meetingOf(second), ids[1]);
      assert.equal(await store.meetingOf(ids[1]!), ids[1]);
      assert.equal(await store.linkedCount(), 1);
      const link = (await store.linkOf(second))!;
      assert.deepEqual([link.id, link.meeting, link.manual], [second, ids[1], false]);
      assert.ok(link.confidence >= 0.6 && link.reasons.length > 0);
      assert.equal(await store.linkOf(ids[1]!), null);
      assert.equal((await store.meetings({})).total, 3);
      assert.equal((await store.meetings({ count: 'readouts' })).total, 4);
      assert.deepEqual((await store.readouts(second)).map((r) => r.id), [ids[1], second]);
      const listed = (await store.meetings({ country: 'CN' })).items;
      assert.deepEqual(listed.map((m) => [m.id, m.readouts.map((r) => r.path)]), [[ids[1], ['doc1.txt', 'second.txt']]]);
      assert.deepEqual(await store.stats('year', null, {}), [
        { period: '2017', key: '', count: 1 }, { period: '2018', key: '', count: 1 }, { period: '2019', key: '', count: 1 }]);
      assert.deepEqual(await store.stats('year', null, { count: 'readouts' }), [
        { period: '2017', key: '', count: 1 }, { period: '2018', key: '', count: 2 }, { period: '2019', key: '', count: 1 }]);
      // statements stay per readout
      assert.deepEqual(await store.stats('year', 'act', { country: 'CN' }),
        [{ period: '2018', key: 'discuss', count: 2 }, { period: '2018', key: 'oppose', count: 2 }]);
      assert.equal((await store.facets({})).country.find((c) => c.key === 'CN')!.count, 1);
      // a user's unlink holds when the record is replaced
      await store.unlink(second);
      assert.equal(await store.meetingOf(second), second);
      assert.equal((await store.meetings({})).total, 4);
      await store.replaceRecord(second, (await store.get(second))!.record, 'test-2');
      assert.equal(await store.meetingOf(second), second);
      assert.equal(await store.linkedCount(), 0);
      // linked by hand to another meeting
      assert.equal(await store.link(second, ids[0]!), ids[0]);
      assert.deepEqual(await store.readouts(ids[0]!).then((r) => r.map((x) => x.id)), [ids[0], second]);
      assert.equal((await store.linkOf(second))!.manual, true);
      await store.replaceRecord(second, (await store.get(second))!.record, 'test-3');
      assert.equal(await store.meetingOf(second), ids[0]);
      // the first readout leaving hands the meeting on
      const third = (await store.put(again(0, 2, 'third.txt'))).id;
      assert.equal(await store.meetingOf(third), ids[0]);
      await store.unlink(ids[0]!);
      assert.equal(await store.meetingOf(ids[0]!), ids[0]);
      const heir = [second, third].sort()[0]!;
      assert.deepEqual((await store.readouts(heir)).map((r) => r.id), [heir, [second, third].sort()[1]]);
      assert.equal((await store.meetings({})).total, 4);
      await assert.rejects(store.link('nope', ids[0]!), UsageError);
    }));

    /** FIXTURES[0]'s meeting (2017-08-16) reported without a date, its headline saying the day. */
    const undated = (n: number) => {
      const doc = fixtureDoc({ ...FIXTURES[0]!, text: `${FIXTURES[0]!.text} [${n}]`,
        title: `${FIXTURES[0]!.title}, 16 August` } as Fixture);
      doc.record.meeting.date = null;
      doc.record.source.publishedDate = null;
      return doc;
    };
    test('an undated readout whose headline says the day joins that day\'s meeting, one by one or in a batch',
      withStore(async (store, ids) => {
        assert.equal(await store.meetingOf((await store.put(undated(1))).id), ids[0]);
        const [batched] = await store.putMany([again(2, 5), undated(2)]).then((r) => r.slice(1));
        assert.equal(await store.meetingOf((batched as { id: string }).id), ids[0]);
      }));
    test('a dated readout joins the meeting of an undated one stored before it', withStore(async (store) => {
      const first = (await store.put(undated(3))).id;
      const [dated] = await store.putMany([fixtureDoc(FIXTURES[0]!)]);
      assert.equal(await store.meetingOf((dated as { id: string }).id), first);
    }, true));

    test('the change token moves with every write, this connection\'s or another\'s, and only then', withStore(
      async (store, ids, opened) => {
        const other = await opened.second();
        const first = await store.changeToken();
        assert.equal(await store.changeToken(), first, 'reads change nothing');
        await store.meetings({});
        assert.equal(await store.changeToken(), first);
        await other.put(again(0, 7, 'elsewhere.txt'));
        const second = await store.changeToken();
        assert.notEqual(second, first, 'another connection wrote');
        await store.unlink(ids[0]!);
        assert.notEqual(await store.changeToken(), second, 'this connection wrote');
      }));

    test('concurrent writers: two connections putting overlapping documents store each once', withStore(async (store, _ids, opened) => {
      const other = await opened.second();
      const docs = Array.from({ length: 24 }, (_, n) => again(n % 3, n, `w${n}.txt`));
      const writer = async (s: ArchiveStore, order: number[]) => {
        let added = 0;
        for (const n of order) added += (await s.put(docs[n]!)).added ? 1 : 0;
        return added;
      };
      const forward = docs.map((_, n) => n);
      const [a, b] = await Promise.all([writer(store, forward), writer(other, [...forward].reverse())]);
      assert.equal(a + b, docs.length);
      assert.equal(await store.count(), docs.length);
      assert.equal(await other.count(), docs.length);
      assert.equal((await store.meetings({ count: 'readouts' })).total, docs.length);
      assert.equal((await store.meetings({})).total, 3, 'each a readout of one of three meetings');
      for (const d of docs) assert.ok(await other.has(d.sha256));
    }, true));
  });
}

contract(sqlite);
contract(postgres);

describe('PostgreSQL: transactions at once, and faults in one clear line', { skip: pgSkip }, () => {
  before(() => postgres.setUp());
  after(() => postgres.tearDown());

  test('two writers in transactions at once, overlapping: each document once, no deadlock', async () => {
    const url = await cluster!.database();
    const [a, b] = [await openPostgresStore(url), await openPostgresStore(url)];
    try {
      const docs = Array.from({ length: 30 }, (_, n) => again(n % 3, n));
      const batch = (s: ArchiveStore, order: number[]) => s.transaction(async (tx) => {
        for (const n of order) await tx.put(docs[n]!);
      });
      const forward = docs.map((_, n) => n);
      await Promise.all([batch(a, forward.slice(0, 20)), batch(b, forward.slice(10).reverse()),
        batch(a, forward.filter((n) => n % 2)), batch(b, forward.filter((n) => n % 2 === 0))]);
      assert.equal(await a.count(), docs.length);
      assert.equal((await b.meetings({})).total, 3);
      assert.equal(await b.linkedCount(), docs.length - 3);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a database of a newer schema version is refused', async () => {
    const url = await cluster!.database();
    await (await openPostgresStore(url)).close();
    const client = new pg.Client(url);
    await client.connect();
    await client.query(`UPDATE readout_meta SET value = '99' WHERE key = 'schema_version'`);
    await client.end();
    await assert.rejects(openPostgresStore(url), (err: Error) =>
      /^archive schema version 99 is newer than this readout reads \(\d+\)/.test(err.message) && !err.message.includes('\n'));
  });

  test('an archive of version 1 is brought to version 2: its vectors made anew, its month counts made', async () => {
    const url = await cluster!.database();
    const store = await openPostgresStore(url);
    for (const n of [0, 1, 2]) await store.put(again(n, n));
    const before = await store.search('"North Korea" OR cooperation', {});
    assert.ok(before.total > 0);
    const counts = async (s: ArchiveStore) =>
      [await s.stats('year', 'topic', {}), await s.meetings({ topic: 'senkaku' })];
    const counted = await counts(store);
    await store.close();
    // version 1 as it was: its configuration, vectors the server made with it (they stem otherwise)
    const client = new pg.Client(url);
    await client.connect();
    await client.query(`CREATE TEXT SEARCH DICTIONARY readout_stem (TEMPLATE = snowball, language = english);
      CREATE TEXT SEARCH CONFIGURATION readout_text (COPY = simple);
      ALTER TEXT SEARCH CONFIGURATION readout_text ALTER MAPPING FOR asciiword, word WITH readout_stem;
      UPDATE documents SET search = to_tsvector('readout_text', text);
      UPDATE statements SET search = to_tsvector('readout_text', text);
      DROP TABLE rollup;
      UPDATE readout_meta SET value = '1' WHERE key = 'schema_version'`);
    await client.end();
    const reopened = await openPostgresStore(url);
    try {
      assert.deepEqual(await reopened.search('"North Korea" OR cooperation', {}), before);
      assert.deepEqual(await counts(reopened), counted, 'the month counts made anew');
    } finally {
      await reopened.close();
    }
    const check = new pg.Client(url);
    await check.connect();
    try {
      for (const table of ['documents', 'statements']) {
        const { rows } = await check.query<{ text: string; search: string }>(`SELECT text, search::text FROM ${table}`);
        assert.ok(rows.length >= 3);
        for (const r of rows) {
          const made = await check.query<{ v: string }>('SELECT $1::tsvector::text AS v', [tsvectorOf(r.text)]);
          assert.equal(r.search, made.rows[0]!.v, `${table}: ${r.text.slice(0, 40)}`);
        }
      }
      assert.equal((await check.query(`SELECT 1 FROM pg_ts_config WHERE cfgname = 'readout_text'`)).rowCount, 0);
    } finally {
      await check.end();
    }
  });

  test('a database with other tables of the same name is refused', async () => {
    const url = await cluster!.database();
    const client = new pg.Client(url);
    await client.connect();
    await client.query('CREATE TABLE documents (x int)');
    await client.end();
    await assert.rejects(openPostgresStore(url), /not a readout archive/);
  });

  test('an unreachable server, a wrong password, a missing database or archive: one line naming the problem', async () => {
    const url = await cluster!.database();
    const name = new URL(url).pathname.slice(1);
    const port = new URL(url).port;
    const oneLine = (re: RegExp) => (err: Error) => re.test(err.message) && !err.message.includes('\n');
    await assert.rejects(openPostgresStore(cluster!.url(name, 'wrong-password')),
      oneLine(new RegExp(`^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/${name}: the server refused the `
        + 'password for user "postgres"$')));
    await assert.rejects(openPostgresStore(cluster!.url(name, 'wrong-password')), (err: Error) =>
      !err.message.includes('wrong-password'));
    await assert.rejects(openPostgresStore(cluster!.url('no_such_db')), oneLine(/there is no database "no_such_db"/));
    await assert.rejects(openPostgresStore(await cluster!.database(), { create: false }),
      oneLine(/^no archive at 127\.0\.0\.1:\d+\/readout_test_\d+_\d+ \(run `readout ingest` first/));
    await assert.rejects(openPostgresStore('postgres://postgres:x@127.0.0.1:1/db'),
      oneLine(/^cannot connect to PostgreSQL at 127\.0\.0\.1:1\/db: connection refused/));
  });

  test('two processes opening a new database at once create its tables once', async () => {
    const url = await cluster!.database();
    const stores = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    for (const s of stores) await s.close();
  });
});
