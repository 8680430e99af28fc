import type { Command } from 'commander';
import { openArchiveStore } from '../../store/open.js';
import { startServer } from '../../server/start.js';

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port: ${value}`);
  return n;
}

/** Keeps the process alive until SIGINT/SIGTERM, then closes the server and the store. */
export function untilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServe(program: Command, setExit: (code: number) => void): void {
  program.command('serve')
    .description('serve the HTTP API and the web UI over an archive (POST needs READOUT_TOKEN)')
    .option('--db <path>', 'archive file or postgres:// address')
    .option('--port <port>', 'port (0 picks a free one)', '4173')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .action(async (opts: { db?: string; port: string; host: string }) => {
      const port = parsePort(opts.port);
      const store = await openArchiveStore({ db: opts.db, create: false });
      const token = process.env.READOUT_TOKEN ?? null;
      const server = await startServer(store, { port, host: opts.host, token })
        .catch(async (err: unknown) => { await store.close(); throw err; });
      const mode = token ? 'POST /api/documents enabled' : 'read-only';
      process.stdout.write(`readout: serving ${await store.count()} documents at ${server.url} (${mode})\n`);
      await untilSignal(async () => { await server.close(); await store.close(); });
      setExit(0);
    });
}
