// What a regular expression's source says about the literal text it matches: the literals one of which every
// match contains, a cheap filter before running it.

/**
 * Literal texts one of which every match of a regular expression must contain ("\\bSenkaku" -> senkaku;
 * "\\b(?:relations?|dialogue) with China" -> " with china"; "\\b(?:upcoming|next)\\b" -> upcoming, next),
 * or null when the pattern guarantees none of at least `minLength` characters.
 */
export function requiredAnchors(src: string, caseSensitive: boolean, minLength = 2): string[] | null {
  const norm = (x: string) => (caseSensitive ? x : x.toLowerCase());
  // top-level alternation: every branch needs anchors of its own
  const branches = splitTop(src);
  if (branches.length > 1) {
    const all = branches.map((b) => requiredAnchors(b, caseSensitive, minLength));
    return all.every((a) => a) ? [...new Set(all.flat() as string[])] : null;
  }
  let best: string[] | null = null;
  const consider = (c: string[] | null) => {
    if (!c || !c.length || c.some((x) => x.length < minLength)) return;
    const score = (x: string[]) => Math.min(...x.map((y) => y.length)) / x.length;
    if (!best || score(c) > score(best)) best = c;
  };
  let run = '';
  const flush = () => { consider([norm(run)]); run = ''; };
  const optionalAt = (j: number) => /^(?:[?*]|\{0,)/.test(src.slice(j, j + 3));
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      i++;
      if (/[A-Za-z0-9]/.test(n)) { flush(); continue; } // \b \s \w ...
      if (optionalAt(i + 1)) { flush(); continue; }
      run += n;
    } else if (c === '(' || c === '[') {
      flush();
      let d = 0, j = i;
      for (; j < src.length; j++) {
        if (src[j] === '\\') { j++; continue; }
        if (src[j] === (c === '(' ? '(' : '[')) d++;
        else if (src[j] === (c === '(' ? ')' : ']') && --d === 0) break;
      }
      const inner = src.slice(i + 1, j);
      if (c === '(' && !optionalAt(j + 1) && !/^\?[=!<]/.test(inner)) consider(requiredAnchors(inner.replace(/^\?:/, ''), caseSensitive, minLength));
      i = j;
      if (/[?*+]/.test(src[i + 1] ?? '')) i++;
      else if (src[i + 1] === '{') i = src.indexOf('}', i);
    } else if (/[?*+{]/.test(c)) {
      if (c !== '+') run = run.slice(0, -1);
      flush();
      if (c === '{') i = src.indexOf('}', i);
    } else if (c === '.' || c === '^' || c === '$') flush();
    else {
      if (optionalAt(i + 1)) { flush(); continue; }
      run += c;
    }
  }
  flush();
  return best;
}

/** The top-level alternatives of a pattern (outside groups and character classes). */
export function splitTop(src: string): string[] {
  const parts: string[] = [];
  let depth = 0, from = 0, inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { parts.push(src.slice(from, i)); from = i + 1; }
  }
  parts.push(src.slice(from));
  return parts;
}
