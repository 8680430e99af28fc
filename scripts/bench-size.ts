// npm run bench:size [-- --sizes 1,2,4,8] [-- --shapes readout,paragraph,html] [-- --timeout S] [-- --dist DIR]
// Extraction time against input size: extractDocument (bytes in: decode, HTML to text, extraction), as the CLI
// runs it, on one large input per shape and size. Three shapes: readout-like text (generated readouts, one after
// another), one giant paragraph (the same words without a line break) and a big HTML page. Time per megabyte
// should stay flat: the last column is s/MB at the largest size over s/MB at the smallest.
// Each case runs in a child process of its own (warmed up on a small input of its shape first), so a pass gone
// quadratic can be stopped at --timeout and reported as such, and no case inherits another's heap.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './generate-corpus.js';

const MB = 1024 * 1024;
const HERE = fileURLToPath(new URL('.', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
export const SHAPES = ['readout', 'paragraph', 'html'] as const;
type Shape = (typeof SHAPES)[number];

/** Readouts generated from the dev seeds (other names, dates, orders), joined until `bytes` is reached. */
function readouts(bytes: number): string[] {
  const out: string[] = [];
  let size = 0;
  for (let seed = 1; size < bytes; seed++) {
    for (const d of generateCorpus(500, seed)) {
      out.push(d.text.trim());
      size += Buffer.byteLength(d.text) + 2;
      if (size >= bytes) break;
    }
  }
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An input of about `bytes` bytes of the given shape. */
export function makeInput(shape: Shape, bytes: number): Uint8Array {
  const docs = readouts(bytes);
  let text: string;
  if (shape === 'readout') text = docs.join('\n\n');
  // the sentences only (no headlines or date lines), so the one line is prose: the body, not the header
  else if (shape === 'paragraph') text = docs.flatMap((d) => d.split('\n').filter((l) => /[.!?]["”’)]?\s*$/.test(l))).join(' ').replace(/\s+/g, ' ');
  else {
    const sections = docs.map((d) => {
      const [head, ...rest] = d.split(/\n+/);
      return `<section class="entry"><h2>${escapeHtml(head)}</h2>\n${rest.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</section>`;
    });
    text = '<!DOCTYPE html><html><head><title>Readouts | Ministry</title></head><body>'
      + '<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
      + `<main id="main"><h1>Readouts</h1>\n${sections.join('\n')}</main><footer>Footer</footer></body></html>`;
  }
  const out = Buffer.from(text);
  return new Uint8Array(out.buffer, out.byteOffset, Math.min(out.length, Math.max(bytes, 1)));
}

interface CaseResult { seconds: number | null; note: string }

/** Child side: warm up, then time one extractDocument call; prints JSON. */
async function runCase(shape: Shape, mb: number, dist: string): Promise<void> {
  const lib = await import(pathToFileURL(resolve(dist, 'src/index.js')).href) as typeof import('../src/index.js');
  const warm = makeInput(shape, 64 * 1024);
  for (let k = 0; k < 3; k++) lib.extractDocument(warm, { path: `warm.${shape === 'html' ? 'html' : 'txt'}` });
  const input = makeInput(shape, Math.round(mb * MB));
  const t0 = performance.now();
  const { record } = lib.extractDocument(input, { path: `big.${shape === 'html' ? 'html' : 'txt'}` });
  const seconds = (performance.now() - t0) / 1000;
  const note = `${record.statements.length} statements${record.warnings?.length ? `; ${record.warnings.join('; ')}` : ''}`;
  process.stdout.write(JSON.stringify({ seconds, note }));
}

function measure(shape: Shape, mb: number, dist: string, timeout: number): CaseResult {
  const child = spawnSync(process.execPath, [...process.execArgv, SELF, '--case', shape, String(mb), '--dist', dist],
    { encoding: 'utf8', timeout: timeout * 1000, maxBuffer: 16 * MB });
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { seconds: null, note: `> ${timeout} s, stopped` };
  if (child.status !== 0) return { seconds: null, note: `failed: ${(child.stderr || String(child.error)).trim().split('\n').slice(-3).join(' ')}` };
  return JSON.parse(child.stdout) as CaseResult;
}

export interface SizeBenchOptions { sizes?: number[]; shapes?: readonly Shape[]; timeout?: number; dist?: string; log?: (line: string) => void }

/** Runs every shape at every size and prints the table; returns the rows. */
export function benchSize(opts: SizeBenchOptions = {}): string[][] {
  const sizes = opts.sizes ?? [1, 2, 4, 8];
  const shapes = opts.shapes ?? SHAPES;
  const timeout = opts.timeout ?? 300;
  const dist = opts.dist ?? resolve(HERE, '../dist');
  const log = opts.log ?? console.log;
  const rows: string[][] = [['shape', 'MB', 'seconds', 's/MB', 'ratio', 'record']];
  for (const shape of shapes) {
    let first: number | null = null;
    for (const mb of sizes) {
      const r = measure(shape, mb, dist, timeout);
      const perMb = r.seconds === null ? null : r.seconds / mb;
      first ??= perMb;
      const ratio = perMb !== null && first !== null && mb !== sizes[0] ? (perMb / first).toFixed(2) : '';
      rows.push([shape, String(mb), r.seconds === null ? '-' : r.seconds.toFixed(2), perMb === null ? '-' : perMb.toFixed(3), ratio, r.note.slice(0, 70)]);
      log(`  ${rows[rows.length - 1].join('  ')}`);
    }
  }
  log('');
  log(table(rows));
  log(`ratio: s/MB at that size over s/MB at ${sizes[0]} MB (target: at most 1.5 at 8 MB)`);
  return rows;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, r[c].length), 0));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const argv = process.argv.slice(2);
  const dist = resolve(arg(argv, '--dist') ?? resolve(HERE, '../dist'));
  const which = argv.indexOf('--case');
  if (which >= 0) {
    await runCase(argv[which + 1] as Shape, Number(argv[which + 2]), dist);
  } else {
    const list = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean);
    const shapes = list(arg(argv, '--shapes')) as Shape[] | undefined;
    if (shapes?.some((s) => !SHAPES.includes(s))) throw new Error(`--shapes: one of ${SHAPES.join(', ')}`);
    const timeout = arg(argv, '--timeout');
    console.log(`readout bench:size — node ${process.version}, extractDocument per input, each case in its own process`);
    benchSize({ sizes: list(arg(argv, '--sizes'))?.map(Number), shapes, timeout: timeout ? Number(timeout) : undefined, dist });
  }
}
