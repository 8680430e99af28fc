// Terminal tables (cli-table3, plain when not a TTY) and stdout writing that stops quietly on a closed pipe.
import Table from 'cli-table3';

export function renderTable(head: string[], rows: (string | number | null)[][], options: { tty?: boolean; colWidths?: (number | null)[] } = {}): string {
  const tty = options.tty ?? Boolean(process.stdout.isTTY);
  const table = new Table({
    head,
    style: tty ? { head: ['bold'] } : { head: [], border: [] },
    wordWrap: true,
    // No rule between rows: denser, and easier to grep or read in a pager.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...(options.colWidths ? { colWidths: options.colWidths } : {}),
  });
  for (const r of rows) table.push(r.map((c) => (c === null ? '' : String(c))));
  return table.toString() + '\n';
}

export const truncate = (s: string | null, n: number) => (s === null ? '' : s.length > n ? s.slice(0, n - 1) + '…' : s);

let pipeClosed = false;
process.stdout.on?.('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') pipeClosed = true; else throw err; });

/** Writes to stdout, waiting when the pipe is full, so a large export does not sit in memory. */
export async function out(chunk: string): Promise<void> {
  if (pipeClosed) return;
  if (process.stdout.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => { process.stdout.off('drain', done); process.stdout.off('close', done); resolve(); };
    process.stdout.once('drain', done);
    process.stdout.once('close', done);
  });
}
