// What a regular expression's source says about the literal text it matches: the literals one of which every
// match contains (a cheap filter before running it), and, for patterns that are only literals, alternatives
// and optional parts, every string they match, so a literal scan can decide them without the regex.

/**
 * Literal texts one of which every match of a regular expression must contain ("\\bSenkaku" -> senkaku;
 * "\\b(?:relations?|dialogue) with China" -> " with china"; "(?:upcoming|next) visits?" -> upcoming, next),
 * or null when the pattern guarantees none of at least two characters.
 */
export function requiredAnchors(src: string, caseSensitive: boolean): string[] | null {
  const norm = (x: string) => (caseSensitive ? x : x.toLowerCase());
  // top-level alternation: every branch needs anchors of its own
  const branches: string[] = [];
  let depth = 0, from = 0, inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { branches.push(src.slice(from, i)); from = i + 1; }
  }
  if (branches.length) {
    branches.push(src.slice(from));
    const all = branches.map((b) => requiredAnchors(b, caseSensitive));
    return all.every((a) => a) ? [...new Set(all.flat() as string[])] : null;
  }
  let best: string[] | null = null;
  const consider = (c: string[] | null) => {
    if (!c || !c.length || c.some((x) => x.length < 2)) return;
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
      if (c === '(' && !optionalAt(j + 1) && !/^\?[=!<]/.test(inner)) consider(requiredAnchors(inner.replace(/^\?:/, ''), caseSensitive));
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
/** One string a pattern matches, and whether the pattern asks for a word boundary before and after it. */
export interface LiteralForm { text: string; boundaryBefore: boolean; boundaryAfter: boolean }

const MAX_FORMS = 64;

/**
 * Every string `src` matches when it is built from plain characters, escaped punctuation, small character
 * classes, groups of alternatives and `?`, with `\b` only at the ends of a branch: "\\balliances?\\b" ->
 * alliance, alliances. Null for anything else (repetition, wildcards, look-around, \s, \w...), for forms with
 * spaces at their ends or non-ASCII characters, or for more than 64 forms.
 */
export function expandLiterals(src: string): LiteralForm[] | null {
  const out: LiteralForm[] = [];
  for (const branch of splitTop(src)) {
    let body = branch;
    const boundaryBefore = body.startsWith('\\b');
    if (boundaryBefore) body = body.slice(2);
    const boundaryAfter = body.endsWith('\\b') && !body.endsWith('\\\\b');
    if (boundaryAfter) body = body.slice(0, -2);
    const texts = sequence(body);
    if (!texts) return null;
    for (const text of texts) out.push({ text, boundaryBefore, boundaryAfter });
    if (out.length > MAX_FORMS) return null;
  }
  return out.every((f) => f.text.length > 0 && /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(f.text)) ? out : null;
}

/** Top-level alternatives of a pattern (outside groups and classes). */
function splitTop(src: string): string[] {
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

/** The strings a sequence of atoms matches, or null when it holds anything but the simple forms. */
function sequence(src: string): string[] | null {
  let forms = [''];
  for (let i = 0; i < src.length;) {
    let atom: string[] | null;
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined || /[A-Za-z0-9]/.test(n)) return null;
      atom = [n];
      i += 2;
    } else if (c === '[') {
      const end = src.indexOf(']', i + 1);
      const inner = src.slice(i + 1, end);
      if (end < 0 || !inner || /[\\^]|.-./.test(inner)) return null;
      atom = [...new Set(inner)];
      i = end + 1;
    } else if (c === '(') {
      let depth = 0, j = i;
      for (; j < src.length; j++) {
        if (src[j] === '\\') { j++; continue; }
        if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      if (j >= src.length) return null;
      let inner = src.slice(i + 1, j);
      if (inner.startsWith('?:')) inner = inner.slice(2);
      else if (inner.startsWith('?')) return null; // look-around, named groups
      atom = [];
      for (const alt of splitTop(inner)) {
        const sub = sequence(alt);
        if (!sub) return null;
        atom.push(...sub);
      }
      i = j + 1;
    } else if ('.^$*+?{}|)]'.includes(c)) {
      return null;
    } else {
      atom = [c];
      i++;
    }
    if (src[i] === '?') { atom = [...atom, '']; i++; }
    if ('*+{'.includes(src[i] ?? '') && i < src.length) return null;
    const next: string[] = [];
    for (const f of forms) for (const a of atom) next.push(f + a);
    if (next.length > MAX_FORMS) return null;
    forms = next;
  }
  return forms;
}
