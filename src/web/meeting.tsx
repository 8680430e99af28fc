// One meeting: header facts, participants, and the readout text with its statements highlighted by act.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { api, backToList, compareHash, listHash, meetingHash, type MeetingDetail, type Statement } from './api';
import { runs } from './highlight';
import { ACTS, ACT_LABELS, KIND_LABELS, MODE_LABELS, ROLE_LABELS, countryName, topicName } from './labels';
import { useApi } from './use-api';

export function MeetingPage(props: { id: string; statement: number | null }): JSX.Element {
  const doc = useApi((s) => api.meeting(props.id, s), [props.id]);
  useEffect(() => {
    if (doc.data) document.title = `${doc.data.record.meeting.title ?? 'Meeting'} · readout`;
  }, [doc.data]);
  if (doc.error) {
    return (
      <div class="meeting-page">
        <a class="back" href={backToList()}>← Back to meetings</a>
        <p class="error" role="alert">{doc.error}</p>
      </div>
    );
  }
  if (!doc.data) return <div class="meeting-page"><p class="loading" role="status">Loading…</p></div>;
  return <Meeting doc={doc.data} initial={props.statement} />;
}

function fmtOffset(min: number): string {
  const sign = min < 0 ? '−' : '+';
  const a = Math.abs(min);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function localTime(utc: string, offsetMin: number): string {
  const t = Date.parse(utc);
  if (Number.isNaN(t)) return utc;
  const d = new Date(t + offsetMin * 60_000);
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (${fmtOffset(offsetMin)})`;
}

function fmtDuration(min: number | null, approx: boolean): string {
  if (min === null) return '—';
  const h = Math.floor(min / 60);
  const m = min % 60;
  const s = h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
  return approx ? `about ${s}` : s;
}

function Meeting({ doc, initial }: { doc: MeetingDetail; initial: number | null }): JSX.Element {
  const { record, text } = doc;
  const m = record.meeting;
  const [selected, setSelected] = useState<number | null>(initial);
  const [hiddenActs, setHiddenActs] = useState<Set<string>>(new Set());
  const marks = useRef(new Map<number, HTMLElement>());
  const textRuns = useMemo(() => runs(text, record.statements.map((s) => s.span)), [text, record.statements]);
  const actsPresent = useMemo(() => new Set(record.statements.map((s) => s.act)), [record.statements]);

  useEffect(() => {
    if (initial === null) return;
    const el = marks.current.get(initial);
    if (el) { el.scrollIntoView({ block: 'center' }); el.focus({ preventScroll: true }); }
  }, [initial]);

  const select = (i: number, focus = false) => {
    setSelected(i);
    history.replaceState(null, '', meetingHash(doc.id, i));
    const el = marks.current.get(i);
    if (el && focus) { el.scrollIntoView({ block: 'center', behavior: 'smooth' }); el.focus({ preventScroll: true }); }
  };
  const toggleAct = (a: string) => {
    const next = new Set(hiddenActs);
    if (next.has(a)) next.delete(a); else next.add(a);
    setHiddenActs(next);
  };

  const place = [m.location.venue, m.location.city, m.location.country ? countryName(m.location.country) : null].filter(Boolean).join(', ');
  const stmt = selected !== null ? record.statements[selected] : undefined;

  return (
    <div class="meeting-page">
      <a class="back" href={backToList()}>← Back to meetings</a>
      <header class="meeting-head">
        <h1>{m.title ?? doc.path?.replace(/^.*\//, '') ?? 'Untitled meeting'}</h1>
        <dl class="facts">
          <Fact k="Date" v={m.date ?? '—'} />
          <Fact k="Start (local)" v={m.start ? `${m.start.approximate ? 'about ' : ''}${localTime(m.start.utc, m.start.localOffsetMinutes)}` : '—'} />
          <Fact k="Start (UTC)" v={m.start ? `${m.start.utc.replace('T', ' ').replace(/:00(\.000)?Z$/, 'Z')}` : '—'} />
          <Fact k="Duration" v={fmtDuration(m.durationMinutes, m.durationApproximate)} />
          <Fact k="Place" v={place || '—'} />
          <Fact k="Meeting" v={`${KIND_LABELS[m.kind] ?? m.kind} · ${MODE_LABELS[m.mode] ?? m.mode} · ${m.format}`} />
          <Fact k="Sides" v={m.countries.map(countryName).join(', ') || '—'} />
          {m.occasion && <Fact k="Occasion" v={m.occasion} />}
          <Fact k="Source" v={[record.source.publisher, record.source.publishedDate, doc.path].filter(Boolean).join(' · ') || '—'} />
        </dl>
      </header>

      <ReportedBy doc={doc} />

      <section class="card participants" aria-labelledby="participants-title">
        <h2 id="participants-title" class="small-h">Participants</h2>
        {record.participants.length === 0 ? <p class="muted">No participant was extracted.</p> : (
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Office</th><th scope="col">Role</th><th scope="col">Side</th></tr></thead>
            <tbody>
              {record.participants.map((p) => (
                <tr key={p.name}>
                  <th scope="row"><a href={listHash({ participant: p.name })}>{p.name}</a></th>
                  <td>{p.title ?? '—'}</td>
                  <td>{ROLE_LABELS[p.role] ?? p.role}</td>
                  <td>{countryName(p.country)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div class="reader">
        <section class="card text-card" aria-labelledby="text-title">
          <div class="text-head">
            <h2 id="text-title" class="small-h">Readout text</h2>
            <ul class="act-legend" aria-label="Acts (press to show or hide)">
              {ACTS.filter((a) => actsPresent.has(a)).map((a) => (
                <li key={a}>
                  <button type="button" class={`act-key act-${a}`} aria-pressed={!hiddenActs.has(a)} onClick={() => toggleAct(a)}>
                    {ACT_LABELS[a]} <span class="n">{record.statements.filter((s) => s.act === a).length}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div class="doc-text" lang="en">
            {textRuns.map((r) => {
              if (r.statement === null) return r.text;
              const s = record.statements[r.statement];
              const i = r.statement;
              const hidden = hiddenActs.has(s.act);
              return (
                <mark key={r.start} ref={(el) => { if (el) marks.current.set(i, el); else marks.current.delete(i); }}
                  class={`stmt act-${s.act}${hidden ? ' off' : ''}${selected === i ? ' selected' : ''}`}
                  tabIndex={0} role="button" aria-pressed={selected === i} data-statement={i}
                  aria-label={`${s.speakers.join(' and ') || 'unattributed'} ${ACT_LABELS[s.act] ?? s.act}: ${s.text}`}
                  onClick={() => select(i)}
                  onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(i); } }}>
                  {r.text}
                </mark>
              );
            })}
          </div>
        </section>
        <aside class="card detail" aria-live="polite" aria-label="Selected statement">
          {stmt ? <StatementDetail s={stmt} index={selected as number} /> : (
            <p class="muted">{record.statements.length ? 'Select a highlighted statement to see who said it, the act and its topics.' : 'No statement was extracted from this readout.'}</p>
          )}
          <h3 class="small-h">Topics</h3>
          <p class="tags">{record.topics.length ? record.topics.map((t) => <a key={t} class="tag" href={listHash({ topic: t })}>{topicName(t)}</a>) : <span class="muted">none</span>}</p>
        </aside>
      </div>

      {record.statements.length > 0 && (
        <section class="card" aria-labelledby="stmts-title">
          <h2 id="stmts-title" class="small-h">Statements ({record.statements.length})</h2>
          <ol class="stmt-list">
            {record.statements.map((s, i) => (
              <li key={i}>
                <button type="button" class={`stmt-row${selected === i ? ' selected' : ''}`} onClick={() => select(i, true)}>
                  <span class={`act-pill act-${s.act}`}>{s.act}</span>
                  <span class="stmt-who">{s.speakers.join(', ') || '—'}</span>
                  <span class="stmt-text">{s.text}</span>
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** Every government's readout of this meeting; two or more can be compared side by side. */
function ReportedBy({ doc }: { doc: MeetingDetail }): JSX.Element | null {
  const { readouts } = doc;
  if (readouts.length === 0) return null;
  const other = readouts.find((r) => r.id !== doc.id);
  return (
    <section class="card reported-by" aria-labelledby="reported-title">
      <h2 id="reported-title" class="small-h">Reported by</h2>
      <ul>
        {readouts.map((r) => {
          const name = r.publisher ?? r.path?.replace(/^.*\//, '') ?? r.id;
          const self = r.id === doc.id;
          return (
            <li key={r.id}>
              <a href={meetingHash(r.id)} aria-current={self ? 'page' : undefined} class="publisher">{name}</a>
              <span class="muted"> · {r.publishedDate ?? 'undated'}{self && ' · this readout'}</span>
              {r.title && <span class="readout-title">{r.title}</span>}
              {/* With three or more, each other readout can be compared with this one. */}
              {readouts.length > 2 && !self && (
                <a class="small" href={compareHash(doc.id, r.id)} aria-label={`Compare with ${name}`}>compare</a>
              )}
            </li>
          );
        })}
      </ul>
      {other && <a class="compare-link" href={compareHash(doc.id, other.id)}>Compare accounts</a>}
    </section>
  );
}

function Fact({ k, v }: { k: string; v: string }): JSX.Element {
  return <div class="fact"><dt>{k}</dt><dd>{v}</dd></div>;
}

function StatementDetail({ s, index }: { s: Statement; index: number }): JSX.Element {
  return (
    <div class="stmt-detail">
      <h3 class="small-h">Statement {index + 1}{s.item ? ` · item ${s.item}` : ''}</h3>
      <p><span class={`act-pill act-${s.act}`}>{s.act}</span></p>
      <dl>
        <dt>Speaker</dt>
        <dd>{s.speakers.length ? s.speakers.map((n, i) => <span key={n}>{i > 0 && ', '}<a href={listHash({ participant: n })}>{n}</a></span>) : '—'}
          {s.speakerCountries.length > 0 && <span class="muted"> ({s.speakerCountries.map(countryName).join(', ')})</span>}</dd>
        <dt>Act</dt>
        <dd><a href={listHash({ act: s.act })}>{ACT_LABELS[s.act] ?? s.act}</a></dd>
        <dt>Topics</dt>
        <dd>{s.topics.length ? s.topics.map((t) => <a key={t} class="tag" href={listHash({ topic: t })}>{topicName(t)}</a>) : '—'}</dd>
      </dl>
      <blockquote>{s.text}</blockquote>
    </div>
  );
}
