// Finds which of many literal strings occur in a text, in one pass (an Aho-Corasick automaton compiled to a
// table): the cost is one table load per character whatever the number of literals, where an alternation
// regular expression restarts at every match and tries its branches at every position.
const { charCodeAt } = String.prototype; // see tokens.ts


export interface LiteralScanner {
  /** Every occurrence (overlapping ones included), as the literal and the offset just past it, in text order of those ends. */
  occurrences(text: string): LiteralHits;
  /** Whether any literal occurs. */
  occursIn(text: string): boolean;
}

export interface LiteralHits { ends: number[]; literals: string[] }

/** The indexes in `hits` of the occurrences that lie wholly within [from, to), in order. */
export function hitsWithin(hits: LiteralHits, from: number, to: number): number[] {
  let lo = 0, hi = hits.ends.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (hits.ends[mid] <= from) lo = mid + 1; else hi = mid; }
  const out: number[] = [];
  for (let k = lo; k < hits.ends.length && hits.ends[k] <= to; k++) if (hits.ends[k] - hits.literals[k].length >= from) out.push(k);
  return out;
}

/** A scanner for `literals`; `ignoreCase` matches A-Z (and other cased letters) whatever their case. */
export function literalScanner(literals: string[], ignoreCase: boolean): LiteralScanner {
  const words = [...new Set(literals.map((w) => (ignoreCase ? w.toLowerCase() : w)))].filter((w) => w.length > 0);
  if (!words.length) return { occurrences: () => ({ ends: [], literals: [] }), occursIn: () => false };
  // Symbols: 0 for any character no literal holds, then one per distinct character (both cases share one).
  const symbolOf = new Map<number, number>();
  for (const w of words) {
    for (const ch of w) {
      if (symbolOf.has(ch.charCodeAt(0))) continue;
      const sym = new Set(symbolOf.values()).size + 1;
      for (const form of ignoreCase ? new Set([ch, ch.toLowerCase(), ch.toUpperCase()]) : [ch]) {
        if (form.length === 1) symbolOf.set(form.charCodeAt(0), sym);
      }
    }
  }
  const symbols = new Set(symbolOf.values()).size + 1;
  // A flat table by char code: a Map lookup per character costs several times the transition itself.
  const symbolTable = new Uint16Array(0x10000);
  for (const [code, sym] of symbolOf) symbolTable[code] = sym;

  // The trie, then failure links breadth first, folded into a complete transition table.
  const next: number[][] = [new Array<number>(symbols).fill(-1)];
  const ends: number[][] = [[]];
  words.forEach((w, id) => {
    let s = 0;
    for (let k = 0; k < w.length; k++) {
      const c = symbolTable[w.charCodeAt(k)];
      if (next[s][c] < 0) { next[s][c] = next.length; next.push(new Array<number>(symbols).fill(-1)); ends.push([]); }
      s = next[s][c];
    }
    ends[s].push(id);
  });
  const table = new Int32Array(next.length * symbols);
  const fail = new Int32Array(next.length);
  const queue: number[] = [];
  for (let c = 0; c < symbols; c++) {
    const t = next[0][c];
    table[c] = t < 0 ? 0 : t;
    if (t > 0) queue.push(t);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    ends[s].push(...ends[fail[s]]);
    for (let c = 0; c < symbols; c++) {
      const t = next[s][c];
      if (t < 0) { table[s * symbols + c] = table[fail[s] * symbols + c]; continue; }
      fail[t] = table[fail[s] * symbols + c];
      table[s * symbols + c] = t;
      queue.push(t);
    }
  }
  // The table stores state numbers, in 16 bits when they fit: the table is read cold for each document (the
  // rest of extraction evicts it), so its size counts more than a multiplication per character. A state where
  // literals end is stored negated (~state), so the loop learns it from the load it does anyway.
  // The rows are renumbered breadth first: the shallow states, which most characters visit, then share cache lines.
  const order = [0, ...queue];
  const rank = new Int32Array(next.length);
  order.forEach((s, r) => { rank[s] = r; });
  const endsAt: string[][] = order.map((s) => ends[s].map((id) => words[id]));
  const compact = next.length < 0x8000 ? new Int16Array(table.length) : new Int32Array(table.length);
  for (let r = 0; r < order.length; r++) {
    for (let c = 0; c < symbols; c++) {
      const t = rank[table[order[r] * symbols + c]];
      compact[r * symbols + c] = endsAt[t].length ? ~t : t;
    }
  }
  return {
    occurrences(text) {
      const rows = compact, symbolAt = symbolTable, width = symbols; // locals: the loop reads no closure slots
      const out: LiteralHits = { ends: [], literals: [] };
      let state = 0;
      for (let i = 0, n = text.length; i < n; i++) {
        state = rows[state * width + symbolAt[charCodeAt.call(text, i)]];
        if (state < 0) { state = ~state; for (const w of endsAt[state]) { out.ends.push(i + 1); out.literals.push(w); } }
      }
      return out;
    },
    occursIn(text) {
      const rows = compact, symbolAt = symbolTable, width = symbols;
      let state = 0;
      for (let i = 0, n = text.length; i < n; i++) if ((state = rows[state * width + symbolAt[charCodeAt.call(text, i)]]) < 0) return true;
      return false;
    },
  };
}
