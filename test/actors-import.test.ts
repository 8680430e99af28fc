// `readout actors import`: office holders from a Wikidata query-service result (test/fixtures/wikidata, the service's
// SPARQL JSON and CSV formats) into a user dictionary that `--actors` reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { holdersOf, readQueryResult } from '../src/cli/commands/actors.js';
import { actorDictionary, type Actor } from '../src/data/actors.js';
import { parseActorsFile } from '../src/data/user-files.js';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'wikidata');
const JSON_RESULT = join(FIXTURES, 'holders.json');
const CSV_RESULT = join(FIXTURES, 'holders.csv');

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'readout-actors-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

function readout(args: string[]): { code: number; stdout: string; stderr: string } {
  const child = `import { main } from ${JSON.stringify(join(ROOT, 'src/cli/main.ts'))};
    process.exitCode = await main(['node', 'readout', ...${JSON.stringify(args)}]);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child],
    { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const read = (file: string): Actor[] => parseActorsFile(file, readFileSync(file, 'utf8')).actors;
const byWikidata = (actors: Actor[], q: string) => actors.find((a) => a.wikidata === q)!;

test('the JSON and CSV results read as the same rows, one holder per person', () => {
  const rows = readQueryResult(readFileSync(JSON_RESULT, 'utf8'));
  assert.deepEqual(readQueryResult(readFileSync(CSV_RESULT, 'utf8')), rows);
  assert.equal(rows.length, 7);
  assert.deepEqual(rows[6], { person: 'http://www.wikidata.org/entity/Q22686', personLabel: 'Donald Trump',
    position: 'http://www.wikidata.org/entity/Q11696', positionLabel: 'President of the United States',
    start: '2025-01-20T00:00:00Z', countryCode: 'US' });
  const report = { skipped: [], coarse: 0 };
  const holders = holdersOf(rows, null, report);
  assert.deepEqual(holders.map((h) => [h.wikidata, h.name, h.offices.length]), [
    ['Q9960', 'Ronald Reagan', 1], ['Q23505', 'George H. W. Bush', 1], ['Q132345', 'Shinzo Abe', 2],
    ['Q76', 'Barack Obama', 1], ['Q22686', 'Donald Trump', 2],
  ]);
  assert.deepEqual(holders[4]!.offices[1], { role: 'leader', title: 'President of the United States',
    from: '2025-01-20', to: null, at: 'US' });
});

test('import adds new office holders and refreshes known ones; a second import changes nothing', () => {
  const out = join(dir, 'holders-user.json');
  const first = readout(['actors', 'import', JSON_RESULT, '--out', out]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /imported 5 people \(7 offices\) from .*holders\.json: 2 added, 3 refreshed in /);
  const actors = read(out);
  // new: ids in the dictionary's style; George H. W. Bush is not George W. Bush
  const reagan = byWikidata(actors, 'Q9960');
  assert.deepEqual([reagan.id, reagan.surname, reagan.country, reagan.offices], ['us-ronald-reagan', 'Reagan', 'US',
    [{ role: 'leader', title: 'President of the United States', from: '1981-01-20', to: '1989-01-20' }]]);
  assert.equal(byWikidata(actors, 'Q23505').id, 'us-george-h-w-bush');
  // known: the bundled entry copied under its id, with the Wikidata id and the refreshed terms
  const abe = byWikidata(actors, 'Q132345');
  assert.equal(abe.id, 'jp-shinzo-abe');
  assert.deepEqual(abe.offices.map((o) => [o.title, o.from, o.to]), [
    ['Chief Cabinet Secretary', '2005-10-31', '2006-09-26'],
    ['Prime Minister of Japan', '2006-09-26', '2007-09-26'],
    ['Prime Minister of Japan', '2012-12-26', '2020-09-16'],
  ]);
  assert.ok(abe.aliases.includes('Abe Shinzo'), 'the bundled aliases are kept');
  const text = readFileSync(out, 'utf8');
  const again = readout(['actors', 'import', CSV_RESULT, '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /0 added, 5 refreshed/);
  assert.equal(readFileSync(out, 'utf8'), text);

  // what `--actors` reads: the user's entry replaces the bundled one; the new holders are found by date
  const dict = actorDictionary([out]);
  assert.equal(dict.byId.get('jp-shinzo-abe')!.wikidata, 'Q132345');
  assert.equal(dict.actors.filter((a) => a.id === 'jp-shinzo-abe').length, 1);
  assert.deepEqual(dict.holders('US', 'leader', '1990-06-01').map((a) => a.name), ['George H. W. Bush']);
});

test('a user entry is refreshed in place: matched by its Wikidata id, its own id kept, an ended term closed', () => {
  const out = join(dir, 'mine.json');
  writeFileSync(out, JSON.stringify({ actors: [{ id: 'us-trump', name: 'Donald Trump', surname: 'Trump', country: 'US',
    aliases: ['The Donald'], wikidata: 'Q22686',
    offices: [{ role: 'leader', title: 'President of the United States', from: '2017-01-20', to: null }] }] }));
  const r = readout(['actors', 'import', CSV_RESULT, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const actors = read(out);
  assert.equal(actors[0]!.id, 'us-trump');
  assert.deepEqual(actors[0]!.offices.map((o) => [o.from, o.to]), [['2017-01-20', '2021-01-20'], ['2025-01-20', null]]);
  assert.deepEqual(actors[0]!.aliases, ['The Donald']);
  assert.equal(actors.length, 5);
});

test('rows without a country are reported, not guessed; --country fills them; a non-result is refused', () => {
  const csv = join(dir, 'no-country.csv');
  writeFileSync(csv, 'person,personLabel,positionLabel,start,end\r\n'
    + 'http://www.wikidata.org/entity/Q23505,George H. W. Bush,President of the United States,1989-01-20T00:00:00Z,'
    + '1993-01-20T00:00:00Z\r\nhttp://www.wikidata.org/entity/Q76,Q76,President of the United States,,\r\n');
  const skipped = readout(['actors', 'import', csv]);
  assert.equal(skipped.code, 1);
  assert.match(skipped.stderr, /row 1: George H\. W\. Bush: no country/);
  assert.match(skipped.stderr, /row 2: Q76 has no name/);
  const filled = readout(['actors', 'import', csv, '--country', 'us']);
  assert.equal(filled.code, 0, filled.stderr);
  assert.equal((JSON.parse(filled.stdout) as { actors: Actor[] }).actors[0]!.id, 'us-george-h-w-bush');
  const notResult = join(dir, 'readout.txt');
  copyFileSync(join(ROOT, 'package.json'), notResult);
  const refused = readout(['actors', 'import', notResult]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /readout: .*readout\.txt: not a SPARQL JSON result/);
  assert.equal(readout(['actors', 'import', csv, '--country', 'XX']).code, 2);
});
