// Unit tests per extractor, on small texts written for each rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline.js';
import { tokenize, tokensWithin, type Tokens } from '../src/text/tokens.js';
import { vocabulary } from '../src/data/vocabulary.js';
import { splitSentences } from '../src/segment/sentences.js';
import { segmentLayout } from '../src/segment/layout.js';
import { findDates, findMonthYear, inferYear } from '../src/extractors/date-grammar.js';
import { readDuration, zoneOffset } from '../src/extractors/start-time.js';
import { hitsWithin, literalScanner } from '../src/text/literal-scanner.js';
import { requiredAnchors } from '../src/text/regex-literals.js';
import { WordMap, wordHash, wordSet } from '../src/text/word-map.js';
import { zeroedBytes } from '../src/text/scratch.js';
import { IANAZone } from 'luxon';

const MOFA = (date: string, opening: string, body: string) => `Japan-United States of America Relations\n\n${date}\n\n${opening} The overview of the meeting is as follows.\n\n${body}\n\nBack to Japan-United States of America Relations\n`;

/** Each token's fields, for comparisons. */
const rowsOf = (tokens: Tokens) => Array.from({ length: tokens.length }, (_, i) => ({
  start: tokens.start(i), end: tokens.end(i), text: tokens.text(i), folded: tokens.folded(i), upper: tokens.upper(i), hash: tokens.hash(i),
}));

test('tokens keep dotted abbreviations whole, fold case and diacritics, and know capitals', () => {
  assert.deepEqual(rowsOf(tokenize('the U.S.-ROK Alliance')).map((t) => t.text), ['the', 'U.S.', 'ROK', 'Alliance']);
  const tokens = tokenize('Retno L.P. Marsudi met Shinzō Abe at 4 p.m. (U.S-Japan 2+2)');
  const t = rowsOf(tokens);
  assert.deepEqual(t.map((x) => x.text), ['Retno', 'L.P.', 'Marsudi', 'met', 'Shinzō', 'Abe', 'at', '4', 'p.m.', 'U.S', 'Japan', '2', '2']);
  assert.deepEqual(t.map((x) => x.folded).slice(1, 5), ['l.p', 'marsudi', 'met', 'shinzo']);
  assert.deepEqual(t.filter((x) => x.upper).map((x) => x.text), ['Retno', 'L.P.', 'Marsudi', 'Shinzō', 'Abe', 'U.S', 'Japan']);
  const text = 'Mr. Kono';
  for (const x of rowsOf(tokenize(text))) assert.equal(text.slice(x.start, x.end), x.text);
  // the hash read with the word is the hash of its folded form, which WordMap probes with
  for (const x of t) assert.equal(x.hash, wordHash(x.folded), x.text);
  // a folded form is compared in place for ASCII words, and with the form kept for the others
  t.forEach((x, i) => {
    assert.equal(tokens.foldsTo(i, x.folded), true, x.text);
    assert.equal(tokens.foldsTo(i, x.text.toUpperCase()), x.text === x.folded && !/[a-z]/.test(x.text), x.text);
    assert.equal(tokens.foldsTo(i, `${x.folded}s`), false, x.text);
  });
  assert.equal(wordSet(['marsudi']).hasToken(tokens, 2), true);
  assert.equal(wordSet(['retno']).hasToken(tokens, 0), true);
  assert.equal(wordSet(['Retno']).hasToken(tokens, 0), false);
  assert.equal(wordSet(['shinzo']).hasToken(tokens, 4), true);
  // the tokens within a stretch of the text, kept folds included
  const text2 = 'Retno L.P. Marsudi met Shinzō Abe at 4 p.m. (U.S-Japan 2+2)';
  for (const [start, end] of [[0, text2.length], [6, 33], [7, 32], [0, 0], [40, 41], [11, 11]]) {
    assert.deepEqual(rowsOf(tokensWithin(tokens, start, end)), t.filter((x) => x.start >= start && x.end <= end), `${start}-${end}`);
  }
  assert.equal(wordSet(['shinzo']).hasToken(tokensWithin(tokens, 6, 33), 3), true);
});

test('tokens are the same whatever internal form the string has (flat, sliced, concatenated, one or two bytes a character)', () => {
  const base = 'Foreign Minister KONO Taro met U.S. Secretary of State Pompeo in Tokyo on 3 May.';
  const forms = [
    base,
    `xx${base}`.slice(2), // a slice of a longer string
    ['Foreign Minister KONO', ' Taro met U.S. Secretary of State Pompeo', ' in Tokyo on 3 May.'].join(''),
    `${base}’`.slice(0, -1), // read from a string of two bytes a character
  ];
  const shape = (text: string) => rowsOf(tokenize(text));
  // the scanner is warmed on all forms first, so a generic path is exercised as well as the first one
  for (let k = 0; k < 200; k++) for (const f of forms) tokenize(f);
  for (const f of forms) assert.deepEqual(shape(f), shape(base));
});

test('tokenizing a text longer than the scratch rows grows them and keeps every token', () => {
  const words = Array.from({ length: 5000 }, (_, i) => `Word${i}`);
  const tokens = tokenize(words.join(' '));
  assert.equal(tokens.length, words.length);
  assert.deepEqual(rowsOf(tokens).map((x) => x.text), words);
});

test('word maps find every word they hold and no other, across growth', () => {
  const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
  const map = new WordMap<number>(words.map((w, i) => [w, i] as const));
  words.forEach((w, i) => assert.equal(map.get(w), i));
  const some = tokenize(words.slice(0, 500).join(' '));
  for (let i = 0; i < some.length; i++) assert.equal(map.getToken(some, i), words.indexOf(some.text(i)));
  const none = tokenize('x1 y2 zz w-1 nothing here');
  for (let i = 0; i < none.length; i++) assert.equal(map.hasToken(none, i), false, none.text(i));
  map.set('w0', -1);
  assert.equal(map.get('w0'), -1);
});

