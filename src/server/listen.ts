// Binds a hono app to a port. Kept apart from createApp so tests can use app.request() without sockets.
import { serve } from '@hono/node-server';

export interface Listening { url: string; port: number; close(): Promise<void> }

export function listen(app: { fetch: (request: Request) => Response | Promise<Response> }, port: number, hostname = '127.0.0.1'): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}/`,
        port: info.port,
        close: () => new Promise<void>((done) => {
          const s = server as unknown as { closeAllConnections?: () => void };
          s.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} on ${hostname} is in use (try --port 0 for a free one)`) : err);
    });
  });
}
