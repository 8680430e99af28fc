// `readout extract` end to end: formats, stdin, batches with bad files, user dictionaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { execFile, spawnSync } from 'node:child_process';
import { makePdf } from '../scripts/pdf-copy.ts';

const bin = resolve(import.meta.dirname, '..', 'bin', 'readout.js');
const dir = mkdtempSync(join(tmpdir(), 'readout-cli-'));
const readout = (args: string[], input?: string | Buffer) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input });
const GOOD = `Japan-Australia Relations\n\nDecember 11, 2021\n\nOn December 11, commencing at 6:10 p.m. local time (On December 12, at 3:10 a.m. JST) for approximately 20 minutes, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, who was visiting the United Kingdom, held a meeting with Senator the Hon. Marise Payne, Minister for Foreign Affairs of the Commonwealth of Australia. The overview of the meeting is as follows.\n\n1. The two Ministers concurred that they would further strengthen security cooperation.\n`;

test('jsonl: one record per file, in argument order; bad files reported, the rest processed, exit 1', () => {
  const good = join(dir, 'good.txt'), empty = join(dir, 'empty.txt'), binary = join(dir, 'photo.bin');
  writeFileSync(good, GOOD);
  writeFileSync(empty, '');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0]));
  const r = readout(['extract', '--format', 'jsonl', empty, good, binary, join(dir, 'missing.txt'), good]);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].meeting.start.utc, '2021-12-11T18:10:00Z');
  assert.equal(lines[0].meeting.start.localOffsetMinutes, 0);
  const errs = r.stderr.trim().split('\n');
  assert.equal(errs.length, 3);
  assert.match(errs[0], /empty\.txt: empty file/);
  assert.match(errs[1], /photo\.bin: .*(binary|PNG)/i);
  assert.match(errs[2], /missing\.txt: no such file/);
});

test('json: a pretty record for one file, stdin with -, and the same bytes give the same sha256', () => {
  const file = join(dir, 'one.txt');
  writeFileSync(file, GOOD);
  const a = readout(['extract', file]);
  const b = readout(['extract', '-'], GOOD);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr);
  const ra = JSON.parse(a.stdout), rb = JSON.parse(b.stdout);
  assert.equal(ra.schema, 'readout/1');
  assert.equal(ra.source.sha256, rb.source.sha256);
  assert.equal(rb.source.path, null);
  assert.deepEqual(ra.meeting.countries, ['JP', 'AU']);
});

test('--actors extends the dictionary: a new office holder is linked', () => {
  const actors = join(dir, 'actors.json');
  writeFileSync(actors, JSON.stringify({ actors: [{ id: 'ki-zorvan-quillet', name: 'Zorvan Quillet', surname: 'Quillet', country: 'KI', aliases: [], offices: [{ role: 'foreign-minister', title: 'Minister for Foreign Affairs', from: '2030-01-01', to: null }] }] }));
  const file = join(dir, 'ki.txt');
  writeFileSync(file, 'Secretary Blinken\'s Meeting\n\nMarch 3, 2031\n\nSecretary of State Antony Blinken met today with Foreign Minister Quillet in Washington. The Secretary welcomed the partnership.\n');
  const r = readout(['extract', '--actors', actors, file]);
  assert.equal(r.status, 0, r.stderr);
  const p = JSON.parse(r.stdout).participants.find((x: { name: string }) => x.name === 'Zorvan Quillet');
  assert.ok(p, 'linked by surname after a title');
  assert.equal(p.actorId, 'ki-zorvan-quillet');
  assert.equal(p.role, 'foreign-minister');
});

test('unknown format and unreadable dictionaries are one-line errors', () => {
  const r = readout(['extract', '--format', 'xml', join(dir, 'one.txt')]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unknown format "xml"/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{not json');
  const r2 = readout(['extract', '--actors', bad, join(dir, 'one.txt')]);
  assert.notEqual(r2.status, 0);
  assert.match(r2.stderr, /bad\.json: not a readable actor dictionary/);
});

test('a bad --actors or --taxonomy file is one usage line naming the file and the problem, exit 2', () => {
  const files = [join(dir, 'one.txt'), join(dir, 'good.txt'), join(dir, 'one.txt')];
  for (const f of files) writeFileSync(f, GOOD);
  const actors = join(dir, 'actors-bad-role.json');
  writeFileSync(actors, JSON.stringify({ actors: [{ id: 'x', name: 'A B', surname: 'B', country: 'JP', aliases: [],
    offices: [{ role: 'king', title: 'King', from: '2020-01-01', to: null }] }] }));
  const taxonomyFile = join(dir, 'topics-bad-regex.json');
  writeFileSync(taxonomyFile, JSON.stringify({ topics: [{ id: 't', patterns: ['(unclosed'] }] }));
  const cases: [string[], RegExp][] = [
    [['--actors', actors], /actors-bad-role\.json: not a valid actor dictionary: actors\[0\]\.offices\[0\]\.role: /],
    [['--actors', join(dir, 'nope.json')], /nope\.json: cannot read the actor dictionary \(ENOENT\)/],
    [['--taxonomy', taxonomyFile], /topics-bad-regex\.json: not a valid taxonomy: topics\[0\]\.patterns\[0\]: not a valid regular/],
  ];
  for (const [flags, message] of cases) {
    const r = readout(['extract', '--format', 'jsonl', ...flags, ...files]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], message);
    assert.doesNotMatch(lines[0], /internal error/);
  }
});

test('stdin is read only up to the size limit', () => {
  const big = Buffer.alloc(21 * 1024 * 1024, 'The two ministers agreed. ');
  writeFileSync(join(dir, 'one.txt'), GOOD);
  const r = readout(['extract', '--format', 'jsonl', '-', join(dir, 'one.txt')], big);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^readout: -: input too large \(more than the 20 MB limit\)$/m);
  assert.equal(r.stdout.trim().split('\n').length, 1, 'the file after stdin is still extracted');
});