test('the literal scanner agrees with a plain search over many literals', () => {
  const literals = ['security', 'security council', 'council', 'nuclear', 'un', 'north korea', 'korea', 'rea', 'ea', 'and ', ' and the', 'indo-pacific', 'pacific'];
  const text = 'The UN Security Council and the Indo-Pacific; North Korea, Korea and the nuclear question. Unclear areas.';
  const expected: [number, string][] = [];
  const lower = text.toLowerCase();
  for (const w of literals) for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) expected.push([i + w.length, w]);
  const hits = literalScanner(literals, true).occurrences(text);
  const got = hits.ends.map((e, k) => [e, hits.literals[k]] as [number, string]);
  const order = (a: [number, string], b: [number, string]) => a[0] - b[0] || a[1].localeCompare(b[1]);
  assert.deepEqual([...got].sort(order), expected.sort(order));
  assert.deepEqual(hits.ends, [...hits.ends].sort((a, b) => a - b)); // in text order of their ends
});

test('working byte arrays come back zeroed over the length asked', () => {
  const a = zeroedBytes(7, 10);
  a.fill(1, 0, 10);
  const b = zeroedBytes(7, 8);
  assert.equal(b, a); // kept, not reallocated
  assert.deepEqual([...b.subarray(0, 8)], new Array(8).fill(0));
  assert.ok(zeroedBytes(7, 10_000).length >= 10_000);
});

test('the literal scanner finds every literal, overlapping ones included, in either case when asked', () => {
  const scan = (lits: string[], ignoreCase: boolean, text: string) => [...new Set(literalScanner(lits, ignoreCase).occurrences(text).literals)].sort();
  assert.deepEqual(scan(['north korea', 'korea', 'rea', 'senkaku'], true, 'On NORTH Korea and the Senkaku Islands'), ['korea', 'north korea', 'rea', 'senkaku']);
  assert.deepEqual(scan(['ROK', 'ro', 'Rok'], false, 'the ROK and rok'), ['ROK', 'ro']);
  assert.deepEqual(scan(['abcd', 'bc'], true, 'xabcx'), ['bc']);
  assert.deepEqual(scan(['Sejourné'], true, 'SEJOURNÉ'), ['sejourné']);
  assert.deepEqual(scan([], true, 'anything'), []);
  const text = 'Korea. North Korea. Korean';
  const hits = literalScanner(['korea', 'north korea'], true).occurrences(text);
  const within = (from: number, to: number) => hitsWithin(hits, from, to).map((k) => hits.literals[k]);
  assert.deepEqual(within(7, 19).sort(), ['korea', 'north korea']);
  assert.deepEqual(within(8, 19), ['korea']); // "orth Korea" cuts the longer one
  assert.deepEqual(within(20, text.length), ['korea']);
  assert.deepEqual(within(1, 6), []);
  const lines = literalScanner(['>', 'photo session'], true);
  assert.equal(lines.occursIn('Home > News > Japan'), true);
  assert.equal(lines.occursIn('In the PHOTO SESSION'), true);
  assert.equal(lines.occursIn('The two ministers met in Tokyo.'), false);
  assert.equal(literalScanner([], true).occursIn('anything'), false);
});

test('regex literals: the words every match holds', () => {
  assert.deepEqual(requiredAnchors('\\bSenkaku', false), ['senkaku']);
  assert.deepEqual(requiredAnchors('(?:upcoming|next) visits?', false), [' visit']);
  assert.deepEqual(requiredAnchors('\\b(?:upcoming|next)\\b', false)?.sort(), ['next', 'upcoming']);
  assert.equal(requiredAnchors('\\w+ \\d', false), null);
  // one-character literals count only when asked for
  assert.equal(requiredAnchors('>\\s*[^>]+>', false), null);
  assert.deepEqual(requiredAnchors('>\\s*[^>]+>', false, 1), ['>']);
});

test('zone offsets match luxon at any instant, across daylight saving changes', () => {
  for (const zone of ['Asia/Tokyo', 'America/New_York', 'Australia/Sydney', 'Africa/Casablanca', 'Europe/London']) {
    const ref = IANAZone.create(zone);
    for (let t = Date.UTC(2017, 0, 1); t < Date.UTC(2020, 0, 1); t += 3600e3) {
      if (ref.offset(t) === ref.offset(t + 3600e3)) continue;
      // every minute around each change, and an instant half a day away
      for (let m = -1; m <= 61; m++) assert.equal(zoneOffset(zone, t + m * 60e3 - 1), ref.offset(t + m * 60e3 - 1), `${zone} ${new Date(t).toISOString()}`);
      assert.equal(zoneOffset(zone, t + 43_200_000), ref.offset(t + 43_200_000));
    }
  }
});

test('sentences do not break after titles, initials or a hyphenated U.S.', () => {
  const v = vocabulary();
  const text = 'Gen. H. R. McMaster met Mr. Kono at 4 p.m. in Tokyo. The Japan-U.S. Foreign Ministers met. They agreed.';
  const s = splitSentences(text, 0, text.length, 0, v).map((x) => text.slice(x.start, x.end));
  assert.deepEqual(s, ['Gen. H. R. McMaster met Mr. Kono at 4 p.m. in Tokyo.', 'The Japan-U.S. Foreign Ministers met.', 'They agreed.']);
});

test('layout numbers items and sub-items, and keeps boilerplate out of the body', () => {
  const text = 'Japan-China Relations\n\nMay 1, 2019\n\nOn May 1, Mr. Taro Kono, Minister for Foreign Affairs, held a meeting with Mr. Wang Yi, State Councilor and Minister of Foreign Affairs of China. The overview is as follows.\n\n1 Bilateral relations\n\n(1) The two ministers agreed to work together.\n\n2. Minister Kono stated his view.\n\nBack to Japan-China Relations';
  const l = segmentLayout(text, vocabulary());
  assert.deepEqual(l.header.map((h) => h.kind), ['section', 'date']);
  assert.deepEqual(l.paragraphs.map((p) => p.item), [null, '1', '1(1)', '2']);
  assert.ok(!l.paragraphs.some((p) => text.slice(p.start, p.end).startsWith('Back to')));
});

