// Two readouts of one meeting side by side: the verdict, the facts and topics each gives, then both texts with the
// statements both report sharing a numbered colour, and those only one reports outlined, so a reader sees at a glance
// what each government chose to say.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import {
  api, compareHash, listHash, meetingHash, type Comparison, type Difference, type MeetingDetail, type Statement,
} from './api';
import { runs } from './highlight';
import { KIND_LABELS, MODE_LABELS, countryName, topicName } from './labels';
import { useApi } from './use-api';

type Side = 'a' | 'b';
const SIDES: Side[] = ['a', 'b'];
const other = (s: Side): Side => (s === 'a' ? 'b' : 'a');
const letter = (s: Side) => s.toUpperCase();
/** Pair k takes colour k modulo this (.pair-c0 … .pair-c7 in style.css); the number tells wrapped colours apart. */
const PAIR_COLOURS = 8;
/** What hovering or selecting lights up: an aligned pair (`p3`) or one side's statement (`a2`). */
type Key = string;

export function ComparePage({ a, b }: { a: string; b: string }): JSX.Element {
  const state = useApi((s) => Promise.all([api.compare(a, b, s), api.meeting(a, s), api.meeting(b, s)]), [a, b]);
  useEffect(() => {
    if (state.data) document.title = `Compare accounts · ${titleOf(state.data[1])} · readout`;
  }, [state.data]);
  if (state.error) {
    return (
      <div class="compare-page">
        <a class="back" href={meetingHash(a)}>← Back to the meeting</a>
        <p class="error" role="alert">{state.error}</p>
      </div>
    );
  }
  if (!state.data) return <div class="compare-page"><p class="loading" role="status">Loading…</p></div>;
  const [cmp, docA, docB] = state.data;
  return <Compare cmp={cmp} docs={{ a: docA, b: docB }} />;
}

