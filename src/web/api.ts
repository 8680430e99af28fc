// Client for readout's JSON API and the URL state of the UI (hash routes, so the server needs no fallback).

export type Span = [number, number];

export interface MeetingSummary {
  id: string; title: string | null; date: string | null; kind: string; mode: string; format: string;
  countries: string[]; participants: { name: string; country: string; role: string }[]; topics: string[];
  statementCount: number; path: string | null; readouts: ReadoutRef[];
}
/** One government's readout of a meeting. */
export interface ReadoutRef {
  id: string; sha256: string; path: string | null; url: string | null; title: string | null;
  publisher: string | null; publishedDate: string | null;
}
export interface Participant { name: string; title: string | null; role: string; country: string; actorId: string | null; mentions: Span[] }
export interface Statement { text: string; span: Span; item: string | null; speakers: string[]; speakerCountries: string[]; act: string; topics: string[] }
export interface ReadoutRecord {
  source: { path: string | null; url?: string | null; sha256: string; publisher: string | null; publishedDate: string | null };
  meeting: {
    title: string | null; kind: string; mode: string; format: string; countries: string[]; date: string | null;
    start: null | { utc: string; localOffsetMinutes: number; approximate: boolean; span: Span };
    durationMinutes: number | null; durationApproximate: boolean;
    location: { city: string | null; country: string | null; venue: string | null }; occasion: string | null;
  };
  participants: Participant[];
  statements: Statement[];
  topics: string[];
  mentions: { countries: string[]; organizations: string[]; people: string[] };
  related: { title: string; date: string | null }[];
}
export interface MeetingDetail {
  id: string; path: string | null; sha256: string; extractorVersion: string; ingestedAt: string; text: string;
  record: ReadoutRecord;
  /** The meeting this readout reports (its first readout's id) and every readout of it, first one first. */
  meeting: string; readouts: ReadoutRef[];
}
export type Difference =
  | { kind: 'act'; a: string; b: string }
  | { kind: 'attribution'; a: string[]; b: string[] }
  | { kind: 'reported-speech'; side: 'a' | 'b'; speakers: string[] }
  | { kind: 'topics'; onlyA: string[]; onlyB: string[] };
export interface ComparedSide { id: string | null; path: string | null; publisher: string | null }
export interface AlignedPair { a: number; b: number; score: number; differences: Difference[] }
export interface Comparison {
  sameMeeting: boolean;
  match: { same: boolean; confidence: number; reasons: string[] };
  a: ComparedSide; b: ComparedSide;
  facts: { field: string; a: string | null; b: string | null; same: boolean }[];
  topics: { shared: string[]; onlyA: string[]; onlyB: string[] };
  /** a and b index the statements of each side's record. */
  statements: { aligned: AlignedPair[]; onlyA: number[]; onlyB: number[] };
}
export interface Bucket { key: string; count: number }
export interface Facets { country: Bucket[]; participant: Bucket[]; kind: Bucket[]; mode: Bucket[]; topic: Bucket[]; year: Bucket[] }
export interface StatsRow { period: string; key: string; count: number }
export interface SearchHit { meetingId: string; title: string | null; date: string | null; statementIndex: number; act: string; speakers: string[]; snippet: string; highlights: Span[]; span: Span }
export interface Network { nodes: { id: string; country: string | null; meetings: number }[]; edges: { source: string; target: string; meetings: number }[]; scanned: number; truncated: boolean }
export interface Topic { id: string; label: string; scope: string | null; count: number }

export const FILTER_KEYS = ['country', 'participant', 'kind', 'mode', 'topic', 'year', 'act', 'from', 'to', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export type Route =
  | { page: 'list'; filters: Filters; offset: number }
  | { page: 'meeting'; id: string; statement: number | null }
  | { page: 'compare'; a: string; b: string };

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const c = /^\/compare\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)/.exec(h);
  if (c) return { page: 'compare', a: c[1], b: c[2] };
  const m = /^\/m\/([A-Za-z0-9_-]+)(?:\/s(\d+))?/.exec(h);
  if (m) return { page: 'meeting', id: m[1], statement: m[2] !== undefined ? Number(m[2]) : null };
  const qs = new URLSearchParams(h.includes('?') ? h.slice(h.indexOf('?') + 1) : '');
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = qs.get(k);
    if (v) filters[k] = v;
  }
  const offset = Math.max(0, Number(qs.get('offset') ?? 0) || 0);
  return { page: 'list', filters, offset };
}

export function listHash(filters: Filters, offset = 0): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) qs.set(k, filters[k] as string);
  if (offset) qs.set('offset', String(offset));
  const s = qs.toString();
  return s ? `#/?${s}` : '#/';
}

export const meetingHash = (id: string, statement?: number) => `#/m/${id}${statement !== undefined ? `/s${statement}` : ''}`;

export const compareHash = (a: string, b: string) => `#/compare/${a}/${b}`;

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

// Requests in flight, shown as a progress bar (html[data-busy]) and waited on by the browser tests.
let inflight = 0;
function busy(delta: number): void {
  inflight += delta;
  document.documentElement.toggleAttribute('data-busy', inflight > 0);
}

async function get<T>(path: string, params: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  busy(1);
  try {
    return await request<T>(path, params, signal);
  } finally {
    busy(-1);
  }
}

async function request<T>(path: string, params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  const res = await fetch(`/api/${path}${s ? `?${s}` : ''}`, { signal, headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? res.statusText);
  return body as T;
}

export const api = {
  meetings: (f: Filters, offset: number, limit: number, signal?: AbortSignal) =>
    get<{ total: number; limit: number; offset: number; items: MeetingSummary[] }>('meetings', { ...f, offset, limit }, signal),
  meeting: (id: string, signal?: AbortSignal) => get<MeetingDetail>(`meetings/${encodeURIComponent(id)}`, {}, signal),
  compare: (a: string, b: string, signal?: AbortSignal) => get<Comparison>('compare', { a, b }, signal),
  facets: (f: Filters, signal?: AbortSignal) => get<Facets>('facets', f, signal),
  stats: (f: Filters, by: 'year' | 'month', dimension: string, signal?: AbortSignal) =>
    get<{ rows: StatsRow[] }>('stats', { ...f, by, dimension }, signal),
  search: (f: Filters, limit: number, signal?: AbortSignal) => {
    const { q, ...rest } = f;
    return get<{ total: number; items: SearchHit[] }>('search', { ...rest, q, limit }, signal);
  },
  network: (f: Filters, limit: number, signal?: AbortSignal) => get<Network>('network', { ...f, limit }, signal),
  topics: (signal?: AbortSignal) => get<{ items: Topic[] }>('topics', { limit: 500 }, signal),
};

/** The list view the user came from, so "back" from a meeting keeps their filters. */
let lastList = '#/';
export const rememberList = (hash: string) => { lastList = hash || '#/'; };
export const backToList = () => lastList;
