// The `readout/1` record (shared spec RECORD.md) as zod schemas: one source for types, validation and OpenAPI.
import { z } from 'zod';

export const MEETING_KINDS = ['summit', 'foreign-ministers', 'defense-ministers', 'two-plus-two', 'courtesy-call', 'other'] as const;
export const MEETING_MODES = ['in-person', 'telephone', 'video'] as const;
export const MEETING_FORMATS = ['bilateral', 'trilateral', 'multilateral'] as const;
export const ROLES = ['leader', 'foreign-minister', 'defense-minister', 'national-security-advisor', 'minister', 'vice-minister', 'ambassador', 'official'] as const;
export const ACTS = ['state', 'explain', 'affirm', 'agree', 'share-view', 'support', 'request', 'commit', 'discuss', 'oppose'] as const;

export const SpanSchema = z.tuple([z.number().int(), z.number().int()]);

export const ParticipantSchema = z.object({
  name: z.string(),
  title: z.string().nullable(),
  role: z.enum(ROLES),
  country: z.string(),
  actorId: z.string().nullable(),
  mentions: z.array(SpanSchema),
});

export const StatementSchema = z.object({
  text: z.string(),
  span: SpanSchema,
  item: z.string().nullable(),
  speakers: z.array(z.string()),
  speakerCountries: z.array(z.string()),
  act: z.enum(ACTS),
  topics: z.array(z.string()),
  /** ISO codes of third countries the act is aimed at or about, never the sides at the table. */
  targets: z.array(z.string()),
});

export const MeetingStartSchema = z.object({
  utc: z.string(),
  localOffsetMinutes: z.number().int(),
  approximate: z.boolean(),
  span: SpanSchema,
});

export const MeetingSchema = z.object({
  title: z.string().nullable(),
  kind: z.enum(MEETING_KINDS),
  mode: z.enum(MEETING_MODES),
  format: z.enum(MEETING_FORMATS),
  countries: z.array(z.string()),
  date: z.string().nullable(),
  start: MeetingStartSchema.nullable(),
  durationMinutes: z.number().nullable(),
  durationApproximate: z.boolean(),
  location: z.object({ city: z.string().nullable(), country: z.string().nullable(), venue: z.string().nullable() }),
  occasion: z.string().nullable(),
});

export const ReadoutRecordSchema = z.object({
  schema: z.literal('readout/1'),
  source: z.object({
    path: z.string().nullable(),
    sha256: z.string(),
    publisher: z.string().nullable(),
    publishedDate: z.string().nullable(),
    url: z.string().nullable(), // the web address the bytes were fetched from, when they were fetched
  }),
  meeting: MeetingSchema,
  participants: z.array(ParticipantSchema),
  statements: z.array(StatementSchema),
  topics: z.array(z.string()),
  mentions: z.object({
    countries: z.array(z.string()),
    organizations: z.array(z.string()),
    people: z.array(z.string()),
  }),
  related: z.array(z.object({ title: z.string(), date: z.string().nullable() })),
  /** Not part of the scored contract: problems met while extracting (e.g. "not a readout"). */
  warnings: z.array(z.string()).optional(),
});

export type MeetingKind = (typeof MEETING_KINDS)[number];
export type MeetingMode = (typeof MEETING_MODES)[number];
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export type Role = (typeof ROLES)[number];
export type Act = (typeof ACTS)[number];
export type Span = [number, number];
export type Participant = z.infer<typeof ParticipantSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type ReadoutRecord = z.infer<typeof ReadoutRecordSchema>;
