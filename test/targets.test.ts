// Unit tests for the targets extractor: which third countries each statement's act is aimed at or about, and
// which countries named in a statement are not targets (the sides, a meeting's venue, a place in a person's name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline.js';

const opening = 'Japan-U.S. Foreign Ministers\' Meeting\n\nOctober 4, 2022\n\nOn October 4, Mr. HAYASHI ' +
  'Yoshimasa, Minister for Foreign Affairs of Japan, held a meeting with the Honorable Antony J. Blinken, Secretary ' +
  'of State of the United States of America. The overview of the meeting is as follows.\n\n';

/** Each statement's targets, by a phrase of its text. */
function targetsOf(body: string): (phrase: string) => string[] {
  const r = extract(opening + body);
  assert.deepEqual(r.meeting.countries, ['JP', 'US']);
  return (phrase) => {
    const st = r.statements.find((s) => s.text.includes(phrase));
    assert.ok(st, `no statement with "${phrase}" in ${JSON.stringify(r.statements.map((s) => s.text))}`);
    return st.targets;
  };
}

test('a joint condemnation of a third country targets it, not the other side', () => {
  const t = targetsOf('1. The two ministers strongly condemned North Korea\'s repeated ballistic missile launches.');
  assert.deepEqual(t('condemned'), ['KP']);
});

test('support for a third country targets it; its aggressor named in the act is one too', () => {
  const t = targetsOf('1. The two ministers reaffirmed their support for Ukraine.\n\n2. Minister Hayashi stated that ' +
    'Russia\'s aggression against Ukraine shakes the foundation of the international order.');
  assert.deepEqual(t('support for Ukraine'), ['UA']);
  assert.deepEqual(t('aggression').sort(), ['RU', 'UA']);
});

test('an act that concerns only the sides has no targets, though it names them', () => {
  const t = targetsOf('1. The two ministers affirmed that they would further strengthen the Japan-U.S. Alliance. ' +
    'Secretary Blinken reiterated that the U.S. commitment to the defense of Japan is ironclad.');
  assert.deepEqual(t('Alliance'), []);
  assert.deepEqual(t('commitment'), []);
});

test('mentions that are not targets: a venue, a country chairing a forum, a place in a name', () => {
  const t = targetsOf('1. The two ministers agreed to meet again on the margins of the G20 Summit in Rio de Janeiro, ' +
    'Brazil.\n\n2. The two ministers agreed that the issue should be discussed within the G7 under the Italian ' +
    'presidency.\n\n3. Minister Hayashi thanked Ambassador Florence Smith for her work.');
  assert.deepEqual(t('meet again'), []);
  assert.deepEqual(t('G7'), []);
  assert.deepEqual(t('Florence Smith'), []);
});

test('a partner in cooperation is a target; so is the country a trilateral framework adds', () => {
  const t = targetsOf('1. The two ministers agreed to further strengthen Japan-U.S.-ROK trilateral cooperation.');
  assert.deepEqual(t('trilateral'), ['KR']);
});

test('what an act points back at: "the launch", a bare answer, a lead-in, a topic that is one country\'s', () => {
  const t = targetsOf('1. Minister Hayashi explained that North Korea had launched a ballistic missile this ' +
    'morning.\n\n2. Secretary Blinken strongly condemned the launch.\n\n' +
    '3. Minister Hayashi requested continued cooperation toward the resolution of the abductions issue, and ' +
    'Secretary Blinken expressed his support.\n\n' +
    '4. Regarding China, the two ministers confirmed that they would coordinate closely.');
  assert.deepEqual(t('had launched'), ['KP']);
  assert.deepEqual(t('condemned the launch'), ['KP']);
  assert.deepEqual(t('abductions'), ['KP'], 'the abductions issue is North Korea\'s');
  assert.deepEqual(t('expressed his support'), ['KP']);
  assert.deepEqual(t('coordinate closely'), ['CN']);
});

test('a later matter of the same paragraph does not keep the lead-in\'s target', () => {
  const t = targetsOf('1. On Ukraine, the two ministers reaffirmed their support for President Zelenskyy. The two ' +
    'ministers also agreed to strengthen cooperation on economic security.');
  assert.deepEqual(t('Zelenskyy'), ['UA']);
  assert.deepEqual(t('economic security'), []);
});

test('every statement of a record carries targets', () => {
  const r = extract(opening + '1. The two ministers exchanged views on the regional situation.');
  assert.ok(r.statements.length > 0);
  for (const s of r.statements) assert.ok(Array.isArray(s.targets));
});
