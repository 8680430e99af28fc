// International organizations and forums (data/organizations.json).
import { readDataJson } from './paths.js';
import { keyOf, matchPhrases, writtenPhrase, type Tokens } from '../text/tokens.js';

interface OrgFile { organizations: { name: string; aliases?: string[]; kind?: string }[] }
export interface Organizations { find(tokens: Tokens): { i: number; n: number; value: string }[] }

let cached: Organizations | null = null;

/** Acronyms are matched as written: all capitals ("UN", "EU"), or one word with a capital inside ("LeT", "AfDB"),
 *  which written otherwise is a common word ("Let us", "coe"). */
export const isAcronym = (alias: string) => /^[A-Z0-9.&+-]+$/.test(alias) || /^[A-Za-z0-9][a-z0-9]*[A-Z][A-Za-z0-9]*$/.test(alias);

export function organizations(): Organizations {
  if (cached) return cached;
  const file = readDataJson<OrgFile>('organizations.json');
  const map = new Map<string, { name: string; exact: string | null }>();
  let maxWords = 1;
  for (const o of file.organizations) {
    for (const n of [o.name, ...(o.aliases ?? [])]) {
      const key = keyOf(n);
      if (!key || map.has(key)) continue;
      maxWords = Math.max(maxWords, key.split(' ').length);
      map.set(key, { name: o.name, exact: isAcronym(n) ? n.replace(/\.$/, '') : null });
    }
  }
  cached = {
    find: (tokens) => matchPhrases(tokens, map, maxWords, (v, t, i, n) => !v.exact || writtenPhrase(t, i, n) === v.exact)
      .map((m) => ({ i: m.i, n: m.n, value: m.value.name })),
  };
  return cached;
}