test('dates: written forms, and the year of a December meeting on a January page', () => {
  const d = findDates('On 04 November 2019 and on June 29th, and Feb. 15');
  assert.deepEqual(d.map((x) => [x.year, x.month, x.day]), [[2019, 11, 4], [null, 6, 29], [null, 2, 15]]);
  assert.equal(inferYear(12, { year: 2022, month: 1 }), 2021);
  assert.equal(inferYear(6, { year: 2022, month: 7 }), 2022);
  // numbers: day and month read where one of them cannot be a month, not where they could be either way round
  const n = findDates('27/06/2022, 22-04-2016, 06/27/2022, 2020-02-15, 02.04.2011 and 06/07/2022');
  assert.deepEqual(n.map((x) => [x.year, x.month, x.day]), [[2022, 6, 27], [2016, 4, 22], [2022, 6, 27], [2020, 2, 15], [2011, 4, 2]]);
  assert.deepEqual(findMonthYear('Press release 06/07/2022'), { year: 2022, month: 0 });
});

test('date lines: a date alone or after a label is the page\'s date, not its headline', () => {
  for (const line of ['27/06/2022', 'Published Jan 30, 2023 19h45', 'Posted on: 3 May 2019', 'Date: 2020-02-15', 'Friday, June 14, 2019']) {
    const l = segmentLayout(`Ministers meet in Tokyo\n${line}\n\nThe two Ministers met in Tokyo and discussed the alliance.\n`, vocabulary());
    assert.deepEqual(l.header.map((h) => h.kind), ['headline', 'date'], line);
  }
});

test('durations in digits and words', () => {
  assert.deepEqual(readDuration('for approximately one hour')?.minutes, 60);
  assert.deepEqual(readDuration('lasted for an hour and a half')?.minutes, 90);
  assert.deepEqual(readDuration('for 35 minutes')?.minutes, 35);
  assert.equal(readDuration('for about 45 minutes')?.approximate, true);
  assert.equal(readDuration('for about half an hour')?.minutes, 30);
  assert.equal(readDuration('for approximately 1 hour and 15 minutes')?.minutes, 75);
  assert.equal(readDuration('for the first time'), null);
});

test('start: a JST clock paired with a local clock gives UTC and the local offset', () => {
  const r = extract(MOFA('February 10, 2017', 'On February 10th, commencing at around 11:10 p.m. JST (around 9:10 a.m. local time, February 10th) for approximately 30 minutes, Mr. Fumio Kishida, Minister for Foreign Affairs, held a meeting with the Honorable Rex Tillerson, Secretary of State of the United States of America.', '1. The two sides agreed to cooperate.'));
  assert.equal(r.meeting.start?.utc, '2017-02-10T14:10:00Z');
  assert.equal(r.meeting.start?.localOffsetMinutes, -300);
  assert.equal(r.meeting.start?.approximate, true);
  assert.equal(r.meeting.durationMinutes, 30);
});

test('start: a local clock takes the offset of the meeting place from IANA rules, daylight saving included', () => {
  const summer = extract(MOFA('July 12, 2023', 'On July 12, commencing at 3:00 p.m. (local time) for approximately 40 minutes, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, who is visiting Washington, D.C., held a meeting with the Honorable Antony Blinken, Secretary of State of the United States of America.', '1. The two ministers affirmed their cooperation.'));
  assert.equal(summer.meeting.location.country, 'US');
  assert.equal(summer.meeting.start?.localOffsetMinutes, -240);
  assert.equal(summer.meeting.start?.utc, '2023-07-12T19:00:00Z');
  const winter = extract(MOFA('January 12, 2023', 'On January 12, commencing at 3:00 p.m. (local time) for approximately 40 minutes, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, who is visiting Washington, D.C., held a meeting with the Honorable Antony Blinken, Secretary of State of the United States of America.', '1. The two ministers affirmed their cooperation.'));
  assert.equal(winter.meeting.start?.localOffsetMinutes, -300);
});

test('telephone talks take the publisher side\'s zone and have no location', () => {
  const r = extract(`Japan-United States of America Relations\n\nJapan-U.S. Foreign Ministers' Telephone Talk\n\nJanuary 6, 2022\n\nOn January 6, commencing at 8:10 a.m., for 35 minutes, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, held a Japan-U.S. Foreign Ministers' telephone talk with the Honorable Antony Blinken, Secretary of State of the United States of America. The overview of the talk is as follows.\n\n1. The two ministers reaffirmed their cooperation.`);
  assert.equal(r.meeting.mode, 'telephone');
  assert.equal(r.meeting.start?.utc, '2022-01-05T23:10:00Z');
  assert.equal(r.meeting.location.country, null);
  assert.equal(r.meeting.date, '2022-01-06');
});

test('start: "(Mexico City time)", "Jakarta time": a place of the gazetteer names the zone, and a call takes it as its offset', () => {
  const call = (clock: string) => extract(`Japan-Mexico Relations\n\nJapan-Mexico Foreign Ministers' Telephone Talk\n\nJune 30, 2020\n\nOn June 30, at ${clock}, for 40 minutes, Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs of Japan, held a telephone talk with the Honorable Antony Blinken, Secretary of State of the United States of America. The overview of the talk is as follows.\n\n1. The two ministers reaffirmed their cooperation.`);
  const mexico = call('10:00 a.m. (Mexico City time)');
  assert.equal(mexico.meeting.start?.utc, '2020-06-30T15:00:00Z'); // daylight saving, abolished in 2022
  assert.equal(mexico.meeting.start?.localOffsetMinutes, -300);
  const jakarta = call('10:00 a.m. Jakarta time');
  assert.equal(jakarta.meeting.start?.utc, '2020-06-30T03:00:00Z');
  assert.equal(jakarta.meeting.start?.localOffsetMinutes, 420);
});

test('participants are linked to the actor dictionary at the meeting date, with roles and countries', () => {
  const r = extract(MOFA('June 14, 2018', 'On June 14, Mr. Taro Kono, Minister for Foreign Affairs, who was visiting Seoul, the Republic of Korea (ROK), held a meeting with the Honorable Mike Pompeo, Secretary of State of the United States.', '1. Minister Kono stated that Japan is determined. Secretary Pompeo explained his talks.'));
  assert.deepEqual(r.participants.map((p) => [p.name, p.country, p.role, p.actorId !== null]), [['Taro Kono', 'JP', 'foreign-minister', true], ['Mike Pompeo', 'US', 'foreign-minister', true]]);
  assert.equal(r.meeting.kind, 'foreign-ministers');
  assert.deepEqual([r.meeting.location.city, r.meeting.location.country], ['Seoul', 'KR']);
  assert.ok(r.participants[1].mentions.length >= 2, 'the surname reference is a mention');
});

