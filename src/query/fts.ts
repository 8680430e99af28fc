// A user's search words -> an FTS5 query that cannot be a syntax error for ordinary input
// ("U.S.", "2+2", "Japan-China" are quoted as phrases); "phrases", prefix*, AND/OR/NOT and ( ) pass through.
import { UsageError } from './filters.js';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function toFtsQuery(input: string): string {
  const tokens = input.match(/"[^"]*"\*?|[()]|[^\s()"]+/g) ?? [];
  const out: string[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t === '(') { depth++; out.push(t); continue; }
    if (t === ')') { if (depth > 0) { depth--; out.push(t); } continue; }
    if (t.startsWith('"')) {
      const star = t.endsWith('*') && t.length > 2 && !t.endsWith('"');
      const body = t.slice(1, star ? -2 : -1).trim();
      if (body) out.push(quote(body) + (star ? '*' : ''));
      continue;
    }
    if (t === 'AND' || t === 'OR' || t === 'NOT') { out.push(t); continue; }
    if (/^[\p{L}\p{N}_]+\*?$/u.test(t)) { out.push(t); continue; }
    const star = t.endsWith('*');
    const body = (star ? t.slice(0, -1) : t).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (body) out.push(quote(body) + (star ? '*' : ''));
  }
  // Operators need operands on both sides: drop dangling ones rather than fail.
  while (out.length && ['AND', 'OR', 'NOT'].includes(out[0]!)) out.shift();
  while (out.length && ['AND', 'OR', 'NOT'].includes(out[out.length - 1]!)) out.pop();
  out.push(')'.repeat(depth));
  const q = out.join(' ').trim();
  if (!q) throw new UsageError(`empty search query "${input}"`);
  return q;
}
