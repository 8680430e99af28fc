// CSV cells: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvLine } from '../src/query/csv.js';

test('cells that start like a formula are neutralised; numbers and plain text are not', () => {
  assert.equal(csvField('=HYPERLINK("http://x","click")'), `"'=HYPERLINK(""http://x"",""click"")"`);
  for (const s of ['+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvField(s).replace(/^"/, '').startsWith("'"), s);
  assert.equal(csvField(['=cmd', 'b']), "'=cmd;b");
  assert.equal(csvField(-5), '-5');
  assert.equal(csvField('Japan-U.S. Summit'), 'Japan-U.S. Summit');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvLine([null, 'x', 3]), ',x,3\r\n');
});
