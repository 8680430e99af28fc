// npm run bench:server [-- --mb N] [-- --uploads N]
// Readers during an upload: a real `readout serve`-style server (the built package, its extraction pool) over a
// small archive; N authenticated POSTs of an N-MB readout while a reader GETs /api/meetings every 20 ms. Prints the
// readers' latencies while each upload was in flight, and the upload's own time. Target: a GET under 1 s.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingestExamples } from '../dist/src/server/examples.js';
import { startServer } from '../dist/src/server/start.js';
import { openSqliteStore } from '../dist/src/store/sqlite/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const MB = arg('--mb', 2);
const UPLOADS = arg('--uploads', 3);
const TOKEN = 'bench-token';
const examples = resolve(import.meta.dirname, '..', 'examples', 'readouts');

/** An N-MB readout: the bundled examples' bodies, repeated with their names and dates varied. */
function bigReadout(bytes: number, seed: number): string {
  const texts = readdirSync(examples).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(examples, f), 'utf8'));
  let out = `Meeting ${seed}\n\n`;
  for (let k = 0; out.length < bytes; k++) out += `${texts[k % texts.length]!.replace(/\b(19|20)\d\d\b/g, String(1990 + (k % 35)))}\n\n`;
  return out.slice(0, bytes);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

const dir = mkdtempSync(join(tmpdir(), 'readout-bench-server-'));
const store = openSqliteStore(join(dir, 'a.db'), { create: true });
await ingestExamples(store);
const server = await startServer(store, { port: 0, host: '127.0.0.1', token: TOKEN });
try {
  console.log(`upload MB | upload s | GETs during upload | GET p50 ms | GET p95 ms | GET max ms | status`);
  for (let u = 0; u < UPLOADS; u++) {
    const body = bigReadout(MB * 1_000_000, u);
    const latencies: number[] = [];
    let done = false;
    const reader = (async () => {
      while (!done) {
        const t = performance.now();
        const r = await fetch(`${server.url}api/meetings?limit=5`);
        await r.arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((r2) => setTimeout(r2, 20));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${server.url}api/documents?path=bench-${u}.txt`, {
      method: 'POST', body, headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` },
    });
    await res.arrayBuffer();
    const took = (performance.now() - t0) / 1000;
    done = true;
    await reader;
    console.log(`${MB} | ${took.toFixed(2)} | ${latencies.length} | ${pct(latencies, 50).toFixed(1)} | `
      + `${pct(latencies, 95).toFixed(1)} | ${Math.max(...latencies).toFixed(1)} | ${res.status}`);
  }
} finally {
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
