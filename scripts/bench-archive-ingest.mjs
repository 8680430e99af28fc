// The timed ingest of scripts/bench-archive.ts, run as a process of its own on plain Node (no TypeScript loader), so
// its maximum RSS is what `readout ingest` itself takes. It does what `readout ingest DIR` does over the generated
// corpus: list the files, read, hash, extract, store; with "withRecords" (the store path) the record generated beside each file
// (DIR/NNN/i.json) stands in for extraction.
//   node scripts/bench-archive-ingest.mjs '{"dbPath": "...", "inputs": ["DIR/000", ...], "count": N, "withRecords": false, "label": "ingest"}'
// ("jobs": N sets the extraction threads, default as `readout ingest`: the cores but one.)
// Prints the phase's figures (the database size is the parent's to measure) as one JSON line on stdout; progress on stderr.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sha256Hex } from '../dist/src/source/sha256.js';
import { defaultJobs } from '../dist/src/ingest/extract-pool.js';
import { expandInputs, ingest } from '../dist/src/ingest/ingest.js';
import { openSqliteStore } from '../dist/src/store/sqlite/index.js';

const phase = JSON.parse(process.argv[2]);
const log = (line) => process.stderr.write(line + '\n');

/** The store phase's extraction: the record generated with the text. */
const generatedRecord = (bytes, path) => {
  const record = JSON.parse(readFileSync(path.replace(/\.txt$/, '.json'), 'utf8'));
  record.source.path = path;
  record.source.sha256 = sha256Hex(bytes);
  return { record, text: Buffer.from(bytes).toString('utf8') };
};

// The heap is sampled every 100 documents, not on a timer, so the measurement adds no work between documents.
let heap = 0;
const store = openSqliteStore(phase.dbPath);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let lastLog = t0;
const { items } = await expandInputs(phase.inputs);
const result = await ingest(store, items.slice(0, phase.count), {
  // Without generated records it extracts on worker threads, as `readout ingest` does by default.
  extract: phase.withRecords ? generatedRecord : undefined, jobs: phase.withRecords ? 0 : phase.jobs ?? defaultJobs(),
  onProgress: (done) => {
    if (done % 100 === 0) heap = Math.max(heap, process.memoryUsage().heapUsed);
    const now = performance.now();
    if (now - lastLog > 10_000) {
      lastLog = now;
      log(`  ${phase.label}: ${done}/${phase.count} (${Math.round(done / ((now - t0) / 1000))} docs/s, RSS ${Math.round(process.memoryUsage.rss() / 1048576)} MB, JS heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB)`);
    }
  },
});
const stored = store.count();
store.close(); // checkpoints the WAL into the file: part of the ingest
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
heap = Math.max(heap, process.memoryUsage().heapUsed);
if (result.failed.length) log(`  ${phase.label}: ${result.failed.length} failed, first: ${result.failed[0].path}: ${result.failed[0].reason}`);
process.stdout.write(JSON.stringify({
  documents: phase.count, stored, seconds: +seconds.toFixed(1), docsPerSecond: Math.round(phase.count / seconds),
  cpuMsPerDoc: +((cpu.user + cpu.system) / 1000 / phase.count).toFixed(2),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), heapPeakMB: Math.round(heap / 1048576),
}) + '\n');
