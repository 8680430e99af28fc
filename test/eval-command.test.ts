// `readout eval` and `readout gold` on the built CLI: the figures must be exactly the shared scorer's (score.mjs),
// on the dev set, on held-out 4 and on deliberately damaged records; a gold skeleton must score 100 against the
// extraction it came from; usage problems are exit 2, an unreadable input exit 1 with the rest still scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { score, type ScoredRecord } from '../src/eval/score.ts';
import { readGoldDir, type GoldRecord } from '../src/eval/gold.ts';
import { makePdf } from '../scripts/pdf-copy.ts';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(process.env.READOUT_SHARED ?? join(root, '..', 'shared'));
const scorer = join(shared, 'eval', 'score.mjs');
const noShared = existsSync(scorer) ? false : `no shared scorer at ${scorer} (set READOUT_SHARED)`;
const heldout4 = join(root, 'test', 'fixtures', 'heldout4');
const devCorpus = join(shared, 'corpus', 'dev'), devGold = join(shared, 'gold', 'dev');
const noDev = existsSync(devCorpus) ? noShared : `no dev corpus at ${devCorpus} (set READOUT_SHARED)`;
const reversed = (name: string) => name.split(' ').reverse().join(' ');
const tmp = () => mkdtempSync(join(tmpdir(), 'readout-eval-test-'));

const run = (cmd: string, args: string[]) => spawnSync(process.execPath, [cmd, ...args], { encoding: 'utf8' });
const readout = (...args: string[]) => run(join(root, 'bin', 'readout.js'), args);
const texts = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));

/** The records `readout extract` gives for the files, as a JSONL file score.mjs reads. */
function predictions(files: string[]): { path: string; records: ScoredRecord[] } {
  const r = readout('extract', '--format', 'jsonl', '--no-warnings', ...files);
  assert.equal(r.status, 0, r.stderr);
  const path = join(tmp(), 'pred.jsonl');
  writeFileSync(path, r.stdout);
  return { path, records: r.stdout.trim().split('\n').map((l) => JSON.parse(l) as ScoredRecord) };
}

