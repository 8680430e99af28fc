// Speech-style readouts: "Minister X mentioned as follows:" then numbered first-person remarks ("(1) I welcome
// ...", "(2) ..."). The introducer is no statement; each remark is one, spoken by X, its act from its own verb.
import { readDataJson } from '../data/paths.js';
import type { Act } from '../record/schema.js';

interface RemarkActsFile {
  remarkActs: { subject: string; acts: { act: Act; verbs: string[] }[]; stative: { act: Act; pattern: string }[] };
}

/** A sentence that announces remarks rather than reporting one: "... mentioned as follows:". */
export const INTRODUCER = /\bas follows\s*:\s*$/;

let rules: { act: Act; re: RegExp }[] | null = null;
function remarkRules(): { act: Act; re: RegExp }[] {
  if (rules) return rules;
  const { remarkActs: r } = readDataJson<RemarkActsFile>('acts.json');
  rules = [
    ...r.acts.map((a) => ({ act: a.act, re: new RegExp(`${r.subject}(?:${a.verbs.join('|')})\\b`) })),
    ...r.stative.map((s) => ({ act: s.act, re: new RegExp(s.pattern, 'i') })),
  ];
  return rules;
}

/** The act of one remark: the earliest first-person verb or stative phrase the vocabulary knows, else state. */
export function remarkAct(remark: string): Act {
  let best: Act = 'state', at = Infinity;
  for (const { act, re } of remarkRules()) {
    const m = re.exec(remark);
    if (m && m.index < at) { best = act; at = m.index; }
  }
  return best;
}

/** Whether a paragraph's item is a sub-item of the introducer's ("2(1)" under "2", "(1)" under none). */
export function isRemarkItem(item: string | null, introItem: string | null): boolean {
  return item !== null && item.startsWith(`${introItem ?? ''}(`);
}
