// Finds the package's own `data/` folder from both `src/` (tsx) and `dist/src/` (built) locations.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'data'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('readout: cannot find the package data folder');
    dir = up;
  }
  root = dir;
  return dir;
}

export function readDataJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(packageRoot(), 'data', name), 'utf8')) as T;
}
