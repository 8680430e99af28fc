// Unit tests for the extractors that fill the record's header facts: title, publisher, date line, mode,
// kind and format, place and venue, first-person readouts, related meetings, mentions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline.js';

test('header: headline over photo captions, date line, publisher from the page layout', () => {
  const r = extract(`Japan-United States of America Relations\n\nFebruary 10, 2017\nJapan-U.S. Foreign Ministers’ Meeting1\nJapan-U.S. Foreign Ministers’ Meeting2\n\nOn February 10th, Mr. Fumio Kishida, Minister for Foreign Affairs, held a Japan-U.S. Foreign Ministers' Meeting with the Honorable Rex Tillerson, Secretary of State of the United States of America. The overview of the meeting is as follows.\n\n1. The two sides affirmed the importance of the Alliance.\n\nBack to Japan-United States of America Relations`);
  assert.equal(r.meeting.title, 'Japan-U.S. Foreign Ministers’ Meeting');
  assert.equal(r.source.publishedDate, '2017-02-10');
  assert.equal(r.source.publisher, 'Ministry of Foreign Affairs of Japan');
  assert.equal(r.meeting.date, '2017-02-10');
  assert.ok(!r.statements.some((s) => /Back to/.test(s.text)));
});

test('a section header is not a title; no headline gives null', () => {
  const r = extract(`Japan-China Relations\n\nMay 1, 2019\n\nOn May 1, Mr. Taro Kono, Minister for Foreign Affairs, held a meeting with Mr. Wang Yi, State Councilor and Minister of Foreign Affairs of China. The overview is as follows.\n\n1. The two ministers agreed to work together.`);
  assert.equal(r.meeting.title, null);
  assert.deepEqual(r.meeting.countries, ['JP', 'CN']);
});

test('mode: video conferences and telephone calls', () => {
  const video = extract('Japan-Australia Summit Video Teleconference Meeting\n\nJanuary 6, 2022\n\nOn January 6, Mr. KISHIDA Fumio, Prime Minister of Japan, held a Japan-Australia Summit Video Teleconference Meeting with the Hon. Scott Morrison MP, Prime Minister of Australia. The overview is as follows.\n\n1. The two leaders welcomed the signing of the agreement.');
  assert.equal(video.meeting.mode, 'video');
  assert.equal(video.meeting.kind, 'summit');
  assert.equal(video.meeting.location.country, null);
  const call = extract('Secretary Blinken\'s Call with Japanese Foreign Minister Hayashi\n\nAs stated by Spokesperson Ned Price:\n\nSecretary of State Antony J. Blinken spoke today with Japanese Minister for Foreign Affairs Hayashi Yoshimasa. They reiterated their support for Ukraine.');
  assert.equal(call.meeting.mode, 'telephone');
  assert.equal(call.source.publisher, 'U.S. Department of State');
  assert.equal(call.meeting.date, null, '"today" without a date line is no date');
});

test('kind and format from the roles at the table', () => {
  const twoPlusTwo = extract('Japan-U.S. Security Consultative Committee\n\nOn Mar 16, Minister for Foreign Affairs Motegi, Minister of Defense Kishi, Secretary of State Antony Blinken, and Secretary of Defense Lloyd Austin held the U.S.-Japan Security Consultative Committee (SCC) in Tokyo.\n\nThe four ministers reaffirmed the Alliance.');
  assert.equal(twoPlusTwo.meeting.kind, 'two-plus-two');
  assert.equal(twoPlusTwo.participants.length, 4);
  assert.equal(twoPlusTwo.meeting.date, null, 'a date without any year is null');
  const courtesy = extract('Courtesy Call on Prime Minister Modi\n\nJuly 28, 2023\n\nOn July 28, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, who is visiting India, paid a courtesy call on Shri Narendra Modi, Prime Minister of India. The overview is as follows.\n\n1. Prime Minister Modi welcomed the visit.');
  assert.equal(courtesy.meeting.kind, 'courtesy-call');
  const tri = extract('Japan-U.S.-ROK Foreign Ministers\' Meeting\n\nJuly 8, 2018\n\nOn July 8, Mr. Taro Kono, Minister for Foreign Affairs, held a Japan-U.S.-Republic of Korea (ROK) Foreign Ministers\' Meeting with the Honorable Mike Pompeo, Secretary of State of the United States, and H.E. Dr. Kang Kyung-wha, Minister of Foreign Affairs of the ROK, who were visiting Japan. The overview is as follows.\n\n1. The three ministers confirmed their goal.');
  assert.equal(tri.meeting.format, 'trilateral');
  assert.deepEqual(tri.statements[0].speakerCountries, ['JP', 'US', 'KR']);
});

