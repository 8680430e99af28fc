// Genre vocabularies from data/: acts, layout, titles, topics, abbreviations. Compiled once.
import { readFileSync } from 'node:fs';
import { readDataJson } from './paths.js';
import type { Act, Role } from '../record/schema.js';

interface ActsFile { modifiers: string; acts: { act: Act; form: 'finite' | 'participle'; jointAct?: Act; patterns: string[] }[]; speakerFromObjectPatterns: string[] }
interface LayoutFile { boilerplateLines: string[]; sectionHeaderLines: string[]; captionPrefix: string; captionSuffix: string; meetingNouns: string; meetingVerbs: string; headerFields: string }
interface TitlesFile { rules: { role: Role; pattern: string }[]; titleWords: string[]; groupSubjects: string; titleAbbreviations: Record<string, string> }
export interface TopicDef {
  id: string; label?: string; patterns: string[]; unless?: string[]; caseSensitive?: boolean;
  requiresTopic?: string; requiresDocumentPattern?: string;
  insteadOf?: { whenDocumentHas: string; topic: string; patterns: string[] };
}
export interface TaxonomyFile { contextPhrases?: string[]; leadingContext?: string[]; topics: TopicDef[] }
interface AbbrevFile { abbreviations: string[]; canEndSentence: string[]; sentenceStarters: string[] }

export interface ActPattern { act: Act; jointAct: Act | null; participle: boolean; fromObject: boolean; source: string }

export interface Vocabulary {
  /** One regex over every act phrase; the matching group's index selects `actPatterns[i]`. */
  actRegex: RegExp;
  actPatterns: ActPattern[];
  boilerplate: RegExp[];
  sectionHeader: RegExp[];
  captionPrefix: RegExp;
  captionSuffix: RegExp;
  meetingNouns: RegExp;
  meetingVerbs: RegExp;
  headerFields: RegExp;
  titleAbbreviations: Map<string, string>;
  titleRules: { role: Role; re: RegExp }[];
  titleWords: string[];
  groupSubjects: RegExp; // global: reset lastIndex before use
  titleAbbreviationRegex: RegExp | null; // global
  abbreviations: Set<string>;
  canEndSentence: Set<string>;
  sentenceStarters: Set<string>;
}

let cached: Vocabulary | null = null;

export function vocabulary(): Vocabulary {
  if (cached) return cached;
  const acts = readDataJson<ActsFile>('acts.json');
  const layout = readDataJson<LayoutFile>('layout.json');
  const titles = readDataJson<TitlesFile>('titles.json');
  const abbrev = readDataJson<AbbrevFile>('abbreviations.json');
  const fromObject = acts.speakerFromObjectPatterns;
  const actPatterns: ActPattern[] = [];
  for (const a of acts.acts) {
    for (const p of a.patterns) {
      actPatterns.push({ act: a.act, jointAct: a.jointAct ?? null, participle: a.form === 'participle', fromObject: fromObject.includes(p), source: p.replaceAll('{MOD}', acts.modifiers) });
    }
  }
  // Longer phrases first inside the alternation so "expressed his gratitude" beats "expressed".
  const order = actPatterns.map((_, i) => i).sort((x, y) => actPatterns[y].source.length - actPatterns[x].source.length);
  const sorted = order.map((i) => actPatterns[i]);
  const actRegex = new RegExp(`\\b(?:${sorted.map((p) => `(${p.source})`).join('|')})(?![\\w-])`, 'gi');
  cached = {
    actRegex, actPatterns: sorted,
    boilerplate: layout.boilerplateLines.map((p) => new RegExp(p, 'i')),
    sectionHeader: layout.sectionHeaderLines.map((p) => new RegExp(p)),
    captionPrefix: new RegExp(layout.captionPrefix, 'i'),
    captionSuffix: new RegExp(layout.captionSuffix, 'i'),
    meetingNouns: new RegExp(layout.meetingNouns, 'i'),
    meetingVerbs: new RegExp(layout.meetingVerbs, 'i'),
    headerFields: new RegExp(layout.headerFields, 'i'),
    titleAbbreviations: new Map(Object.entries(titles.titleAbbreviations ?? {})),
    titleRules: titles.rules.map((r) => ({ role: r.role, re: new RegExp(r.pattern, 'i') })),
    titleWords: [...titles.titleWords].sort((a, b) => b.length - a.length),
    groupSubjects: new RegExp(titles.groupSubjects, 'gi'),
    titleAbbreviationRegex: Object.keys(titles.titleAbbreviations ?? {}).length ? new RegExp(`\\b(${Object.keys(titles.titleAbbreviations).join('|')})\\b`, 'g') : null,
    abbreviations: new Set(abbrev.abbreviations),
    canEndSentence: new Set(abbrev.canEndSentence),
    sentenceStarters: new Set(abbrev.sentenceStarters),
  };
  return cached;
}