test('a name the dictionary does not know is still a participant, with actorId null', () => {
  const r = extract('Readout of the Secretary\'s Meeting\n\nMarch 3, 2031\n\nSecretary of State Antony Blinken met today with Foreign Minister Mr. Zorvan Quillet of Kiribati in Washington. The Secretary welcomed the partnership.');
  const p = r.participants.find((x) => x.name.includes('Quillet'));
  assert.ok(p, 'unknown participant found');
  assert.equal(p.actorId, null);
  assert.equal(p.country, 'KI');
});

test('statements: one per act at clause level, with speakers from the subject', () => {
  const r = extract(MOFA('September 21, 2017', 'On September 21, Prime Minister Shinzo Abe held a Japan-U.S. Summit Meeting with the Honorable Donald Trump, President of the United States of America.', '1. The two leaders condemned the launch, reaffirmed their alliance, and called for restraint. Prime Minister Abe sought support toward the resolution of the abductions issue, and obtained the support of President Trump. The President noted that progress was made, noting the significance of trade.'));
  const got = r.statements.map((s) => [s.act, s.speakerCountries.join('+')]);
  assert.deepEqual(got, [['oppose', 'JP+US'], ['affirm', 'JP+US'], ['request', 'JP+US'], ['request', 'JP'], ['support', 'US'], ['state', 'US'], ['state', 'US']]);
  assert.match(r.statements[4].text, /obtained the support of President Trump/);
});

test('statement spans index the text they quote', () => {
  const text = MOFA('April 17, 2023', 'On April 17th, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, held a meeting with the Honorable Antony Blinken, Secretary of State of the United States of America.', '1. At the outset, Minister Hayashi welcomed the close coordination. They confirmed to continue to work closely together.');
  const r = extract(text);
  assert.ok(r.statements.length === 2);
  for (const s of r.statements) assert.equal(text.slice(s.span[0], s.span[1]), s.text);
  assert.equal(r.statements[0].item, '1');
});

test('acts of people outside the meeting are not statements', () => {
  const r = extract(MOFA('June 14, 2018', 'On June 14, Mr. Taro Kono, Minister for Foreign Affairs, held a meeting with the Honorable Mike Pompeo, Secretary of State of the United States.', '1. Chairman Kim Jong Un agreed to denuclearize. Minister Kono welcomed the agreement.'));
  assert.deepEqual(r.statements.map((s) => s.act), ['support']);
  assert.ok(r.mentions.people.includes('Kim Jong Un'));
});

test('topics follow what the statements discussed, not words in passing', () => {
  const r = extract(MOFA('June 14, 2024', 'On June 14, Mr. KISHIDA Fumio, Prime Minister of Japan, who was visiting Puglia, Italy to attend the G7 Summit, held talks with the Rt Hon Rishi Sunak, Prime Minister of the United Kingdom.', '1. The two leaders welcomed progress in cooperation in AI and the economy.'));
  assert.deepEqual([...r.topics].sort(), ['economy', 'technology']);
  assert.ok(r.mentions.countries.includes('IT'));
});

test('a user taxonomy replaces the default one', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'tax-')), 'tax.json');
  writeFileSync(file, JSON.stringify({ topics: [{ id: 'trade-talks', patterns: ['\\beconomy\\b'] }] }));
  const r = extract(MOFA('June 14, 2024', 'On June 14, Mr. KISHIDA Fumio, Prime Minister of Japan, held talks with the Rt Hon Rishi Sunak, Prime Minister of the United Kingdom.', '1. The two leaders welcomed progress in the economy.'), { taxonomy: file });
  assert.deepEqual(r.topics, ['trade-talks']);
});

test('a text that is not a readout yields an empty record and a warning', () => {
  const r = extract('Pancakes\n\nMix two cups of flour with milk and eggs. Stir well and fry in butter until golden. Serve warm with syrup.');
  assert.equal(r.meeting.title, null);
  assert.equal(r.meeting.date, null);
  assert.deepEqual(r.participants, []);
  assert.deepEqual(r.statements, []);
  assert.ok(r.warnings?.some((w) => /not a readout/.test(w)));
});

test('a titled surname links to the nearest holder of that office when none held it on the date', () => {
  // Nobuo Kishi was Minister of Defense from 2020 to 2022; a page dated a day after he left still names him
  const r = extract('Japan-U.S. Defense Ministerial Meeting\n\nAugust 11, 2022\n\nOn August 11, Minister of Defense Kishi and the U.S. Secretary of Defense Austin held a telephone talk. The summary is as follows.\n\nThe Ministers agreed to cooperate.');
  const kishi = r.participants.find((p) => p.name.endsWith('Kishi'));
  assert.equal(kishi?.actorId, 'jp-nobuo-kishi');
  assert.equal(kishi?.role, 'defense-minister');
  // a surname the dictionary has only for another office stays unlinked, from the text
  const r2 = extract('Japan-ROK Vice-Ministerial Meeting\n\nMay 2, 2023\n\nOn May 2, Vice-Minister Mori held a meeting with Vice-Minister Zhangwook Qyun of the Republic of Korea. The summary is as follows.\n\nThe two sides agreed to cooperate.');
  assert.ok(r2.participants.some((p) => p.country === 'KR' && p.actorId === null));
});

