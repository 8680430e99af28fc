// Generated inputs for the extraction fuzzer (test/fuzz.test.ts runs a seeded slice, `npm run fuzz` many more):
// random bytes, mutated readouts, very long lines, deep HTML and malformed PDFs. The property: bytes in, a valid
// record out or one SourceError with a one-line reason, never another error.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { decodeDocument, extract, ReadoutRecordSchema, SourceError } from '../src/index.js';

const EXAMPLES = resolve(import.meta.dirname, '..', 'examples', 'readouts');
export const READOUTS = readdirSync(EXAMPLES).filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));

/** One edit of a text: a character or a slice inserted, deleted, replaced or repeated somewhere. */
const mutation = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('insert', 'delete', 'repeat', 'upper', 'newlines'),
  fc.constantFrom('\u0000', '\uFFFD', '\u202E', '\n\n', '1.', '(', '"', 'Mr. ', 'February 30, 2019', '25:61', ' Japan-',
    '\u00AD', '<b>', '&amp;', 'U.S.', 'agreed that', '\t', ' ', 'Prime Minister', '🙂', '\uD800'));

function mutate(text: string, edits: [number, number, string, string][]): string {
  let t = text;
  for (const [at, len, kind, piece] of edits) {
    const i = t.length ? at % t.length : 0;
    const j = Math.min(t.length, i + (len % 200));
    if (kind === 'insert') t = t.slice(0, i) + piece + t.slice(i);
    else if (kind === 'delete') t = t.slice(0, i) + t.slice(j);
    else if (kind === 'repeat') t = t.slice(0, j) + t.slice(i, j).repeat(1 + (len % 5)) + t.slice(j);
    else if (kind === 'upper') t = t.slice(0, i) + t.slice(i, j).toUpperCase() + t.slice(j);
    else t = t.slice(0, i) + t.slice(i, j).replace(/ /g, '\n') + t.slice(j);
  }
  return t;
}

const TAGS = ['div', 'p', 'span', 'table', 'tr', 'td', 'ul', 'li', 'b', 'section', 'article', 'script', 'nav'];

/** The generator of one input's bytes; `scale` bounds the large ones (1: the test's size, 10: the fuzz run's). */
export function inputs(scale: number, pdfs: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
    { weight: 4, arbitrary: fc.tuple(fc.nat(READOUTS.length - 1), fc.array(mutation, { maxLength: 12 }))
      .map(([k, edits]) => enc(mutate(READOUTS[k]!, edits))) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(READOUTS.length - 1), fc.integer({ min: 1, max: 200 * scale }))
      .map(([k, n]) => enc(READOUTS[k]!.replace(/\n+/g, ' ').repeat(Math.ceil(n / 10)).slice(0, n * 100))) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 2000 * scale }), fc.nat(TAGS.length - 1), fc.nat(READOUTS.length - 1))
      .map(([depth, t, k]) => enc(`<html><body>${`<${TAGS[t]}>`.repeat(depth)}${READOUTS[k]}${`</${TAGS[t]}>`.repeat(depth)}</body></html>`)) },
    ...(pdfs.length ? [{ weight: 1, arbitrary: fc.tuple(fc.nat(pdfs.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }),
      fc.option(fc.nat())).map(([k, flips, cut]) => {
      const b = new Uint8Array(pdfs[k]!);
      for (const [at, v] of flips) b[at % b.length] = v;
      return cut === null ? b : b.subarray(0, cut % b.length);
    }) }] : []),
  );
}

/** The property: a valid record whose spans lie in its text, or a SourceError; anything else is a failure. */
export async function extractsCleanly(bytes: Uint8Array): Promise<void> {
  let input;
  try {
    input = await decodeDocument(bytes, 'fuzz');
  } catch (err) {
    if (err instanceof SourceError && !err.reason.includes('\n')) return;
    throw err;
  }
  const record = extract(input.text, input);
  ReadoutRecordSchema.parse(record);
  for (const s of record.statements) {
    if (s.span[0] < 0 || s.span[1] > input.text.length || s.span[0] > s.span[1]) throw new Error(`span out of the text: ${s.span}`);
  }
}

/** Runs the property; a failure is reported in a few lines (the error, the input's size and head), not as the whole
 *  counterexample, which may be megabytes. */
export async function fuzz(arb: fc.Arbitrary<Uint8Array>, numRuns: number, seed: number,
  property: (input: Uint8Array) => Promise<void> = extractsCleanly): Promise<void> {
  const out = await fc.check(fc.asyncProperty(arb, property), { numRuns, seed, endOnFailure: true });
  if (!out.failed) return;
  const input = out.counterexample?.[0];
  const head = input ? JSON.stringify(Buffer.from(input.subarray(0, 160)).toString('latin1')) : '(none)';
  const error = out.errorInstance instanceof Error ? out.errorInstance.stack?.split('\n').slice(0, 6).join('\n') : String(out.errorInstance);
  throw new Error(`fuzz failed after ${out.numRuns} inputs (seed ${seed}, path ${out.counterexamplePath}): ${error}\n`
    + `input: ${input?.length ?? 0} bytes, starting ${head}`);
}
