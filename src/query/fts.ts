// A user's search words -> a small syntax tree -> an FTS5 query (SQLite) or a to_tsquery text (PostgreSQL), so the
// syntax means the same on both; or a UsageError saying in plain words what is wrong. Words, "phrases" (an unclosed
// quote runs to the end), prefix*, AND/OR/NOT and ( ) keep their meaning; what FTS5 would reject is repaired where
// the intent is plain (an unclosed "(" is closed, a stray ")" or a dangling AND/OR is dropped, "a AND NOT b" is
// "a NOT b") and refused where it is not ("NOT b" alone: NOT excludes from something). Anything else that FTS5 reads
// as syntax ("U.S.", "2+2", "x:y", NEAR) is quoted as a phrase.
import { stemmer } from 'stemmer';
import { UsageError } from '../errors.js';

export type SearchOperator = 'AND' | 'OR' | 'NOT';
/** A word or a phrase as the user wrote it (edges of a word trimmed of punctuation); `prefix`: ended in "*". */
export interface SearchTerm { kind: 'term'; text: string; phrase: boolean; prefix: boolean }
export interface SearchGroup { kind: 'group'; items: SearchItem[] }
/** A group's items: operands, with an operator or nothing (an implicit AND) between two; never an operator first
 *  or last, never two in a row, NOT never after OR. Precedence NOT > AND > OR, as in FTS5. */
export type SearchItem = SearchTerm | SearchGroup | SearchOperator;

const OPERATORS = new Set<string>(['AND', 'OR', 'NOT']);
const BAREWORD = /^[\p{L}\p{N}_]+$/u;
// What FTS5 reads as syntax when it stands bare ("+NOT" cut to NOT is a word, not the operator).
const KEYWORDS = new Set([...OPERATORS, 'NEAR']);

const isOperator = (item: SearchItem | undefined): item is SearchOperator => typeof item === 'string';
const endsInOperator = (g: SearchItem[]) => isOperator(g[g.length - 1]);

/** A group's items with dangling operators at its end dropped. */
function closeGroup(g: SearchItem[]): SearchItem[] {
  while (endsInOperator(g)) g.pop();
  return g;
}

function term(token: string): SearchTerm | null {
  if (token.startsWith('"')) {
    const prefix = token.endsWith('"*');
    const body = token.slice(1, prefix ? -2 : token.endsWith('"') && token.length > 1 ? -1 : undefined).trim();
    return body ? { kind: 'term', text: body, phrase: true, prefix } : null;
  }
  const prefix = token.endsWith('*');
  const word = (prefix ? token.slice(0, -1) : token).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return word ? { kind: 'term', text: word, phrase: false, prefix } : null;
}

/** The tree of a query; its top group is never empty. */
export function parseSearch(input: string): SearchGroup {
  const tokens = input.match(/"[^"]*(?:"\*?|$)|[()]|[^\s()"]+/g) ?? [];
  if (!tokens.some((t) => t !== '(' && t !== ')' && !OPERATORS.has(t) && term(t))) {
    throw new UsageError(`empty search query "${input}": no word to search for`);
  }
  const stack: SearchItem[][] = [[]];
  const closeInner = () => {
    const items = closeGroup(stack.pop()!);
    if (items.length) stack[stack.length - 1]!.push({ kind: 'group', items });
  };
  for (const t of tokens) {
    const group = stack[stack.length - 1]!;
    if (t === '(') { stack.push([]); continue; }
    if (t === ')') {
      if (stack.length > 1) closeInner(); // else a stray ")"
      continue;
    }
    if (OPERATORS.has(t)) {
      if (t === 'NOT') {
        if (group.length === 0 || group[group.length - 1] === 'OR') {
          throw new UsageError(`bad search query "${input}": NOT leaves out what follows it from what comes before it `
            + '(write "a NOT b"); there is nothing before it here');
        }
        if (group[group.length - 1] === 'AND') { group[group.length - 1] = 'NOT'; continue; }
      }
      // AND or OR with nothing before it, or after another operator: nothing to join, dropped
      if (group.length > 0 && !endsInOperator(group)) group.push(t as SearchOperator);
      continue;
    }
    const node = term(t);
    if (node) group.push(node);
  }
  while (stack.length > 1) closeInner();
  return { kind: 'group', items: closeGroup(stack[0]!) };
}

/** Renders a tree bottom-up with an explicit stack (the nesting is the user's): `join` makes a group's text from
 *  its items' texts. */
