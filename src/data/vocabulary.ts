// Genre vocabularies from data/: acts, layout, titles, topics, abbreviations. Compiled once.
import { readDataJson, readUserFile } from './paths.js';
import { parseTaxonomyFile } from './user-files.js';
import { literalScanner, type LiteralHits } from '../text/literal-scanner.js';
import { WordMap } from '../text/word-map.js';
import { requiredAnchors, splitTop } from '../text/regex-literals.js';
import type { Act, Role } from '../record/schema.js';

interface ActsFile { modifiers: string; acts: { act: Act; form: 'finite' | 'participle'; jointAct?: Act; patterns: string[] }[]; speakerFromObjectPatterns: string[] }
interface LayoutFile { boilerplateLines: string[]; sectionHeaderLines: string[]; captionPrefix: string; captionSuffix: string; meetingNouns: string; meetingVerbs: string; headerFields: string }
interface TitlesFile { rules: { role: Role; pattern: string }[]; titleWords: string[]; groupSubjects: string; titleAbbreviations: Record<string, string> }
export interface TopicDef {
  id: string; label?: string; patterns: string[]; unless?: string[]; caseSensitive?: boolean;
  requiresTopic?: string; requiresStatementPattern?: string;
  insteadOf?: { whenDocumentHas: string; topic: string; patterns: string[] };
}
export interface TaxonomyFile { contextPhrases?: string[]; leadingContext?: string[]; topics: TopicDef[] }
interface AbbrevFile { abbreviations: string[]; canEndSentence: string[]; sentenceStarters: string[] }

export interface ActPattern { act: Act; jointAct: Act | null; participle: boolean; fromObject: boolean; source: string; sticky: RegExp }

/** The words an act phrase can begin with: "(?:expressed|conveyed) ..." -> expressed, conveyed. */
export function firstWords(src: string): string[] {
  const group = /^\(\?:([^()]*)\)(\?)?/.exec(src);
  if (group) {
    const words = group[1].split('|').map((a) => a.trim().split(/\s+/)[0]);
    if (group[2]) words.push(...firstWords(src.slice(group[0].length)));
    return words.flatMap((w) => (w.endsWith('s?') ? [w.slice(0, -2), w.slice(0, -1)] : [w])).map((w) => w.toLowerCase());
  }
  const word = /^[a-z]+/i.exec(src);
  if (!word) throw new Error(`acts.json: cannot index the act phrase "${src}"`);
  return [word[0].toLowerCase()];
}

export interface Vocabulary {
  actPatterns: ActPattern[];
  /** Act phrases by the word they begin with, longest first: a sentence is scanned token by token. */
  actsByFirstWord: WordMap<ActPattern[]>;
  /** Whether a line is navigation, a caption or another line that is not the readout's. */
  isBoilerplate(line: string): boolean;
  sectionHeader: RegExp[];
  captionPrefix: RegExp;
  captionSuffix: RegExp;
  meetingNouns: RegExp;
  meetingVerbs: RegExp;
  headerFields: RegExp;
  titleAbbreviations: Map<string, string>;
  titleRules: { role: Role; re: RegExp }[];
  /** Whether a text names an office: any title rule, in one regular expression. */
  anyTitle: RegExp;
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
      const source = p.replaceAll('{MOD}', acts.modifiers);
      actPatterns.push({ act: a.act, jointAct: a.jointAct ?? null, participle: a.form === 'participle', fromObject: fromObject.includes(p), source, sticky: new RegExp(`(?:${source})(?![\\w-])`, 'iy') });
    }
  }
  // Longer phrases first inside the alternation so "expressed his gratitude" beats "expressed".
  const order = actPatterns.map((_, i) => i).sort((x, y) => actPatterns[y].source.length - actPatterns[x].source.length);
  const sorted = order.map((i) => actPatterns[i]);
  const actsByFirstWord = new WordMap<ActPattern[]>();
  for (const p of sorted) for (const w of firstWords(p.source)) actsByFirstWord.set(w, [...(actsByFirstWord.get(w) ?? []), p]);
  cached = {
    actPatterns: sorted, actsByFirstWord,
    isBoilerplate: anyLine(layout.boilerplateLines, 'i'),
    sectionHeader: layout.sectionHeaderLines.map((p) => new RegExp(p)),
    captionPrefix: new RegExp(layout.captionPrefix, 'i'),
    captionSuffix: new RegExp(layout.captionSuffix, 'i'),
    meetingNouns: new RegExp(layout.meetingNouns, 'i'),
    meetingVerbs: new RegExp(layout.meetingVerbs, 'i'),
    headerFields: new RegExp(layout.headerFields, 'i'),
    titleAbbreviations: new Map(Object.entries(titles.titleAbbreviations ?? {})),
    titleRules: titles.rules.map((r) => ({ role: r.role, re: new RegExp(r.pattern, 'i') })),
    anyTitle: new RegExp(titles.rules.map((r) => `(?:${r.pattern})`).join('|'), 'i'),
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
export interface AnchoredPattern { re: RegExp; anchors: string[] | null; standIn: boolean }
export interface CompiledTopic extends TopicDef {
  compiled: AnchoredPattern[];
  unlessAny: RegExp | null;
  statementRe: RegExp | null;
}
/** `id` numbers the taxonomy's patterns from 0, so a scan can mark those it tested. */
export interface TopicPattern { id: number; topic: number; pattern: AnchoredPattern }
export interface Taxonomy {
  topics: CompiledTopic[]; context: RegExp[]; leading: RegExp | null;
  /** Patterns by the anchors (lower-cased) that admit them, and those no anchor admits (always tested). */
  byAnchor: Map<string, TopicPattern[]>;
  unanchored: TopicPattern[];
  patternCount: number;
  /**
   * Where the literal words of patterns and context phrases occur in a text, lower-cased, in one scan.
   * Case-sensitive patterns are admitted by their words in any case: the filter may let through too many
   * patterns, never too few.
   */
  anchorHits(text: string): LiteralHits;
  /** Whether context phrases may occur where this anchor was found (any anchor, when some phrase has no literal word). */
  admitsContext(anchor: string): boolean;
}

/**
 * One test for many line patterns. Those anchored at the start are tried once, at the start, as one
 * alternation; the others only on lines where one search finds a literal one of them needs.
 */
function anyLine(patterns: string[], flags: string): (line: string) => boolean {
  const anchored = patterns.filter((p) => p.startsWith('^') && splitTop(p).length === 1);
  const anchoredRe = anchored.length ? new RegExp(`^(?:${anchored.map((p) => `(?:${p.slice(1)})`).join('|')})`, flags) : null;
  const rest = patterns.filter((p) => !anchored.includes(p)).map((p) => ({ re: new RegExp(p, flags), anchors: requiredAnchors(p, !flags.includes('i'), 1) }));
  const always = rest.filter((r) => r.anchors === null);
  const filtered = rest.filter((r) => r.anchors !== null);
  // one search for the literals of all the others: most lines hold none
  const literals = literalScanner(filtered.flatMap((r) => r.anchors!), flags.includes('i'));
  return (line) => anchoredRe?.test(line) || always.some((r) => r.re.test(line))
    || (filtered.length > 0 && literals.occursIn(line) && filtered.some((r) => r.re.test(line)));
}

const anyOf = (patterns: string[], flags: string) => (patterns.length ? new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags) : null);

