import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ReadoutRecord } from '../../record/schema.js';
import { addDbOption, withArchive } from '../../query/cli.js';
import { parseFormat } from '../../query/filters.js';
import { out, renderTable } from '../../query/output.js';
import { idOf } from '../../store/rows.js';

const FORMATS = ['text', 'json'] as const;

export function renderMeeting(id: string, r: ReadoutRecord, tty = Boolean(process.stdout.isTTY)): string {
  const m = r.meeting;
  const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
  const lines: string[] = [];
  lines.push(bold(m.title ?? r.source.path ?? id));
  const offset = (min: number) => `UTC${min < 0 ? '-' : '+'}${String(Math.floor(Math.abs(min) / 60)).padStart(2, '0')}:${String(Math.abs(min) % 60).padStart(2, '0')}`;
  const start = m.start ? `${m.start.approximate ? 'around ' : ''}${m.start.utc.replace('T', ' ').replace(/(:00)?(\.\d+)?Z$/, '')} UTC (local ${offset(m.start.localOffsetMinutes)})` : null;
  const when = [m.date ?? 'date unknown', start,
    m.durationMinutes !== null ? `${m.durationApproximate ? 'about ' : ''}${m.durationMinutes} min` : null].filter(Boolean).join(', ');
  const where = [m.location.venue, m.location.city, m.location.country].filter(Boolean).join(', ');
  lines.push(`id ${id} · ${m.kind} · ${m.mode} · ${m.format} · sides ${m.countries.join(', ') || '-'}`);
  lines.push(`when ${when}${where ? ` · where ${where}` : ''}`);
  if (m.occasion) lines.push(`occasion ${m.occasion}`);
  if (r.source.publisher || r.source.path) lines.push(`source ${[r.source.publisher, r.source.publishedDate, r.source.path].filter(Boolean).join(' · ')}`);
  if (r.topics.length) lines.push(`topics ${r.topics.join(', ')}`);
  lines.push('');
  if (r.participants.length) {
    lines.push(bold('Participants'));
    lines.push(renderTable(['name', 'title', 'role', 'side'], r.participants.map((p) => [p.name, p.title, p.role, p.country]), { tty }).trimEnd());
    lines.push('');
  }
  if (r.statements.length) {
    lines.push(bold('Statements'));
    let item: string | null | undefined;
    for (const s of r.statements) {
      if (s.item !== item) { item = s.item; lines.push(item === null ? '' : `  ${bold(`${item}.`)}`); }
      const who = s.speakers.length ? s.speakers.join(' & ') : s.speakerCountries.join(' & ') || '?';
      lines.push(`    [${s.act}] ${who}: ${s.text}${s.topics.length ? `  (${s.topics.join(', ')})` : ''}`);
    }
  } else lines.push('(no statements extracted)');
  return lines.join('\n') + '\n';
}

export function registerShow(program: Command, setExit: (code: number) => void): void {
  addDbOption(program.command('show')
    .description('one meeting in full: by id, sha256, or the file it was ingested from')
    .argument('<id-or-file>')
    .option('--format <format>', FORMATS.join('|'), 'text'))
    .action(withArchive(setExit, false, async (store, key: string, opts: { format: string; db?: string }) => {
      const format = parseFormat(opts.format, FORMATS);
      let doc = await store.findByPathOrSha(key);
      // A file given by another path than at ingest: find it by its bytes.
      if (!doc && existsSync(key) && statSync(key).isFile()) {
        doc = await store.get(idOf(createHash('sha256').update(readFileSync(key)).digest('hex')));
      }
      if (!doc) {
        process.stderr.write(`readout: no meeting ${key} in the archive (give an id from \`readout meetings\`, a sha256, or an ingested file)\n`);
        return setExit(1);
      }
      const [readouts, meeting, link] = await Promise.all([store.readouts(doc.id), store.meetingOf(doc.id),
        store.linkOf(doc.id)]);
      if (format === 'json') {
        return out(JSON.stringify({ id: doc.id, meeting, readouts, link, extractorVersion: doc.extractorVersion,
          ingestedAt: doc.ingestedAt, record: doc.record }, null, 2) + '\n');
      }
      await out(renderMeeting(doc.id, doc.record));
      if (readouts.length > 1) {
        await out(`\nReported by (meeting ${meeting}${link ? `, joined with confidence ${link.confidence}` : ''}):\n`
          + readouts.map((r) => `  ${r.id === doc.id ? '*' : ' '} ${r.id}  ${[r.publisher ?? 'publisher unknown',
            r.publishedDate, r.url ?? r.path].filter(Boolean).join(' · ')}`).join('\n') + '\n');
        if (link) await out(`  why: ${link.reasons.join('; ')}\n`);
      }
    }));
}
