// Statement alignment (src/compare/align.ts): what two reports of one exchange share (substance, not the countries,
// the speakers' names or the reporting verb), a third-country remark of the same side, each speaker's remarks in
// their order; and the figure on the hand-aligned pairs of test/fixtures/pairs, with the time a comparison takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alignStatements, evidence } from '../src/compare/align.js';
import { compareReadouts } from '../src/compare/compare.js';
import { loadPairs, resolvePairPath, scorePairs, type GoldSide } from '../src/eval/pairs.js';
import { extractFile } from '../src/index.js';
import type { Act, ReadoutRecord, Statement } from '../src/record/schema.js';

/** A statement as the extractor gives it; `by` is [name, country] of each speaker. */
function st(text: string, by: [string, string][], act: Act,
  more: { topics?: string[]; targets?: string[] } = {}): Statement {
  return { text, span: [0, text.length], item: null, speakers: by.map(([n]) => n),
    speakerCountries: [...new Set(by.map(([, c]) => c))], act, topics: more.topics ?? [], targets: more.targets ?? [] };
}
const WANG: [string, string] = ['Wang Yi', 'CN'];
const CHO: [string, string] = ['Tae-yul Cho', 'KR'];
const KISHIDA: [string, string] = ['Fumio Kishida', 'JP'];
const XI: [string, string] = ['Jinping Xi', 'CN'];

test('the countries, the speakers\' names and the reporting verb are not what two statements share', () => {
  const a = [st('Minister Wang Yi stressed the importance of China and the ROK.', [WANG], 'state')];
  const b = [st('Wang Yi underscored the importance of China and the Republic of Korea.', [WANG], 'state')];
  assert.equal(evidence(a, b)[0]![0]!.words, 0);
  assert.deepEqual(alignStatements(a, b).aligned, [], 'one speaker, one act, the sides named: not one exchange');
  // what they say is what pairs them
  const a2 = [st('Minister Wang Yi stressed the importance of stable supply chains between China and the ROK.',
    [WANG], 'state')];
  assert.ok(evidence(a2, b)[0]![0]!.words === 0);
  const b2 = [st('Wang Yi underscored the importance of stable supply chains.', [WANG], 'state')];
  assert.ok(evidence(a2, b2)[0]![0]!.words > 0.5);
  assert.equal(alignStatements(a2, b2).aligned.length, 1);
});

test('each account\'s words for one remark pair it with that remark, not with another in the same frame', () => {
  const a = [
    st('Minister Cho underscored the importance of stable supply chains.', [CHO], 'state'),
    st('Minister Cho underscored the importance of people-to-people exchanges among young people.', [CHO], 'state'),
  ];
  const b = [
    st('The two sides should also strengthen people-to-people exchanges.', [WANG], 'state'),
    st('The two sides should keep industrial and supply chains stable.', [WANG], 'state'),
  ];
  assert.deepEqual(alignStatements(a, b).aligned.map((p) => [p.a, p.b]), [[0, 1], [1, 0]]);
});

test('a remark about a third country pairs with the same side\'s remark about it, not with another side\'s', () => {
  const a = [st('He also stated that peace and stability across the Taiwan Strait is extremely important.', [KISHIDA],
    'state', { topics: ['taiwan'], targets: ['TW'] })];
  const mine = [st('Japan\'s position on the Taiwan question remains unchanged.', [KISHIDA], 'state',
    { topics: ['taiwan'], targets: ['TW'] })];
  const theirs = [st('Xi Jinping stressed that the Taiwan question bears on the political foundation.', [XI], 'state',
    { topics: ['taiwan'], targets: ['TW'] })];
  assert.equal(evidence(a, mine)[0]![0]!.words, 0, 'no word in common but Taiwan');
  assert.equal(alignStatements(a, mine).aligned.length, 1);
  assert.equal(alignStatements(a, theirs).aligned.length, 0, 'the topic alone, said by the other side');
});

test('statements an extractor before 0.2.0 stored (no targets) are compared all the same', () => {
  const old = (x: Statement) => { const { targets: _, ...rest } = x; return rest as Statement; };
  const a = [old(st('The two ministers agreed to strengthen cooperation on semiconductors.', [WANG, CHO], 'agree'))];
  const b = [old(st('Both sides agreed to strengthen semiconductor cooperation.', [WANG, CHO], 'agree'))];
  assert.equal(alignStatements(a, b).aligned.length, 1);
});

test('a speaker\'s remarks are placed among that speaker\'s remarks, whichever side each readout tells first', () => {
  // the Japanese readout tells Kishida first, the Chinese one Xi first
  const a = [st('Kishida remark one.', [KISHIDA], 'state'), st('Kishida remark two.', [KISHIDA], 'state'),
    st('Xi remark one.', [XI], 'state')];
  const b = [st('Xi remark one.', [XI], 'state'), st('Xi remark two.', [XI], 'state'),
    st('Kishida remark one.', [KISHIDA], 'state'), st('Kishida remark two.', [KISHIDA], 'state')];
  const e = evidence(a, b);
  assert.equal(e[0]![2]!.position, 1, 'Kishida\'s first remark in both');
  assert.equal(e[1]![3]!.position, 1, 'Kishida\'s last remark in both');
  assert.equal(e[2]![0]!.position, 1, 'Xi\'s first remark in both');
  assert.equal(e[0]![3]!.position, 0, 'Kishida\'s first and last');
  assert.ok(Math.abs(e[0]![1]!.position - 2 / 3) < 1e-9, 'another speaker: the place in the whole readout');
});

const ROOT = resolve(import.meta.dirname, '..');
const PAIRS = join(ROOT, 'test', 'fixtures', 'pairs', 'pairs.json');
const SHARED = join(ROOT, '..', 'shared');

test('the hand-aligned pairs: F1 >= 85, one pair a statement, and a comparison well under 5 ms', async () => {
  const file = loadPairs(PAIRS);
  const refs = [...new Set(file.pairs.flatMap((p) => [p.a, p.b]))];
  const records = new Map<string, ReadoutRecord>();
  for (const ref of refs) records.set(ref, await extractFile(resolvePairPath(ref, PAIRS, SHARED).text));
  const gold = (ref: string) => JSON.parse(readFileSync(resolvePairPath(ref, PAIRS, SHARED).gold, 'utf8')) as GoldSide;
  const figures = scorePairs({ pairs: file.pairs, nearMisses: [] }, (ref) => records.get(ref)!, gold);
  // measured P 90.9, R 85.1, F1 87.9
  assert.ok(figures.alignment.f1 >= 0.85, `alignment F1 ${figures.alignment.f1}\n${figures.notes.join('\n')}`);
  assert.ok(figures.alignment.precision >= 0.85, `alignment precision ${figures.alignment.precision}`);

  const side = (r: ReadoutRecord) => ({ id: null, path: r.source.path, url: null, publisher: r.source.publisher,
    record: r, length: 1000 });
  const times: number[] = [];
  for (const p of file.pairs) {
    const [a, b] = [side(records.get(p.a)!), side(records.get(p.b)!)];
    const c = compareReadouts(a, b);
    for (const k of ['a', 'b'] as const) {
      const used = c.statements.aligned.map((x) => x[k]);
      assert.equal(new Set(used).size, used.length, 'a statement in one pair at most');
    }
    const t = performance.now();
    for (let k = 0; k < 20; k++) compareReadouts(a, b);
    times.push((performance.now() - t) / 20);
  }
  times.sort((x, y) => x - y);
  assert.ok(times[Math.floor(times.length / 2)]! < 5, `compare takes ${times.join(', ')} ms`);
});