test('the EU at the table is the side EU: its office holders sit for it, and it is no mentioned country', () => {
  const r = extract('Korea-EU Summit\n\nMay 22, 2023\n\nPresident Yoon Suk Yeol held a summit with President of the European Council Charles Michel in Seoul on May 22.\n\nThe leaders agreed to launch the Korea-EU Green Partnership.');
  assert.deepEqual(r.meeting.countries, ['KR', 'EU']);
  assert.equal(r.meeting.kind, 'summit');
  assert.equal(r.participants.find((p) => p.name === 'Charles Michel')?.country, 'EU');
  assert.deepEqual(r.statements[0].speakerCountries, ['KR', 'EU']);
  assert.equal(r.mentions.countries.includes('EU'), false);
  // the same person before the EU office sits for their own country
  const be = extract('Japan-Belgium Summit\n\nMay 2, 2016\n\nPrime Minister Shinzo Abe held a meeting with Prime Minister Charles Michel of Belgium in Brussels on May 2.\n\nThe leaders agreed to cooperate.');
  assert.equal(be.participants.find((p) => p.name === 'Charles Michel')?.country, 'BE');
});

test('acts: hyphenated re- verbs, regret, expressing commitment, elaborated, presented, and "was briefed by" (the agent speaks)', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Prime Minister Fumio Kishida held a meeting with President Joseph R. Biden Jr. of the United States.',
    '1. The two leaders re-affirmed the alliance.\n\n2. Prime Minister Kishida regretted the launch.\n\n3. President Biden elaborated on the policy.\n\n4. Prime Minister Kishida presented the plan.\n\n5. Prime Minister Kishida was briefed by President Biden on the strategy.\n\n6. Expressing commitment to peace, the two leaders agreed to meet again.'));
  const acts = r.statements.map((s) => [s.act, s.speakerCountries.join('+')]);
  assert.deepEqual(acts, [['affirm', 'JP+US'], ['oppose', 'JP'], ['explain', 'US'], ['explain', 'JP'], ['explain', 'US'], ['commit', 'JP+US'], ['agree', 'JP+US']]);
});

test('"Both PMs" and "the two FMs" are every side', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Prime Minister Fumio Kishida held a meeting with Prime Minister Anthony Albanese of Australia.',
    '1. Prime Minister Albanese explained his policy.\n\n2. Both PMs agreed to cooperate.'));
  assert.deepEqual(r.statements.map((s) => s.speakerCountries), [['AU'], ['JP', 'AU']]);
});

test('a meeting sentence that names no one takes its participants from the next sentences of its paragraph', () => {
  const r = extract('EU-China summit\n\n1 April 2022\n\nThe 23rd EU-China summit took place today by videoconference. The EU was represented by Charles Michel, President of the European Council. The EU leaders first held talks with Premier Li Keqiang.\n\nThe leaders discussed trade.');
  assert.deepEqual(r.participants.map((p) => [p.name, p.country]), [['Charles Michel', 'EU'], ['Li Keqiang', 'CN']]);
  assert.equal(r.meeting.mode, 'video');
});

test('speech style: numbered first-person remarks under "X mentioned as follows:" are X\'s, act from each verb', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, held a meeting with Mr. Antony J. Blinken, Secretary of State of the United States.',
    '1. Secretary Blinken mentioned as follows:\n(1) I welcome the progress in cooperation.\n(2) We strongly condemn the launches.\n(3) The alliance is the cornerstone of peace.\n\n2. The two Ministers agreed to cooperate.'));
  assert.deepEqual(r.statements.map((s) => [s.item, s.act, s.speakerCountries.join('+')]),
    [['1(1)', 'support', 'US'], ['1(2)', 'oppose', 'US'], ['1(3)', 'state', 'US'], ['2', 'agree', 'JP+US']]);
});

// Topics as other governments write them (issue 14): [rule, sentence, topics it must give, topics it must not give]
const topicsOf = (sentence: string) => extract(MOFA('May 2, 2023',
  'On May 2, Prime Minister Fumio Kishida held a meeting with President Joseph R. Biden Jr. of the United States.',
  `1. ${sentence}`)).topics;
