import type { Command } from 'commander';
import { addDbOption, withArchive } from '../../query/cli.js';
import { csvLine } from '../../query/csv.js';
import { addFilterOptions, filterFromOptions, parseCount, parseFormat, type FilterOptions } from '../../query/filters.js';
import { out } from '../../query/output.js';

const FORMATS = ['text', 'json', 'jsonl', 'csv'] as const;

export function registerSearch(program: Command, setExit: (code: number) => void): void {
  addDbOption(addFilterOptions(program.command('search')
    .description('full-text search over statements: words, "a phrase", prefix*, AND/OR/NOT; best matches first')
    .argument('<query>')
    .option('--format <format>', FORMATS.join('|'), 'text')
    .option('--limit <n>', 'at most this many hits', '20')
    .option('--offset <n>', 'skip this many hits', '0')))
    .action(withArchive(setExit, false, async (store, query: string, opts: FilterOptions & { format: string; limit: string; offset: string; db?: string }) => {
      const format = parseFormat(opts.format, FORMATS);
      const filter = filterFromOptions(opts);
      const limit = parseCount('--limit', opts.limit, 20);
      const offset = parseCount('--offset', opts.offset, 0)!;
      const tty = format === 'text' && Boolean(process.stdout.isTTY);
      const markers = tty ? { open: '\x1b[1;33m', close: '\x1b[0m' } : { open: '[', close: ']' };
      const { total, totalCapped, items } = await store.search(query, filter, { limit, offset }, markers);
      if (format === 'json') return out(JSON.stringify({ total, ...(totalCapped ? { totalCapped } : {}), offset, items }, null, 2) + '\n');
      if (format === 'jsonl') { for (const h of items) await out(JSON.stringify(h) + '\n'); return; }
      if (format === 'csv') {
        await out(csvLine(['meeting_id', 'date', 'title', 'statement_index', 'act', 'speakers', 'span_start', 'span_end', 'snippet']));
        for (const h of items) await out(csvLine([h.meetingId, h.date, h.title, h.statementIndex, h.act, h.speakers, h.span[0], h.span[1], h.snippet]));
        return;
      }
      let last = '';
      for (const h of items) {
        if (h.meetingId !== last) { last = h.meetingId; await out(`\n${h.date ?? '????-??-??'}  ${h.meetingId}  ${h.title ?? ''}\n`); }
        await out(`  #${h.statementIndex} ${h.act}${h.speakers.length ? ` · ${h.speakers.join(' & ')}` : ''}: ${h.snippet.replace(/\s+/g, ' ')}\n`);
      }
      process.stderr.write(`${items.length ? `\n${offset + 1}-${offset + items.length} of ` : ''}${total}${totalCapped ? '+' : ''} matching statement${total === 1 ? '' : 's'}\n`);
    }));
}
