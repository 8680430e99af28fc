import type { Command } from 'commander';
import { addDbOption, withArchive } from '../../query/cli.js';
import { csvLine } from '../../query/csv.js';
import { addFilterOptions, filterFromOptions, parseCount, parseFormat, type FilterOptions } from '../../query/filters.js';
import { UsageError } from '../../errors.js';
import { out, renderTable } from '../../query/output.js';
import { statsUnit, type StatsDimension, type StatsRow } from '../../store/store.js';

const FORMATS = ['table', 'json', 'csv'] as const;
const DIMENSIONS: StatsDimension[] = ['topic', 'participant', 'country', 'act', 'kind', 'mode'];

/** Periods down, the busiest keys across, the rest summed in "other". */
export function pivot(rows: StatsRow[], top: number): { head: string[]; body: (string | number)[][] } {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.count);
  const keys = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const shown = keys.slice(0, top);
  const other = keys.length > top;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const body = periods.map((p) => {
    const cells = new Map<string, number>();
    let rest = 0;
    for (const r of rows) if (r.period === p) { if (shown.includes(r.key)) cells.set(r.key, r.count); else rest += r.count; }
    return [p, ...shown.map((k) => cells.get(k) ?? 0), ...(other ? [rest] : [])];
  });
  body.push(['all', ...shown.map((k) => totals.get(k) ?? 0), ...(other ? [keys.slice(top).reduce((s, k) => s + (totals.get(k) ?? 0), 0)] : [])]);
  return { head: ['period', ...shown, ...(other ? ['other'] : [])], body };
}

export function registerStats(program: Command, setExit: (code: number) => void): void {
  addDbOption(addFilterOptions(program.command('stats')
    .description('counts over time. A dimension option without a value (--topic, --participant, --country, --act) splits the counts by it; '
      + 'with a value it filters. Statements are counted when an act is involved, meetings otherwise.')
    .option('--by <period>', 'month or year', 'year')
    .option('--group <dimension>', `split by ${DIMENSIONS.join(', ')}`)
    .option('--top <n>', 'columns shown in a table', '8')
    .option('--format <format>', FORMATS.join('|'), 'table'), true))
    .action(withArchive(setExit, false, async (store, opts: FilterOptions & { by: string; group?: string; top: string; format: string; db?: string }) => {
      const format = parseFormat(opts.format, FORMATS);
      if (opts.by !== 'month' && opts.by !== 'year') throw new UsageError(`bad --by "${opts.by}" (month or year)`);
      const flagged = (['topic', 'participant', 'country', 'act'] as const).filter((d) => opts[d] === true);
      if (opts.group && !DIMENSIONS.includes(opts.group as StatsDimension)) throw new UsageError(`unknown dimension "${opts.group}" (one of: ${DIMENSIONS.join(', ')})`);
      const dims = [...new Set([...flagged, ...(opts.group ? [opts.group as StatsDimension] : [])])];
      if (dims.length > 1) throw new UsageError(`one dimension at a time (got ${dims.join(', ')})`);
      const dimension = dims[0] ?? null;
      const filter = filterFromOptions(opts);
      const top = parseCount('--top', opts.top, 8)!;
      const rows = await store.stats(opts.by, dimension, filter);
      const unit = statsUnit(dimension, filter);
      if (format === 'json') return out(JSON.stringify({ by: opts.by, dimension, unit, filter, rows }, null, 2) + '\n');
      if (format === 'csv') {
        await out(csvLine(['period', dimension ?? 'key', unit]));
        for (const r of rows) await out(csvLine([r.period, r.key, r.count]));
        return;
      }
      if (!rows.length) { process.stderr.write(`nothing to count (no ${unit} match)\n`); return; }
      if (dimension) {
        const { head, body } = pivot(rows, top);
        await out(renderTable(head, body));
      } else {
        const total = rows.reduce((s, r) => s + r.count, 0);
        await out(renderTable(['period', unit], [...rows.map((r) => [r.period, r.count]), ['all', total]]));
      }
      process.stderr.write(`${unit} per ${opts.by}${dimension ? ` by ${dimension}` : ''}\n`);
    }));
}
