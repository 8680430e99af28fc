// Range look-ups in lists of spans sorted by start (people, places, dates): a binary search to the first one in a
// range, so a pass over a document's sentences reads the mentions of each, not every mention of the document.

export interface Span { start: number; end: number }

/** Index of the first span starting at or after `offset`, in a list sorted by start. */
export function firstStartingAt(spans: readonly Span[], offset: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The spans lying wholly within [from, to), in list order, from a list sorted by start. */
export function spansWithin<T extends Span>(spans: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let k = firstStartingAt(spans, from); k < spans.length && spans[k].start < to; k++) if (spans[k].end <= to) out.push(spans[k]);
  return out;
}

/**
 * Answers "does a span of `spans` reach `at`?" for offsets asked in increasing order: the furthest end among the
 * spans starting at or before a bound, swept once over the spans sorted by start (not a scan of all per question).
 */
export class ReachSweep {
  private readonly sorted: Span[];
  private next = 0;
  private reach = -Infinity;

  constructor(spans: readonly Span[]) { this.sorted = [...spans].sort((a, b) => a.start - b.start); }

  /** The furthest end of the spans that start at or before `bound` (bounds must not decrease between calls). */
  reachUpTo(bound: number): number {
    while (this.next < this.sorted.length && this.sorted[this.next].start <= bound) this.reach = Math.max(this.reach, this.sorted[this.next++].end);
    return this.reach;
  }
}
