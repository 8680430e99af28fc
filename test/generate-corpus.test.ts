import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCorpus, loadSeedDocs } from '../scripts/generate-corpus.js';

const SEEDS = [
  {
    name: 'mofa.txt',
    text: `Japan-United States of America Relations

Japan-U.S. Foreign Ministers' Meeting

April 17, 2023

On April 17th, commencing at 6:25 p.m., for approximately 20 minutes, Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, held a meeting with the Honorable Antony Blinken, Secretary of State of the United States of America. The overview of the meeting is as follows.

  1. At the outset, Minister Hayashi welcomed the close coordination between Japan and the U.S., including the close relationship between the two ministers.
  2. The two ministers exchanged their views on Japan-U.S. security cooperation, based on the achievement of the Japan-U.S. "2+2" in January.
  3. The two ministers exchanged views on the situation in Ukraine, issues related to China, and responses to North Korea, including the launch on April 13.
  4. Secretary Blinken stated that the United States would work closely with Japan toward the success of the G7 Hiroshima Summit.
`,
  },
  {
    name: 'state.txt',
    text: `Secretary Blinken's Call with Japanese Foreign Minister Hayashi

As stated by Spokesperson Ned Price:

Secretary of State Antony J. Blinken spoke today with Japanese Minister for Foreign Affairs Hayashi Yoshimasa. They reiterated their unwavering support for Ukraine's independence, sovereignty, and territorial integrity.

Secretary Blinken condemned the DPRK's ballistic missile launch and stressed that the U.S. commitment to the defense of Japan remains ironclad, and they discussed the Korean Peninsula.

Secretary Blinken and Foreign Minister Hayashi reiterated their commitment to modernizing the U.S.-Japan Alliance, aligning strategic goals, and further strengthening cooperation.
`,
  },
];

test('deterministic for a seed', () => {
  const a = generateCorpus(200, 42, { seeds: SEEDS });
  const b = generateCorpus(200, 42, { seeds: SEEDS });
  assert.deepEqual(a, b);
  const c = generateCorpus(200, 43, { seeds: SEEDS });
  assert.notDeepEqual(a.map((d) => d.text), c.map((d) => d.text));
  // A shorter run is a prefix of a longer one.
  assert.deepEqual(generateCorpus(50, 42, { seeds: SEEDS }), a.slice(0, 50));
});

test('count is honored', () => {
  assert.equal(generateCorpus(0, 1, { seeds: SEEDS }).length, 0);
  assert.equal(generateCorpus(1, 1, { seeds: SEEDS }).length, 1);
  assert.equal(generateCorpus(777, 1, { seeds: SEEDS }).length, 777);
  assert.throws(() => generateCorpus(-1, 1, { seeds: SEEDS }), RangeError);
});

test('every document is different, names are unique, no seed is copied verbatim', () => {
  const docs = generateCorpus(3000, 5, { seeds: SEEDS });
  assert.equal(new Set(docs.map((d) => d.text)).size, docs.length);
  assert.equal(new Set(docs.map((d) => d.name)).size, docs.length);
  const originals = new Set(SEEDS.map((s) => s.text));
  assert.ok(docs.every((d) => !originals.has(d.text)));
  assert.ok(docs.every((d) => d.text.trim().length > 100));
});

test('varies names, dates and item order consistently', () => {
  const docs = generateCorpus(400, 9, { seeds: SEEDS });
  const mofa = docs.filter((d) => d.name.endsWith('mofa.txt'));
  // Participants are swapped for other office holders, in the same name form.
  assert.ok(mofa.some((d) => !d.text.includes('HAYASHI Yoshimasa') && /Mr\. [A-Z]{3,} [A-Z][a-z]+, Minister for Foreign Affairs/.test(d.text)));
  assert.ok(mofa.some((d) => !d.text.includes('Antony Blinken') && /the Honorable [A-Z][a-z]+ [A-Z][a-z]+, Secretary of State/.test(d.text)));
  for (const d of mofa) {
    // The date line and the day in the text move together.
    const m = /\n\n([A-Z][a-z]+) (\d{1,2}), (\d{4})\n\nOn ([A-Z][a-z]+) (\d{1,2})(st|nd|rd|th), commencing/.exec(d.text);
    assert.ok(m, d.text);
    assert.equal(m[1], m[4]);
    assert.equal(m[2], m[5]);
    const year = Number(m[3]);
    assert.ok(year >= 2009 && year <= 2026, `year ${year}`);
    // Items are renumbered 1..4 whatever their order.
    const nums = [...d.text.matchAll(/^ {2}\(?(\d)[.)] /gm)].map((x) => Number(x[1]));
    assert.deepEqual(nums, [1, 2, 3, 4], d.text);
  }
  assert.ok(mofa.some((d) => !/^ {2}\(?1[.)] At the outset/m.test(d.text)), 'items get shuffled');
  assert.ok(new Set(mofa.map((d) => /^ {2}(\(?1[.)])/m.exec(d.text)?.[1].replace('1', 'N'))).size > 1, 'numbering style varies');
  // A readout without a date gets a date line under its headline.
  const state = docs.filter((d) => d.name.endsWith('state.txt'));
  assert.ok(state.every((d) => /^.+\n\n[A-Z][a-z]+ \d{1,2}, \d{4}\n\n/.test(d.text)));
});

test('uses the dev corpus (or built-in seeds) by default', () => {
  const seeds = loadSeedDocs();
  assert.ok(seeds.length >= 3);
  const docs = generateCorpus(seeds.length * 2, 1);
  assert.equal(new Set(docs.map((d) => d.text)).size, docs.length);
});
