// The meetings list: facets, full-text search, charts and a server-paged list.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { api, type Facets, type Filters, type FilterKey, listHash, meetingHash, type MeetingSummary, type Network, type SearchHit, type StatsRow } from './api';
import { NetworkChart, TimeChart, TopicHeatmap } from './charts';
import { pieces } from './highlight';
import { FACET_LABELS, KIND_LABELS, MODE_LABELS, countryName, facetValueLabel, topicName } from './labels';
import { useApi } from './use-api';

const PAGE = 25;

function go(filters: Filters, offset = 0): void {
  location.hash = listHash(filters, offset);
}

function withFilter(filters: Filters, patch: Partial<Record<FilterKey, string | undefined>>): Filters {
  const next: Filters = { ...filters };
  for (const [k, v] of Object.entries(patch) as [FilterKey, string | undefined][]) {
    if (v === undefined || v === '') delete next[k]; else next[k] = v;
  }
  return next;
}

export function ListPage(props: { filters: Filters; offset: number }): JSX.Element {
  const { filters, offset } = props;
  const key = listHash(filters);
  const list = useApi((s) => api.meetings(filters, offset, PAGE, s).then((r) => ({ ...r, key })), [key, offset]);
  // The server answers one request at a time (SQLite is synchronous): the list first, then the aggregations.
  const ready = list.data?.key === key || (!!list.error && !list.loading);
  const facets = useApi((s) => api.facets(filters, s), [key], ready);
  const hits = useApi((s) => (filters.q ? api.search(filters, 8, s) : Promise.resolve(null)), [key], ready);

  useEffect(() => {
    document.title = filters.q ? `“${filters.q}” · readout` : 'readout · meetings';
  }, [key]);

  return (
    <div class="list-page">
      <Sidebar filters={filters} facets={facets.data} stale={!ready || facets.loading} />
      <section class="results" aria-labelledby="results-title">
        <ActiveFilters filters={filters} />
        {filters.q && <SearchHits q={filters.q} hits={hits.data?.items ?? null} total={hits.data?.total ?? 0} error={hits.error} />}
        <Charts filters={filters} ready={ready} />
        <div class="results-head">
          <h2 id="results-title">
            {list.data ? `${list.data.total.toLocaleString('en')} meeting${list.data.total === 1 ? '' : 's'}` : 'Meetings'}
          </h2>
          {list.loading && <span class="loading" role="status">Loading…</span>}
        </div>
        {list.error && <p class="error" role="alert">{list.error}</p>}
        {list.data && list.data.items.length === 0 && <p class="empty">No meeting matches these filters.</p>}
        {list.data && (
          <ol class="meetings" start={offset + 1}>
            {list.data.items.map((m) => <MeetingRow key={m.id} m={m} />)}
          </ol>
        )}
        {list.data && list.data.total > PAGE && (
          <nav class="pager" aria-label="Pages">
            <button type="button" disabled={offset === 0} onClick={() => go(filters, Math.max(0, offset - PAGE))}>← Newer</button>
            <span>{offset + 1}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total.toLocaleString('en')}</span>
            <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => go(filters, offset + PAGE)}>Older →</button>
          </nav>
        )}
      </section>
    </div>
  );
}

