// A user's search words -> an FTS5 query that is always valid FTS5, or a UsageError saying in plain words what is
// wrong. Words, "phrases" (an unclosed quote runs to the end), prefix*, AND/OR/NOT and ( ) keep their meaning;
// what FTS5 would reject is repaired where the intent is plain (an unclosed "(" is closed, a stray ")" or a dangling
// AND/OR is dropped, "a AND NOT b" is "a NOT b") and refused where it is not ("NOT b" alone: NOT excludes from
// something). Anything else that FTS5 reads as syntax ("U.S.", "2+2", "x:y", NEAR) is quoted as a phrase.
import { UsageError } from './filters.js';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const BAREWORD = /^[\p{L}\p{N}_]+$/u;
// What FTS5 reads as syntax when it stands bare ("+NOT" cut to NOT is a word, not the operator).
const KEYWORDS = new Set([...OPERATORS, 'NEAR']);

/** One level of parentheses: its items (terms, operators, closed groups) as FTS5 text. */
type Group = string[];

const endsInOperator = (g: Group) => g.length > 0 && OPERATORS.has(g[g.length - 1]!);

/** FTS5 joins two phrases side by side with an implicit AND, but not a parenthesized group: it wants AND written. */
function append(g: Group, item: string): void {
  const last = g[g.length - 1];
  if (last !== undefined && !OPERATORS.has(last) && (item.startsWith('(') || last.endsWith(')'))) g.push('AND');
  g.push(item);
}

/** A group's text with dangling operators at its end dropped; '' when nothing is left. */
function closeGroup(g: Group): string {
  while (endsInOperator(g)) g.pop();
  return g.join(' ');
}

function term(token: string): string | null {
  if (token.startsWith('"')) {
    const star = token.endsWith('"*');
    const body = token.slice(1, star ? -2 : token.endsWith('"') && token.length > 1 ? -1 : undefined).trim();
    return body ? quote(body) + (star ? '*' : '') : null;
  }
  const star = token.endsWith('*');
  const word = (star ? token.slice(0, -1) : token).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (!word) return null;
  return (BAREWORD.test(word) && !KEYWORDS.has(word) ? word : quote(word)) + (star ? '*' : '');
}

export function toFtsQuery(input: string): string {
  const tokens = input.match(/"[^"]*(?:"\*?|$)|[()]|[^\s()"]+/g) ?? [];
  if (!tokens.some((t) => t !== '(' && t !== ')' && !OPERATORS.has(t) && term(t))) {
    throw new UsageError(`empty search query "${input}": no word to search for`);
  }
  const stack: Group[] = [[]];
  for (const t of tokens) {
    const group = stack[stack.length - 1]!;
    if (t === '(') { stack.push([]); continue; }
    if (t === ')') {
      if (stack.length === 1) continue; // a stray ")"
      stack.pop();
      const inner = closeGroup(group);
      if (inner) append(stack[stack.length - 1]!, `( ${inner} )`);
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
      if (group.length > 0 && !endsInOperator(group)) group.push(t);
      continue;
    }
    const text = term(t);
    if (text) append(group, text);
  }
  while (stack.length > 1) {
    const inner = closeGroup(stack.pop()!);
    if (inner) append(stack[stack.length - 1]!, `( ${inner} )`);
  }
  return closeGroup(stack[0]!);
}