const TOPIC_RULES: [string, string, string[], string[]][] = [
  ['"in the margins of" a forum is an occasion',
    'The two leaders agreed to meet again in the margins of the G20 Summit in New Delhi.',
    ['visits'], ['multilateral']],
  ['"at the ... Summit" is an occasion',
    'Prime Minister Kishida said he looked forward to meeting President Biden at the NATO Summit next week.',
    ['visits'], ['multilateral']],
  ['an invitation to attend is a visit',
    'Prime Minister Kishida invited President Biden to attend the Democracy Forum in December.',
    ['visits'], []],
  ['NATO Allies and NATO operations',
    'The two leaders agreed that NATO Allies must provide the additional troops requested by commanders.',
    ['defense-cooperation', 'multilateral'], []],
  ['European defence',
    'President Biden briefed Prime Minister Kishida on proposals for strengthening European defence.',
    ['defense-cooperation'], []],
  ['a mutual defense treaty',
    'President Biden stressed the importance of the Mutual Defense Treaty for the security of both nations.',
    ['defense-cooperation'], []],
  ['cooperation on defence',
    'The leaders agreed to deepen cooperation on defence, trade and energy.',
    ['defense-cooperation'], []],
  ['cooperation in defence manufacturing is industry',
    'The leaders agreed to deepen cooperation in defence manufacturing.',
    [], ['defense-cooperation']],
  ['air defense supplied to a country at war is no cooperation',
    'President Biden thanked Japan for its decision to supply the air defense system.',
    [], ['defense-cooperation']],
  ['AUKUS', 'Prime Minister Kishida expressed support for AUKUS.', ['defense-industry'], []],
  ['joint development of fighter aircraft',
    'The two leaders affirmed that they would advance the joint development of a fighter aircraft.',
    ['defense-industry'], []],
  ['acquiring weapons',
    'The two leaders discussed the possibility of Japan acquiring surplus tanks.',
    ['defense-industry'], []],
  ['a frigate programme',
    'President Biden explained the status of the General Purpose Frigate program.',
    ['defense-industry'], []],
  ['North Korea back to dialogue',
    'Prime Minister Kishida asked China to play a constructive role in bringing North Korea back to dialogue.',
    ['north-korea-diplomacy'], []],
  ['actions of the China Coast Guard',
    'The two leaders expressed concern over the dangerous actions of the China Coast Guard against vessels.',
    ['china'], []],
  ['PRC pressure',
    'President Biden pledged to stand with Southeast Asian claimants in the face of PRC pressure.',
    ['china'], []],
  ['China\'s claims',
    'President Biden stated that the United States rejects China\'s maritime claims.',
    ['china'], []],
  ['China in a list of regional issues',
    'The two leaders exchanged views on regional situations, including China.',
    ['china'], []],
  ['the South China Sea in a list is not China',
    'The two leaders exchanged views on regional issues, including the South China Sea.',
    ['south-china-sea'], ['china']],
  ['Korea-X written without ROK', 'The leaders agreed to launch the Korea-EU Green Partnership.', ['south-korea'], []],
  ['Russian disinformation', 'The two leaders condemned Russian disinformation campaigns.', ['russia'], []],
  ['North Korea and Russia',
    'The two leaders condemned the military cooperation between North Korea and Russia.',
    ['russia'], []],
  ['a side and the Russian Federation',
    'President Biden said that Kazakhstan and the Russian Federation share a long history.',
    ['russia'], []],
  ['one-China policy',
    'President Biden stated that the United States abides by its one-China policy.',
    ['taiwan'], []],
  ['West Asia', 'The two leaders exchanged views on the situation in West Asia.', ['middle-east'], []],
  ['India-Middle East-Europe is a corridor',
    'The two leaders welcomed the India-Middle East-Europe Corridor.',
    [], ['middle-east']],
  ['investors', 'The two leaders welcomed the agreement, which will provide certainty to investors.', ['economy'], []],
  ['Mercosur',
    'President Biden supported the conclusion of the agreement between Mercosur and the European Union.',
    ['economy'], []],
  ['import restrictions',
    'Prime Minister Kishida called on China to lift its import restrictions on Japanese food products.',
    ['economy'], []],
  ['digitalisation',
    'The two leaders discussed cooperation in emerging areas such as digitalisation.',
    ['technology'], []],
  ['technological issues',
    'President Biden expressed the United States\' position on technological issues.',
    ['technology'], []],
  ['green hydrogen',
    'President Biden said that the United States wants to be a partner in the production of green hydrogen.',
    ['climate-energy'], []],
  ['the investment climate is no climate',
    'President Biden welcomed efforts to improve the investment climate.',
    [], ['climate-energy']],
  ['Ebola epidemic', 'The leaders discussed the international response to the Ebola epidemic.', ['health'], []],
  ['a violation of international law is the war, not the rule of law',
    'President Biden condemned the invasion as a violation of international law.',
    [], ['rule-of-law']],
  ['an Indo-Pacific that is free',
    'The two leaders reaffirmed their commitment to an Indo-Pacific that is free, open, and prosperous.',
    ['rule-of-law'], []],
  ['UNCLOS is no UN work',
    'The two leaders stressed the importance of the 1982 United Nations Convention on the Law of the Sea.',
    [], ['multilateral']],
  ['BRICS',
    'The two leaders agreed to strengthen coordination within BRICS.',
    ['multilateral'], []],
  ['the Shanghai Cooperation Organization',
    'The two leaders agreed to strengthen coordination within the Shanghai Cooperation Organization.',
    ['multilateral'], []],
  ['personnel exchanges',
    'The two leaders agreed to further promote personnel exchanges between the two countries.',
    ['people-exchange'], []],
  ['students and visitors',
    'The two leaders welcomed the growing number of visitors between the two countries.',
    ['people-exchange'], []],
  ['humanitarian aid in a war is the war\'s topic',
    'The two leaders discussed humanitarian assistance to civilians in Gaza.',
    ['middle-east'], ['disasters']],
  ['humanitarian aid after a disaster',
    'The two leaders discussed humanitarian assistance after the storm.',
    ['disasters'], []],
  ['a past State Visit is no visit',
    'The leaders reviewed the progress made since the President\'s State Visit in June.',
    [], ['visits']],
  ['a visit by someone later this year',
    'The two leaders agreed to maintain contact, including through a visit by the Premier to Tokyo later this year.',
    ['visits'], []],
  ['preparing a forum\'s summit is no visit',
    'The two leaders discussed preparations for the upcoming G7 Summit in Italy.',
    ['multilateral'], ['visits']],
  ['holding of a "2+2"',
    'The two leaders agreed to advance security cooperation, including early holding of a Japan-U.S. "2+2" meeting.',
    ['visits'], []],
  ['high-level exchanges', 'The two sides agreed to continue to maintain high-level exchanges.', ['visits'], []],
  ['a meeting to be held in a place',
    'The two leaders agreed to work toward the Ministers\' Meeting to be held in Tokyo.',
    ['visits'], []],
  ['looking forward to the next round',
    'The two leaders looked forward to the seventh Intergovernmental Consultations.',
    ['visits'], []],
  ['holding the next consultations',
    'The two leaders agreed to hold the next 2+2 consultations in 2025.',
    ['visits'], []],
  ['"US" written without periods',
    'The two leaders affirmed that cooperation among Japan, Australia, India and the US is important.',
    ['multilateral'], []],
  ['areas listed under reviewed relations are no topics on their own',
    'The two leaders reviewed bilateral relations, including trade, education and tourism.',
    [], ['economy', 'people-exchange']],
  ['what relations are underpinned by is a description',
    'The two leaders reaffirmed the warm relations, underpinned by strong economic ties and people-to-people links.',
    [], ['economy', 'people-exchange']],
  ['a dispatch of forces to the other side',
    'Prime Minister Kishida appreciated the dispatch of fighter aircraft of the U.S. Air Force to Japan this autumn.',
    ['defense-cooperation'], []],
  ['"once the situation permits" is a condition, not a topic',
    'The two leaders agreed to resume the visits to family graves as soon as the COVID-19 situation permits.',
    [], ['health']],
  ['attacks on energy infrastructure are the war, not energy',
    'President Biden explained the latest situation, including the attacks on the energy infrastructure.',
    [], ['climate-energy']],
  ['the East Sea issue, as Viet Nam names the South China Sea',
    'Regarding the East Sea issue, the two leaders stressed the importance of peace and stability.',
    ['south-china-sea'], []],
  ['market access',
    'Prime Minister Kishida called for fair and reciprocal market access.',
    ['economy'], []],
  ['companies operating abroad',
    'Prime Minister Kishida requested the protection of Japanese companies operating in China.',
    ['economy'], []],
  ['influence on Russia is about the war',
    'President Biden urged China to use its influence on Russia to bring the war to an end.',
    ['ukraine'], []],
  ['hope to welcome', 'President Biden expressed his hope to welcome Prime Minister Kishida.', ['visits'], []],
];
for (const [rule, sentence, want, not] of TOPIC_RULES) {
  test(`topics: ${rule}`, () => {
    const topics = topicsOf(sentence);
    for (const id of want) assert.ok(topics.includes(id), `${id} missing from ${topics.join(', ')}`);
    for (const id of not) assert.ok(!topics.includes(id), `${id} found in ${topics.join(', ')}`);
  });
}

