// Extraction on large and hostile input: no stack overflow, no throw, limits that degrade with a warning, and
// dates and times that are real calendar values. Inputs are as small as still proves each point; speed itself is
// measured by `npm run bench:size`, not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline.js';
import { htmlToText } from '../src/source/html.js';
import { MAX_SENTENCE } from '../src/segment/sentences.js';
import { findDates } from '../src/extractors/date-grammar.js';

const OPENING = 'On September 3, commencing at around 11 p.m. for approximately 10 minutes, Mr. Shinzo Abe, Prime Minister of '
  + 'Japan, held a telephone talk with the Honorable Donald Trump, President of the United States of America.';
const readout = (date: string, opening: string, body: string) =>
  `Japan-United States of America Relations\n\nJapan-U.S. Summit Telephone Talk\n\n${date}\n\n${opening} The overview of the telephone talk is as follows.\n\n${body}\n`;
const BODY = '1. Prime Minister Abe explained that North Korea conducted a nuclear test. '
  + 'President Trump stated that the United States stands with Japan. The two leaders agreed to strengthen pressure.';

test('20,000 nested elements: the page converts without a stack overflow and keeps its text', () => {
  const depth = 20_000;
  const text = 'Prime Minister Abe held a telephone talk with President Trump.';
  for (const [open, close] of [['<div>', '</div>'], ['<ul><li>', '</li></ul>'], ['<b><i>', '</i></b>']]) {
    const html = `<!DOCTYPE html><html><body>${open.repeat(depth)}${text}${close.repeat(depth)}</body></html>`;
    const out = htmlToText(html);
    assert.ok(out.includes(text), `${open}: the text is kept`);
  }
  // unclosed tags nest as deep, and the page's main content is still found under them
  const main = `<!DOCTYPE html><html><body><nav>Home</nav><main>${'<section><div class="content">'.repeat(depth)}${text.repeat(3)}</main></body></html>`;
  const out = htmlToText(main);
  assert.ok(out.includes(text) && !out.includes('Home'));
});

test('a multi-megabyte paragraph on one line extracts, its sentences all read', () => {
  const sentence = 'President Trump stated that the United States stands with Japan. ';
  const text = `${OPENING} ${sentence.repeat(Math.ceil(2 * 1024 * 1024 / sentence.length))}`;
  assert.ok(!text.includes('\n') && text.length > 2 * 1024 * 1024);
  const record = extract(text);
  assert.equal(record.participants.length, 2);
  assert.ok(record.statements.length > 30_000, `${record.statements.length} statements`);
  assert.ok(record.warnings?.some((w) => /opening paragraph is longer/.test(w)));
});

test('a run longer than MAX_SENTENCE without a sentence end is cut into pieces, with a warning', () => {
  const run = 'and the two leaders agreed to cooperate closely '.repeat(Math.ceil((3 * MAX_SENTENCE) / 48));
  const record = extract(readout('September 3, 2017', OPENING, `The two leaders agreed that ${run}`));
  assert.ok(record.warnings?.some((w) => /cuts? in sentences longer than 2000 characters/.test(w)), JSON.stringify(record.warnings));
  assert.ok(record.statements.every((s) => s.span[1] - s.span[0] <= MAX_SENTENCE));
  assert.ok(record.statements.some((s) => s.act === 'agree'));
});

test('a readout with hundreds of statements of one act keeps them all', () => {
  const items = Array.from({ length: 250 }, (_, k) => `${k + 1}. The two leaders agreed to hold consultation number ${k + 1}.`).join('\n');
  const record = extract(readout('September 3, 2017', OPENING, items));
  const agreed = record.statements.filter((s) => s.act === 'agree' && /consultation number/.test(s.text));
  assert.equal(agreed.length, 250);
  assert.equal(new Set(agreed.map((s) => s.text)).size, 250);
});

test('February 30 is no date: the meeting and published dates are null, with a warning', () => {
  const opening = OPENING.replace('On September 3,', 'On February 30, 2019,');
  const record = extract(readout('February 30, 2019', opening, BODY));
  assert.equal(record.meeting.date, null);
  assert.equal(record.source.publishedDate, null);
  assert.equal(record.meeting.start, null);
  assert.ok(record.warnings?.some((w) => w.includes('not a calendar date: "February 30, 2019"')), JSON.stringify(record.warnings));
  // the same readout on a real day has both
  const real = extract(readout('February 28, 2019', OPENING.replace('On September 3,', 'On February 28, 2019,'), BODY));
  assert.equal(real.meeting.date, '2019-02-28');
  assert.equal(real.source.publishedDate, '2019-02-28');
});

test('February 29 is a date in a leap year only, the year-less one included', () => {
  const leap = extract(readout('February 29, 2020', OPENING.replace('On September 3,', 'On February 29,'), BODY));
  assert.equal(leap.meeting.date, '2020-02-29');
  const common = extract(readout('March 1, 2019', OPENING.replace('On September 3,', 'On February 29,'), BODY));
  assert.equal(common.meeting.date, null);
  assert.ok(common.warnings?.some((w) => w.includes('not a calendar date: "February 29" (in 2019)')));
});

test('a clock that is no time of day (25:61, 24:30) gives no start, with a warning', () => {
  for (const clock of ['25:61', '24:30']) {
    const opening = `On September 3, 2017, from ${clock} (JST), Mr. Shinzo Abe, Prime Minister of Japan, held a telephone talk with the Honorable Donald Trump, President of the United States of America.`;
    const record = extract(readout('September 3, 2017', opening, BODY));
    assert.equal(record.meeting.start, null, clock);
    assert.ok(record.warnings?.some((w) => w.includes(`not a time of day: "${clock}"`)), JSON.stringify(record.warnings));
  }
  const ok = extract(readout('September 3, 2017', OPENING.replace('On September 3,', 'On September 3, 2017, from 23:30 (JST),'), BODY));
  assert.equal(ok.meeting.start?.utc, '2017-09-03T14:30:00Z');
});

test('findDates: an earlier pattern wins an overlap, dates come back in text order', () => {
  const text = '2019-02-03 and February 5, 2019 and 05.02.2019 and 3 March';
  assert.deepEqual(findDates(text).map((d) => [d.start, d.month, d.day]), [[0, 2, 3], [15, 2, 5], [36, 2, 5], [51, 3, 3]]);
});