test('place: a known venue gives its city and country; a dateline is the fallback', () => {
  const r = extract('Readout\n\nApril 10, 2024\n\nPresident Joseph R. Biden, Jr. hosted Prime Minister Kishida Fumio of Japan at the White House today. The leaders welcomed their cooperation.');
  assert.deepEqual(r.meeting.location, { city: 'Washington', country: 'US', venue: 'White House' });
  const dateline = extract('Prime Minister Justin Trudeau meets with Prime Minister of Japan Fumio Kishida\n\nJanuary 12, 2023\nOttawa, Ontario\n\nToday, Prime Minister Justin Trudeau met with the Prime Minister of Japan, Fumio Kishida. The leaders discussed the G7.');
  assert.equal(dateline.meeting.location.country, 'CA');
  assert.equal(dateline.meeting.location.city, 'Ottawa');
  // a dateline opening the body: a known city, or an unknown town before its country, written in capitals
  const body = (line: string) => extract(`Minister meets Dutch counterpart\n\nSeptember 29, 2006\n\n${line} The Minister of National Defence, Gordon O'Connor, met today with Henk Kamp, Minister of Defence of the Netherlands.\n\nThe two Ministers reviewed the situation in Afghanistan.\n`).meeting.location;
  assert.deepEqual(body('PORTOROŽ, Slovenia -'), { city: 'Portorož', country: 'SI', venue: null });
  assert.deepEqual(body('QUEZON CITY –'), { city: 'Quezon City', country: 'PH', venue: null });
  assert.deepEqual(body('Vienna:'), { city: 'Vienna', country: 'AT', venue: null });
  assert.deepEqual(body('Minister O\'Connor said:'), { city: null, country: null, venue: null });
});

test('first-person readouts: "I" is the byline\'s principal', () => {
  const r = extract('Meeting with President Xi Jinping\n\nMedia release\n6 November 2023\nPrime Minister The Hon Anthony Albanese MP\n\nToday I met President Xi Jinping of the People\'s Republic of China in Beijing.\n\nI welcomed the progress we have made. President Xi and I discussed the importance of trade.');
  assert.deepEqual(r.participants.map((p) => [p.name, p.country]), [['Anthony Albanese', 'AU'], ['Xi Jinping', 'CN']]);
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakerCountries.join('+')]), [['support', 'AU'], ['discuss', 'AU+CN']]);
  assert.equal(r.meeting.kind, 'summit');
});

test('related meetings and mentioned people are recorded', () => {
  const r = extract(`Japan-United States of America Relations\n\nJune 14, 2018\n\nOn June 14, Mr. Taro Kono, Minister for Foreign Affairs, who was visiting Seoul, held a meeting with the Honorable Mike Pompeo, Secretary of State of the United States. The overview of the meeting is as follows.\n\n1. Following the Japan-U.S. Foreign Ministers' Telephone Talk on June 12, Secretary Pompeo explained the U.S.-North Korea Summit Meeting with Chairman Mr. Kim Jong Un.`);
  assert.ok(r.related.some((x) => x.title === "Japan-U.S. Foreign Ministers' Telephone Talk" && x.date === '2018-06-12'));
  assert.ok(r.mentions.people.includes('Kim Jong Un'));
  assert.ok(r.mentions.countries.includes('KP'));
  assert.ok(r.participants[1].mentions.length >= 2);
});

test('"he met with" takes its subject from the sentence before', () => {
  const r = extract("Secretary Blinken's Travel to Manila\n\nMarch 19, 2024\n\nSecretary of State Antony J. Blinken traveled to Manila, Philippines, on March 18-19. While there, he met with Philippine Secretary of Foreign Affairs Enrique Manalo to discuss the alliance.\n\nThe Secretary and Secretary Manalo discussed efforts to strengthen economic cooperation.");
  assert.deepEqual(r.participants.map((p) => p.country), ['US', 'PH']);
  assert.deepEqual(r.statements.map((s) => s.speakerCountries), [['US', 'PH']]);
  assert.equal(r.meeting.location.city, 'Manila');
});

