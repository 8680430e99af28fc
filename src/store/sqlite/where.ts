// A resolved filter (query/resolve.ts) as FTS5 expressions over doc_fts and statement_fts (its tags and text query)
// and a day range; what FTS5 says of an expression it cannot read, as a UsageError in plain words.
import { filterTags, type ResolvedFilter } from '../../query/resolve.js';
import { renderFts5 } from '../../query/fts.js';
import { UsageError } from '../../errors.js';

/**
 * FTS5 expressions for documents (text query and tags) and for statements (tags: act, topic and participant apply
 * to the statement itself), the document text query alone, and the day range.
 */
export interface Match {
  docFts: string | null; stmtFts: string | null; docText: string | null; dayFrom: number; dayTo: number;
}

export function match(f: ResolvedFilter): Match {
  const { all, any } = filterTags(f);
  const term = (t: string) => `"${t}"`;
  const both = all.map(term);
  if (any) both.push(`(${any.map(term).join(' OR ')})`);
  const tags = both.length ? `tags : (${both.join(' AND ')})` : null;
  const docText = f.text ? renderFts5(f.text) : null;
  const docParts = [docText ? `text : (${docText})` : null, tags].filter(Boolean);
  return {
    docFts: docParts.length ? docParts.join(' AND ') : null, stmtFts: tags, docText,
    dayFrom: f.dayFrom, dayTo: f.dayTo,
  };
}

/** Runs a query, a search syntax error FTS5 reports turned into a UsageError. */
export function explained<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const problem = searchProblem((err as Error).message);
    if (problem) throw new UsageError(`bad search query: ${problem}`);
    throw err;
  }
}

/** What was wrong with a search query, in plain words, from SQLite's message; null for another error. */
export function searchProblem(message: string): string | null {
  if (/unterminated/i.test(message)) return 'a quotation mark is not closed';
  if (/no such column/i.test(message)) return 'a word followed by ":" reads as a field name (put it in quotes)';
  if (/fts5|syntax error/i.test(message)) {
    return 'it is not words, "phrases", prefix* and AND, OR, NOT between them (check the quotes and parentheses)';
  }
  return null;
}
