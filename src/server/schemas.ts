// Request and response schemas of the HTTP API: the same zod objects validate requests and generate
// /api/openapi.json. Record parts reuse src/record/schema.ts so the document stays in step with the spec.
import { z } from '@hono/zod-openapi';
import { ACTS, MEETING_KINDS, MEETING_MODES, ReadoutRecordSchema } from '../record/schema.js';
import { checkDate, parseAct, parseCountry, parseKind, parseMode, parseTopic, parseYear } from '../query/filters.js';

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: 'not_found' }),
    message: z.string().openapi({ example: 'no meeting with id abc' }),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
}).openapi('Error');

/** A query parameter checked by the CLI's own parser (src/query/filters.ts): one validation for both. */
function viaFilter<T>(parse: (value: string) => T) {
  return z.string().transform((value, ctx) => {
    try {
      return parse(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
}
const period = (name: string) => viaFilter((v) => checkDate(name, v))
  .openapi({ description: 'meeting date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD', example: '2023-05' });

/** Filters shared with the CLI (`readout meetings`, `search`, `stats`): the same parsers, the same answers. */
const FilterFields = z.object({
  participant: z.string().min(1).max(200).optional().openapi({ description: 'a name or alias of a participant', example: 'Antony Blinken' }),
  country: viaFilter(parseCountry).optional().openapi({ description: 'a side at the table, ISO 3166-1 alpha-2', example: 'JP' }),
  kind: viaFilter(parseKind).optional().openapi({ description: `one of ${MEETING_KINDS.join(', ')}` }),
  mode: viaFilter(parseMode).optional().openapi({ description: `one of ${MEETING_MODES.join(', ')}` }),
  topic: viaFilter(parseTopic).optional().openapi({ example: 'north-korea-weapons' }),
  act: viaFilter(parseAct).optional().openapi({ description: `one of ${ACTS.join(', ')}` }),
  from: period('from').optional(),
  to: period('to').optional(),
  year: viaFilter((v) => parseYear('year', v)).optional().openapi({ example: '2023' }),
  q: z.string().min(1).max(500).optional().openapi({ description: 'full-text query over the documents' }),
  includeNonReadouts: z.enum(['true', 'false']).transform((v) => v === 'true').optional()
    .openapi({ description: 'also documents in which no meeting was found (a recipe, a news story); left out by default' }),
  count: z.enum(['meetings', 'readouts']).optional()
    .openapi({ description: 'meetings (default: a meeting once, however many readouts report it) or readouts' }),
});
// Unknown parameters are refused (400 naming them), never ignored: `?contry=JP` must not list everything.
export const FilterQuery = FilterFields.strict();

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const MeetingsQuery = FilterFields.extend(PageQuery.shape).strict();

export const SearchQuery = FilterFields.omit({ q: true }).extend({
  q: z.string().min(1).max(500).openapi({ description: 'full-text query', example: 'denuclearization' }),
}).extend(PageQuery.shape).strict();

export const StatsQuery = FilterFields.extend({
  by: z.enum(['month', 'year']).default('year'),
  dimension: z.enum(['topic', 'participant', 'country', 'act', 'kind', 'mode']).optional(),
}).strict();

export const ListQuery = FilterFields.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
export const NetworkQuery = FilterFields.extend({ limit: z.coerce.number().int().min(2).max(200).default(40) }).strict();

export const IdParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'malformed id').openapi({ param: { name: 'id', in: 'path' }, example: '3f2a9c41d0e8' }),
});

export const MeetingSummarySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  date: z.string().nullable(),
  kind: z.string(),
  mode: z.string(),
  format: z.string(),
  countries: z.array(z.string()),
  participants: z.array(z.object({ name: z.string(), country: z.string(), role: z.string() })),
  topics: z.array(z.string()),
  statementCount: z.number().int(),
  path: z.string().nullable(),
  readouts: z.array(z.lazy(() => ReadoutRefSchema)),
}).openapi('MeetingSummary');

/** One government's readout of a meeting. */
export const ReadoutRefSchema = z.object({
  id: z.string(), sha256: z.string(), path: z.string().nullable(), url: z.string().nullable(),
  title: z.string().nullable(), publisher: z.string().nullable(), publishedDate: z.string().nullable(),
}).openapi('ReadoutRef');