test('participants: a side the headline names goes to whoever holds it, and an unlisted host met in their capital is of that country', () => {
  const page = (city: string) => `Foreign Minister meets Chinese counterpart in ${city}\n\n18 March 2024\n\nForeign Minister Aroha Tane today hosted the Foreign Minister of the People’s Republic of China, Wang Yi, for formal talks in ${city}.\n\nMinister Tane welcomed Minister Wang to New Zealand. The two Ministers discussed trade and agreed to maintain regular contact.\n`;
  const inCapital = extract(page('Wellington'));
  assert.deepEqual(inCapital.participants.map((p) => [p.name, p.country, p.actorId]), [['Aroha Tane', 'NZ', null], ['Wang Yi', 'CN', 'cn-wang-yi']]);
  assert.deepEqual(inCapital.meeting.countries, ['NZ', 'CN']);
  // elsewhere the host could be of either side: not given the guest's country (an unlisted person of no known
  // country is left out)
  const elsewhere = extract(page('Auckland'));
  assert.deepEqual(elsewhere.participants.map((p) => [p.name, p.country]), [['Wang Yi', 'CN']]);
});

test('people: "The Honourable" and "H.E." open a name, a portfolio is not one, and a title with "and" in it is whole', () => {
  const za = extract(`Minister Zulu hosts Russian Foreign Minister Sergey Lavrov\n\n23 January 2023\n\nThe Minister of International Relations and Cooperation, Dr Amara Zulu, today hosted the Minister of Foreign Affairs of the Russian Federation, H.E. Mr Sergey Lavrov, for bilateral talks in Pretoria.\n\nMinister Zulu noted that trade remained modest. The two Ministers agreed to meet again.\n`);
  // not "International Relations", and Dr Zulu's title is not Mr Lavrov's
  assert.deepEqual(za.participants.map((p) => [p.name, p.title, p.role, p.country]), [
    ['Amara Zulu', 'Minister of International Relations and Cooperation', 'foreign-minister', 'ZA'],
    ['Sergey Lavrov', 'Minister of Foreign Affairs of the Russian Federation', 'foreign-minister', 'RU']]);
  const ca = extract(`Minister meets Dutch counterpart\n\nSeptember 29, 2006\n\nPORTOROŽ, Slovenia - The Honourable Gordon J. O'Connor, Minister of National Defence, met today with His Excellency Henk Kamp, Minister of Defence of the Kingdom of the Netherlands.\n\nThe two Ministers reviewed the situation in Afghanistan.\n`);
  assert.deepEqual(ca.participants.map((p) => [p.name, p.country, p.actorId]), [["Gordon O'Connor", 'CA', 'ca-gordon-oconnor'], ['Henk Kamp', 'NL', ca.participants[1]?.actorId ?? null]]);
  const tr = extract(`Visit of the Minister of Foreign Affairs to Greece\n\n5 September 2023\n\nMinister of Foreign Affairs H.E. Mr. Aydin Kaya paid a working visit to Athens today and held a meeting with H.E. Mr. Giorgos Gerapetritis, Minister of Foreign Affairs of the Hellenic Republic.\n\nThe two Ministers discussed bilateral relations.\n`);
  assert.ok(!tr.participants.some((p) => /^H\.?E\.?$/.test(p.name)), JSON.stringify(tr.participants.map((p) => p.name)));
});

test('statements: "the Australian side", "the Australian Minister" speak for that country\'s participants', () => {
  const r = extract(`France-Australia Ministerial Consultations\n\n30 August 2021\n\nJean-Yves Le Drian, Minister for Europe and Foreign Affairs, held consultations by videoconference with Senator the Hon Marise Payne, Minister for Foreign Affairs of Australia.\n\n1. The Ministers underlined the importance of the Future Submarine Program, and the Australian side reaffirmed its commitment to it.\n\n2. The Ministers underlined the importance of the Pacific, and the Australian Minister reaffirmed her commitment to it.\n`);
  assert.deepEqual(r.statements.map((s) => [s.act, s.speakers]), [
    ['state', ['Jean-Yves Le Drian', 'Marise Payne']], ['affirm', ['Marise Payne']],
    ['state', ['Jean-Yves Le Drian', 'Marise Payne']], ['affirm', ['Marise Payne']]]);
});

test('a press-release byline is not a statement, and "welcomed <titled guest> of <country> at" is the meeting', () => {
  const r = extract(`Defence ministers agree to deepen cooperation\n\nJoint press release issued by the Ministry of Defence and the Ministry for Foreign Affairs\n\n04 August 2024\n\nQUEZON CITY – Secretary of National Defense Gilberto C. Teodoro Jr. welcomed Federal Minister of Defence Boris Pistorius of the Federal Republic of Germany at Camp General Emilio Aguinaldo today.\n\nThe two ministers agreed to conclude a defense cooperation arrangement.\n`);
  assert.deepEqual(r.statements.map((s) => s.act), ['agree']);
  assert.deepEqual(r.participants.map((p) => p.country), ['PH', 'DE']);
});
