// `npm run eval:pairs`: meeting identity and comparison scored against test/fixtures/pairs/pairs.json (hand-annotated
// same-meeting pairs with their statements aligned, and near misses). Every readout is extracted, then each listed
// pair is judged (src/eval/pairs.ts). --verbose lists every miss, --json prints the figures for tools.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFile } from '../src/index.js';
import type { ReadoutRecord } from '../src/record/schema.js';
import { loadPairs, resolvePairPath, scorePairs, type GoldSide } from '../src/eval/pairs.js';

const shared = resolve(process.env.READOUT_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
const pairsFile = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'pairs', 'pairs.json');
const file = loadPairs(pairsFile);
const refs = [...new Set([...file.pairs, ...file.nearMisses].flatMap((p) => [p.a, p.b]))];
const records = new Map<string, ReadoutRecord>();
for (const ref of refs) records.set(ref, await extractFile(resolvePairPath(ref, pairsFile, shared).text));
const gold = (ref: string) =>
  JSON.parse(readFileSync(resolvePairPath(ref, pairsFile, shared).gold, 'utf8')) as GoldSide;
const figures = scorePairs(file, (ref) => records.get(ref)!, gold);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ...figures, notes: undefined }, null, 2));
} else {
  const pct = (x: number) => (100 * x).toFixed(1);
  const { linking: l, alignment: a, topics: t } = figures;
  console.log(`readouts ${refs.length}; same-meeting pairs ${l.pairs}, near misses ${l.nearMisses}`);
  console.log(`linking: recall ${pct(l.recall)}% (${l.linked}/${l.pairs}), false links ${l.falseLinks}`);
  console.log(`alignment: P ${pct(a.precision)} R ${pct(a.recall)} F1 ${pct(a.f1)} (hand pairs ${a.gold}, `
    + `judged predictions ${a.predicted})`);
  console.log(`topic differences: F1 ${pct(t.f1)} (agree ${t.agree}, predicted ${t.predicted}, gold ${t.gold})`);
  if (process.argv.includes('--verbose')) for (const n of figures.notes) console.log(`  ${n}`);
}
