import type { Command } from 'commander';
import { addDbOption, withArchive } from '../../query/cli.js';
import { csvLine } from '../../query/csv.js';
import { addFilterOptions, filterFromOptions, parseCount, parseFormat, type FilterOptions } from '../../query/filters.js';
import { out, renderTable, truncate } from '../../query/output.js';
import { archiveSizeOf, counted } from '../../store/size.js';

const FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;

export function registerMeetings(program: Command, setExit: (code: number) => void): void {
  addDbOption(addFilterOptions(program.command('meetings')
    .description('list meetings, newest first')
    .option('--format <format>', FORMATS.join('|'), 'table')
    .option('--limit <n>', 'at most this many (default: 50 in a table, all otherwise)')
    .option('--offset <n>', 'skip this many', '0')))
    .action(withArchive(setExit, false, async (store, opts: FilterOptions & { format: string; limit?: string;
      offset: string; db?: string }) => {
      const format = parseFormat(opts.format, FORMATS);
      const filter = filterFromOptions(opts);
      const limit = parseCount('--limit', opts.limit, format === 'table' ? 50 : undefined);
      const offset = parseCount('--offset', opts.offset, 0)!;
      const { total, items } = await store.meetings(filter, { limit, offset });
      if (format === 'json') return out(JSON.stringify({ total, offset, items }, null, 2) + '\n');
      if (format === 'jsonl') { for (const m of items) await out(JSON.stringify(m) + '\n'); return; }
      if (format === 'csv') {
        await out(csvLine(['id', 'date', 'title', 'kind', 'mode', 'format', 'countries', 'participants', 'topics', 'statements', 'path']));
        for (const m of items) {
          await out(csvLine([m.id, m.date, m.title, m.kind, m.mode, m.format, m.countries, m.participants.map((p) => p.name), m.topics, m.statementCount, m.path]));
        }
        return;
      }
      if (!items.length) {
        process.stderr.write(`no meetings match (the archive holds ${await archiveSizeOf(store)})\n`);
        return;
      }
      await out(renderTable(['id', 'date', 'meeting', 'kind', 'mode', 'sides', 'participants', 'stmts', 'readouts'],
        items.map((m) => [
          m.id, m.date, truncate(m.title ?? m.path, 48), m.kind, m.mode, m.countries.join(' '),
          truncate(m.participants.map((p) => p.name).join(', '), 48), m.statementCount, m.readouts.length,
        ])));
      if (offset + items.length < total) process.stderr.write(`${offset + 1}-${offset + items.length} of ${total} meetings (--limit, --offset for more)\n`);
      else process.stderr.write(`${counted(total, filter.count === 'readouts' ? 'readout' : 'meeting')}\n`);
    }));
}
