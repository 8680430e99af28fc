import type { Command } from 'commander';
import { openArchive } from '../../server/open-store.js';
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
    .option('--db <path>', 'archive database')
    .option('--port <port>', 'port (0 picks a free one)', '4173')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .action(async (opts: { db?: string; port: string; host: string }) => {
      const port = parsePort(opts.port);
      const store = openArchive(opts.db, false);
      const token = process.env.READOUT_TOKEN ?? null;
      const server = await startServer(store, { port, host: opts.host, token })
        .catch((err: unknown) => { store.close(); throw err; });
      process.stdout.write(`readout: serving ${store.count()} documents at ${server.url} (${token ? 'POST /api/documents enabled' : 'read-only'})\n`);
      await untilSignal(async () => { await server.close(); store.close(); });
      setExit(0);
    });
}
