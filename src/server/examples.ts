// The bundled example readouts (examples/readouts/): the data of `readout demo` and of the web tests.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingest, type IngestResult, type SourceItem } from '../ingest/ingest.js';
import type { Store } from '../store/store.js';
import { packageRoot } from './assets.js';

export function examplesDir(): string {
  return join(packageRoot(), 'examples', 'readouts');
}

/** Extracts every .txt/.html file of the examples folder into `store`. */
export function ingestExamples(store: Store, dir = examplesDir()): Promise<IngestResult> {
  const items: SourceItem[] = readdirSync(dir).filter((f) => /\.(txt|html?)$/i.test(f)).sort().map((f) => {
    // Stored paths are package-relative so the demo archive reads the same on any machine.
    const label = `examples/readouts/${f}`;
    return { path: label, label, read: () => readFile(join(dir, f)) };
  });
  return ingest(store, items);
}
