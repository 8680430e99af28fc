// Who-met-whom graph of participants. Stores that can aggregate it themselves expose `network()`; for the
// others the graph is built from meeting summaries (they carry each meeting's participants), reading at most
// `maxScan` meetings; the app caches the result per filter.
import type { MeetingFilter, MeetingSummary } from '../store/store.js';
import type { ArchiveStore } from '../store/archive-store.js';

export interface NetworkGraph {
  nodes: { id: string; country: string | null; meetings: number }[];
  edges: { source: string; target: string; meetings: number }[];
  scanned: number;
  truncated: boolean;
}

interface NetworkCapable { network(filter: MeetingFilter, limit: number): Promise<NetworkGraph> }

function hasNetwork(store: ArchiveStore): store is ArchiveStore & NetworkCapable {
  return typeof (store as Partial<NetworkCapable>).network === 'function';
}

export function buildGraph(summaries: Iterable<MeetingSummary>, nodeLimit: number): Omit<NetworkGraph, 'scanned' | 'truncated'> {
  const nodes = new Map<string, { id: string; country: string | null; meetings: number }>();
  const edges = new Map<string, { source: string; target: string; meetings: number }>();
  for (const m of summaries) {
    const names = [...new Set(m.participants.map((p) => p.name))].sort();
    for (const p of m.participants) {
      const n = nodes.get(p.name);
      if (n) n.meetings += 1; else nodes.set(p.name, { id: p.name, country: p.country || null, meetings: 1 });
    }
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const key = `${names[i]}\u0000${names[j]}`;
        const e = edges.get(key);
        if (e) e.meetings += 1; else edges.set(key, { source: names[i], target: names[j], meetings: 1 });
      }
    }
  }
  const kept = [...nodes.values()].sort((a, b) => b.meetings - a.meetings || a.id.localeCompare(b.id)).slice(0, nodeLimit);
  const keep = new Set(kept.map((n) => n.id));
  const keptEdges = [...edges.values()].filter((e) => keep.has(e.source) && keep.has(e.target))
    .sort((a, b) => b.meetings - a.meetings);
  return { nodes: kept, edges: keptEdges };
}

/** The graph of the meetings matching `filter`, from at most `maxScan` of them (most recent first). */
export async function networkOf(store: ArchiveStore, filter: MeetingFilter, nodeLimit: number, maxScan = 10_000):
  Promise<NetworkGraph> {
  if (hasNetwork(store)) return store.network(filter, nodeLimit);
  // One query, not pages: OFFSET paging re-reads every skipped row and turns quadratic on big archives.
  const { total, items } = await store.meetings(filter, { limit: maxScan, offset: 0, readouts: false });
  return { ...buildGraph(items, nodeLimit), scanned: items.length, truncated: total > items.length };
}
