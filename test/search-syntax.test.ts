// The search syntax: whatever a user types is a valid FTS5 query or one plain-words UsageError, never the engine's
// own message. Checked against a real FTS5 table with the archive's tokenizer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { toFtsQuery, toTsQuery } from '../src/query/fts.js';
import { UsageError } from '../src/errors.js';
import { pgSkip, startPgCluster, type PgCluster } from './pg-cluster.js';

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, tags, tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'")`);
db.prepare('INSERT INTO t (text, tags) VALUES (?, ?)').run('The ministers discussed North Korea and the Senkaku Islands.', 'c_jp');
const run = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');

/** The query's count, or the UsageError's message; any other error fails the test. */
function outcome(input: string): number | string {
  let q: string;
  try {
    q = toFtsQuery(input);
  } catch (err) {
    assert.ok(err instanceof UsageError, `${JSON.stringify(input)}: ${String(err)}`);
    assert.doesNotMatch(err.message, /fts5|syntax error/i);
    return err.message;
  }
  return (run.get(`text : (${q})`) as { n: number }).n;
}

test('the inputs that used to reach the engine as syntax errors', () => {
  for (const input of ['(', ')', '()', 'NEAR(', 'NEAR(a b)', '"unterminated', 'North "Korea', '"', '""', '*', 'a:b',
    'text:foo', '^a', '+a', '-a', 'a AND', 'OR a', 'a OR OR b', '((a)', 'a ) b', 'AND', 'NEAR', 'a NOT', '"a"*"b"']) {
    outcome(input);
  }
});

test('operators and phrases keep their meaning', () => {
  assert.equal(outcome('Senkaku'), 1);
  assert.equal(outcome('"North Korea"'), 1);
  assert.equal(outcome('"Korea North"'), 0);
  assert.equal(outcome('Senkaku NOT Taiwan'), 1);
  assert.equal(outcome('Senkaku AND NOT Korea'), 0);
  assert.equal(outcome('Taiwan OR (Senk* AND discuss)'), 1);
  assert.equal(outcome('"North Korea'), 1, 'an unclosed quote runs to the end');
  assert.equal(outcome('(Taiwan OR Senkaku'), 1, 'an unclosed parenthesis is closed');
  assert.equal(toFtsQuery('U.S. 2+2 NEAR'), '"U.S" "2+2" "NEAR"');
});

test('what cannot be repaired is said in plain words', () => {
  assert.match(String(outcome('NOT Taiwan')), /NOT leaves out what follows it/);
  assert.match(String(outcome('a OR NOT b')), /NOT leaves out/);
  assert.match(String(outcome('( )')), /empty search query/);
  assert.match(String(outcome('AND OR NOT')), /empty search query/);
});

test('generated queries: always valid FTS5 or a plain-words error', () => {
  const piece = fc.constantFrom('(', ')', '"', '*', 'AND', 'OR', 'NOT', 'NEAR', 'NEAR(', ':', '^', '+', '-', ',', 'a',
    'Korea', 'senk*', 'U.S.', '2+2', 'x:y', ' ', '""', 'é', '_', '\\', "'", '{', '}');
  fc.assert(fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
    outcome(parts.join(''));
    outcome(parts.join(' '));
  }), { numRuns: 3000, seed: 13 });
  fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => { outcome(s); }), { numRuns: 2000, seed: 14 });
});

// PostgreSQL: the same tree rendered as tsquery text (words split as FTS5 splits them, stemmed as its porter).
test('the PostgreSQL rendering: words, phrases <->, prefix :*, &, |, & !', () => {
  const cases: [string, string][] = [
    ['Senkaku', `'senkaku'`],
    ['"North Korea" AND missiles*', `( 'north' <-> 'korea' ) & 'missil':*`],
    ['U.S. 2+2', `( 'u' <-> 's' ) & ( '2' <-> '2' )`],
    ['Japan-China*', `( 'japan' <-> 'china':* )`],
    ['(Senkaku OR Taiwan', `( 'senkaku' | 'taiwan' )`],
    ['Senkaku AND NOT Korea', `'senkaku' & ! 'korea'`],
    ['a NOT (b OR c) d', `'a' & ! ( 'b' | 'c' ) & 'd'`],
    ['Taiwan OR (Senk* AND discussed)', `'taiwan' | ( 'senk':* & 'discuss' )`],
    ['Café', `'cafe'`],
    ["it's", `( 'it' <-> 's' )`],
    ['"..." OR a', `'a'`],
    ['"..."', ''],
    ['cooperation generously', `'cooper' & 'gener'`], // Porter's algorithm, as FTS5's porter tokenizer
  ];
  for (const [input, expected] of cases) assert.equal(toTsQuery(input), expected, input);
  assert.throws(() => toTsQuery('NOT Taiwan'), UsageError);
});

describe('generated queries render to text PostgreSQL accepts', { skip: pgSkip }, () => {
  let cluster: PgCluster;
  let client: pg.Client;
  before(async () => {
    cluster = await startPgCluster();
    client = new pg.Client(await cluster.database());
    await client.connect();
  });
  after(async () => { await client?.end(); cluster?.stop(); });
  test('every rendering parses as a tsquery', async () => {
    const piece = fc.constantFrom('(', ')', '"', '*', 'AND', 'OR', 'NOT', 'NEAR', ':', '^', '+', '-', '!', '&', '|',
      '<->', 'a', 'Korea', 'senk*', 'U.S.', "'", '\\', 'é', ' ');
    const inputs = fc.sample(fc.array(piece, { maxLength: 14 }), { numRuns: 1500, seed: 15 }).map((p) => p.join(' '))
      .concat(fc.sample(fc.string({ maxLength: 40 }), { numRuns: 1500, seed: 16 }));
    const rendered = new Set<string>();
    for (const input of inputs) {
      try { rendered.add(toTsQuery(input)); } catch (err) { assert.ok(err instanceof UsageError, String(err)); }
    }
    rendered.delete(''); // no word: the backend matches nothing without asking PostgreSQL
    for (const q of rendered) {
      await client.query('SELECT $1::tsquery', [q]).catch((err: Error) => assert.fail(`${q}: ${err.message}`));
    }
    assert.ok(rendered.size > 500);
  });
});
