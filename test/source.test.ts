import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSource, loadSourceDetail } from '../src/source/load.js';
import { decodeBytes, decodeWindows1252 } from '../src/source/decode.js';
import { htmlToText, looksLikeHtml } from '../src/source/html.js';
import { SourceError } from '../src/source/errors.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/html/${name}`, import.meta.url)));
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

function rejects(input: Uint8Array, reason: RegExp, path = 'doc.txt', options = {}) {
  assert.throws(() => loadSource(input, path, options), (err: unknown) => {
    assert.ok(err instanceof SourceError, `expected SourceError, got ${String(err)}`);
    assert.equal(err.path, path);
    assert.match(err.reason, reason);
    assert.ok(!err.reason.includes('\n'), 'reason is one line');
    assert.equal(err.message, `${path}: ${err.reason}`);
    return true;
  });
}

/** Asserts each needle occurs in `text`, in the given order. */
function inOrder(text: string, needles: string[]) {
  let at = -1;
  for (const n of needles) {
    const i = text.indexOf(n, at + 1);
    assert.ok(i > at, `expected "${n}" after offset ${at} in:\n${text}`);
    at = i;
  }
}

function absent(text: string, needles: string[]) {
  for (const n of needles) assert.ok(!text.includes(n), `boilerplate "${n}" leaked into:\n${text}`);
}

test('sha256 is of the raw bytes', () => {
  const raw = bytes([0xef, 0xbb, 0xbf], 'Hello\r\nworld');
  const r = loadSource(raw, 'a.txt');
  assert.equal(r.sha256, createHash('sha256').update(raw).digest('hex'));
  assert.equal(r.format, 'text');
});

test('UTF-8 passes through unchanged', () => {
  const s = 'Mr. Motegi met H.E. Dr. Kang Kyung-wha — “2+2” café 日本 🇯🇵';
  const r = loadSourceDetail(bytes(s), 'a.txt');
  assert.equal(r.text, s);
  assert.equal(r.encoding, 'utf-8');
});

test('UTF-8 BOM is stripped', () => {
  assert.equal(loadSource(bytes([0xef, 0xbb, 0xbf], 'Readout'), 'a.txt').text, 'Readout');
});

test('CRLF and lone CR become LF', () => {
  assert.equal(loadSource(bytes('a\r\nb\rc\n\r\nd'), 'a.txt').text, 'a\nb\nc\n\nd');
});

test('UTF-16 LE and BE with BOM', () => {
  const s = 'Japan–U.S. Summit\r\nOn May 1, “talks” were held. 東京';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const beBody = Buffer.from(s, 'utf16le');
  beBody.swap16();
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
  const expected = s.replace('\r\n', '\n');
  const rle = loadSourceDetail(new Uint8Array(le), 'le.txt');
  const rbe = loadSourceDetail(new Uint8Array(be), 'be.txt');
  assert.equal(rle.text, expected);
  assert.equal(rle.encoding, 'utf-16le');
  assert.equal(rbe.text, expected);
  assert.equal(rbe.encoding, 'utf-16be');
});

test('UTF-16 LE without a BOM is recognised by its NUL bytes', () => {
  const r = loadSourceDetail(new Uint8Array(Buffer.from('Readout of the call', 'utf16le')), 'a.txt');
  assert.equal(r.text, 'Readout of the call');
  assert.equal(r.encoding, 'utf-16le');
});

test('UTF-32 LE with BOM', () => {
  const s = 'Hi 🇯🇵';
  const cps = [...s].map((c) => c.codePointAt(0) ?? 0);
  const buf = Buffer.alloc(4 + cps.length * 4);
  buf.writeUInt32LE(0xfeff, 0);
  cps.forEach((cp, i) => buf.writeUInt32LE(cp, 4 + i * 4));
  assert.equal(loadSource(new Uint8Array(buf), 'a.txt').text, s);
});

test('legacy windows-1252 (no valid UTF-8 sequences) is decoded as windows-1252', () => {
  // “Free and Open Indo-Pacific” – Minister’s café
  const raw = bytes([0x93], 'Free and Open Indo-Pacific', [0x94, 0x20, 0x96, 0x20], 'Minister', [0x92], 's caf', [0xe9]);
  const r = loadSourceDetail(raw, 'a.txt');
  assert.equal(r.text, '“Free and Open Indo-Pacific” – Minister’s café');
  assert.equal(r.encoding, 'windows-1252');
  assert.equal(decodeWindows1252(new Uint8Array([0x80, 0x41, 0xa0, 0xff])), '€A\u00a0ÿ');
});

