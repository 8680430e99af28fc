// The PLOVER export as the manual defines it: every exported line of the held-out fixtures validates against
// data/plover.schema.json (ajv), and RECORD.md's coding rules hold on small records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { actEvent, loadAlpha3, requestMode, toPlover, type PloverEvent } from '../src/query/plover.js';
import { actorDictionary } from '../src/data/actors.js';
import { TOPIC_LABELS } from '../src/server/topics.js';
import { topicName } from '../src/web/labels.js';
import type { ReadoutRecord, Statement } from '../src/record/schema.js';
import { FIXTURES, fixtureDoc } from './store-fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const data = (name: string) => JSON.parse(readFileSync(join(ROOT, 'data', name), 'utf8'));
const schema = data('plover.schema.json');
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);
const CONTEXTS: string[] = schema.properties.context.items.enum;
const MODES: string[] = schema.properties.mode.items.enum;
const alpha3 = loadAlpha3()!;

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'readout-plover-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

function readout(args: string[]): { code: number; stdout: string; stderr: string } {
  const child = `import { main } from ${JSON.stringify(join(ROOT, 'src/cli/main.ts'))};
    process.exitCode = await main(['node', 'readout', ...${JSON.stringify(args)}]);`;
  const env = { ...process.env };
  delete env.READOUT_DB;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child],
    { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const invalid = (e: unknown) => (validate(e) ? null : ajv.errorsText(validate.errors));

test('every exported line of the held-out fixtures validates against the schema written from the manual', () => {
  const db = join(dir, 'heldout.db');
  const sets = ['heldout', 'heldout2', 'heldout3', 'heldout4', 'heldout5'].map((d) => `test/fixtures/${d}/*.txt`);
  const ingest = readout(['ingest', ...sets, '--db', db]);
  assert.equal(ingest.code, 0, ingest.stderr);
  const r = readout(['export', '--format', 'plover', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as PloverEvent);
  assert.ok(events.length > 400, `only ${events.length} events`);
  const bad = events.map((e) => [e.id, invalid(e)]).filter(([, why]) => why);
  assert.deepEqual(bad, [], 'lines that do not validate');
  assert.ok(events.every((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.date)), 'a date on every line');
  assert.ok(events.every((e) => (e.context ?? []).every((c) => CONTEXTS.includes(c))));
  assert.ok(events.every((e) => (e.mode ?? []).every((m) => MODES.includes(m))));
  // the one readout without a date (heldout/..._nodate.txt) is left out and counted
  assert.match(r.stderr, /left out 1 meeting \(1 readout\) without a date/);
  const jsonl = readout(['export', '--format', 'jsonl', '--db', db]).stdout.trim().split('\n')
    .map((l) => JSON.parse(l) as { meetingId: string; meeting: { date: string | null } });
  const dated = new Set(jsonl.filter((x) => x.meeting.date).map((x) => x.meetingId));
  const consults = events.filter((e) => e.event[0] === 'CONSULT');
  assert.equal(consults.length, dated.size, 'one CONSULT a dated meeting');
  // entities carry the dictionary's id and the text as written
  const people = events.flatMap((e) => [...e.actor, ...e.recipient ?? []]).filter((a) => a.identifier_id);
  assert.ok(people.length > 500);
  assert.ok(people.every((a) => a.entity_text && a.identifier_text && a.sector));
});

test('the schema refuses what the manual does not allow', () => {
  const ok = { id: 'x', date: '2020-01-02', actor: [{ code: 'JPN' }], event: ['CONSULT'], mode: ['visit'],
    quad_code: 1, context: ['diplomatic'] };
  assert.equal(invalid(ok), null);
  const wrong: [string, object][] = [
    ['no date', { ...ok, date: null }],
    ['a context outside the manual', { ...ok, context: ['political'] }],
    ['another event\'s mode', { ...ok, mode: ['disapprove'] }],
    ['a mode for an event without modes', { ...ok, event: ['SUPPORT'], mode: ['visit'] }],
    ['a bare code as actor', { ...ok, actor: ['JPN'] }],
    ['an alpha-2 code', { ...ok, actor: [{ code: 'JP' }] }],
    ['a single event, not a list', { ...ok, event: 'CONSULT' }],
    ['a wrong quad code', { ...ok, quad_code: 3 }],
    ['an unknown sector', { ...ok, actor: [{ code: 'JPN', sector: 'XYZ' }] }],
  ];
  for (const [why, e] of wrong) assert.notEqual(invalid(e), null, why);
});

/** FIXTURES[0] (Kono in Washington with Tillerson) with statements and a start given here. */
type Said = [string, Statement['act'], string[], string[]?];
function record(statements: Said[], extra: Partial<ReadoutRecord['meeting']> = {})
  : { record: ReadoutRecord; text: string } {
  const text = `Japan-U.S. Foreign Ministers' Meeting. ${statements.map(([t]) => t).join(' ')}`;
  const said = statements.map(([t, act, speakers]): Required<Said> => [t, act, speakers, []]);
  const doc = fixtureDoc({ ...FIXTURES[0]!, text, statements: said });
  doc.record.statements.forEach((s, i) => {
    (s as Statement & { targets?: string[] }).targets = statements[i]![3] ?? [];
  });
  return { record: { ...doc.record, meeting: { ...doc.record.meeting, ...extra } }, text };
}
const summary = (e: PloverEvent) => [e.event.join('+'), e.mode?.join('+') ?? null, e.actor.map((a) => a.code).join('+'),
  e.recipient?.map((a) => a.code).join('+') ?? null];

test('recipients: the targets, else the other side; a joint act without a target has actors only', () => {
  const { record: r, text } = record([
    ['Minister Kono strongly condemned North Korea\'s missile launches.', 'oppose', ['JP'], ['KP']],
    ['The two ministers strongly condemned North Korea\'s missile launches.', 'oppose', ['JP', 'US'], ['KP']],
    ['The two ministers agreed to strengthen the Alliance.', 'agree', ['JP', 'US']],
    ['Secretary Tillerson welcomed Japan\'s efforts.', 'support', ['US']],
    ['The two ministers expressed support for Ukraine and the European Union.', 'support', ['JP', 'US'], ['UA', 'EU']],
  ]);
  const events = toPlover('r1', r, alpha3, undefined, { text });
  assert.deepEqual(events.map(summary), [
    ['CONSULT', 'visit', 'JPN', 'USA'],
    ['ACCUSE', 'disapprove', 'JPN', 'PRK'],
    ['ACCUSE', 'disapprove', 'JPN+USA', 'PRK'],
    ['AGREE', null, 'JPN+USA', null],
    ['SUPPORT', null, 'USA', 'JPN'],
    ['SUPPORT', null, 'JPN+USA', 'UKR+EUR'],
  ]);
  // as written: the target's name, the speaker's own mention, the side's name
  const written = (e: PloverEvent) => [e.actor.map((a) => a.entity_text), e.recipient?.map((a) => a.entity_text)];
  assert.deepEqual(events.slice(1).map(written), [
    [['Kono'], ['North Korea']],
    [['Taro Kono', 'Rex Tillerson'], ['North Korea']],
    [['Taro Kono', 'Rex Tillerson'], undefined],
    [['Tillerson'], ['Japan']],
    [['Taro Kono', 'Rex Tillerson'], ['Ukraine', 'European Union']],
  ]);
  assert.ok(!('recipient' in events[3]!));
  for (const e of events) assert.equal(invalid(e), null, e.id);
  // a target with no code of the manual is left out, not replaced by the other side
  const odd = record([['Minister Kono condemned the launches.', 'oppose', ['JP'], ['ZZ']]]);
  assert.deepEqual(toPlover('r1', odd.record, alpha3).slice(1).map(summary), [['ACCUSE', 'disapprove', 'JPN', null]]);
});

test('invitations and pledges are AGREE as the manual codes them; rejections are REJECT with a mode', () => {
  const cases: [Pick<Statement, 'act' | 'text'>, string | null][] = [
    [{ act: 'request', text: 'invited Secretary Tillerson to visit Japan' }, 'AGREE'],
    [{ act: 'request', text: 'requested a meeting at an early date' }, 'REQUEST'],
    [{ act: 'commit', text: 'pledged continued support to Ukraine' }, 'AGREE'],
    [{ act: 'oppose', text: 'rejected any unilateral attempt to change the status quo' }, 'REJECT'],
    [{ act: 'oppose', text: 'expressed serious concern' }, 'ACCUSE'],
    [{ act: 'discuss', text: 'exchanged views on the regional situation' }, null],
  ];
  for (const [s, event] of cases) assert.equal(actEvent(s), event, s.text);
  assert.equal(requestMode('urged North Korea to stop its launches'), 'yield');
  assert.equal(requestMode('called for a change in policy'), 'change');
  const { record: r, text } = record([['Secretary Tillerson rejected the request to withdraw.', 'oppose', ['US']]]);
  assert.deepEqual(toPlover('r1', r, alpha3, undefined, { text }).slice(1).map(summary),
    [['REJECT', 'yield', 'USA', 'JPN']]);
});

test('dates and times: UTC from the start and the duration; quad code and score from the manual\'s tables', () => {
  const start = { utc: '2017-08-16T23:30:00Z', localOffsetMinutes: -240, approximate: false,
    span: [0, 1] as [number, number] };
  const { record: r, text } = record([['Minister Kono affirmed the Alliance.', 'affirm', ['JP']]],
    { start, durationMinutes: 45, location: { city: 'Washington, D.C.', country: 'US', venue: null } });
  const [consult, support] = toPlover('r1', r, alpha3, undefined, { text, codedAt: '2024-05-01T10:00:00Z' });
  assert.deepEqual([consult!.date, consult!.time, consult!.enddate, consult!.endtime],
    ['2017-08-16', '23:30:00Z', '2017-08-17', '00:15:00Z']);
  assert.deepEqual([consult!.quad_code, consult!.event_scale, support!.quad_code, support!.event_scale], [1, 4, 1, 5]);
  assert.deepEqual(consult!.event_loc, { extracted_place: 'Washington, D.C.', city: 'Washington, D.C.',
    country: 'United States', country_code: 'USA' });
  assert.equal(consult!.coded_date, '2024-05-01');
  assert.deepEqual([support!.text_info.sequence, text.slice(support!.text_info.start, support!.text_info.end)],
    [0, 'Minister Kono affirmed the Alliance.']);
  assert.deepEqual(consult!.cite_info.codebook, 'plover-base-2.0');
  // without a start: the meeting's date alone; without any date: no event (PLOVER requires one)
  const plain = record([['Minister Kono affirmed the Alliance.', 'affirm', ['JP']]]);
  const timeFields = Object.keys(toPlover('r1', plain.record, alpha3)[0]!).filter((k) => /time|date/.test(k));
  assert.deepEqual(timeFields, ['date', 'coded_date']);
  const undated = { ...plain.record, meeting: { ...plain.record.meeting, date: null } };
  assert.deepEqual(toPlover('r1', undated, alpha3), []);
  // ... unless another readout of the meeting gives its date
  const dated = toPlover('r1', undated, alpha3, { meetingId: 'm1', readouts: [], dates: { date: '2017-08-17' } });
  assert.deepEqual(dated.map((e) => e.date), ['2017-08-17', '2017-08-17']);
});

test('identifier_id: the Wikidata id where the dictionary has one, else the dictionary id', () => {
  const file = join(dir, 'ids.json');
  const kono = actorDictionary().byId.get('jp-taro-kono')!;
  // an id made up for the test
  writeFileSync(file, JSON.stringify({ actors: [{ ...kono, wikidata: 'Q999999999' }] }));
  const { record: r, text } = record([['Minister Kono affirmed the Alliance.', 'affirm', ['JP']]]);
  const [consult] = toPlover('r1', r, alpha3, undefined, { text, actors: actorDictionary([file]) });
  assert.deepEqual(consult!.actor.map((a) => [a.identifier_id, a.identifier_text]), [['Q999999999', 'Taro Kono']]);
  assert.deepEqual(consult!.recipient!.map((a) => a.identifier_id), ['us-rex-tillerson']);
});

test('one vocabulary: labels, contexts and act events come from data/vocabulary.json for export, API and UI', () => {
  const vocab = data('vocabulary.json') as {
    topics: Record<string, { label: string; scope: string; contexts: string[] }>;
    acts: Record<string, { event: string | null; rules?: { event: string }[] }>;
  };
  const taxonomy = (data('topics.json') as { topics: { id: string; label?: string }[] }).topics;
  assert.deepEqual(taxonomy.map((t) => t.id).sort(), Object.keys(vocab.topics).sort(), 'every topic once in each file');
  assert.ok(taxonomy.every((t) => t.label === undefined), 'labels live in vocabulary.json only');
  for (const [id, t] of Object.entries(vocab.topics)) {
    assert.deepEqual(TOPIC_LABELS[id], { label: t.label, scope: t.scope });
    assert.equal(topicName(id), t.label);
    for (const c of t.contexts) assert.ok(CONTEXTS.includes(c), `${id}: ${c} is not a context of the manual`);
  }
  const events: string[] = schema.properties.event.items.enum;
  for (const a of Object.values(vocab.acts)) {
    for (const e of [a.event, ...(a.rules ?? []).map((x) => x.event)]) assert.ok(e === null || events.includes(e));
  }
  const plover = data('plover.json') as { events: Record<string, { quad: number; modes?: Record<string, number> }> };
  for (const [event, e] of Object.entries(plover.events)) {
    const rule = schema.allOf.find((x: { if: { properties: { event: { const: string[] } } } }) =>
      x.if.properties.event.const[0] === event);
    assert.ok(rule.then.properties.quad_code.enum.includes(e.quad), event);
    for (const m of Object.keys(e.modes ?? {})) {
      assert.ok(rule.then.properties.mode.items.enum.includes(m), `${event}: ${m}`);
    }
  }
});
