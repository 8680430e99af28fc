import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplesDir, ingestExamples } from '../../server/examples.js';
import { openArchive } from '../../server/open-store.js';
import { startServer } from '../../server/start.js';
import { parsePort, untilSignal } from './serve.js';

export function registerDemo(program: Command, setExit: (code: number) => void): void {
  program.command('demo')
    .description('build an archive from the bundled example readouts and serve it')
    .option('--db <path>', 'keep the archive at this path (default: a temporary file, removed on exit)')
    .option('--port <port>', 'port (0 picks a free one)', '4173')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--exit-after-ingest', 'build the archive, print a summary and exit without serving')
    .action(async (opts: { db?: string; port: string; host: string; exitAfterIngest?: boolean }) => {
      const port = parsePort(opts.port);
      const tempDir = opts.db ? null : mkdtempSync(join(tmpdir(), 'readout-demo-'));
      const db = opts.db ?? join(tempDir as string, 'demo.db');
      const cleanup = () => { if (tempDir) rmSync(tempDir, { recursive: true, force: true }); };
      const store = openArchive(db);
      try {
        const dir = examplesDir();
        const summary = await ingestExamples(store, dir);
        process.stdout.write(`readout demo: ${summary.added} readouts from ${dir} into ${opts.db ?? 'a temporary archive'}` +
          `${summary.existing ? ` (${summary.existing} already there)` : ''}\n`);
        for (const f of summary.failed) process.stderr.write(`readout demo: skipped ${f.path}: ${f.reason}\n`);
        if (opts.exitAfterIngest) {
          store.close();
          cleanup();
          setExit(summary.failed.length ? 1 : 0);
          return;
        }
      } catch (err) {
        store.close();
        cleanup();
        throw err;
      }
      const server = await startServer(store, { port, host: opts.host, token: process.env.READOUT_TOKEN ?? null })
        .catch((err: unknown) => { store.close(); cleanup(); throw err; });
      process.stdout.write(`readout demo: open ${server.url} (Ctrl-C to stop)\n`);
      await untilSignal(async () => { await server.close(); store.close(); cleanup(); });
      setExit(0);
    });
}