test('"co-chaired" is a meeting verb; "EAM" before it is the office holder the sentence before names; "FM Kamikawa" is titled', () => {
  const r = extract('16th India-Japan Strategic Dialogue\n\nMarch 07, 2024\n\nExternal Affairs Minister Dr. S. Jaishankar is on an official visit to Japan from 06-08 March 2024. EAM and Foreign Minister of Japan Ms. Yoko Kamikawa co-chaired the 16th India-Japan Strategic Dialogue in Tokyo on 07 March 2024.\n\n2. FM Kamikawa welcomed the progress. The two Ministers agreed to cooperate.');
  assert.deepEqual(r.participants.map((p) => p.country), ['IN', 'JP']);
  assert.equal(r.meeting.kind, 'foreign-ministers');
  assert.deepEqual(r.statements.map((s) => s.speakerCountries.join('+')), ['JP', 'IN+JP']);
});

test('honorific-heavy Malaysian forms of a dictionary name link to the office holder; ministries are venues', () => {
  const r = extract('Press Release\n\nVISIT OF THE MINISTER OF FOREIGN AFFAIRS OF JAPAN TO MALAYSIA, 5 MAY 2024\n\nThe Minister of Foreign Affairs of Malaysia, YB Dato\' Seri Utama Haji Mohamad bin Haji Hasan, received the Minister for Foreign Affairs of Japan, H.E. Ms. Yoko Kamikawa, at Wisma Putra, Putrajaya, on 5 May 2024.\n\n2. YB Dato\' Seri Utama Haji Mohamad welcomed the visit.');
  assert.deepEqual(r.participants.map((p) => [p.name, p.country, p.role]), [['Mohamad Hasan', 'MY', 'foreign-minister'], ['Yoko Kamikawa', 'JP', 'foreign-minister']]);
  assert.equal(r.meeting.location.venue, 'Wisma Putra');
  assert.deepEqual(r.statements.map((s) => s.speakerCountries), [['MY']]);
});

test('a first-person release under an office alone ("Prime Minister") is that office holder\'s, in the home country', () => {
  const r = extract('Meeting with President Yoon\n\n12 July 2023\n\nPrime Minister\nMedia release\n\nToday I met with President Yoon Suk Yeol in Vilnius, Lithuania.\n\nThe President and I spoke about the Australia-Korea partnership. I thanked President Yoon for his support. Australia and Korea are close partners.');
  assert.deepEqual(r.participants.map((p) => [p.name, p.country]), [['Anthony Albanese', 'AU'], ['Yoon Suk Yeol', 'KR']]);
  assert.deepEqual(r.statements.map((s) => s.speakerCountries.join('+')), ['AU+KR', 'AU']);
});

test('layout: an opening whose only verbs are "said" or hyphenated ("co-chaired") is prose, not a headline', () => {
  const vocab = vocabulary();
  const text = 'Wang Yi Co-chairs the Dialogue\n\n2023-10-13 22:05\n\nOn October 13, 2023, Foreign Minister Wang Yi and High Representative of the European Union Josep Borrell co-chaired the Dialogue in Beijing.\n\nWang Yi said that this year marks the 20th anniversary of the partnership.\n';
  const layout = segmentLayout(text, vocab);
  assert.deepEqual(layout.header.map((h) => h.kind), ['headline', 'date']);
  assert.equal(layout.paragraphs.length, 2);
});

test('act modifiers may be hyphenated words that begin like a preposition ("had an in-depth exchange of views")', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Foreign Minister Yoshimasa Hayashi held a meeting with Foreign Minister Qin Gang of China.', '1. The two sides had an in-depth exchange of views on the crisis.'));
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakerCountries.join('+')]), [['discuss', 'JP+CN']]);
});

test('a labelled date line with a clock ("Date : 2024-03-18 19:45:00") is the publication stamp, not the start', () => {
  const r = extract('Foreign Minister Cho Holds Talks with Secretary Blinken\n\nDate : 2024-03-18 19:45:00\n\n1. Minister of Foreign Affairs Cho Tae-yul held talks with U.S. Secretary of State Antony Blinken at the Ministry of Foreign Affairs in Seoul on March 18.\n\n2. The two Ministers agreed to cooperate.');
  assert.equal(r.meeting.date, '2024-03-18');
  assert.equal(r.meeting.start, null);
});

test('location: "who is on a working visit to Singapore" places the meeting', () => {
  const r = extract('Minister Balakrishnan\'s Meeting with Foreign Minister Kamikawa\n\n23 Mar 2024\n\nMinister for Foreign Affairs Dr Vivian Balakrishnan met Japanese Minister for Foreign Affairs Yoko Kamikawa, who is on a working visit to Singapore, today.\n\nThe two Ministers reaffirmed the warm relations.');
  assert.deepEqual(r.meeting.location, { city: 'Singapore', country: 'SG', venue: null });
});

test('subjects: names with particles ("President von der Leyen") start a clause of their own and coordinate', () => {
  const r = extract('Korea-EU Summit\n\nMay 22, 2023\n\nPresident Yoon Suk Yeol held a summit with President of the European Council Charles Michel and President of the European Commission Ursula von der Leyen in Seoul on May 22.\n\nPresident Yoon explained the assistance to Ukraine, and President von der Leyen thanked the Korean government. President Michel and President von der Leyen expressed support for the initiative.');
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakers.join('+')]), [
    ['explain', 'Yoon Suk Yeol'], ['support', 'Ursula von der Leyen'], ['support', 'Charles Michel+Ursula von der Leyen']]);
});

