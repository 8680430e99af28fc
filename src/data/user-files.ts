// The shapes of the dictionaries a user may give (--actors, --taxonomy), checked once when a file is read: a bad file
// is one line naming the file, the place in it and what is wrong, never an error in the middle of extraction.
import { z } from 'zod';
import { ROLES } from '../record/schema.js';
import type { Actor } from './actors.js';
import type { TaxonomyFile } from './vocabulary.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
const compiles = (p: string) => { try { new RegExp(p); return true; } catch { return false; } };
const regex = z.string().refine(compiles, 'not a valid regular expression');

const side = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO alpha-2 code such as JP (EU for the European Union)');
const OfficeSchema = z.object({
  role: z.enum(ROLES), title: z.string(), from: isoDate.nullable(), to: isoDate.nullable(), country: side.optional(),
});
const ActorSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  surname: z.string().trim().min(1),
  country: side,
  aliases: z.array(z.string()).default([]),
  offices: z.array(OfficeSchema),
  wikidata: z.string().regex(/^Q[1-9]\d*$/, 'expected a Wikidata item id such as Q76').optional(),
});
const ActorsFileSchema = z.object({ actors: z.array(ActorSchema) });

const TopicSchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  patterns: z.array(regex),
  unless: z.array(regex).optional(),
  caseSensitive: z.boolean().optional(),
  requiresTopic: z.string().optional(),
  requiresStatementPattern: regex.optional(),
  insteadOf: z.object({ whenDocumentHas: regex, topic: z.string(), patterns: z.array(regex) }).optional(),
});
const TaxonomyFileSchema = z.object({
  contextPhrases: z.array(regex).optional(),
  leadingContext: z.array(regex).optional(),
  topics: z.array(TopicSchema),
});

/** `file: where: what` for the first problem zod found. */
function parseWith<T>(schema: z.ZodType<T>, file: string, what: string, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not a readable ${what} (${(e as Error).message})`, { cause: e });
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  throw new Error(`${file}: not a valid ${what}: ${where ? `${where}: ` : ''}${issue.message}`);
}

export const parseActorsFile = (file: string, text: string): { actors: Actor[] } =>
  parseWith(ActorsFileSchema, file, 'actor dictionary', text);

export const parseTaxonomyFile = (file: string, text: string): TaxonomyFile =>
  parseWith(TaxonomyFileSchema, file, 'taxonomy', text);
