// Hand-drawn SVG charts (a charting library would triple the bundle). Every mark is a keyboard-focusable
// button that filters the meetings list.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Network, StatsRow } from './api';
import { PALETTE, countryName, stableColor } from './labels';

function useWidth(initial = 360): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(initial);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = (el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    setWidth(Math.max(200, Math.floor(el.clientWidth)));
    observer.current = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0) setWidth(Math.max(200, w));
    });
    observer.current.observe(el);
  };
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

// Mouse-only marks: a keyboard reaches the same filter through one stop per period or topic, so a big
// chart does not put hundreds of stops between the search box and the list.
const clickOnly = (fn: () => void) => ({ onClick: (e: MouseEvent) => { e.stopPropagation(); fn(); } });

const activate = (fn: () => void) => ({
  onClick: fn,
  onKeyDown: (e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(); } },
  tabIndex: 0,
  role: 'button' as const,
});

/** Periods from first to last with the gaps filled, so the time axis is even. */
export function periodRange(periods: string[], by: 'year' | 'month'): string[] {
  // Undated meetings come back under a non-date period; a time axis has no place for them.
  const valid = by === 'year' ? /^\d{4}$/ : /^\d{4}-\d{2}$/;
  const sorted = [...new Set(periods.filter((p) => valid.test(p)))].sort();
  if (sorted.length === 0) return [];
  const out: string[] = [];
  if (by === 'year') {
    const a = Number(sorted[0]); const b = Number(sorted[sorted.length - 1]);
    if (!Number.isFinite(a) || !Number.isFinite(b) || b - a > 200) return sorted;
    for (let y = a; y <= b; y++) out.push(String(y));
    return out;
  }
  const [ay, am] = sorted[0].split('-').map(Number);
  const [by_, bm] = sorted[sorted.length - 1].split('-').map(Number);
  if (![ay, am, by_, bm].every(Number.isFinite)) return sorted;
  for (let y = ay, m = am; y < by_ || (y === by_ && m <= bm); m === 12 ? (y++, m = 1) : m++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (out.length > 1200) break;
  }
  return out;
}

/** The bucket small keys fold into; not a value any dimension has ("other" is a real meeting kind). */
export const REST = '\u0000rest';

/** Keeps the `n` largest keys and folds the rest into REST. */
function topKeys(rows: StatsRow[], n: number): { keys: string[]; fold: (k: string) => string } {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.count);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  if (ranked.length <= n) return { keys: ranked, fold: (k) => k };
  const kept = new Set(ranked.slice(0, n - 1));
  return { keys: [...ranked.slice(0, n - 1), REST], fold: (k) => (kept.has(k) ? k : REST) };
}

