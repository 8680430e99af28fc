import type { Command } from 'commander';
import { createWriteStream, existsSync, mkdirSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { addDbOption, withArchive } from '../../query/cli.js';
import { csvLine } from '../../query/csv.js';
import { addFilterOptions, filterFromOptions, parseFormat, type FilterOptions } from '../../query/filters.js';
import { UsageError } from '../../errors.js';
import { out } from '../../query/output.js';
import { loadAlpha3, ploverDates, toPlover, type PloverDates, type ReadoutCitation } from '../../query/plover.js';
import { actorDictionary } from '../../data/actors.js';
import { counted } from '../../store/size.js';
import type { ArchiveStore } from '../../store/archive-store.js';
import type { ReadoutRef, StoredDocument } from '../../store/store.js';

const FORMATS = ['jsonl', 'csv', 'plover'] as const;

/** The CSV tables, one row per meeting (its first readout's facts, every readout listed) / participant / statement /
 *  meeting topic, joined by meeting_id; participants and statements stay per readout (readout_id). */
export const CSV_TABLES = {
  meetings: ['meeting_id', 'sha256', 'path', 'title', 'date', 'kind', 'mode', 'format', 'countries', 'start_utc', 'local_offset_minutes',
    'duration_minutes', 'city', 'location_country', 'venue', 'occasion', 'publisher', 'published_date', 'topics', 'participant_count',
    'statement_count', 'extractor_version', 'readout_ids', 'publishers'],
  participants: ['meeting_id', 'participant_index', 'name', 'title', 'role', 'country', 'actor_id', 'readout_id'],
  statements: ['meeting_id', 'statement_index', 'item', 'act', 'speakers', 'speaker_countries', 'topics', 'span_start',
    'span_end', 'text', 'readout_id'],
  topics: ['meeting_id', 'topic'],
} as const;
type TableName = keyof typeof CSV_TABLES;

/** A readout's rows: the meeting's and its topics' only for the meeting's first readout (`readouts` given). */
export function csvRows(doc: StoredDocument, meetingId = doc.id, readouts: ReadoutRef[] | null = [])
  : Record<TableName, unknown[][]> {
  const r = doc.record;
  const m = r.meeting;
  const first = readouts !== null;
  const all = readouts?.length ? readouts : [{ id: doc.id, publisher: r.source.publisher }];
  return {
    meetings: first ? [[meetingId, doc.sha256, doc.path, m.title, m.date, m.kind, m.mode, m.format, m.countries,
      m.start?.utc ?? null, m.start?.localOffsetMinutes ?? null, m.durationMinutes, m.location.city, m.location.country,
      m.location.venue, m.occasion, r.source.publisher, r.source.publishedDate, r.topics, r.participants.length,
      r.statements.length, doc.extractorVersion, all.map((x) => x.id), all.map((x) => x.publisher ?? '')]] : [],
    participants: r.participants.map((p, i) => [meetingId, i, p.name, p.title, p.role, p.country, p.actorId, doc.id]),
    statements: r.statements.map((s, i) => [meetingId, i, s.item, s.act, s.speakers, s.speakerCountries, s.topics,
      s.span[0], s.span[1], s.text, doc.id]),
    topics: first ? r.topics.map((t) => [meetingId, t]) : [],
  };
}

/** Where a readout stands in its meeting: the meeting's id, and its readouts when it is the meeting's first. */
async function placeOf(store: ArchiveStore, doc: StoredDocument):
  Promise<{ meetingId: string; readouts: ReadoutRef[] | null }> {
  const meetingId = await store.meetingOf(doc.id);
  if (meetingId !== doc.id) return { meetingId, readouts: null };
  const link = await store.linkOf(doc.id);
  return { meetingId, readouts: link ? null : await store.readouts(doc.id) };
}

interface ExportOptions extends FilterOptions {
  format: string; out?: string; table?: string; db?: string; actors: string[];
}

const citationOfRef = (x: ReadoutRef): ReadoutCitation => ({ readout_id: x.id, publication: x.publisher, url: x.url,
  title: x.title, published_date: x.publishedDate, path: x.path, sha256: x.sha256 });

/** A meeting's date as another of its readouts gives it, for a readout that gives none. */
async function otherReadoutsDates(store: ArchiveStore, id: string, meetingId: string): Promise<PloverDates | null> {
  for (const ref of await store.readouts(meetingId)) {
    const other = ref.id === id ? null : await store.get(ref.id);
    const dates = other && ploverDates(other.record);
    if (dates) return dates;
  }
  return null;
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export function registerExport(program: Command, setExit: (code: number) => void): void {
  addDbOption(addFilterOptions(program.command('export')
    .description('the archive or a filtered part: jsonl (records), csv (meetings, participants, statements, topics tables), plover (events)')
    .requiredOption('--format <format>', FORMATS.join('|'))
    .option('--out <path>', 'a file (jsonl, plover) or a folder (csv); default stdout')
    .option('--table <name>', `with csv to stdout: which table (${Object.keys(CSV_TABLES).join(', ')})`)
    .option('--actors <file>', 'with plover: an actor dictionary (as extract takes) for Wikidata ids; repeatable',
      (v: string, prev: string[]) => [...prev, v], [] as string[])))
    .action(withArchive(setExit, false, async (store, opts: ExportOptions) => {
      const format = parseFormat(opts.format, FORMATS);
      const filter = filterFromOptions(opts);
      let n = 0;
      if (format === 'csv') {
        if (opts.table && !(opts.table in CSV_TABLES)) throw new UsageError(`unknown table "${opts.table}" (one of: ${Object.keys(CSV_TABLES).join(', ')})`);
        if (!opts.out && !opts.table) throw new UsageError('csv export writes several tables: give --out FOLDER, or --table NAME for one on stdout');
        const names = (opts.table ? [opts.table] : Object.keys(CSV_TABLES)) as TableName[];
        if (opts.out) {
          if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new UsageError(`--out ${opts.out} is a file; csv export wants a folder`);
          mkdirSync(opts.out, { recursive: true });
        }
        const streams = new Map(names.map((t) => [t, opts.out ? createWriteStream(join(opts.out, `${t}.csv`)) : null]));
        const emit = (t: TableName, line: string) => { const s = streams.get(t); return s ? write(s, line) : out(line); };
        for (const t of names) await emit(t, csvLine([...CSV_TABLES[t]]));
        // every readout (statements stay per readout); a meeting's row once, with its first readout
        for await (const doc of store.iterate(filter)) {
          const place = await placeOf(store, doc);
          const rows = csvRows(doc, place.meetingId, place.readouts);
          for (const t of names) for (const row of rows[t]) await emit(t, csvLine(row));
          n++;
        }
        for (const s of streams.values()) if (s) await close(s);
        const files = opts.out ? ` to ${names.map((t) => join(opts.out!, `${t}.csv`)).join(', ')}` : '';
        process.stderr.write(`exported ${counted(n, 'readout')}${files}\n`);
        return;
      }
      const alpha3 = format === 'plover' ? loadAlpha3() : null;
      if (format === 'plover' && !alpha3) throw new Error('plover export needs data/gazetteer.json for alpha-3 country codes, and it is missing');
      const actors = format === 'plover' ? actorDictionary(opts.actors) : undefined;
      const file = opts.out ? createWriteStream(opts.out) : null;
      const emit = (line: string) => (file ? write(file, line) : out(line));
      let events = 0;
      // PLOVER requires a date: a readout without one is left out, and counted
      const undated = { readouts: 0, meetings: 0 };
      for await (const doc of store.iterate(filter)) {
        const place = await placeOf(store, doc);
        if (format === 'jsonl') {
          await emit(JSON.stringify({ id: doc.id, meetingId: place.meetingId, ...doc.record }) + '\n');
        }
        else {
          const dates = ploverDates(doc.record) ?? await otherReadoutsDates(store, doc.id, place.meetingId);
          if (!dates) {
            undated.readouts++;
            if (place.readouts !== null) undated.meetings++;
            continue;
          }
          const meeting = { meetingId: place.meetingId, readouts: place.readouts?.map(citationOfRef) ?? null, dates };
          const source = { text: doc.text, codedAt: doc.ingestedAt, extractorVersion: doc.extractorVersion, actors };
          for (const e of toPlover(doc.id, doc.record, alpha3!, meeting, source)) {
            await emit(JSON.stringify(e) + '\n');
            events++;
          }
        }
        n++;
      }
      if (file) await close(file);
      const as = format === 'plover' ? ` as ${counted(events, 'event')}` : '';
      process.stderr.write(`exported ${counted(n, 'readout')}${as}${opts.out ? ` to ${opts.out}` : ''}\n`);
      if (undated.readouts) {
        const left = `${counted(undated.meetings, 'meeting')} (${counted(undated.readouts, 'readout')})`;
        process.stderr.write(`left out ${left} without a date: PLOVER requires one\n`);
      }
    }));
}
