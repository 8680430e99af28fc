// Display names and colors. The API speaks ids and ISO codes; people read names.
import vocabulary from '../../data/vocabulary.json';

export const ACTS = ['state', 'explain', 'affirm', 'agree', 'share-view', 'support', 'request', 'commit', 'discuss', 'oppose'] as const;

export const ACT_LABELS: Record<string, string> = {
  state: 'states', explain: 'explains', affirm: 'affirms', agree: 'agree', 'share-view': 'share a view',
  support: 'supports', request: 'requests', commit: 'commits', discuss: 'discuss', oppose: 'opposes',
};

export const KIND_LABELS: Record<string, string> = {
  summit: 'Summit', 'foreign-ministers': 'Foreign ministers', 'defense-ministers': 'Defense ministers',
  'two-plus-two': '2+2', 'courtesy-call': 'Courtesy call', other: 'Other',
};

export const MODE_LABELS: Record<string, string> = { 'in-person': 'In person', telephone: 'Telephone', video: 'Video' };

export const ROLE_LABELS: Record<string, string> = {
  leader: 'Leader', 'foreign-minister': 'Foreign minister', 'defense-minister': 'Defense minister',
  'national-security-advisor': 'National security advisor', minister: 'Minister', 'vice-minister': 'Vice-minister',
  ambassador: 'Ambassador', official: 'Official',
};

const COUNTRIES: Record<string, string> = {
  JP: 'Japan', US: 'United States', CN: 'China', KR: 'South Korea', KP: 'North Korea', IN: 'India', GB: 'United Kingdom',
  AU: 'Australia', UA: 'Ukraine', RU: 'Russia', FR: 'France', DE: 'Germany', IT: 'Italy', CA: 'Canada', PH: 'Philippines',
  VN: 'Viet Nam', ID: 'Indonesia', SG: 'Singapore', TW: 'Taiwan', NZ: 'New Zealand', IL: 'Israel', IR: 'Iran',
  SA: 'Saudi Arabia', TR: 'Türkiye', BR: 'Brazil', MX: 'Mexico', EU: 'European Union', PL: 'Poland', MN: 'Mongolia',
  TH: 'Thailand', MY: 'Malaysia', PK: 'Pakistan', BD: 'Bangladesh', EG: 'Egypt', ZA: 'South Africa', NL: 'Netherlands',
  ES: 'Spain', SE: 'Sweden', FI: 'Finland', NO: 'Norway', QA: 'Qatar', AE: 'United Arab Emirates', JO: 'Jordan',
};

export function countryName(code: string | null | undefined): string {
  if (!code) return '—';
  if (COUNTRIES[code]) return COUNTRIES[code];
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// the one vocabulary shared with the export and the API (Vite bundles the JSON)
export const TOPIC_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(vocabulary.topics).map(([id, t]) => [id, t.label]));

export const topicName = (id: string) => TOPIC_LABELS[id] ?? id;

/** A categorical palette that stays legible as bar fills and node colors (Tableau 10, darkened a little). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#7f7f7f'];

// Fixed colors per kind and per common country, so Japan or "summit" keep their color across views and charts.
const KIND_ORDER = ['summit', 'foreign-ministers', 'defense-ministers', 'two-plus-two', 'courtesy-call', 'other'];
const COUNTRY_ORDER = ['JP', 'US', 'CN', 'KR', 'GB', 'IN', 'AU', 'UA', 'RU', 'FR'];

export function stableColor(dimension: 'kind' | 'country', key: string): string {
  const order = dimension === 'kind' ? KIND_ORDER : COUNTRY_ORDER;
  const i = order.indexOf(key);
  if (i >= 0) return PALETTE[i % PALETTE.length];
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export const FACET_LABELS: Record<string, string> = {
  country: 'Country', participant: 'Participant', kind: 'Kind', mode: 'Mode', topic: 'Topic', year: 'Year', act: 'Act', q: 'Search', from: 'From', to: 'To',
};

export function facetValueLabel(facet: string, key: string): string {
  switch (facet) {
    case 'country': return countryName(key);
    case 'kind': return KIND_LABELS[key] ?? key;
    case 'mode': return MODE_LABELS[key] ?? key;
    case 'topic': return topicName(key);
    case 'act': return ACT_LABELS[key] ?? key;
    default: return key;
  }
}
