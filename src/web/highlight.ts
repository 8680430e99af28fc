// Cuts a document's text into plain runs and statement runs from the statements' spans. The UI renders each
// run as a text node (inside <mark> for statements), so no document text is ever parsed as HTML.

export interface Run { text: string; start: number; statement: number | null }

export function runs(text: string, spans: ([number, number] | null | undefined)[]): Run[] {
  const order = spans
    .map((span, i) => ({ span, i }))
    .filter((s): s is { span: [number, number]; i: number } =>
      !!s.span && Number.isInteger(s.span[0]) && Number.isInteger(s.span[1]) && s.span[0] < s.span[1] && s.span[0] >= 0 && s.span[0] < text.length)
    .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  const out: Run[] = [];
  let at = 0;
  for (const { span, i } of order) {
    // Overlapping spans (two acts in one clause) keep the first; the later one starts where it ends.
    const start = Math.max(span[0], at);
    const end = Math.min(span[1], text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), start: at, statement: null });
    out.push({ text: text.slice(start, end), start, statement: i });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), start: at, statement: null });
  return out;
}

/** Splits a snippet into plain and highlighted pieces from [start, end) ranges. */
export function pieces(snippet: string, ranges: [number, number][]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s) continue;
    if (s > at) out.push({ text: snippet.slice(at, s), hit: false });
    out.push({ text: snippet.slice(s, e), hit: true });
    at = e;
  }
  if (at < snippet.length) out.push({ text: snippet.slice(at), hit: false });
  return out;
}