const DifferenceSchema = z.object({ kind: z.enum(['act', 'attribution', 'reported-speech', 'topics']) })
  .passthrough().openapi({ description: 'act: {a, b}; attribution: {a, b} countries; '
    + 'reported-speech: {side, speakers}; topics: {onlyA, onlyB}' });
const ComparedSideSchema = z.object({ id: z.string().nullable(), path: z.string().nullable(),
  publisher: z.string().nullable() });

export const ComparisonSchema = z.object({
  sameMeeting: z.boolean(),
  match: z.object({ same: z.boolean(), confidence: z.number(), reasons: z.array(z.string()) }),
  a: ComparedSideSchema,
  b: ComparedSideSchema,
  facts: z.array(z.object({
    field: z.string(), a: z.string().nullable(), b: z.string().nullable(), same: z.boolean(),
  })),
  topics: z.object({ shared: z.array(z.string()), onlyA: z.array(z.string()), onlyB: z.array(z.string()) }),
  statements: z.object({
    aligned: z.array(z.object({ a: z.number().int(), b: z.number().int(), score: z.number(),
      differences: z.array(DifferenceSchema) })),
    onlyA: z.array(z.number().int()).openapi({ description: 'indexes into the statements of A\'s record' }),
    onlyB: z.array(z.number().int()),
  }),
}).openapi('Comparison');

export const CompareQuery = z.object({
  a: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'malformed id'),
  b: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'malformed id'),
}).strict();

export const MeetingListSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(MeetingSummarySchema),
}).openapi('MeetingList');

// Used as is: schemas built before @hono/zod-openapi loads lack `.openapi()`, so the record is inlined.
export const RecordSchema = ReadoutRecordSchema;

export const MeetingDetailSchema = z.object({
  id: z.string(),
  path: z.string().nullable(),
  sha256: z.string(),
  extractorVersion: z.string(),
  ingestedAt: z.string(),
  text: z.string().openapi({ description: 'the text the spans of the record index (UTF-16 offsets)' }),
  record: RecordSchema,
  meeting: z.string().openapi({ description: 'the id of the meeting this readout reports (its first readout)' }),
  readouts: z.array(ReadoutRefSchema),
}).openapi('MeetingDetail');

export const SearchHitSchema = z.object({
  meetingId: z.string(),
  title: z.string().nullable(),
  date: z.string().nullable(),
  statementIndex: z.number().int(),
  act: z.string(),
  speakers: z.array(z.string()),
  snippet: z.string().openapi({ description: 'plain text around the match' }),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])).openapi({ description: 'ranges of the matched terms in `snippet`' }),
  span: z.tuple([z.number().int(), z.number().int()]),
}).openapi('SearchHit');

export const SearchResultSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(SearchHitSchema),
}).openapi('SearchResult');

export const StatsSchema = z.object({
  by: z.enum(['month', 'year']),
  dimension: z.string().nullable(),
  rows: z.array(z.object({ period: z.string(), key: z.string(), count: z.number().int() })),
}).openapi('Stats');

const FacetList = z.array(z.object({ key: z.string(), count: z.number().int() }));
export const FacetsSchema = z.object({
  country: FacetList, participant: FacetList, kind: FacetList, mode: FacetList, topic: FacetList, year: FacetList,
}).openapi('Facets');

export const ParticipantsSchema = z.object({
  items: z.array(z.object({ name: z.string(), count: z.number().int() })),
}).openapi('Participants');

export const TopicsSchema = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string(), scope: z.string().nullable(), count: z.number().int() })),
}).openapi('Topics');

export const NetworkSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), country: z.string().nullable(), meetings: z.number().int() })),
  edges: z.array(z.object({ source: z.string(), target: z.string(), meetings: z.number().int() })),
  scanned: z.number().int().openapi({ description: 'meetings read to build the graph' }),
  truncated: z.boolean().openapi({ description: 'true when the filter matched more meetings than were scanned' }),
}).openapi('Network');

export const IngestQuery = z.object({
  path: z.string().max(300).optional().openapi({ description: 'a label stored with the document (never read from disk)', example: 'mofa-2023-11-16.html' }),
}).strict();

export const IngestResultSchema = z.object({
  id: z.string(),
  added: z.boolean(),
  record: RecordSchema,
}).openapi('IngestResult');

export const HealthSchema = z.object({
  ok: z.boolean(),
  documents: z.number().int(),
  writable: z.boolean(),
}).openapi('Health');