/** A pattern with the literal text any match must contain, so most tests are a cheap substring check. */
export interface AnchoredPattern { re: RegExp; anchor: string | null; standIn: boolean }
export interface CompiledTopic extends TopicDef {
  compiled: AnchoredPattern[];
  unlessAny: RegExp | null;
  docRe: RegExp | null;
}
export interface Taxonomy {
  topics: CompiledTopic[]; context: RegExp[]; leading: RegExp | null;
  /** Finds which anchors a text holds in one scan (case-folded, and exact-case for case-sensitive topics). */
  anchorsIn(text: string): Set<string>;
}

/** One scan for many literal anchors: every position, the longest anchor there, plus the anchors it begins with. */
function anchorScanner(anchors: string[], flags: string): (text: string, into: Set<string>) => void {
  if (!anchors.length) return () => undefined;
  const sorted = [...new Set(anchors)].sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), flags + 'g');
  const fold = flags.includes('i') ? (s: string) => s.toLowerCase() : (s: string) => s;
  const prefixesOf = new Map(sorted.map((a) => [a, sorted.filter((b) => b.length <= a.length && a.startsWith(b))]));
  return (text, into) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      for (const a of prefixesOf.get(fold(m[0])) ?? [fold(m[0])]) into.add(a);
      re.lastIndex = m.index + 1; // anchors may overlap
    }
  };
}

const anyOf = (patterns: string[], flags: string) => (patterns.length ? new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags) : null);

/** The literal run a regular expression starts with ("\\bOkinawa\\b" -> "okinawa"), or null when it has none. */
export function literalPrefix(source: string, caseSensitive: boolean): string | null {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (c === '(') depth++; else if (c === ')') depth--; else if (c === '|' && depth === 0) return null;
  }
  let i = source.startsWith('\\b') ? 2 : 0;
  let lit = '';
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined || /[a-zA-Z0-9]/.test(n)) break; // \b, \s, \w...: not literal
      lit += n; i += 2;
    } else if (/[\w \-’',:&]/.test(c)) { lit += c; i++; } else break;
    if (/[?*{]/.test(source[i] ?? '')) { lit = lit.slice(0, -1); break; }
  }
  if (lit.length < 3) return null;
  return caseSensitive ? lit : lit.toLowerCase();
}
const taxonomies = new Map<string, Taxonomy>();

/** The default topic taxonomy, or a user's file with the same shape (`--taxonomy FILE`). */
export function taxonomy(file?: string): Taxonomy {
  const key = file ?? '';
  const hit = taxonomies.get(key);
  if (hit) return hit;
  let data: TaxonomyFile;
  if (file) {
    try { data = JSON.parse(readFileSync(file, 'utf8')) as TaxonomyFile; } catch (e) { throw new Error(`${file}: not a readable taxonomy (${(e as Error).message})`, { cause: e }); }
    if (!Array.isArray(data.topics)) throw new Error(`${file}: a taxonomy needs a "topics" array`);
  } else data = readDataJson<TaxonomyFile>('topics.json');
  const t: Taxonomy = {
    context: (data.contextPhrases ?? []).map((p) => new RegExp(p, 'gi')),
    leading: data.leadingContext?.length ? new RegExp(`^\\s*(?:${data.leadingContext.join('|')})\\b`, 'i') : null,
    anchorsIn: () => new Set(),
    topics: data.topics.map((d) => {
      const flags = d.caseSensitive ? '' : 'i';
      const stand = new Set(d.insteadOf?.patterns ?? []);
      return { ...d, compiled: d.patterns.map((p) => ({ re: new RegExp(p, flags), anchor: literalPrefix(p, !!d.caseSensitive), standIn: stand.has(p) })),
        unlessAny: anyOf(d.unless ?? [], flags), docRe: d.requiresDocumentPattern ? new RegExp(d.requiresDocumentPattern, 'i') : null };
    }),
  };
  const folded = anchorScanner(t.topics.filter((x) => !x.caseSensitive).flatMap((x) => x.compiled.map((p) => p.anchor!).filter(Boolean)), 'i');
  const exact = anchorScanner(t.topics.filter((x) => x.caseSensitive).flatMap((x) => x.compiled.map((p) => p.anchor!).filter(Boolean)), '');
  t.anchorsIn = (text) => { const set = new Set<string>(); folded(text, set); exact(text, set); return set; };
  taxonomies.set(key, t);
  return t;
}
