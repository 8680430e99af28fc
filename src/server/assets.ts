// The built web UI (web-dist/), read into memory once at start-up. Requests are answered from this map by
// exact URL path, so no part of a request ever becomes a file-system path.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset { body: Uint8Array; type: string; immutable: boolean }

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json',
};

/** The repository (or installed package) root: the nearest ancestor holding package.json. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

export function defaultWebRoot(): string {
  return join(packageRoot(), 'web-dist');
}

export function loadAssets(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(root)) return assets;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) { walk(full); continue; }
      const url = '/' + relative(root, full).split(sep).join('/');
      const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
      assets.set(url, {
        body: readFileSync(full),
        type: TYPES[ext] ?? 'application/octet-stream',
        immutable: url.startsWith('/assets/'),
      });
    }
  };
  walk(root);
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  return assets;
}
