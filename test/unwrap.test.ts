// Hard-wrapped copies of real readouts come back as the clean copy: paragraphs joined, headlines, date lines and
// numbered items kept apart; texts that are not wrapped are returned as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unwrapText, wrapWidth } from '../src/source/unwrap.js';
import { wrapText } from '../scripts/wrap-text.js';

const ROOT = resolve(import.meta.dirname, '..');
const dirs = [join(ROOT, '..', 'shared', 'corpus', 'dev'), ...['heldout', 'heldout2', 'heldout3', 'heldout4']
  .map((d) => join(ROOT, 'test', 'fixtures', d)), join(ROOT, 'examples', 'readouts')].filter(existsSync);
const texts = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => ({ f, text: readFileSync(join(d, f), 'utf8') })));

test('clean texts are not taken for wrapped ones', () => {
  assert.ok(texts.length > 50);
  for (const { f, text } of texts) assert.equal(unwrapText(text), text, f);
  assert.equal(unwrapText('One line only.'), 'One line only.');
});

test('wrapped at 60, 72 and 100 columns, every readout comes back as written', () => {
  let exact = 0;
  const misses: string[] = [];
  for (const width of [60, 72, 100]) {
    for (const { f, text } of texts) {
      const clean = text.replace(/ +\n/g, '\n').replace(/ {2,}/g, ' ');
      const wrapped = wrapText(clean, width);
      assert.ok(wrapWidth(wrapped.split('\n')) !== null, `${f} at ${width}: not seen as wrapped`);
      const back = unwrapText(wrapped);
      if (back === clean) exact++;
      else misses.push(`${f}@${width}`);
    }
  }
  const total = texts.length * 3;
  assert.ok(exact >= total * 0.95, `${exact}/${total} exact; misses: ${misses.slice(0, 20).join(', ')}`);
});

test('headlines, date lines and numbered items stay on their own lines; a hyphenated wrap joins', () => {
  const body = 'The two ministers confirmed that they would continue to work closely together on the '
    + 'regional situation, including North Korea and the East China Sea, and affirmed their cooperation.';
  const text = `Japan-Australia Foreign Ministers' Meeting\nJune 3, 2023\n${wrapText(body, 64)}\n1. ${wrapText(body, 64)}\n(2) `
    + `${wrapText(body, 64)}\n- ${wrapText(body, 64)}`;
  const back = unwrapText(text).split('\n');
  assert.deepEqual(back, [`Japan-Australia Foreign Ministers' Meeting`, 'June 3, 2023', body, `1. ${body}`, `(2) ${body}`, `- ${body}`]);
  // wrapped at 68 columns, two words broken at a line end: one the document writes whole elsewhere, one hyphenated
  const hyphen = [wrapText(body, 68), 'The two ministers confirmed that they would work on and coopera-',
    'tion between the two sides, and on the partnership that is a long-',
    'range one, built over many years of working together in the region.', wrapText(`Cooperation ${body}`, 68)].join('\n');
  const joined = unwrapText(hyphen);
  assert.match(joined, /work on and cooperation between/);
  assert.match(joined, /is a long-range one/);
});
