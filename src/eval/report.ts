// The figures for people: a table per field (as score.mjs prints them, with the same rounding), and one row per
// document when asked; for tools, score.mjs's own `--json` object.
import { renderTable } from '../query/output.js';
import type { GoldRecord } from './gold.js';
import { score, type Figures, type PRF, type ScoredRecord, type TargetFigures } from './score.js';

const pct = (x: number) => (100 * x).toFixed(1);
const f1Row = (what: string, t: PRF, detail = ''): string[] => [what, `F1 ${pct(t.f1)}`, pct(t.p), pct(t.r), detail];

export function renderFigures(f: Figures, tty?: boolean, targets: TargetFigures | null = null): string {
  const fields = Object.entries(f.meetingFields).map(([k, v]) => {
    const [ok, n] = v.split('/').map(Number);
    return [`  meeting.${k}`, `${pct(n ? ok / n : 0)}%`, '', '', v];
  });
  const P = f.participants, S = f.statements;
  const rows = [
    ['meeting fields', `${pct(f.meetingAccuracy)}%`, '', '', ''], ...fields,
    f1Row('participants', P, `role ${pct(P.roleAccuracy)}%, full name ${pct(P.fullNameAccuracy)}%`),
    f1Row('topics', f.topics), f1Row('countries', f.countries),
    f1Row('statements', { p: S.precision, r: S.recall, f1: S.f1 },
      `located ${pct(S.located)}%, speakers ${pct(S.speakerAccuracy)}%, act ${pct(S.actAccuracy)}%`),
    ['score', pct(f.score), '', '', 'mean of meeting fields and the four F1'],
  ];
  // not in the score: score.mjs has no targets
  if (targets) rows.push(f1Row('targets', targets, `${targets.statements} located statements; not in the score`));
  const missing = f.documents.missing.length ? `missing records: ${f.documents.missing.join(', ')}\n` : '';
  return `${missing}${f.documents.gold - f.documents.missing.length} of ${f.documents.gold} gold documents scored\n` +
    renderTable(['field', 'figure', 'P', 'R', 'detail'], rows, { tty });
}

/** Each gold document scored alone: where the misses are. */
export function perDocument(gold: GoldRecord[], predicted: ScoredRecord[]): { doc: string; figures: Figures }[] {
  return gold.map((g) => ({ doc: g.doc, figures: score([g], predicted).figures }));
}

export function renderPerDocument(rows: { doc: string; figures: Figures }[], tty?: boolean): string {
  return renderTable(['document', 'score', 'meeting', 'participants', 'topics', 'countries', 'statements'],
    rows.map(({ doc, figures: f }) => [doc, pct(f.score), `${pct(f.meetingAccuracy)}%`, pct(f.participants.f1),
      pct(f.topics.f1), pct(f.countries.f1), pct(f.statements.f1)]), { tty });
}

export interface ReportFlags { json?: boolean; perDocument?: boolean; verbose?: boolean }

/** What `readout eval` and `npm run eval` print: `--json` is score.mjs's object (with `perDocument` when asked),
 *  `--verbose` adds the rows per document and score.mjs's miss notes, then the target misses (not indented, so
 *  that the indented lines stay score.mjs's own). */
export function report(gold: GoldRecord[], predicted: ScoredRecord[], flags: ReportFlags, tty?: boolean): string {
  const { figures, notes, targets, targetNotes } = score(gold, predicted);
  const rows = flags.perDocument || flags.verbose ? perDocument(gold, predicted) : null;
  if (flags.json) return JSON.stringify(rows ? { ...figures, perDocument: rows } : figures, null, 2) + '\n';
  const lines = (list: string[], lead: string) => list.map((n) => `${lead}${n}\n`).join('');
  const verbose = flags.verbose ? lines(notes, '  ') + lines(targetNotes, '~ ') : '';
  return (rows ? renderPerDocument(rows, tty) : '') + verbose + renderFigures(figures, tty, targets);
}