test('"They" right after one side\'s group in the same paragraph is that group', () => {
  const r = extract('EU-China summit\n\n1 April 2022\n\nThe 23rd EU-China summit took place today by videoconference. The EU was represented by Charles Michel, President of the European Council, and Ursula von der Leyen, President of the European Commission. The EU leaders held talks with Premier Li Keqiang.\n\nThe EU leaders called on China to act. They stressed that sanctions matter.\n\nThey agreed to meet again.');
  assert.deepEqual(r.statements.map((s) => s.speakerCountries.join('+')), ['EU', 'EU', 'EU+CN']);
});

test('a Deputy Prime Minister is no leader: the office the dictionary gives decides', () => {
  const r = extract('Japan-Australia Meeting\n\nMay 2, 2023\n\nOn May 2, Minister of Defense Yasukazu Hamada held a meeting with Deputy Prime Minister Richard Marles of Australia.\n\nThe two sides agreed to cooperate.');
  assert.equal(r.participants.find((p) => p.name === 'Richard Marles')?.role, 'defense-minister');
});

test('seas named after a country ("the East and South China Seas") mention no country', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Foreign Minister Yoshimasa Hayashi held a meeting with Penny Wong, Minister for Foreign Affairs of Australia.', '1. They discussed the situation in the East and South China Seas.'));
  assert.equal(r.mentions.countries.includes('CN'), false);
});

test('"Recognizing ..., A and B affirmed ...": A and B are one subject, of both clauses', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Foreign Minister Yoshimasa Hayashi held a meeting with Penny Wong, Minister for Foreign Affairs of Australia.', '1. Recognizing the threat, Minister Hayashi and Minister Wong affirmed the importance of the alliance.'));
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakerCountries.join('+')]), [['share-view', 'JP+AU'], ['affirm', 'JP+AU']]);
});

test('mentions: a named office holder refers to their country ("President Putin" -> RU)', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Foreign Minister Yoshimasa Hayashi held a meeting with Penny Wong, Minister for Foreign Affairs of Australia.', '1. They discussed the remarks of President Putin.'));
  assert.equal(r.mentions.countries.includes('RU'), true);
});

test('people: a surname on the next line does not continue a title or name ("Kishi Nobuo" / "May 8, 2023")', () => {
  const r = extract('Readout of Secretary Austin\'s Meeting With Japanese Minister of Defense Kishi Nobuo\nMay 8, 2022\n\nSecretary of Defense Lloyd J. Austin III met today with Japanese Minister of Defense Kishi Nobuo at the Pentagon. The leaders agreed to cooperate.');
  assert.equal(r.mentions.people.includes('Theresa May'), false);
  assert.equal(r.mentions.countries.includes('GB'), false);
});

test('"The President of the Republic" is the host republic\'s own president, named only in the headline', () => {
  const r = extract('Meeting between the President of the Republic, Emmanuel Macron, and the President of the Republic of Korea, Yoon Suk Yeol\n\n20 June 2023 - Press release\n\nThe President of the Republic received the President of the Republic of Korea, Mr Yoon Suk Yeol, at the Élysée Palace on Tuesday 20 June 2023.\n\nThe two Heads of State agreed to cooperate. The President of the Republic reiterated his solidarity with the Republic of Korea.');
  assert.deepEqual(r.meeting.countries, ['FR', 'KR']);
  assert.deepEqual(r.statements.map((s) => s.speakerCountries.join('+')), ['FR+KR', 'FR']);
});

test('venues and towns of the dictionary: Château de La Celle in La Celle-Saint-Cloud, Far Eastern Federal University', () => {
  const r = extract('Weimar Triangle\n\n12.02.2024\n\nOn 12 February, Minister of Foreign Affairs Radosław Sikorski met with Minister for Europe and Foreign Affairs Stéphane Séjourné at the Château de La Celle in La Celle-Saint-Cloud, near Paris.\n\nThe ministers agreed to cooperate.');
  assert.deepEqual(r.meeting.location, { city: 'La Celle-Saint-Cloud', country: 'FR', venue: 'Château de La Celle' });
});

test('a news-style headline naming two people at the table is the title when no headline names a meeting', () => {
  const r = extract('Department of National Defense\n\nSND Teodoro, Japanese Defense Minister Kihara agree to deepen defense ties\n\n04 August 2024\n\nSecretary of National Defense Gilberto C. Teodoro Jr. welcomed Minister of Defense Minoru Kihara of Japan at Camp Aguinaldo today. The two ministers agreed to cooperate.');
  assert.equal(r.meeting.title, 'SND Teodoro, Japanese Defense Minister Kihara agree to deepen defense ties');
});

test('", where X stressed ..." is a clause of its own, with X as its subject', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Foreign Minister Yoshimasa Hayashi held a meeting with Penny Wong, Minister for Foreign Affairs of Australia.', '1. The Ministers exchanged views on the Pacific, where Minister Wong stressed that cooperation should be transparent.'));
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakerCountries.join('+')]), [['discuss', 'JP+AU'], ['state', 'AU']]);
});

test('"..., which they said will ..." is a remark of its own inside a relative clause', () => {
  const r = extract(MOFA('May 2, 2023', 'On May 2, Foreign Minister Yoshimasa Hayashi held a meeting with Penny Wong, Minister for Foreign Affairs of Australia.', '1. Both Ministers welcomed the agreement, which they said will provide certainty to investors.'));
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakerCountries.join('+')]), [['support', 'JP+AU'], ['state', 'JP+AU']]);
});

test('venues: Camp General Emilio Aguinaldo, the Philippine defense department, in Quezon City', () => {
  const r = extract('Department of National Defense\n\nSND Teodoro meets Japanese Defense Minister\n\n04 August 2024\n\nSecretary of National Defense Gilberto C. Teodoro Jr. met Minister of Defense Minoru Kihara of Japan at Camp General Emilio Aguinaldo today. The two ministers agreed to cooperate.');
  assert.deepEqual(r.meeting.location, { city: 'Quezon City', country: 'PH', venue: 'Camp General Emilio Aguinaldo' });
});