const titleOf = (d: MeetingDetail) => d.record.meeting.title ?? d.path?.replace(/^.*\//, '') ?? d.id;
const publisherOf = (d: MeetingDetail) => d.record.source.publisher ?? d.path?.replace(/^.*\//, '') ?? d.id;
const who = (s: Statement) => s.speakers.join(' and ') || s.speakerCountries.map(countryName).join(' and ')
  || 'unattributed';
const list = (xs: string[], name: (x: string) => string) => xs.map(name).join(', ') || '—';

/** A difference of an aligned pair, in words. */
function describe(d: Difference): string {
  switch (d.kind) {
    case 'act': return `act: A "${d.a}", B "${d.b}"`;
    case 'attribution': return `attributed to: A ${list(d.a, countryName)}, B ${list(d.b, countryName)}`;
    case 'reported-speech':
      return `${letter(d.side)} reports what ${d.speakers.join(' and ') || 'the other side'} said`;
    case 'topics': return `topics only in A: ${list(d.onlyA, topicName)}; only in B: ${list(d.onlyB, topicName)}`;
  }
}

const FACT_VALUES: Record<string, (v: string) => string> = {
  kind: (v) => KIND_LABELS[v] ?? v,
  mode: (v) => MODE_LABELS[v] ?? v,
  sides: (v) => v.split(', ').map(countryName).join(', '),
};
const factValue = (field: string, v: string | null) => (v === null ? '—' : (FACT_VALUES[field]?.(v) ?? v));

/** Scrolls `el` into view inside its own scrolling column, leaving the page (and the hovered partner) where it is. */
function reveal(el: HTMLElement | undefined): void {
  const box = el?.closest<HTMLElement>('.cmp-text');
  if (!el || !box) return;
  const b = box.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (r.top >= b.top && r.bottom <= b.bottom) return;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  box.scrollBy({ top: r.top - b.top - box.clientHeight / 3, behavior: smooth ? 'smooth' : 'auto' });
}

function Compare({ cmp, docs }: { cmp: Comparison; docs: Record<Side, MeetingDetail> }): JSX.Element {
  const [hover, setHover] = useState<Key | null>(null);
  const [pinned, setPinned] = useState<Key | null>(null);
  const active = hover ?? pinned;
  const marks = useRef(new Map<string, HTMLElement>());
  const { aligned, onlyA, onlyB } = cmp.statements;
  const only: Record<Side, number[]> = { a: onlyA, b: onlyB };
  // Each side's statement index → the key it lights up under.
  const keys = useMemo(() => {
    const out: Record<Side, Map<number, Key>> = { a: new Map(), b: new Map() };
    aligned.forEach((p, k) => { out.a.set(p.a, `p${k}`); out.b.set(p.b, `p${k}`); });
    for (const s of SIDES) for (const i of only[s]) out[s].set(i, `${s}${i}`);
    return out;
  }, [cmp]);
  /** The marks a key lights up, by side. */
  const marksOf = (key: Key): [Side, HTMLElement | undefined][] => {
    if (key.startsWith('p')) {
      const p = aligned[Number(key.slice(1))];
      return SIDES.map((s) => [s, marks.current.get(`${s}${p[s]}`)]);
    }
    return [[key[0] as Side, marks.current.get(key)]];
  };
  const handlers: Handlers = {
    // Hovering or focusing one statement brings its partner into view: the reader is already looking at this one.
    enter: (key, from) => {
      setHover(key);
      for (const [s, el] of marksOf(key)) if (s !== from) reveal(el);
    },
    leave: () => setHover(null),
    pick: (key) => {
      setPinned(pinned === key ? null : key);
      for (const [, el] of marksOf(key)) reveal(el);
    },
  };

  return (
    <div class="compare-page" onKeyDown={(e) => { if (e.key === 'Escape') setPinned(null); }}>
      <a class="back" href={meetingHash(docs.a.id)}>← Back to the meeting</a>
      <h1>Compare accounts</h1>
      <p class="cmp-sub muted">
        {titleOf(docs.a)} · <a href={compareHash(docs.b.id, docs.a.id)}>swap sides</a>
      </p>
      <Verdict cmp={cmp} />
      <div class="cmp-summary">
        <Facts cmp={cmp} docs={docs} />
        <Topics cmp={cmp} />
      </div>
      <p class="cmp-legend muted small">
        A numbered colour marks a statement both readouts report; hover or focus it to find its partner.
        A dashed outline marks a statement only one readout reports.
      </p>
      <div class="cmp-texts">
        {SIDES.map((s) => (
          <TextColumn key={s} side={s} doc={docs[s]} keys={keys[s]} active={active} pinned={pinned}
            marks={marks.current} on={handlers} />
        ))}
      </div>
      <Pairs cmp={cmp} docs={docs} active={active} on={handlers} />
      {SIDES.map((s) => <OnlyList key={s} side={s} doc={docs[s]} indexes={only[s]} active={active} on={handlers} />)}
    </div>
  );
}

interface Handlers { enter: (key: Key, from?: Side) => void; leave: () => void; pick: (key: Key) => void }

function Verdict({ cmp }: { cmp: Comparison }): JSX.Element {
  return (
    <section class={`card verdict${cmp.sameMeeting ? '' : ' differ'}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title" class="small-h">
        {cmp.sameMeeting ? 'Same meeting' : 'Probably not the same meeting'}
        <span class="muted"> · confidence {Math.round(cmp.match.confidence * 100)}%</span>
      </h2>
      {cmp.match.reasons.length > 0 && <ul>{cmp.match.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
    </section>
  );
}

function Facts({ cmp, docs }: { cmp: Comparison; docs: Record<Side, MeetingDetail> }): JSX.Element {
  return (
    <section class="card cmp-facts" aria-labelledby="cmp-facts-title">
      <h2 id="cmp-facts-title" class="small-h">Facts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {SIDES.map((s) => <th key={s} scope="col">{letter(s)} · {publisherOf(docs[s])}</th>)}
          </tr>
        </thead>
        <tbody>
          {cmp.facts.map((f) => (
            <tr key={f.field} class={f.same ? undefined : 'differs'} data-field={f.field}>
              <th scope="row">
                {!f.same && <><span class="neq" aria-hidden="true">≠</span><span class="sr-only">differs: </span></>}
                {f.field}
              </th>
              <td>{factValue(f.field, f.a)}</td>
              <td>{factValue(f.field, f.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Topics({ cmp }: { cmp: Comparison }): JSX.Element {
  const groups: [string, string[]][] = [
    ['Both', cmp.topics.shared], ['Only in A', cmp.topics.onlyA], ['Only in B', cmp.topics.onlyB],
  ];
  return (
    <section class="card cmp-topics" aria-labelledby="cmp-topics-title">
      <h2 id="cmp-topics-title" class="small-h">Topics</h2>
      <dl>
        {groups.map(([label, topics]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd class="tags">
              {topics.length === 0 && <span class="muted">none</span>}
              {topics.map((t) => <a key={t} class="tag" href={listHash({ topic: t })}>{topicName(t)}</a>)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

interface ColumnProps {
  side: Side; doc: MeetingDetail; keys: Map<number, Key>; active: Key | null; pinned: Key | null;
  marks: Map<string, HTMLElement>; on: Handlers;
}

function TextColumn({ side, doc, keys, active, pinned, marks, on }: ColumnProps): JSX.Element {
  const { record, text } = doc;
  const textRuns = useMemo(() => runs(text, record.statements.map((s) => s.span)), [text, record.statements]);
  const id = `cmp-col-${side}`;
  return (
    <section class="card cmp-col" aria-labelledby={id}>
      <h2 id={id} class="small-h"><span class="side-badge">{letter(side)}</span> {publisherOf(doc)}</h2>
      <p class="muted small cmp-col-meta">
        {record.source.publishedDate ?? 'undated'} · <a href={meetingHash(doc.id)}>{titleOf(doc)}</a>
      </p>
      {/* Focusable so keyboard users can scroll the column itself. */}
      <div class="doc-text cmp-text" id={`cmp-text-${side}`} lang="en" tabIndex={0} role="region"
        aria-label={`Text of readout ${letter(side)}`}>
        {textRuns.map((r) => {
          if (r.statement === null) return r.text;
          const i = r.statement;
          const s = record.statements[i];
          const key = keys.get(i);
          const ref = (el: HTMLElement | null) => {
            if (el) marks.set(`${side}${i}`, el); else marks.delete(`${side}${i}`);
          };
          const lit = key !== undefined && key === active ? ' linked' : '';
          if (key?.startsWith('p')) {
            const k = Number(key.slice(1));
            return (
              <mark key={r.start} ref={ref} class={`stmt pair pair-c${k % PAIR_COLOURS}${lit}`} data-statement={i}
                data-pair={k} data-n={k + 1} tabIndex={0} role="button" aria-pressed={pinned === key}
                aria-label={`Pair ${k + 1}, both report. ${who(s)} ${s.act}: ${s.text}`}
                onMouseEnter={() => on.enter(key, side)} onMouseLeave={on.leave}
                onFocus={() => on.enter(key, side)} onBlur={on.leave} onClick={() => on.pick(key)}
                onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); on.pick(key); } }}>
                {r.text}
              </mark>
            );
          }
          // Only this side reports it (or, should the API leave one out, neither list has it).
          return (
            <mark key={r.start} ref={ref} class={`stmt${key ? ' only' : ''}${lit}`} data-statement={i}
              data-only={key ? letter(side) : undefined}
              title={key ? `Only ${letter(side)} reports this` : undefined}>
              {r.text}
            </mark>
          );
        })}
      </div>
    </section>
  );
}

function Pairs({ cmp, docs, active, on }: {
  cmp: Comparison; docs: Record<Side, MeetingDetail>; active: Key | null; on: Handlers;
}): JSX.Element {
  const { aligned } = cmp.statements;
  return (
    <section class="card cmp-list" aria-labelledby="pairs-title">
      <h2 id="pairs-title" class="small-h">Statements both report ({aligned.length})</h2>
      {aligned.length === 0 ? <p class="muted">The two readouts share no statement.</p> : (
        <ol class="pairs">
          {aligned.map((p, k) => {
            const key = `p${k}`;
            return (
              <li key={key} class={`pair-row${active === key ? ' linked' : ''}`} data-pair={k}
                onMouseEnter={() => on.enter(key)} onMouseLeave={on.leave}>
                <button type="button" class="pair-btn" onClick={() => on.pick(key)}
                  aria-label={`Pair ${k + 1}: show both statements in the texts`}>
                  <span class={`pair-num pair-c${k % PAIR_COLOURS}`} aria-hidden="true">{k + 1}</span>
                  {SIDES.map((s) => <StatementLine key={s} s={docs[s].record.statements[p[s]]} side={s} />)}
                </button>
                {p.differences.length > 0 ? (
                  <ul class="diffs" aria-label="Differences">
                    {p.differences.map((d, i) => <li key={i}>{describe(d)}</li>)}
                  </ul>
                ) : <p class="diffs muted">Same act, speakers and topics.</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function OnlyList({ side, doc, indexes, active, on }: {
  side: Side; doc: MeetingDetail; indexes: number[]; active: Key | null; on: Handlers;
}): JSX.Element | null {
  if (indexes.length === 0) return null;
  const title = `only-${side}-title`;
  return (
    <section class="card cmp-list" aria-labelledby={title}>
      <h2 id={title} class="small-h">
        Only {letter(side)} reports ({indexes.length}) <span class="muted">· not in {letter(other(side))}</span>
      </h2>
      <ol class="stmt-list">
        {indexes.map((i) => {
          const key = `${side}${i}`;
          return (
            <li key={key} onMouseEnter={() => on.enter(key)} onMouseLeave={on.leave}>
              <button type="button" class={`stmt-row${active === key ? ' selected' : ''}`}
                onClick={() => on.pick(key)}>
                <StatementLine s={doc.record.statements[i]} />
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A statement as act, speaker and text; with `side`, one cell of an aligned pair. */
function StatementLine({ s, side }: { s: Statement; side?: Side }): JSX.Element {
  const body = (
    <>
      <span class={`act-pill act-${s.act}`}>{s.act}</span>
      <span class="stmt-who">{who(s)}</span>
      <span class="stmt-text">{s.text}</span>
    </>
  );
  return side ? <span class="pair-side"><span class="side-badge">{letter(side)}</span>{body}</span> : body;
}