export function TimeChart(props: {
  rows: StatsRow[]; by: 'year' | 'month'; label: (key: string) => string; dimension: 'kind' | 'country';
  onPick: (period: string, key: string | null) => void; title: string;
}): JSX.Element {
  const [ref, width] = useWidth();
  const { keys, fold } = topKeys(props.rows, 8);
  const color = (k: string) => (k === REST ? '#9ca3af' : stableColor(props.dimension, k));
  const label = (k: string) => (k === REST ? 'Rest' : props.label(k));
  const periods = periodRange(props.rows.map((r) => r.period), props.by);
  const cells = new Map<string, Map<string, number>>();
  for (const r of props.rows) {
    const k = fold(r.key);
    const m = cells.get(r.period) ?? new Map<string, number>();
    m.set(k, (m.get(k) ?? 0) + r.count);
    cells.set(r.period, m);
  }
  const totals = periods.map((p) => [...(cells.get(p)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const height = 190;
  const pad = { l: 34, r: 8, t: 10, b: 26 };
  const plotW = width - pad.l - pad.r;
  const plotH = height - pad.t - pad.b;
  const step = periods.length ? plotW / periods.length : plotW;
  const barW = Math.max(2, Math.min(48, step * 0.75));
  const ticks = niceTicks(max);
  const labelEvery = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(plotW / 44))));
  if (periods.length === 0) return <div class="chart-empty">No dated meetings under these filters.</div>;
  return (
    <div ref={ref} class="chart">
      <svg width={width} height={height} role="group" aria-label={props.title}>
        {ticks.map((t) => {
          const y = pad.t + plotH - (t / max) * plotH;
          return <g key={t}><line x1={pad.l} x2={width - pad.r} y1={y} y2={y} class="grid" /><text x={pad.l - 5} y={y + 4} text-anchor="end" class="axis">{t}</text></g>;
        })}
        {periods.map((p, i) => {
          let y = pad.t + plotH;
          const x = pad.l + i * step + (step - barW) / 2;
          const m = cells.get(p);
          const total = totals[i];
          return (
            <g key={p} class="period" aria-label={`${p}: ${total} meetings`} {...(total ? activate(() => props.onPick(p, null)) : {})}>
              {keys.map((k) => {
                const v = m?.get(k) ?? 0;
                if (!v) return null;
                const h = (v / max) * plotH;
                y -= h;
                return (
                  <rect key={k} x={x} y={y} width={barW} height={Math.max(1, h - 0.5)} fill={color(k)} class="bar"
                    {...clickOnly(() => props.onPick(p, k === REST ? null : k))}>
                    <title>{`${p} · ${label(k)}: ${v}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && <text x={pad.l + i * step + step / 2} y={height - 8} text-anchor="middle" class="axis">{props.by === 'month' ? p.slice(2) : p}</text>}
            </g>
          );
        })}
      </svg>
      <ul class="legend" aria-label="Legend">
        {keys.map((k) => <li key={k}><span class="swatch" style={{ background: color(k) }} />{label(k)}</li>)}
      </ul>
    </div>
  );
}

function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? mag * 10;
  const out: number[] = [];
  for (let t = 0; t <= max; t += Math.max(1, step)) out.push(t);
  return out;
}

export function TopicHeatmap(props: {
  rows: StatsRow[]; label: (key: string) => string; selectedTopic?: string;
  onPick: (topic: string, period: string | null) => void;
}): JSX.Element {
  const [ref, width] = useWidth();
  const { keys } = topKeys(props.rows, 100);
  const topics = keys.slice(0, 12);
  const periods = periodRange(props.rows.map((r) => r.period), 'year');
  const count = new Map(props.rows.map((r) => [`${r.key}|${r.period}`, r.count]));
  const max = Math.max(1, ...props.rows.map((r) => r.count));
  const labelW = Math.min(150, Math.max(118, width * 0.32));
  const maxChars = Math.floor((labelW - 8) / 6.6);
  const fit = (t: string) => (t.length > maxChars ? `${t.slice(0, maxChars - 1)}…` : t);
  const rowH = 20;
  const top = 18;
  const cellW = periods.length ? Math.max(8, (width - labelW - 6) / periods.length) : 0;
  const height = top + topics.length * rowH + 4;
  const labelEvery = Math.max(1, Math.ceil(36 / Math.max(1, cellW)));
  if (periods.length === 0 || topics.length === 0) return <div class="chart-empty">No dated topics under these filters.</div>;
  return (
    <div ref={ref} class="chart">
      <svg width={width} height={height} role="group" aria-label="Topic trends: meetings per topic and year">
        {periods.map((p, j) => j % labelEvery === 0 && (
          <text key={p} x={labelW + j * cellW + cellW / 2} y={12} text-anchor="middle" class="axis">{p}</text>
        ))}
        {topics.map((t, i) => (
          <g key={t}>
            <text x={labelW - 6} y={top + i * rowH + 14} text-anchor="end"
              class={`axis topic-label${props.selectedTopic === t ? ' selected' : ''}`}
              aria-label={`Filter by topic ${props.label(t)}`}
              {...activate(() => props.onPick(t, null))}>{fit(props.label(t))}<title>{props.label(t)}</title></text>
            {periods.map((p, j) => {
              const v = count.get(`${t}|${p}`) ?? 0;
              const intensity = v / max;
              return (
                <rect key={p} x={labelW + j * cellW + 1} y={top + i * rowH + 1} width={cellW - 2} height={rowH - 2} rx={2}
                  fill={v ? heat(intensity) : '#f3f4f6'} class="cell"
                  {...(v ? clickOnly(() => props.onPick(t, p)) : {})}>
                  <title>{`${props.label(t)} · ${p}: ${v}`}</title>
                </rect>
              );
            })}
            {periods.map((p, j) => {
              const v = count.get(`${t}|${p}`) ?? 0;
              return v && cellW >= 22 ? <text key={`n${p}`} x={labelW + j * cellW + cellW / 2} y={top + i * rowH + 14} text-anchor="middle"
                class="cell-n" fill={v / max > 0.55 ? '#fff' : '#1f2937'} pointer-events="none">{v}</text> : null;
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}

function heat(x: number): string {
  // Light to dark blue; the floor keeps a single meeting visible.
  const t = 0.18 + 0.82 * x;
  const from = [219, 234, 254]; const to = [30, 64, 175];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function NetworkChart(props: { graph: Network; selected?: string; onPick: (name: string) => void }): JSX.Element {
  const [ref, width] = useWidth();
  const { nodes, edges } = props.graph;
  const height = Math.round(Math.min(420, width * 0.8, Math.max(160, 60 + props.graph.nodes.length * 18)));
  if (nodes.length === 0) return <div class="chart-empty">No participants under these filters.</div>;
  const countries = [...new Set(nodes.map((n) => n.country ?? '?'))];
  const color = (c: string) => stableColor('country', c);
  const cx = width / 2; const cy = height / 2;
  // Labels sit outside the ring; leave them room on narrow screens.
  const rx = Math.max(60, cx - 110);
  const ry = Math.max(60, cy - 24);
  // Grouped by country around an ellipse, so a side's people sit together and links read as between sides.
  const ring = [...nodes].sort((a, b) => countries.indexOf(a.country ?? '?') - countries.indexOf(b.country ?? '?') || b.meetings - a.meetings);
  const pos = new Map(ring.map((n, i) => {
    const a = ((i + 0.5) / ring.length) * Math.PI * 2 - Math.PI / 2;
    return [n.id, { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a), a }];
  }));
  const maxM = Math.max(1, ...nodes.map((n) => n.meetings));
  const maxE = Math.max(1, ...edges.map((e) => e.meetings));
  const neighbours = new Set<string>();
  if (props.selected) for (const e of edges) { if (e.source === props.selected) neighbours.add(e.target); if (e.target === props.selected) neighbours.add(e.source); }
  return (
    <div ref={ref} class="chart">
      <svg width={width} height={height} role="group" aria-label="Who met whom">
        {edges.map((e) => {
          const a = pos.get(e.source); const b = pos.get(e.target);
          if (!a || !b) return null;
          const on = props.selected && (e.source === props.selected || e.target === props.selected);
          return <path key={`${e.source}|${e.target}`} d={`M${a.x},${a.y} Q${((a.x + b.x) / 2 + cx) / 2},${((a.y + b.y) / 2 + cy) / 2} ${b.x},${b.y}`}
            class={`edge${on ? ' on' : ''}`} stroke-width={1 + 3 * (e.meetings / maxE)}><title>{`${e.source} – ${e.target}: ${e.meetings}`}</title></path>;
        })}
        {nodes.map((n) => {
          const p = pos.get(n.id)!;
          const rad = 4 + 6 * Math.sqrt(n.meetings / maxM);
          const right = Math.cos(p.a) >= 0;
          const dim = props.selected && n.id !== props.selected && !neighbours.has(n.id);
          return (
            <g key={n.id} class={`node${dim ? ' dim' : ''}${n.id === props.selected ? ' selected' : ''}`}
              aria-label={`${n.id} (${countryName(n.country)}), ${n.meetings} meetings`} {...activate(() => props.onPick(n.id))}>
              <circle cx={p.x} cy={p.y} r={rad} fill={color(n.country ?? '?')} />
              <text x={p.x + (right ? rad + 4 : -rad - 4)} y={p.y + 4} text-anchor={right ? 'start' : 'end'} class="node-label">{shortName(n.id)}</text>
              <title>{`${n.id} · ${countryName(n.country)} · ${n.meetings} meetings`}</title>
            </g>
          );
        })}
      </svg>
      <ul class="legend" aria-label="Countries">
        {countries.slice(0, PALETTE.length).map((c) => <li key={c}><span class="swatch round" style={{ background: color(c) }} />{countryName(c === '?' ? null : c)}</li>)}
      </ul>
    </div>
  );
}

function shortName(name: string): string {
  return name.length > 22 ? `${name.slice(0, 21)}…` : name;
}