test('HTML in a declared legacy charset (Shift_JIS, EUC-KR, GB2312, ISO-8859-1)', () => {
  const page = (charset: string, body: number[]) => bytes(`<!DOCTYPE html><html><head><meta charset="${charset}"><title>t</title></head><body><main><h1>`, body, '</h1><p>The two leaders held a meeting in the capital and exchanged views on regional affairs.</p></main></body></html>');
  const sjis = loadSourceDetail(page('Shift_JIS', [0x93, 0xfa, 0x96, 0x7b]), 'a.html');
  assert.ok(sjis.text.startsWith('日本\n\nThe two leaders'), sjis.text);
  assert.equal(sjis.encoding, 'declared:shift_jis');
  assert.ok(loadSource(page('euc-kr', [0xc7, 0xd1, 0xb1, 0xb9]), 'a.html').text.startsWith('한국'));
  assert.ok(loadSource(page('gb2312', [0xd6, 0xd0, 0xb9, 0xfa]), 'a.html').text.startsWith('中国'));
  const legacy = bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>', [0x93], 'Free and Open', [0x94, 0x20, 0xe9], '</p></body></html>');
  assert.equal(loadSource(legacy, 'a.html').text, '“Free and Open” é');
});

test('UTF-8 with a few damaged bytes is accepted with U+FFFD', () => {
  const raw = bytes('Minister Hayashi’s visit — ', [0xff], ' to Paris. '.repeat(20));
  const r = loadSourceDetail(raw, 'a.txt');
  assert.ok(r.text.startsWith('Minister Hayashi’s visit — \uFFFD to Paris.'));
  assert.equal(r.replaced, 1);
});

test('UTF-8 with many invalid sequences is rejected with the byte offset', () => {
  const valid = 'Café — “quoted” ’ é ü ñ ö 東京 '.repeat(3);
  const at = Buffer.byteLength(valid);
  const raw = bytes(valid, [0xc3, 0x28, 0xe2, 0x28, 0xff, 0x41, 0xc3, 0x28, 0xfe, 0x41, 0xc0, 0x41], valid);
  rejects(raw, new RegExp(`^invalid UTF-8 at byte ${at}$`));
});

test('rejects an empty file', () => rejects(new Uint8Array(0), /^empty file$/));

test('rejects whitespace-only text', () => {
  rejects(bytes('  \r\n\t \n'), /^no text$/);
  rejects(bytes([0xef, 0xbb, 0xbf], '\n\n'), /^no text$/);
});

test('rejects HTML with no readable content', () => {
  rejects(bytes('<!doctype html><html><head><title></title><script>var a=1</script></head><body><nav><a href="/">Home</a></nav></body></html>'), /^no text/, 'a.html');
});

test('rejects binary data: NUL bytes and control characters', () => {
  rejects(bytes('abc', [0, 1, 0xff, 0x00, 0x10, 0x00, 0x7f, 0x00], 'def'), /^binary data, not text/);
  const noise = new Uint8Array(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 251 || 1; // no NUL, many controls
  rejects(noise, /^binary data, not text/);
});

test('rejects known binary formats by magic number', () => {
  rejects(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /^PDF is not supported; convert it to text first$/, 'a.pdf');
  rejects(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'word/document.xml'), /^binary data, not text/, 'a.docx');
  rejects(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /^binary data, not text \(PNG image\)$/, 'a.png');
  rejects(bytes([0xff, 0xd8, 0xff, 0xe0]), /^binary data, not text \(JPEG image\)$/, 'a.jpg');
  rejects(bytes([0x1f, 0x8b, 0x08, 0x00]), /^binary data, not text/, 'a.gz');
});

test('rejects files over the size limit, which is an option', () => {
  rejects(new Uint8Array(52 * 1024 * 1024).fill(0x41), /^file too large \(52 MB > 20 MB limit\)$/);
  rejects(bytes('x'.repeat(3000)), /^file too large \(0\.0 MB > 0\.0 MB limit\)$|^file too large \(3000 bytes > 2048 bytes limit\)$/, 'a.txt', { maxBytes: 2048 });
  assert.equal(loadSource(bytes('x'.repeat(3000)), 'a.txt', { maxBytes: 4096 }).text.length, 3000);
});

test('decodeBytes reports the encoding', () => {
  assert.equal(decodeBytes(bytes('plain'), 'a.txt').encoding, 'utf-8');
});

