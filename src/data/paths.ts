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

/** A user's dictionary file as text; a file that cannot be read is one line naming it. */
export function readUserFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(`${file}: cannot read the ${what} (${why})`, { cause: e });
  }
}