test('folders (recursively), globs and --jobs: records in input order, the same on one thread as on several', () => {
  const root = mkdtempSync(join(tmpdir(), 'readout-folder-'));
  const examples = resolve(import.meta.dirname, '..', 'examples', 'readouts');
  mkdirSync(join(root, 'sub'));
  const names = readdirSync(examples);
  for (const n of names) copyFileSync(join(examples, n), join(root, n.endsWith('.html') ? join('sub', n) : n));
  writeFileSync(join(root, 'notes.md'), 'not a document type ingest takes');
  const one = readout(['extract', '--format', 'jsonl', '--jobs', '1', root]);
  const two = readout(['extract', '--format', 'jsonl', '--jobs', '2', root]);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(two.stdout, one.stdout);
  const paths = one.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { source: { path: string } }).source.path);
  assert.equal(paths.length, names.length);
  assert.deepEqual(paths, [...paths].sort(), 'in path order, the sub-folder included');
  const globbed = readout(['extract', '--format', 'jsonl', join(root, 'sub', '*.html'), join(root, 'mofa-*.txt')]);
  assert.equal(globbed.stdout.trim().split('\n').length, names.filter((n) => n.endsWith('.html') || n.startsWith('mofa-')).length);
});

type Sourced = { source: { path: string } };

test('--jobs 2 writes the bytes --jobs 1 writes: text, HTML, PDF, bad files, in order, both formats', async () => {
  const root = mkdtempSync(join(tmpdir(), 'readout-jobs-'));
  const examples = resolve(import.meta.dirname, '..', 'examples', 'readouts');
  const sunak = readFileSync(join(examples, 'no10-uk-2023-01-11-sunak-kishida.txt'), 'utf8');
  // small files (in Node's shared buffer pool when read) and larger ones (a buffer of their own) go to the workers
  writeFileSync(join(root, 'a-good.txt'), GOOD);
  copyFileSync(join(examples, 'mofa-jp-2023-11-16-japan-china-summit.html'), join(root, 'b-summit.html'));
  writeFileSync(join(root, 'c-empty.txt'), '');
  const pdf = await makePdf(sunak);
  writeFileSync(join(root, 'd-sunak.pdf'), pdf);
  writeFileSync(join(root, 'e-truncated.pdf'), pdf.subarray(0, 400));
  const long = ['whitehouse-2023-08-18-camp-david-trilateral.txt', 'mofa-jp-2023-01-11-japan-us-2plus2.txt'];
  writeFileSync(join(root, 'f-long.txt'), long.map((f) => readFileSync(join(examples, f), 'utf8')).join('\n'));
  for (const format of ['jsonl', 'json']) {
    const args = ['extract', '--format', format, root, join(root, 'missing.txt'), join(root, 'a-good.txt')];
    const one = readout([...args, '--jobs', '1']);
    const two = readout([...args, '--jobs', '2']);
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, 1, two.stderr);
    assert.equal(two.stdout, one.stdout, format);
    assert.equal(two.stderr, one.stderr, format);
    const errors = one.stderr.split('\n').filter((l) => l && !l.includes(': warning: '));
    assert.equal(errors.length, 3, one.stderr);
    assert.match(errors[0]!, /^readout: .*c-empty\.txt: empty file$/);
    assert.match(errors[1]!, /^readout: .*e-truncated\.pdf: PDF is damaged or truncated/);
    assert.match(errors[2]!, /^readout: .*missing\.txt: no such file/);
    const lines = one.stdout.trim().split('\n');
    const records: Sourced[] = format === 'json' ? JSON.parse(one.stdout) : lines.map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => r.source.path.slice(root.length + 1)),
      ['a-good.txt', 'b-summit.html', 'd-sunak.pdf', 'f-long.txt', 'a-good.txt']);
    // the pretty array is the one JSON.stringify writes
    if (format === 'json') assert.equal(one.stdout, `${JSON.stringify(records, null, 2)}\n`);
  }
});

test('web addresses: fetched, decoded with the charset the server declares, source.url set; a 404 is one line', async () => {
  const page = readFileSync(resolve(import.meta.dirname, '..', 'examples', 'readouts', 'mofa-jp-2023-11-16-japan-china-summit.html'));
  const server = createServer((req, res) => {
    if (req.url === '/readout.html') { res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); res.end(page); return; }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // on this thread and on the workers (which set source.url there)
    for (const jobs of ['1', '2']) {
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(process.execPath, [bin, 'extract', '--format', 'jsonl', '--no-warnings', '--jobs', jobs,
          `${base}/readout.html`, `${base}/gone.html`],
        (err, stdout, stderr) => done({ code: err ? (err as { code?: number }).code ?? 1 : 0, stdout, stderr }));
        child.stdin?.end();
      });
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `readout: ${base}/gone.html: HTTP 404 Not Found\n`);
      const record = JSON.parse(r.stdout) as { source: { url: string }; meeting: { title: string } };
      assert.equal(record.source.url, `${base}/readout.html`);
      assert.match(record.meeting.title, /Japan-China Summit/);
    }
  } finally {
    server.close();
  }
});