test('HTML detection', () => {
  assert.ok(looksLikeHtml('<!DOCTYPE html><html><body><p>x</p></body></html>'));
  assert.ok(looksLikeHtml('\n  <!-- saved page -->\n<html lang="en"><p>x</p></html>'));
  assert.ok(looksLikeHtml('<div class="x"><p>First</p><p>Second paragraph here.</p></div>'));
  assert.ok(looksLikeHtml('<p>one</p>', 'page.html'));
  assert.ok(!looksLikeHtml('The ministers agreed that a < b and c > d. On January 6, they met.'));
  assert.ok(!looksLikeHtml('Readout\n\nSee <https://www.state.gov/readout> for details; the <b> tag is mentioned once in a long text. '.repeat(20)));
});

test('HTML: blocks, lists, entities, whitespace', () => {
  const html = `<!doctype html><html><head><title>T</title></head><body><main>
    <h1>Japan-U.S.   Summit&nbsp;Meeting</h1>
    <p>On May&nbsp;1,   the leaders
       met &amp; talked.<br>Second line</p>
    <ol start="3"><li>Third  item</li><li value="7">Seventh</li><li>Eighth <b>bold</b></li></ol>
    <ul><li>Alpha</li><li>Beta</li></ul>
    <table><tr><td>Date</td><td>2020-02-15</td></tr><tr><th>Place</th><td>Munich</td></tr></table>
    <div>Tail &ldquo;quoted&rdquo; &#8212; done</div></main></body></html>`;
  assert.equal(htmlToText(html), [
    'Japan-U.S. Summit Meeting',
    'On May 1, the leaders met & talked.',
    'Second line',
    '3. Third item',
    '7. Seventh',
    '8. Eighth bold',
    '• Alpha',
    '• Beta',
    'Date 2020-02-15',
    'Place Munich',
    'Tail “quoted” — done',
  ].join('\n\n'));
});

test('HTML page is converted via loadSource', () => {
  const r = loadSource(fixture('white-house.html'), 'wh.html');
  assert.equal(r.format, 'html');
  assert.ok(!r.text.includes('\r'));
});

test('MOFA-style page: headline, date line, body in order; no boilerplate', () => {
  const { text, format } = loadSource(fixture('mofa-japan.html'), 'mofa.html');
  assert.equal(format, 'html');
  inOrder(text, [
    'Japan-Canada Foreign Ministers’ Meeting',
    'March 9, 2024',
    'On March 9, commencing at 5:40 p.m. for approximately 45 minutes, Ms. KAMIKAWA Yoko',
    '\n\n1. At the outset, Minister Kamikawa welcomed Minister Joly’s visit',
    '\n\n2. The two Ministers concurred',
    '\n\n• (1) They discussed cooperation on critical minerals',
    '\n\n• (2) They affirmed close coordination toward a “Free and Open Indo-Pacific.”',
    '\n\n3. The two Ministers exchanged views on regional affairs',
  ]);
  absent(text, [
    'Skip to', 'Site Map', 'Press Releases', 'Foreign Policy', 'About the Ministry', 'Home', 'Search', 'Back to',
    'Page Top', 'Legal Matters', 'Privacy Policy', 'Copyright', 'Kasumigaseki', 'Asia', 'Europe', '_gaq', 'openWin',
    'text-align', '&nbsp;', '&rsquo;', '\u00a0',
  ]);
});

test('State Department-style page: headline and date outside the article are kept', () => {
  const { text } = loadSource(fixture('state-department.html'), 'state.html');
  assert.ok(text.startsWith('Secretary Rubio’s Call with Philippine Foreign Secretary Lazaro\n\nJuly 14, 2025\n\n'), text);
  inOrder(text, [
    'The below is attributable to Spokesperson Tammy Bruce:',
    'Secretary of State Marco Rubio spoke today with Philippine Secretary of Foreign Affairs Theresa Lazaro. The Secretary congratulated',
    'Secretary Rubio and Foreign Secretary Lazaro discussed the People’s Republic of China’s',
    'critical minerals supply chains & energy security, ahead of the upcoming U.S.-Philippines 2+2 Ministerial Dialogue.',
  ]);
  absent(text, [
    'Skip to content', 'official website', 'Here\'s how you know', 'Policy Issues', 'Bureaus', 'Home', 'Press Releases',
    'Share', 'Facebook', 'Twitter', 'Email', 'Tags', 'Related Articles', 'Deputy Secretary', 'Privacy Policy', 'FOIA',
    'YouTube', 'cookies', 'Accept', 'dataLayer', 'schema.org', 'usa-banner', 'Search state.gov',
  ]);
});