function MeetingRow({ m }: { m: MeetingSummary }): JSX.Element {
  const title = m.title ?? m.path?.replace(/^.*\//, '') ?? m.id;
  const people = m.participants.slice(0, 4).map((p) => p.name).join(', ') + (m.participants.length > 4 ? ` +${m.participants.length - 4}` : '');
  return (
    <li>
      <a class="row" href={meetingHash(m.id)}>
        <span class="row-date">{m.date ?? 'undated'}</span>
        <span class="row-main">
          <span class="row-title">{title}</span>
          <span class="row-meta">
            {m.countries.map(countryName).join(' · ') || 'sides unknown'}
            {' — '}{KIND_LABELS[m.kind] ?? m.kind}, {MODE_LABELS[m.mode] ?? m.mode}
            {people && <>{' — '}{people}</>}
            {m.readouts.length > 1 && <>{' — '}{m.readouts.length} readouts</>}
          </span>
          {m.topics.length > 0 && (
            <span class="row-topics">{m.topics.slice(0, 6).map((t) => <span key={t} class="tag">{topicName(t)}</span>)}{m.topics.length > 6 && <span class="tag more">+{m.topics.length - 6}</span>}</span>
          )}
        </span>
        <span class="row-count" title="statements">{m.statementCount}<small> stmts</small></span>
      </a>
    </li>
  );
}

const FACET_ORDER: (keyof Facets)[] = ['country', 'participant', 'kind', 'mode', 'topic', 'year'];

function Sidebar({ filters, facets, stale }: { filters: Filters; facets: Facets | null; stale: boolean }): JSX.Element {
  const [open] = useState(() => typeof matchMedia === 'undefined' || matchMedia('(min-width: 800px)').matches);
  return (
    <aside class={`facets${stale ? ' stale' : ''}`} aria-label="Filters" aria-busy={stale}>
      <details open={open}>
        <summary>Filters</summary>
        {FACET_ORDER.map((f) => <FacetGroup key={f} facet={f} buckets={facets?.[f] ?? null} filters={filters} />)}
      </details>
    </aside>
  );
}

function FacetGroup({ facet, buckets, filters }: { facet: keyof Facets; buckets: { key: string; count: number }[] | null; filters: Filters }): JSX.Element {
  const [more, setMore] = useState(false);
  const selected = filters[facet];
  // Undated meetings cannot be selected by year (the API takes a number), so that bucket is not offered.
  const sorted = buckets ? (facet === 'year' ? buckets.filter((b) => /^\d{4}$/.test(b.key)).sort((a, b) => b.key.localeCompare(a.key)) : buckets) : [];
  const shown = more ? sorted.slice(0, 40) : sorted.slice(0, 7);
  if (selected && !shown.some((b) => b.key === selected)) shown.unshift({ key: selected, count: sorted.find((b) => b.key === selected)?.count ?? 0 });
  return (
    <section class="facet" aria-labelledby={`facet-${facet}`}>
      <h3 id={`facet-${facet}`}>{FACET_LABELS[facet]}</h3>
      {buckets === null ? <p class="muted">…</p> : sorted.length === 0 ? <p class="muted">none</p> : (
        <ul>
          {shown.map((b) => {
            const on = selected === b.key;
            return (
              <li key={b.key}>
                <button type="button" class={`facet-btn${on ? ' on' : ''}`} aria-pressed={on} data-facet={facet} data-key={b.key}
                  onClick={() => go(withFilter(filters, { [facet]: on ? undefined : b.key }))}>
                  <span class="facet-name">{facetValueLabel(facet, b.key)}</span>
                  <span class="facet-count">{b.count.toLocaleString('en')}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {sorted.length > 7 && (
        <button type="button" class="link-btn" aria-expanded={more} onClick={() => setMore(!more)}>{more ? 'Fewer' : `More (${Math.min(sorted.length, 40) - 7})`}</button>
      )}
    </section>
  );
}

function ActiveFilters({ filters }: { filters: Filters }): JSX.Element | null {
  const entries = Object.entries(filters) as [FilterKey, string][];
  if (entries.length === 0) return null;
  return (
    <div class="chips" aria-label="Active filters">
      {entries.map(([k, v]) => (
        <button key={k} type="button" class="chip" aria-label={`Remove filter ${FACET_LABELS[k]}: ${facetValueLabel(k, v)}`}
          onClick={() => go(withFilter(filters, { [k]: undefined }))}>
          <span class="chip-k">{FACET_LABELS[k]}</span> {k === 'q' ? `“${v}”` : facetValueLabel(k, v)} <span aria-hidden="true">×</span>
        </button>
      ))}
      {entries.length > 1 && <button type="button" class="link-btn" onClick={() => go({})}>Clear all</button>}
    </div>
  );
}

function monthBounds(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

function Charts({ filters, ready }: { filters: Filters; ready: boolean }): JSX.Element {
  const [dimension, setDimension] = useState<'kind' | 'country'>('kind');
  const key = listHash(filters);
  const by: 'year' | 'month' = filters.year ? 'month' : 'year';
  const time = useApi((s) => api.stats(filters, by, dimension, s), [key, by, dimension], ready);
  const topics = useApi((s) => api.stats(filters, 'year', 'topic', s), [key], ready);
  const graph = useApi((s) => api.network(filters, 30, s), [key], ready);
  const label = (k: string) => (dimension === 'kind' ? KIND_LABELS[k] ?? k : countryName(k));
  // Charts open by default on wide screens; on a phone the list comes first.
  const [open] = useState(() => typeof matchMedia === 'undefined' || matchMedia('(min-width: 800px)').matches);
  return (
    <details class="charts-wrap" open={open}>
    <summary>Charts</summary>
    <div class="charts">
      <figure class="card">
        <figcaption>
          <span>Meetings over time</span>
          <span class="seg" role="group" aria-label="Split by">
            <button type="button" aria-pressed={dimension === 'kind'} onClick={() => setDimension('kind')}>kind</button>
            <button type="button" aria-pressed={dimension === 'country'} onClick={() => setDimension('country')}>country</button>
          </span>
        </figcaption>
        <ChartBody state={time}>{(d: { rows: StatsRow[] }) => (
          <TimeChart rows={d.rows} by={by} dimension={dimension} label={label} title={`Meetings per ${by} by ${dimension}`}
            onPick={(period, k) => go(withFilter(filters, {
              ...(by === 'year' ? { year: period } : monthBounds(period)),
              ...(k ? { [dimension]: k } : {}),
            }))} />
        )}</ChartBody>
      </figure>
      <figure class="card">
        <figcaption><span>Topic trends</span><span class="muted small">meetings per year</span></figcaption>
        <ChartBody state={topics}>{(d: { rows: StatsRow[] }) => (
          <TopicHeatmap rows={d.rows} label={topicName} selectedTopic={filters.topic}
            onPick={(t, p) => go(withFilter(filters, { topic: t, ...(p ? { year: p } : {}) }))} />
        )}</ChartBody>
      </figure>
      <figure class="card wide">
        <figcaption><span>Who met whom</span><span class="muted small">{graph.data?.truncated ? `latest ${graph.data.scanned.toLocaleString('en')} meetings` : 'participants sharing a meeting'}</span></figcaption>
        <ChartBody state={graph}>{(d: Network) => (
          <NetworkChart graph={d} selected={filters.participant}
            onPick={(name) => go(withFilter(filters, { participant: filters.participant === name ? undefined : name }))} />
        )}</ChartBody>
      </figure>
    </div>
    </details>
  );
}

function ChartBody<T>({ state, children }: { state: { data: T | null; error: string | null }; children: (d: T) => JSX.Element }): JSX.Element {
  if (state.error) return <p class="error">{state.error}</p>;
  if (!state.data) return <div class="chart-empty">Loading…</div>;
  return children(state.data);
}

function SearchHits({ q, hits, total, error }: { q: string; hits: SearchHit[] | null; total: number; error: string | null }): JSX.Element {
  return (
    <section class="card hits" aria-labelledby="hits-title">
      <h2 id="hits-title" class="small-h">Statements matching “{q}” {hits && <span class="muted">({total.toLocaleString('en')})</span>}</h2>
      {error && <p class="error">{error}</p>}
      {hits && hits.length === 0 && <p class="muted">No statement matches; meetings whose text matches are listed below.</p>}
      {hits && hits.length > 0 && (
        <ul>
          {hits.map((h) => (
            <li key={`${h.meetingId}-${h.statementIndex}`}>
              <a href={meetingHash(h.meetingId, h.statementIndex)} class="hit">
                <span class="hit-snippet">{pieces(h.snippet, h.highlights ?? []).map((p, i) => (p.hit ? <mark key={i} class="hit-mark">{p.text}</mark> : p.text))}</span>
                <span class="hit-meta"><span class={`act-pill act-${h.act}`}>{h.act}</span> {h.speakers.join(', ') || '—'} · {h.date ?? 'undated'} · {h.title ?? 'untitled meeting'}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
