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
  groupSubjects: RegExp;
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
    groupSubjects: new RegExp(titles.groupSubjects, 'i'),
    abbreviations: new Set(abbrev.abbreviations),
    canEndSentence: new Set(abbrev.canEndSentence),
    sentenceStarters: new Set(abbrev.sentenceStarters),
  };
  return cached;
}

export interface Taxonomy { topics: (TopicDef & { res: RegExp[]; unlessRes: RegExp[]; docRe: RegExp | null; insteadRes: RegExp[] })[]; context: RegExp[]; leading: RegExp | null }
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
    topics: data.topics.map((d) => {
      const flags = d.caseSensitive ? '' : 'i';
      return { ...d, res: d.patterns.map((p) => new RegExp(p, flags)), unlessRes: (d.unless ?? []).map((p) => new RegExp(p, flags)),
        docRe: d.requiresDocumentPattern ? new RegExp(d.requiresDocumentPattern, 'i') : null,
        insteadRes: (d.insteadOf?.patterns ?? []).map((p) => new RegExp(p, flags)) };
    }),
  };
  taxonomies.set(key, t);
  return t;
}