test('White House-style page: topper headline and <time> date; no share/footer/next links', () => {
  const { text } = loadSource(fixture('white-house.html'), 'wh.html');
  inOrder(text, [
    'Readout of President Biden’s Meeting with Prime Minister Albanese of Australia',
    'November 16, 2023',
    'President Joseph R. Biden, Jr. met with Prime Minister Anthony Albanese of Australia today',
    'The leaders reaffirmed the enduring strength of the U.S.-Australia Alliance',
    'They also welcomed new cooperation on clean energy supply chains.',
    'The two leaders discussed developments in the Indo-Pacific',
  ]);
  absent(text, [
    'Skip to content', 'cookies', 'Menu', 'Administration', 'Priorities', 'Get Involved', 'Briefing Room',
    'Statements and Releases', 'Share', 'Copy URL', 'Back to', 'Previous:', 'Sign up', 'Subscribe', 'Instagram',
    'Privacy Policy', '1600 Pennsylvania', 'className', 'WH.env', 'pixel',
  ]);
});

test('HTML conversion of an ordinary-size government page takes a few ms', () => {
  // Pad the White House page with a long menu and many paragraphs (~80 KB).
  const base = fixture('white-house.html').toString('utf8');
  const menu = Array.from({ length: 800 }, (_, i) => `<li class="menu-item"><a href="/p/${i}/">Menu entry ${i}</a></li>`).join('');
  const paras = Array.from({ length: 300 }, (_, i) => `<p>Paragraph ${i} of the readout, with <em>some</em> inline &amp; markup in it.</p>`).join('\n');
  const page = base.replace('<ul>', `<ul>${menu}`).replace('<p>###</p>', `${paras}<p>###</p>`);
  assert.ok(page.length > 50_000);
  for (let i = 0; i < 5; i++) htmlToText(page);
  const t0 = performance.now();
  const n = 20;
  let text = '';
  for (let i = 0; i < n; i++) text = htmlToText(page);
  const ms = (performance.now() - t0) / n;
  assert.ok(text.includes('Paragraph 299 of the readout') && !text.includes('Menu entry'));
  assert.ok(ms < 50, `took ${ms.toFixed(1)} ms per page`);
});

test('HTML without a main element: body minus boilerplate, headline from <title>', () => {
  const html = `<html><head><title>PM call with Chancellor Scholz: 5 May 2023 - GOV.UK</title></head><body>
    <div class="gem-c-cookie-banner">Cookies on GOV.UK <button>Accept</button></div>
    <nav><a href="/">Home</a></nav>
    <div class="govuk-breadcrumbs"><ol><li><a href="/">Home</a></li><li>World</li></ol></div>
    <p>The Prime Minister spoke to Chancellor Scholz this afternoon.</p>
    <p>They agreed to continue close coordination.</p>
    <p><a href="/news">Back to news</a></p>
    <footer><p>Crown copyright</p></footer></body></html>`;
  assert.equal(htmlToText(html), [
    'PM call with Chancellor Scholz: 5 May 2023',
    'The Prime Minister spoke to Chancellor Scholz this afternoon.',
    'They agreed to continue close coordination.',
  ].join('\n\n'));
});

test('HTML fragment with nested lists', () => {
  assert.equal(htmlToText('<p>Only a fragment</p><ul><li>one<ul><li>nested</li></ul></li></ul>'), 'Only a fragment\n\n• one\n\n• nested');
});

test('a charset the transport declares (HTTP Content-Type) is trusted over guessing; a BOM still wins', () => {
  const sjis = Buffer.from([0x93, 0xfa, 0x96, 0x7b]); // 日本 in Shift_JIS
  assert.equal(decodeBytes(sjis, 'x', { charset: 'Shift_JIS' }).text, '日本');
  assert.equal(decodeBytes(Buffer.from([0x93, 0x41, 0x94]), 'x', { charset: 'windows-1252' }).text, '“A”');
  assert.equal(decodeBytes(Buffer.from('Caf\u00e9', 'utf8'), 'x', { charset: 'utf-8' }).text, 'Café');
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café', 'utf8')]);
  assert.equal(decodeBytes(bom, 'x', { charset: 'iso-8859-1' }).text, 'Café');
  assert.equal(decodeBytes(Buffer.from('plain'), 'x', { charset: 'no-such-charset' }).text, 'plain');
});