const scoreMjs = (gold: string, pred: string, flag: '--json' | '--verbose') => {
  const r = run(scorer, ['--gold', gold, '--pred', pred, flag]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
// score.mjs --verbose: the notes are the lines it indents, before its summary
const notesOf = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.slice(2));

/** `readout eval` over a corpus against score.mjs over `readout extract`'s records: the same JSON, byte for byte,
 *  and the same misses. */
function sameAsScorer(corpus: string, gold: string): Record<string, unknown> {
  const files = texts(corpus);
  const pred = predictions(files);
  const ours = readout('eval', '--json', '--gold', gold, ...files);
  assert.equal(ours.status, 0, ours.stderr);
  const theirs = scoreMjs(gold, pred.path, '--json');
  assert.deepEqual(JSON.parse(ours.stdout), JSON.parse(theirs));
  assert.equal(ours.stdout, theirs);
  const verbose = readout('eval', '--verbose', '--gold', gold, ...files);
  assert.deepEqual(notesOf(verbose.stdout), notesOf(scoreMjs(gold, pred.path, '--verbose')));
  return JSON.parse(ours.stdout) as Record<string, unknown>;
}

test('eval on the dev set: exactly the figures of score.mjs', { skip: noDev }, () => {
  const figures = sameAsScorer(devCorpus, devGold);
  assert.equal((figures.documents as { gold: number }).gold, texts(devCorpus).length);
});

test('eval on held-out 4: exactly the figures and misses of score.mjs', { skip: noShared }, () => {
  const figures = sameAsScorer(heldout4, heldout4);
  assert.ok((figures.score as number) < 1, 'held-out 4 has misses, so the comparison covers more than perfect scores');
});

// every kind of miss the scorer counts, and near misses it forgives, made on purpose so that each branch of
// score.ts is compared with score.mjs
function damage(records: ScoredRecord[], gold: GoldRecord[]): ScoredRecord[] {
  const copy = structuredClone(records).slice(1);
  copy.forEach((r, k) => {
    const m = r.meeting!, want = gold.find((g) => g.doc === basename(r.source?.path ?? ''))?.meeting ?? {};
    const city = typeof want.city === 'string' ? want.city : 'Washington', title = String(want.title ?? 'Readout');
    const kind = k % 7;
    if (kind === 0) { m.title = 'Something else'; m.start = null; r.topics = [...(r.topics ?? []), 'invented']; }
    if (kind === 1) {
      m.location = { country: 'zz', city: `${city} City`, venue: null };
      r.participants = r.participants?.slice(1);
    }
    if (kind === 2) {
      for (const p of r.participants ?? []) { p.role = 'official'; p.name = `Xavier ${reversed(p.name)} Jr.`; }
      m.countries = ['jp']; m.title = `${title} (Summary)`;
    }
    if (kind === 3) {
      r.statements?.forEach((s, i) => { if (i % 2) s.act = 'state'; else s.speakerCountries = []; });
      m.durationMinutes = 1;
    }
    if (kind === 4) {
      r.statements = r.statements?.slice(2);
      r.mentions = { countries: ['xx', ...(r.mentions?.countries ?? []).slice(1)] };
      m.location = { ...m.location, city: `${city}, D.C.` }; m.title = title.slice(0, title.length >> 1);
    }
    if (kind === 5) { r.participants?.push({ name: 'Nobody Atall', country: null, role: null }); m.date = null; }
    // each statement twice, right act and wrong speakers first: which one the scorer picks shows
    if (kind === 6) r.statements = r.statements?.flatMap(
      (s) => [{ ...s, speakerCountries: ['ZZ'] }, { ...s, act: 'oppose' }]);
  });
  return copy;
}

test('score.ts on damaged records: the figures and the misses of score.mjs', { skip: noShared }, () => {
  for (const [corpus, goldDir] of [[heldout4, heldout4], [devCorpus, devGold]]) {
    if (!existsSync(corpus)) continue;
    const { gold, problems } = readGoldDir(goldDir);
    assert.deepEqual(problems, []);
    const damaged = damage(predictions(texts(corpus)).records, gold);
    const pred = join(tmp(), 'damaged.jsonl');
    writeFileSync(pred, damaged.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const ours = score(gold, damaged);
    assert.equal(JSON.stringify(ours.figures, null, 2) + '\n', scoreMjs(goldDir, pred, '--json'));
    assert.deepEqual(ours.notes, notesOf(scoreMjs(goldDir, pred, '--verbose')));
    assert.equal(ours.figures.documents.missing.length, 1);
    const f = ours.figures, P = f.participants;
    // every kind of damage shows, so every branch was compared
    const S = f.statements, shown = [f.meetingAccuracy, P.p, P.r, P.roleAccuracy, P.fullNameAccuracy, f.topics.p,
      f.countries.p, S.recall, S.speakerAccuracy, S.actAccuracy];
    assert.ok(shown.every((x) => x < 1), JSON.stringify(f));
  }
});

test('gold writes skeletons that eval scores at 100, and keeps them unless --force', async () => {
  const dir = tmp(), examples = join(root, 'examples', 'readouts');
  const call = 'mofa-jp-2021-10-05-japan-us-summit-telephone-talk';
  const inputs = ['no10-uk-2023-01-11-sunak-kishida.txt', `${call}.txt`, 'mofa-jp-2023-11-16-japan-china-summit.html']
    .map((f) => { copyFileSync(join(examples, f), join(dir, f)); return join(dir, f); });
  const pdf = join(dir, 'kishida-sunak.pdf');
  writeFileSync(pdf, await makePdf(readFileSync(inputs[0], 'utf8')));
  inputs.push(pdf);
  const goldDir = join(dir, 'gold');
  const made = readout('gold', '--out', goldDir, ...inputs);
  assert.equal(made.status, 0, made.stderr);
  assert.deepEqual(readdirSync(goldDir).sort(), ['kishida-sunak.gold.json', `${call}.gold.json`,
    'mofa-jp-2023-11-16-japan-china-summit.gold.json', 'no10-uk-2023-01-11-sunak-kishida.gold.json']);
  const skeleton = JSON.parse(readFileSync(join(goldDir, `${call}.gold.json`), 'utf8'));
  assert.equal(skeleton.doc, `${call}.txt`);
  assert.ok(skeleton.statements.length > 0 && skeleton.participants.length === 2, 'filled from the extraction');
  assert.ok(!('city' in skeleton.meeting), 'a telephone talk has no city key (GUIDE.md)');
  const scored = readout('eval', '--json', '--gold', goldDir, ...inputs);
  assert.equal(scored.status, 0, scored.stderr);
  const f = JSON.parse(scored.stdout);
  const P = f.participants;
  assert.deepEqual([f.score, f.meetingAccuracy, P.f1, P.roleAccuracy, P.fullNameAccuracy, f.topics.f1, f.countries.f1,
    f.statements.f1], [1, 1, 1, 1, 1, 1, 1, 1]);

  const edited = join(goldDir, 'no10-uk-2023-01-11-sunak-kishida.gold.json');
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('"topics": [', '"topics": ["abductions", '));
  const again = readout('gold', '--out', goldDir, inputs[0]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /^readout: .*kishida\.txt: .*kishida\.gold\.json exists \(--force to overwrite\)\n$/);
  assert.match(readFileSync(edited, 'utf8'), /"abductions"/, 'the hand correction is kept');
  const lower = JSON.parse(readout('eval', '--json', '--gold', goldDir, ...inputs).stdout);
  assert.ok(lower.topics.f1 < 1, 'a corrected gold file changes the figures');
  const forced = readout('gold', '--force', '--out', goldDir, inputs[0]);
  assert.equal(forced.status, 0, forced.stderr);
  assert.doesNotMatch(readFileSync(edited, 'utf8'), /"abductions"/);
});

test('eval: usage errors are exit 2 and one line each; an unreadable input is exit 1 and the rest is scored', () => {
  const files = texts(heldout4).slice(0, 2);
  const noGold = readout('eval', ...files);
  assert.equal(noGold.status, 2);
  assert.match(noGold.stderr, /required option '--gold <dir>'/);
  const noDir = readout('eval', '--gold', join(tmp(), 'absent'), ...files);
  assert.equal(noDir.status, 2);
  assert.match(noDir.stderr, /^readout: .*absent: no such gold folder\n$/);
  const stray = join(root, 'examples', 'readouts', 'mea-in-2023-03-20-modi-kishida.txt');
  const unmatched = readout('eval', '--gold', heldout4, files[0], stray, files[1]);
  assert.equal(unmatched.status, 2);
  assert.equal(unmatched.stdout, '', 'nothing is scored');
  assert.equal(unmatched.stderr,
    `readout: ${stray}: no gold in ${heldout4} (no *.gold.json with "doc": "mea-in-2023-03-20-modi-kishida.txt")\n`);

  const bad = tmp();
  writeFileSync(join(bad, 'x.gold.json'), '{"doc": "x.txt", "participants": [{"name": "Kono Taro", "contry": "JP"}]}');
  const invalid = readout('eval', '--gold', bad, files[0]);
  assert.equal(invalid.status, 2);
  assert.match(invalid.stderr, /^readout: .*x\.gold\.json: participants\.0\.country: [^\n]+\n$/);

  const dir = tmp();
  const goldOf = (f: string) => f.replace(/\.txt$/, '.gold.json');
  for (const f of files) copyFileSync(goldOf(f), join(dir, basename(goldOf(f))));
  // a gold record whose input is binary, so cannot be read
  const gone = join(dir, 'gone.txt');
  writeFileSync(goldOf(gone), readFileSync(goldOf(files[0]), 'utf8').replace(/"doc": *"[^"]*"/, '"doc": "gone.txt"'));
  writeFileSync(gone, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]));
  const partial = readout('eval', '--json', '--gold', dir, files[0], gone, files[1]);
  assert.equal(partial.status, 1);
  assert.match(partial.stderr, /^readout: .*gone\.txt: [^\n]+\n$/);
  const f = JSON.parse(partial.stdout);
  assert.deepEqual(f.documents, { gold: 3, missing: ['gone.txt'] });
});

test('web addresses are scored like files, matched to their gold by the last part of their path', async () => {
  const files = texts(heldout4).slice(0, 3);
  const server = createServer((req, res) => {
    const file = files.find((f) => `/readouts/${basename(f)}` === req.url);
    if (!file) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readouts/`;
    const args = [join(root, 'bin', 'readout.js'), 'eval', '--json', '--gold', heldout4];
    const fromUrls = await new Promise<string>((done, fail) => execFile(process.execPath,
      [...args, ...files.map((f) => base + basename(f))], (err, stdout, stderr) => (err ? fail(new Error(stderr)) : done(stdout))));
    const fromFiles = readout('eval', '--json', '--gold', heldout4, ...files);
    assert.equal(fromFiles.status, 0, fromFiles.stderr);
    assert.equal(fromUrls, fromFiles.stdout);
  } finally {
    server.close();
  }
});