const taxonomies = new Map<string, Taxonomy>();

/** The default topic taxonomy, or a user's file with the same shape (`--taxonomy FILE`). */
export function taxonomy(file?: string): Taxonomy {
  const key = file ?? '';
  const hit = taxonomies.get(key);
  if (hit) return hit;
  let data: TaxonomyFile;
  if (file) {
    data = parseTaxonomyFile(file, readUserFile(file, 'taxonomy'));
  } else data = readDataJson<TaxonomyFile>('topics.json');
  const t: Taxonomy = {
    context: (data.contextPhrases ?? []).map((p) => new RegExp(p, 'gi')),
    leading: data.leadingContext?.length ? new RegExp(`^\\s*(?:${data.leadingContext.join('|')})\\b`, 'i') : null,
    anchorHits: () => ({ ends: [], literals: [] }), admitsContext: () => true, byAnchor: new Map(), unanchored: [], patternCount: 0,
    topics: data.topics.map((d) => {
      const flags = d.caseSensitive ? '' : 'i';
      const stand = new Set(d.insteadOf?.patterns ?? []);
      // every topic has the same fields in the same order (one hidden class): the scan reads them for each statement
      const topic: CompiledTopic = {
        id: d.id, label: d.label, patterns: d.patterns, unless: d.unless, caseSensitive: d.caseSensitive, requiresTopic: d.requiresTopic,
        requiresStatementPattern: d.requiresStatementPattern, insteadOf: d.insteadOf,
        compiled: d.patterns.map((p) => ({ re: new RegExp(p, flags), anchors: requiredAnchors(p, !!d.caseSensitive), standIn: stand.has(p) })),
        unlessAny: anyOf(d.unless ?? [], flags), statementRe: d.requiresStatementPattern ? new RegExp(d.requiresStatementPattern, flags) : null,
      };
      return topic;
    }),
  };
  const contextAnchors = (data.contextPhrases ?? []).map((p) => requiredAnchors(p, false));
  const contextWords = contextAnchors.some((a) => a === null) ? null : new Set(contextAnchors.flat() as string[]);
  const scanner = literalScanner([...t.topics.flatMap((x) => x.compiled.flatMap((p) => p.anchors ?? [])), ...(contextWords ?? [])], true);
  t.anchorHits = (text) => scanner.occurrences(text);
  t.admitsContext = (anchor) => contextWords === null || contextWords.has(anchor);
  t.topics.forEach((topic, i) => {
    for (const pattern of topic.compiled) {
      const tp: TopicPattern = { id: t.patternCount++, topic: i, pattern };
      if (!pattern.anchors) { t.unanchored.push(tp); continue; }
      for (const a of new Set(pattern.anchors.map((x) => x.toLowerCase()))) t.byAnchor.set(a, [...(t.byAnchor.get(a) ?? []), tp]);
    }
  });
  taxonomies.set(key, t);
  return t;
}