function render(root: SearchGroup, leaf: (t: SearchTerm) => string,
  join: (items: (string | SearchOperator)[], kinds: ('term' | 'group' | 'op')[], top: boolean) => string): string {
  type Frame = { group: SearchGroup; at: number; out: string[]; kinds: ('term' | 'group' | 'op')[] };
  const frames: Frame[] = [{ group: root, at: 0, out: [], kinds: [] }];
  for (;;) {
    const f = frames[frames.length - 1]!;
    const item = f.group.items[f.at++];
    if (item === undefined) {
      const text = join(f.out, f.kinds, frames.length === 1);
      frames.pop();
      if (!frames.length) return text;
      const parent = frames[frames.length - 1]!;
      parent.out.push(text);
      parent.kinds.push('group');
    } else if (isOperator(item)) {
      f.out.push(item);
      f.kinds.push('op');
    } else if (item.kind === 'group') {
      frames.push({ group: item, at: 0, out: [], kinds: [] });
    } else {
      f.out.push(leaf(item));
      f.kinds.push('term');
    }
  }
}

const fts5Quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** FTS5 text; FTS5 joins two phrases side by side with an implicit AND, but not a parenthesized group: it wants
 *  AND written. */
export function renderFts5(query: SearchGroup): string {
  const leaf = (t: SearchTerm) => (t.phrase || !BAREWORD.test(t.text) || KEYWORDS.has(t.text) ? fts5Quote(t.text) : t.text)
    + (t.prefix ? '*' : '');
  return render(query, leaf, (items, kinds, top) => {
    const out: string[] = [];
    items.forEach((item, i) => {
      if (i > 0 && kinds[i] !== 'op' && kinds[i - 1] !== 'op' && (kinds[i] === 'group' || kinds[i - 1] === 'group')) {
        out.push('AND');
      }
      out.push(item);
    });
    const text = out.join(' ');
    return top ? text : `( ${text} )`;
  });
}

export function toFtsQuery(input: string): string {
  return renderFts5(parseSearch(input));
}

/** The words FTS5's unicode61 tokenizer (remove_diacritics, tokenchars '_') makes of a text: runs of letters,
 *  digits and "_", marks dropped. The PostgreSQL backend indexes `searchWords(text).join(' ')`, so both sides split
 *  text alike whatever PostgreSQL's own parser makes of punctuation. */
export function searchWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}_]+/gu) ?? [];
}

const LEXEMES = new Map<string, string>();
const MAX_LEXEMES = 200_000;
/** A word as both backends index it: lower case, then stemmed by Porter's algorithm, as FTS5's porter tokenizer
 *  stems (words of 3 to 64 characters; others stay as they are). Memoized: an archive's vocabulary is small and its
 *  words many, and the stemmer is the costly part. */
export function searchLexeme(word: string): string {
  let lexeme = LEXEMES.get(word);
  if (lexeme === undefined) {
    const lower = word.toLowerCase();
    lexeme = lower.length >= 3 && lower.length <= 64 ? stemmer(lower) : lower;
    if (LEXEMES.size >= MAX_LEXEMES) LEXEMES.clear();
    LEXEMES.set(word, lexeme);
  }
  return lexeme;
}

/**
 * The query as tsquery text (lexemes quoted, phrases `<->`, prefix `:*`, `&`, `|`, `& !`), or '' when no term has a
 * word (it matches nothing). Terms with no word are dropped first, as FTS5 drops an empty phrase. Lexemes are
 * searchLexeme's, as the PostgreSQL backend indexes them: the text is read as `::tsquery`, no configuration applied.
 */
export function renderTsQuery(query: SearchGroup): string {
  const leaf = (t: SearchTerm) => {
    const words = searchWords(t.text).map((w) => `'${searchLexeme(w)}'`);
    if (!words.length) return '';
    if (t.prefix) words[words.length - 1] += ':*';
    return words.length > 1 ? `( ${words.join(' <-> ')} )` : words[0]!;
  };
  const symbol: Record<SearchOperator, string> = { AND: '&', OR: '|', NOT: '& !' };
  return render(query, leaf, (items, kinds, top) => {
    const out: string[] = [];
    const afterOperand = () => out.length > 0 && !OPERATORS.has(out[out.length - 1]!);
    items.forEach((item, i) => {
      if (kinds[i] === 'op') {
        if (afterOperand()) out.push(item);
      } else if (item) { // not an empty term or group
        if (afterOperand()) out.push('AND');
        out.push(item);
      }
    });
    while (out.length && !afterOperand()) out.pop();
    const text = out.map((x) => (OPERATORS.has(x) ? symbol[x as SearchOperator] : x)).join(' ');
    return !text || top ? text : `( ${text} )`;
  });
}

export function toTsQuery(input: string): string {
  return renderTsQuery(parseSearch(input));
}
