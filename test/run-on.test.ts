// A page pasted on one line: splitRunOnText puts its header lines and its body's first sentence back on lines
// of their own, by the genre's marks, without changing the text's length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitRunOnText } from '../src/source/run-on.js';

const body = 'The two ministers discussed the regional situation and agreed to work together closely.';
/** The page's lines, and a check that only spaces became line breaks. */
function linesOf(page: string): string[] {
  const split = splitRunOnText(page);
  assert.equal(split.replace(/\n/g, ' '), page, 'only spaces become line breaks: spans index both');
  return split.split('\n');
}

test('a page on one line gets its headline, date line and numbered items back on lines of their own', () => {
  const page = `Japan-U.S. Foreign Ministers' Meeting November 7, 2023 On November 7, Foreign Minister Kamikawa held `
    + 'a meeting '
    + `with Secretary of State Blinken. 1. ${body} 2. ${body} (1) ${body} (2) ${body} In 1. the text (1) cites items.`;
  const lines = splitRunOnText(page).split('\n');
  assert.equal(lines[0], "Japan-U.S. Foreign Ministers' Meeting");
  assert.equal(lines[1], 'November 7, 2023');
  assert.deepEqual(lines.slice(3).map((l) => l.slice(0, 4)), ['1. T', '2. T', '(1) ', '(2) ']);
  assert.equal(splitRunOnText(page).length, page.length, 'same length: spans index both');
  assert.equal(splitRunOnText(`${page}\nsecond line`), `${page}\nsecond line`, 'texts with line breaks are left alone');
});

test('the date line is the last date after the headline, abbreviated or not, never one a sentence gives', () => {
  const opening = 'On 16 December 2023, a meeting was convened in Tokyo between the two ministers, who discussed '
    + 'the region.';
  const page = `Ministers hold meeting, 15 December 2023 17 Dec 2023 ${opening} ${opening} ${opening}`;
  const lines = splitRunOnText(page).split('\n');
  assert.deepEqual(lines.slice(0, 2), ['Ministers hold meeting, 15 December 2023', '17 Dec 2023']);
  assert.ok(lines[2]!.startsWith(opening), lines[2]);
  const noDateLine = `Ministers hold meeting ${opening} ${opening} ${opening}`;
  const second = splitRunOnText(noDateLine).split('\n')[1]!;
  assert.ok(second.startsWith(opening), 'the date after "On" stays in its sentence');
});

test('a headline run into the body: the break comes before the first sentence\'s subject', () => {
  const lines = linesOf(`Readout of President Smith's Meeting with Prime Minister Jones of Ruritania President John Q. `
    + `Smith, Jr. met with Prime Minister Ann Jones of Ruritania today. ${body} ${body}`);
  assert.equal(lines[0], "Readout of President Smith's Meeting with Prime Minister Jones of Ruritania");
  assert.ok(lines[1]!.startsWith('President John Q. Smith, Jr. met'), lines[1]);
  // a headline with its own verb, then a clause after the subject
  const visiting = linesOf(`Ruritania-Japan Foreign Ministers' Meeting Foreign Minister Taro Sato, who is visiting `
    + `Tokyo to attend the G20 Foreign Ministers' Meeting, held a meeting with Minister Jones. ${body} ${body}`);
  assert.equal(visiting[0], "Ruritania-Japan Foreign Ministers' Meeting");
  const travels = linesOf(`Foreign Minister Braun travels to Tokyo Federal Foreign Minister Karl Braun met his `
    + `Japanese counterpart in Tokyo today. ${body} ${body} ${body}`);
  assert.equal(travels[0], 'Foreign Minister Braun travels to Tokyo');
});

test('a body that opens with its subject, its date or a full sentence is not cut', () => {
  for (const page of [
    `On June 29th, Minister of Defense Sato and the Secretary of Defense Smith held a meeting in Tokyo. ${body} `
      + body,
    `External Affairs Minister Dr. A. Rao is on an official visit to Seoul from 05-06 March 2024. EAM and Foreign `
      + `Minister H.E. Mr. Kim co-chaired the Joint Commission. ${body} ${body}`,
    `Secretary of State Antony J. Blinken spoke today with French Minister for Europe and Foreign Affairs Jean Dupont `
      + `and congratulated him on his appointment. ${body} ${body}`,
  ]) assert.equal(splitRunOnText(page), page);
});

test('furniture, lead-ins, datelines and a repeated headline get lines of their own', () => {
  const state = linesOf(`Secretary Smith's Call with French Foreign Minister Dupont Readout Office of the Spokesperson `
    + `January 16, 2024 The below is attributable to Spokesperson Ann Lee: Secretary of State John Smith spoke today `
    + `with French Foreign Minister Jean Dupont. ${body} ${body}`);
  assert.deepEqual(state.slice(0, 5), ["Secretary Smith's Call with French Foreign Minister Dupont", 'Readout',
    'Office of the Spokesperson', 'January 16, 2024', 'The below is attributable to Spokesperson Ann Lee:']);
  assert.ok(state[5]!.startsWith('Secretary of State John Smith spoke'));
  const delhi = linesOf(`Prime Minister Meets Ruritanian PM Ann Jones New Delhi: Prime Minister Shri Rao met the Prime `
    + `Minister of Ruritania on the margins of the summit. ${body} ${body}`);
  assert.deepEqual(delhi[0], 'Prime Minister Meets Ruritanian PM Ann Jones');
  assert.ok(delhi[1]!.startsWith('New Delhi: Prime Minister Shri Rao met'), delhi[1]);
  const paris = linesOf(`Inaugural France-Ruritania Consultations Joint press release issued by the Ministry for `
    + `Europe Paris, 30 August 2021 The ministers held the first consultations by videoconference. ${body} ${body}`);
  assert.deepEqual(paris.slice(0, 3), ['Inaugural France-Ruritania Consultations',
    'Joint press release issued by the Ministry for Europe', 'Paris, 30 August 2021']);
  const twice = linesOf(`JDF No.102 August 2018 Japan-U.S. Defense Ministerial Meeting Japan-U.S. Defense Ministerial `
    + `Meeting On June 29th, the two ministers held a meeting in Tokyo. ${body} ${body}`);
  assert.deepEqual(twice.slice(0, 3), ['JDF No.102 August 2018', 'Japan-U.S. Defense Ministerial Meeting',
    'Japan-U.S. Defense Ministerial Meeting']);
});
