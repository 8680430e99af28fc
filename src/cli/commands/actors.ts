// `readout actors import FILE [--out USERFILE]`: office holders from a Wikidata query-service result (SPARQL JSON
// results or CSV of people with position held, P39, and its start and end qualifiers, P580 and P582) into a user
// actor dictionary, the shape `--actors FILE` takes. docs/actors.md gives the query.
import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { actorDictionary, type Actor, type Office } from '../../data/actors.js';
import { gazetteer } from '../../data/gazetteer.js';
import { readUserFile } from '../../data/paths.js';
import { parseActorsFile } from '../../data/user-files.js';
import { vocabulary } from '../../data/vocabulary.js';
import { ROLES, type Role } from '../../record/schema.js';
import { keyOf } from '../../text/tokens.js';

/** One result row: each bound variable's value (a URI or a literal's text). */
export type Row = Record<string, string>;

/** The rows of a query-service result: SPARQL JSON results (`head.vars`, `results.bindings`) or CSV. */
export function readQueryResult(text: string): Row[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('{')) {
    const json = JSON.parse(body) as { results?: { bindings?: Record<string, { value?: string }>[] } };
    const bindings = json.results?.bindings;
    if (!Array.isArray(bindings)) throw new Error('not a SPARQL JSON result: no results.bindings');
    return bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, String(v?.value ?? '')])));
  }
  const [head, ...rows] = csvRecords(body);
  if (!head?.includes('person') && !head?.includes('item')) {
    throw new Error('not a query-service result: expected JSON, or CSV with a person (or item) column');
  }
  return rows.map((r) => Object.fromEntries(head.flatMap((k, i) => (r[i] ? [[k, r[i]]] : []))));
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const end = () => { record.push(field); field = ''; };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') end();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      end(); records.push(record); record = [];
    } else field += c;
  }
  if (field || record.length) { end(); records.push(record); }
  return records.filter((r) => r.some((f) => f !== ''));
}

/** A person of the result with the offices it gives them. */
interface Holder {
  wikidata: string; name: string; surname?: string; countries: string[]; aliases: string[];
  offices: (Office & { at: string })[];
}

export interface ImportReport { skipped: string[]; coarse: number }

// family name first in these countries' names as Wikidata labels them ("Kim Jong Un", "Xi Jinping")
const FAMILY_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'KR', 'KP', 'VN']);
const pick = (row: Row, ...names: string[]) => names.map((n) => row[n]?.trim()).find((v) => v) ?? null;
const qid = (v: string | null) => v?.match(/(?:^|\/)(Q[1-9]\d*)$/)?.[1] ?? null;

/** A dateTime literal's day ("2012-12-26T00:00:00Z" -> "2012-12-26"); null for none or a malformed one. */
function day(v: string | null): string | null {
  const d = v?.match(/^(\d{4}-\d{2}-\d{2})(?:T|$)/)?.[1];
  return d && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) ? d : null;
}

/** The holders a result gives, one per person (Q-number); rows that cannot be read are reported, not guessed. */
export function holdersOf(rows: Row[], defaultCountry: string | null, report: ImportReport): Holder[] {
  const gaz = gazetteer();
  const { titleRules } = vocabulary();
  const byId = new Map<string, Holder>();
  rows.forEach((row, i) => {
    const where = `row ${i + 1}`;
    const id = qid(pick(row, 'person', 'item'));
    const name = pick(row, 'personLabel', 'itemLabel', 'name');
    const title = pick(row, 'positionLabel', 'title');
    if (!id) { report.skipped.push(`${where}: no person (a Wikidata item URI or Q-number)`); return; }
    // the label service gives the Q-number itself for an item without a label in the language asked
    if (!name || qid(name)) { report.skipped.push(`${where}: ${id} has no name`); return; }
    if (!title || qid(title)) { report.skipped.push(`${where}: ${name}: no position label`); return; }
    const code = pick(row, 'countryCode')?.toUpperCase() ?? null;
    const label = pick(row, 'countryLabel', 'country');
    const named = label ? gaz.phrases.get(keyOf(label)) : undefined;
    const country = (code && gaz.countries.has(code) ? code : null)
      ?? (named?.kind === 'country' ? named.country : null) ?? defaultCountry;
    if (!country) { report.skipped.push(`${where}: ${name}: no country (a countryCode column, or --country)`); return; }
    const given = pick(row, 'role');
    const role: Role = given && (ROLES as readonly string[]).includes(given) ? given as Role
      : titleRules.find((r) => r.re.test(title))?.role ?? 'official';
    const from = day(pick(row, 'start', 'startTime'));
    const to = day(pick(row, 'end', 'endTime'));
    // Wikidata precision 9 is a year, 10 a month: such a date stands for the period's first day
    for (const p of ['startPrecision', 'endPrecision']) if (row[p] && Number(row[p]) < 11) report.coarse++;
    const holder = byId.get(id) ?? { wikidata: id, name, countries: [], aliases: [], offices: [] };
    byId.set(id, holder);
    const surname = pick(row, 'surname', 'familyNameLabel');
    if (surname) holder.surname = surname;
    holder.countries.push(country);
    for (const a of (pick(row, 'aliases') ?? '').split('|')) if (a.trim()) holder.aliases.push(a.trim());
    holder.offices.push({ role, title, from, to, at: country });
  });
  return [...byId.values()];
}

