// PDF input: readouts laid out as a word processor does (pdfkit wraps the text to the page, with a running header,
// a footer and page numbers) come back as their paragraphs; encrypted, scanned, truncated and corrupt PDFs give one
// clear reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pdfToText } from '../src/source/pdf.js';
import { SourceError } from '../src/source/errors.js';
import { makePdf } from '../scripts/pdf-copy.js';
import type { ReadoutRecord } from '../src/record/schema.js';

const ROOT = resolve(import.meta.dirname, '..');

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

test('a multi-page readout comes back paragraph by paragraph, without headers, footers or page numbers', async () => {
  const dir = join(ROOT, 'examples', 'readouts');
  const files = readdirSync(dir).filter((x) => x.endsWith('.txt'));
  for (let k = 0; k < 6; k++) {
    const f = files[k]!;
    // two readouts one after the other: over two pages, a paragraph cut by the page break
    const long = `${readFileSync(join(dir, f), 'utf8').trim()}\n\n${readFileSync(join(dir, files[k + 6]!), 'utf8').trim()}`;
    const text = await pdfToText(await makePdf(long), f);
    assert.ok(words(text) === words(long), `${f}: the words differ`);
    const paragraphs = long.split(/\n+/).filter((p) => p.trim()).map(words);
    assert.deepEqual(text.split(/\n+/).map(words), paragraphs, `${f}: one line per paragraph`);
    assert.doesNotMatch(text, /Page \d+ of|Press Releases/);
  }
});

test('encrypted, image-only, truncated and corrupt PDFs are one clear reason each', async () => {
  const text = readFileSync(join(ROOT, 'examples', 'readouts', 'no10-uk-2023-02-08-sunak-zelenskyy.txt'), 'utf8');
  const reason = async (bytes: Uint8Array) => {
    try { await pdfToText(bytes, 'x.pdf'); } catch (err) { assert.ok(err instanceof SourceError, String(err)); return err.reason; }
    return 'no error';
  };
  assert.match(await reason(await makePdf(text, { userPassword: 'secret' })), /encrypted/);
  assert.match(await reason(await makePdf('', { textLayer: false, furniture: false })), /^PDF has no text layer \(scanned\?\)$/);
  const whole = await makePdf(text);
  assert.match(await reason(whole.subarray(0, 400)), /^PDF is damaged or truncated/);
  assert.match(await reason(Buffer.from('%PDF-1.7\n garbage \x00\x01 not a pdf')), /^PDF is damaged or truncated/);
});

test('readout extract reads PDF files beside text; a PDF without text is one line and the batch goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-pdf-'));
  try {
    const name = 'no10-uk-2023-02-08-sunak-zelenskyy.txt';
    const text = readFileSync(join(ROOT, 'examples', 'readouts', name), 'utf8');
    writeFileSync(join(dir, 'a.pdf'), await makePdf(text));
    writeFileSync(join(dir, 'scan.pdf'), await makePdf('', { textLayer: false, furniture: false }));
    writeFileSync(join(dir, 'b.txt'), text);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'readout.js'), 'extract', '--format', 'jsonl', '--no-warnings',
      join(dir, 'a.pdf'), join(dir, 'scan.pdf'), join(dir, 'b.txt')], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `readout: ${join(dir, 'scan.pdf')}: PDF has no text layer (scanned?)\n`);
    const [fromPdf, fromText] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReadoutRecord);
    assert.deepEqual(fromPdf!.participants.map((p) => p.name), fromText!.participants.map((p) => p.name));
    assert.deepEqual(fromPdf!.statements.map((s) => s.text), fromText!.statements.map((s) => s.text));
    assert.equal(fromPdf!.meeting.date, fromText!.meeting.date);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readout ingest takes PDFs in folders, and reindex re-reads them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-pdf-ingest-'));
  try {
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    const text = readFileSync(join(ROOT, 'examples', 'readouts', 'no10-uk-2023-02-08-sunak-zelenskyy.txt'), 'utf8');
    writeFileSync(join(docs, 'a.pdf'), await makePdf(text));
    writeFileSync(join(docs, 'scan.pdf'), await makePdf('', { textLayer: false, furniture: false }));
    const db = join(dir, 'a.db');
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'readout.js'), ...args], { encoding: 'utf8' });
    const r = cli(['ingest', '--quiet', '--db', db, docs]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /scan\.pdf: PDF has no text layer \(scanned\?\)/);
    const list = (JSON.parse(cli(['meetings', '--db', db, '--format', 'json']).stdout) as { items: { path: string }[] }).items;
    assert.deepEqual(list.map((m) => basename(m.path)), ['a.pdf']);
    const again = cli(['reindex', '--all', '--db', db]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^reindexed 1 of 1 document/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
