// Connecting to a PostgreSQL server: a pool, and what went wrong in one line when it cannot connect (the password
// is never repeated).
import pg from 'pg';

/** host:port/database of a URL, for messages. */
export function describeUrl(url: string): { where: string; user: string; database: string } {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? (u.hostname || 'localhost');
    const database = decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'postgres';
    return { where: `${host}:${u.port || '5432'}/${database}`, user: decodeURIComponent(u.username), database };
  } catch {
    return { where: '(an unreadable URL)', user: '', database: '' };
  }
}

/** One line saying why a connection failed. */
export function connectionProblem(err: unknown, url: string): string {
  const { where, user, database } = describeUrl(url);
  const e = err as { code?: string; message?: string };
  const says: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running, on that port?)',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name cannot be resolved now',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENOENT: 'no server socket there (is the server running?)',
    '28P01': `the server refused the password for user "${user}"`,
    '28000': `the server does not let user "${user}" in (pg_hba.conf)`,
    '3D000': `there is no database "${database}"`,
    '57P03': 'the server is starting up or shutting down',
  };
  const why = (e.code && says[e.code]) || (/timeout/i.test(e.message ?? '') ? 'timed out'
    : (e.message ?? String(err)).split('\n')[0]);
  return `cannot connect to PostgreSQL at ${where}: ${why}`;
}

export async function connect(url: string, max = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped: the pool replaces it; the next query says what happened if it persists.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
    return pool;
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(connectionProblem(err, url), { cause: err });
  }
}