const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Offices of one person: one per role and start (a refreshed copy replaces the old one), oldest first. */
function mergeOffices(old: Office[], fresh: Office[]): Office[] {
  const key = (o: Office) => `${o.role}|${o.from ?? o.title}`;
  const merged = new Map(old.map((o) => [key(o), o]));
  for (const o of fresh) merged.set(key(o), o);
  return [...merged.values()].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
}

/** The user dictionary `existing` with the holders added or refreshed: a person already there (by Wikidata id,
 *  else by name and country), or in the bundled dictionary (whose entry is copied, same id), keeps that entry. */
export function mergeHolders(existing: Actor[], holders: Holder[])
  : { actors: Actor[]; added: number; refreshed: number } {
  const bundled = actorDictionary().actors;
  const actors = [...existing];
  const ids = new Set([...bundled, ...existing].map((a) => a.id));
  const names = (a: Actor) => [a.name, ...a.aliases].map(keyOf);
  const same = (h: Holder, country: string) => (a: Actor) => a.wikidata === h.wikidata
    || (!a.wikidata && a.country === country && names(a).includes(keyOf(h.name)));
  let added = 0;
  let refreshed = 0;
  for (const h of holders) {
    // the person's own country: the one most of their offices sit in
    const country = [...h.countries].sort((a, b) => h.countries.filter((c) => c === b).length
      - h.countries.filter((c) => c === a).length)[0]!;
    const i = actors.findIndex(same(h, country));
    const base = i >= 0 ? actors[i]! : bundled.find(same(h, country));
    const words = h.name.split(/\s+/);
    const entry: Actor = base ? { ...base } : {
      id: '', name: h.name, country, aliases: [], offices: [],
      surname: h.surname ?? (FAMILY_FIRST.has(country) ? words[0]! : words[words.length - 1]!),
    };
    if (!base) {
      let id = `${country.toLowerCase()}-${slug(h.name)}`;
      for (let n = 2; ids.has(id); n++) id = `${country.toLowerCase()}-${slug(h.name)}-${n}`;
      entry.id = id;
      ids.add(id);
    }
    entry.wikidata = h.wikidata;
    const taken = new Set(names(entry));
    entry.aliases = [...entry.aliases, ...h.aliases.filter((a) => !taken.has(keyOf(a)) && taken.add(keyOf(a)))];
    const fresh = h.offices.map(({ at, ...o }): Office => (at === entry.country ? o : { ...o, country: at }));
    entry.offices = mergeOffices(entry.offices, fresh);
    if (i >= 0) { actors[i] = entry; refreshed++; } else { actors.push(entry); if (base) refreshed++; else added++; }
  }
  return { actors, added, refreshed };
}

/** An entry with its fields in data/actors.json's order, whatever order it was read in. */
const inOrder = ({ id, name, surname, country, wikidata, aliases, offices }: Actor): Actor => ({
  id, name, surname, country, ...wikidata ? { wikidata } : {}, aliases,
  offices: offices.map(({ role, title, from, to, country: side }) =>
    ({ role, title, from, to, ...side ? { country: side } : {} })),
});

export function registerActors(program: Command, setExit: (code: number) => void): void {
  const actors = program.command('actors').description('the actor dictionary');
  actors.command('import')
    .description('add or refresh office holders from a Wikidata query-service result (JSON or CSV; docs/actors.md)')
    .argument('<file>', 'the query result: people with position held (P39) and its start and end (P580, P582)')
    .option('--out <file>', 'the user dictionary to add to or refresh (read first if it exists); default stdout')
    .option('--country <cc>', 'the ISO alpha-2 code of rows without a country')
    .action((file: string, opts: { out?: string; country?: string }) => {
      const defaultCountry = opts.country?.toUpperCase() ?? null;
      if (defaultCountry && !gazetteer().countries.has(defaultCountry)) {
        process.stderr.write(`readout: --country ${opts.country}: not an ISO alpha-2 code\n`);
        setExit(2);
        return;
      }
      let rows: Row[];
      try {
        rows = readQueryResult(readUserFile(file, 'query result'));
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message.replace(`${file}: `, '')}`, { cause: e });
      }
      const report: ImportReport = { skipped: [], coarse: 0 };
      const holders = holdersOf(rows, defaultCountry, report);
      const existing = opts.out && existsSync(opts.out)
        ? parseActorsFile(opts.out, readFileSync(opts.out, 'utf8')).actors : [];
      const merged = mergeHolders(existing, holders);
      const json = `${JSON.stringify({ actors: merged.actors.map(inOrder) }, null, 2)}\n`;
      parseActorsFile(opts.out ?? 'the result', json); // the shape --actors reads, checked before it is written
      if (opts.out) writeFileSync(opts.out, json); else process.stdout.write(json);
      const offices = holders.reduce((n, h) => n + h.offices.length, 0);
      for (const s of report.skipped) process.stderr.write(`readout: ${file}: ${s}\n`);
      const skipped = report.skipped.length ? `; ${report.skipped.length} rows skipped` : '';
      process.stderr.write(`imported ${holders.length} people (${offices} offices) from ${file}: `
        + `${merged.added} added, ${merged.refreshed} refreshed${opts.out ? ` in ${opts.out}` : ''}${skipped}\n`);
      if (report.coarse) {
        process.stderr.write(`note: ${report.coarse} dates are only to the month or year (read as its first day)\n`);
      }
      if (!holders.length) setExit(1);
    });
}
