// The search index's words on PostgreSQL, made here rather than by the server's parser and dictionaries: the words
// FTS5's tokenizer splits (fts.ts searchWords), stemmed as its porter stems (searchLexeme), so a query finds on
// PostgreSQL what it finds on SQLite, and an ingest does not spend the server's time on to_tsvector.
import { searchLexeme, searchWords, type SearchGroup, type SearchItem } from '../../query/fts.js';

// tsvector's limits: a position is at most 16383 (the server keeps larger ones as 16383), a lexeme has at most 256
// positions and 2047 bytes (the server refuses longer ones; to_tsvector drops them, and so does this).
const MAX_POSITION = 16_383;
const MAX_POSITIONS = 256;
const MAX_LEXEME_BYTES = 2047;

/** The text's tsvector, in the server's input syntax: `'lexeme':1,5 'other':2`. */
export function tsvectorOf(text: string): string {
  const positions = new Map<string, number[]>();
  searchWords(text).forEach((word, i) => {
    const lexeme = searchLexeme(word);
    const at = positions.get(lexeme);
    if (at) { if (at.length < MAX_POSITIONS) at.push(Math.min(i + 1, MAX_POSITION)); return; }
    if (Buffer.byteLength(lexeme) <= MAX_LEXEME_BYTES) positions.set(lexeme, [Math.min(i + 1, MAX_POSITION)]);
  });
  let out = '';
  for (const [lexeme, at] of positions) out += `${out ? ' ' : ''}'${lexeme}':${at.join(',')}`;
  return out;
}

/** The lexemes a query looks for, except under NOT: those to match whole and the prefixes. */
export function queryLexemes(query: SearchGroup): { whole: Set<string>; prefixes: string[] } {
  const whole = new Set<string>();
  const prefixes: string[] = [];
  const visit = (items: SearchItem[]) => items.forEach((item, i) => {
    if (items[i - 1] === 'NOT' || typeof item === 'string') return;
    if (item.kind === 'group') { visit(item.items); return; }
    const lexemes = searchWords(item.text).map(searchLexeme);
    if (item.prefix && lexemes.length) prefixes.push(lexemes.pop()!);
    lexemes.forEach((l) => whole.add(l));
  });
  visit(query.items);
  return { whole, prefixes };
}

/** The ranges of a text's words that the query's lexemes match: what a snippet marks. */
export function matchedRanges(text: string, lexemes: { whole: Set<string>; prefixes: string[] }): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}_]+/gu)) {
    // the word as searchWords makes it: marks dropped after NFKD
    const words = searchWords(m[0]);
    if (words.some((w) => {
      const lexeme = searchLexeme(w);
      return lexemes.whole.has(lexeme) || lexemes.prefixes.some((p) => lexeme.startsWith(p));
    })) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
