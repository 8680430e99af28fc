// A throwaway PostgreSQL cluster for tests: initdb in a temporary directory, the server on a free port of 127.0.0.1
// with its socket in that directory, run as user `postgres` when the tests run as root (PostgreSQL refuses root).
// Gone with stop(). When no PostgreSQL is installed the tests that need one are skipped, loudly; in CI they fail.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** A fresh, empty database on the cluster: its URL (with the password). */
  database(): Promise<string>;
  /** The URL of a database with a wrong password, for the error tests. */
  url(database: string, password?: string): string;
  stop(): void;
}

/** Where initdb and pg_ctl are: $PG_BIN, Debian's /usr/lib/postgresql/<newest>/bin, or the PATH. */
export function findPgBin(): string | null {
  const candidates = [process.env.PG_BIN];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  for (const dir of candidates) if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  try {
    const path = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return path ? join(path, '..') : null;
  } catch {
    return null;
  }
}

const PG_BIN = findPgBin();
/** Why the PostgreSQL tests cannot run here, or false. */
export const pgSkip: string | false = PG_BIN ? false
  : 'no PostgreSQL found (initdb, pg_ctl): install it with .ci/postgres.sh (apt-get install -y postgresql) '
    + 'to run the PostgreSQL tests';
if (!PG_BIN && process.env.CI) {
  throw new Error('PostgreSQL is missing; in CI the PostgreSQL tests must run (.ci/postgres.sh installs it)');
}
// A skip line in the middle of the spec output is easy to miss: said where a person looks, on stderr, boxed.
if (pgSkip) process.stderr.write(`\n${'!'.repeat(100)}\n!! POSTGRESQL TESTS SKIPPED: ${pgSkip}\n${'!'.repeat(100)}\n\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL program, as `postgres` when we are root. */
function run(bin: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN!, bin), ...args]]
    : [join(PG_BIN!, bin), args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${bin} failed: ${(e.stderr || e.message).trim()}`, { cause: err });
  }
}

/** `durable`: fsync and synchronous commit left on, as a real server has them (the benchmark); tests go without.
 *  `settings`: more server options (`-c name=value ...`). */
export async function startPgCluster(options: { durable?: boolean; settings?: string } = {}): Promise<PgCluster> {
  if (!PG_BIN) throw new Error(String(pgSkip));
  const dir = mkdtempSync(join(tmpdir(), 'readout-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  if (process.getuid?.() === 0) {
    const [uid, gid] = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/)
      .concat(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()).map(Number) as [number, number];
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', pwfile]);
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try { run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-s']); } catch { /* already gone */ }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // the socket trusted (only its owner reaches the directory), TCP by password, so a wrong one can be tried
    run('initdb', ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--auth-local=trust',
      '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-N']);
    const settings = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} `
      + (options.durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off ')
      + `-c max_connections=100 ${options.settings ?? ''}`;
    run('pg_ctl', ['start', '-D', data, '-w', '-s', '-l', join(dir, 'log'), '-o', settings]);
    started = true;
  } catch (err) {
    stop();
    throw err;
  }
  let n = 0;
  const url = (database: string, pw = password) =>
    `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/${database}`;
  return {
    url,
    async database() {
      const name = `readout_test_${process.pid}_${++n}`;
      run('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-c',
        `CREATE DATABASE ${name}`]);
      return url(name);
    },
    stop,
  };
}
