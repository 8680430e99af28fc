// A comparison for reading: side by side in a terminal, or as Markdown for a write-up.
import type { ReadoutRecord } from '../record/schema.js';
import type { Difference } from './align.js';
import type { Comparison } from './compare.js';

function describe(d: Difference): string {
  switch (d.kind) {
    case 'act': return `act: A "${d.a}", B "${d.b}"`;
    case 'attribution': return `speakers: A ${d.a.join('+') || '?'}, B ${d.b.join('+') || '?'}`;
    case 'reported-speech':
      return `${d.side.toUpperCase()} reports what ${d.speakers.join(' & ') || 'the other side'} said`;
    case 'topics': return `topics only in A: ${d.onlyA.join(', ') || '-'}; only in B: ${d.onlyB.join(', ') || '-'}`;
  }
}

const who = (s: ReadoutRecord['statements'][number]) => s.speakers.join(' & ') || s.speakerCountries.join(' & ') || '?';
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));

/** Two columns, each `width` wide; a cell's text wrapped at word boundaries. */
function columns(left: string, right: string, width: number): string[] {
  const wrap = (s: string) => {
    const lines: string[] = [];
    let line = '';
    for (const word of s.split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = ''; }
      line = line ? `${line} ${word}` : word.slice(0, width);
    }
    return line ? [...lines, line] : lines;
  };
  const l = wrap(left);
  const r = wrap(right);
  return Array.from({ length: Math.max(l.length, r.length, 1) },
    (_, i) => `  ${pad(l[i] ?? '', width)} │ ${r[i] ?? ''}`);
}

export function renderComparisonText(c: Comparison, a: ReadoutRecord, b: ReadoutRecord, width = 100): string {
  const half = Math.max(30, Math.floor((width - 5) / 2));
  const out: string[] = [];
  out.push(`${c.sameMeeting ? 'Same meeting' : 'Different meetings'} (confidence ${c.match.confidence}): `
    + c.match.reasons.join('; '));
  out.push(...columns(`A ${c.a.id ?? ''} ${c.a.publisher ?? ''} ${c.a.path ?? ''}`,
    `B ${c.b.id ?? ''} ${c.b.publisher ?? ''} ${c.b.path ?? ''}`, half));
  out.push('', 'Facts');
  for (const f of c.facts) {
    out.push(`${f.same ? ' ' : '≠'} ${f.field}`);
    out.push(...columns(f.a ?? '-', f.b ?? '-', half));
  }
  out.push('', 'Topics', `  both: ${c.topics.shared.join(', ') || '-'}`,
    `  only A: ${c.topics.onlyA.join(', ') || '-'}`,
    `  only B: ${c.topics.onlyB.join(', ') || '-'}`);
  out.push('', `Statements both report (${c.statements.aligned.length})`);
  for (const p of c.statements.aligned) {
    const sa = a.statements[p.a]!;
    const sb = b.statements[p.b]!;
    out.push(...columns(`[${sa.act}] ${who(sa)}: ${sa.text}`, `[${sb.act}] ${who(sb)}: ${sb.text}`, half));
    for (const d of p.differences) out.push(`    ≠ ${describe(d)}`);
    out.push('');
  }
  for (const [label, only, r] of [['A', c.statements.onlyA, a], ['B', c.statements.onlyB, b]] as const) {
    out.push(`Only ${label} reports (${only.length})`);
    for (const i of only) {
      const s = r.statements[i]!;
      out.push(`  [${s.act}] ${who(s)}: ${clip(s.text, 200)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

const cell = (s: string | null) => (s ?? '-').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderComparisonMarkdown(c: Comparison, a: ReadoutRecord, b: ReadoutRecord): string {
  const out: string[] = [];
  out.push(`# ${cell(a.meeting.title ?? c.a.path)} / ${cell(b.meeting.title ?? c.b.path)}`, '');
  out.push(`**${c.sameMeeting ? 'Same meeting' : 'Different meetings'}** (confidence ${c.match.confidence}): `
    + `${c.match.reasons.join('; ')}.`, '');
  out.push(`| | A: ${cell(c.a.publisher)} | B: ${cell(c.b.publisher)} |`, '| --- | --- | --- |');
  for (const f of c.facts) out.push(`| ${f.same ? '' : '≠ '}${f.field} | ${cell(f.a)} | ${cell(f.b)} |`);
  out.push('', '## Topics', '', `- both: ${c.topics.shared.join(', ') || '-'}`,
    `- only A: ${c.topics.onlyA.join(', ') || '-'}`, `- only B: ${c.topics.onlyB.join(', ') || '-'}`);
  out.push('', '## Statements both report', '', '| A | B | differences |', '| --- | --- | --- |');
  for (const p of c.statements.aligned) {
    const sa = a.statements[p.a]!;
    const sb = b.statements[p.b]!;
    out.push(`| [${sa.act}] ${cell(who(sa))}: ${cell(sa.text)} | [${sb.act}] ${cell(who(sb))}: ${cell(sb.text)} | `
      + `${cell(p.differences.map(describe).join('; ') || 'none')} |`);
  }
  for (const [label, only, r] of [['A', c.statements.onlyA, a], ['B', c.statements.onlyB, b]] as const) {
    out.push('', `## Only ${label} reports`, '');
    for (const i of only) out.push(`- [${r.statements[i]!.act}] ${who(r.statements[i]!)}: ${r.statements[i]!.text}`);
    if (!only.length) out.push('- nothing');
  }
  return out.join('\n') + '\n';
}
