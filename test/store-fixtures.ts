// Fixture records with known content, shared by the store and archive tests (independent of the extraction pipeline).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ReadoutRecord, Statement } from '../src/record/schema.js';
import type { DocumentInput } from '../src/store/store.js';

export interface Fixture { text: string; date: string; title: string; countries: string[]; host: string | null; mode?: ReadoutRecord['meeting']['mode'];
  participants: [string, string, string | null][]; statements: [string, Statement['act'], string[], string[]][]; topics: string[] }

/** A record whose statements are sentences of `text`, with spans that index it. */
export function fixtureDoc(f: Fixture, path: string | null = null): DocumentInput {
  const sha256 = createHash('sha256').update(f.text).digest('hex');
  const statements: Statement[] = f.statements.map(([quote, act, speakerCountries, topics]) => {
    const at = f.text.indexOf(quote);
    assert.ok(at >= 0, `fixture quote not in text: ${quote}`);
    const speakers = f.participants.filter((p) => speakerCountries.includes(p[1])).map((p) => p[0]);
    return { text: quote, span: [at, at + quote.length], item: null, speakers, speakerCountries, act, topics };
  });
  const record: ReadoutRecord = {
    schema: 'readout/1',
    source: { path, url: null, sha256, publisher: 'Ministry of Foreign Affairs of Japan', publishedDate: f.date },
    meeting: {
      title: f.title, kind: 'foreign-ministers', mode: f.mode ?? 'in-person', format: f.countries.length > 2 ? 'trilateral' : 'bilateral',
      countries: f.countries, date: f.date, start: null, durationMinutes: 60, durationApproximate: true,
      location: { city: null, country: f.host, venue: null }, occasion: null,
    },
    participants: f.participants.map(([name, country, actorId]) => ({ name, title: null, role: 'foreign-minister', country, actorId, mentions: [] })),
    statements, topics: f.topics, mentions: { countries: f.countries, organizations: [], people: [] }, related: [],
  };
  return { path, sha256, text: f.text, record, extractorVersion: 'test-1' };
}

export const FIXTURES: Fixture[] = [
  {
    text: 'Japan-U.S. Foreign Ministers\' Meeting. Minister Kono reaffirmed that Article 5 of the Japan-U.S. Security Treaty applies to the Senkaku Islands. '
      + 'The two ministers agreed to strengthen the Japan-U.S. Alliance. Secretary Tillerson requested cooperation on North Korea.',
    date: '2017-08-16', title: 'Japan-U.S. Foreign Ministers\' Meeting', countries: ['JP', 'US'], host: 'US',
    participants: [['Taro Kono', 'JP', 'jp-taro-kono'], ['Rex Tillerson', 'US', 'us-rex-tillerson']],
    statements: [
      ['reaffirmed that Article 5 of the Japan-U.S. Security Treaty applies to the Senkaku Islands', 'affirm', ['JP'], ['senkaku', 'defense-cooperation']],
      ['agreed to strengthen the Japan-U.S. Alliance', 'agree', ['JP', 'US'], ['defense-cooperation']],
      ['requested cooperation on North Korea', 'request', ['US'], ['north-korea-pressure']],
    ],
    topics: ['senkaku', 'defense-cooperation', 'north-korea-pressure'],
  },
  {
    text: 'Japan-China Foreign Ministers\' Meeting. Minister Kono strongly protested the incursions near the Senkaku Islands. '
      + 'The ministers discussed economic relations.',
    date: '2018-01-28', title: 'Japan-China Foreign Ministers\' Meeting', countries: ['JP', 'CN'], host: 'CN',
    participants: [['Taro Kono', 'JP', null], ['Wang Yi', 'CN', null]],
    statements: [
      ['strongly protested the incursions near the Senkaku Islands', 'oppose', ['JP'], ['senkaku']],
      ['discussed economic relations', 'discuss', ['JP', 'CN'], ['economy']],
    ],
    topics: ['senkaku', 'economy'],
  },
  {
    text: 'Japan-U.S.-ROK Foreign Ministers\' Telephone Talk. The three ministers reaffirmed the Senkaku position and welcomed the 2+2 dialogue. '
      + 'Secretary Pompeo rejected the claims.',
    date: '2019-03-02', title: 'Japan-U.S.-ROK Foreign Ministers\' Telephone Talk', countries: ['JP', 'US', 'KR'], host: null, mode: 'telephone',
    participants: [['Taro Kono', 'JP', 'jp-taro-kono'], ['Mike Pompeo', 'US', 'us-mike-pompeo'], ['Kyung-wha Kang', 'KR', null]],
    statements: [
      ['reaffirmed the Senkaku position', 'affirm', ['JP', 'US', 'KR'], ['senkaku']],
      ['welcomed the 2+2 dialogue', 'support', ['JP'], ['defense-cooperation']],
      ['rejected the claims', 'oppose', ['US'], []],
    ],
    topics: ['senkaku', 'defense-cooperation'],
  },
];

/** A readout with `agreed` "agree" statements (more than the 128 a block of statement keys holds for one act) and a
 *  few others, dated like FIXTURES[1], so its keys and its neighbour's share a day. */
export function manyStatementsFixture(agreed: number): Fixture {
  const sentences = Array.from({ length: agreed }, (_, i) => `The ministers agreed on point ${i + 1} of the plan.`);
  return {
    text: `Japan-ROK Foreign Ministers' Meeting. ${sentences.join(' ')} Minister Park reaffirmed the joint declaration. `
      + 'Minister Kono requested a visit to Tokyo.',
    date: '2018-01-28', title: 'Japan-ROK Foreign Ministers\' Meeting', countries: ['JP', 'KR'], host: 'KR',
    participants: [['Taro Kono', 'JP', 'jp-taro-kono'], ['Park Jin', 'KR', null]],
    statements: [
      ...sentences.map((s, i): Fixture['statements'][number] => [s.slice(0, -1), 'agree', ['JP', 'KR'], i % 2 ? ['economy'] : []]),
      ['reaffirmed the joint declaration', 'affirm', ['KR'], []],
      ['requested a visit to Tokyo', 'request', ['JP'], ['visits']],
    ],
    topics: ['economy', 'visits'],
  };
}

/** What extraction makes of a text that is not a readout (src/extractors/readout-check.ts): empty fields, a warning. */
export function nonReadoutDoc(text: string, path: string | null = null): DocumentInput {
  const sha256 = createHash('sha256').update(text).digest('hex');
  const record: ReadoutRecord = {
    schema: 'readout/1',
    source: { path, url: null, sha256, publisher: null, publishedDate: null },
    meeting: {
      title: null, kind: 'other', mode: 'in-person', format: 'bilateral', countries: [], date: null, start: null, durationMinutes: null,
      durationApproximate: false, location: { city: null, country: null, venue: null }, occasion: null,
    },
    participants: [], statements: [], topics: [], mentions: { countries: [], organizations: [], people: [] }, related: [],
    warnings: ['not a readout: no meeting between named participants found'],
  };
  return { path, sha256, text, record, extractorVersion: 'test-1' };
}
