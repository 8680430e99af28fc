// The web UI in headless Chromium (Debian's package, driven by playwright-core) over the demo archive:
// list, facet, search, chart, meeting page with highlighted statements, two governments' readouts of one meeting
// compared side by side. Screenshots land in test-results/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../src/server/app.js';
import { packageRoot } from '../src/server/assets.js';
import { examplesDir, ingestExamples } from '../src/server/examples.js';
import { listen, type Listening } from '../src/server/listen.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';

const TOKEN = 'e2e-token';
const CHROMIUM = process.env.READOUT_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = packageRoot();
const SHOTS = join(ROOT, 'test-results');
const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI) throw new Error(`${CHROMIUM} is missing; in CI the browser tests must run (.ci/chromium.sh installs it)`);
const skip = missing ? `${CHROMIUM} not found: install it with .ci/chromium.sh (apt-get install -y chromium) to run the browser tests` : false;
// A skip line in the middle of the spec output is easy to miss: say it where a person looks, on stderr, boxed.
if (skip) process.stderr.write(`\n${'!'.repeat(100)}\n!! BROWSER TESTS SKIPPED: ${skip}\n${'!'.repeat(100)}\n\n`);

describe('web UI in headless Chromium', { skip }, () => {
  let dir: string;
  let store: Store;
  let server: Listening;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const examples = readdirSync(examplesDir()).filter((f) => /\.(txt|html?)$/.test(f)).length;

  before(async () => {
    if (!existsSync(join(ROOT, 'web-dist', 'index.html'))) {
      // `npm run build` makes the bundle; build it here when a test run comes first.
      const vite = await import('vite');
      await vite.build({ configFile: join(ROOT, 'src', 'web', 'vite.config.ts'), logLevel: 'warn' });
    }
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'readout-e2e-'));
    store = openSqliteStore(join(dir, 'demo.db'), { create: true });
    const res = await ingestExamples(store);
    assert.equal(res.failed.length, 0, JSON.stringify(res.failed));
    server = await listen(createApp({ store, token: TOKEN }), 0, '127.0.0.1');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rows = () => page.locator('.meetings > li');
  // The UI marks <html data-busy> while API requests run; aggregations start right after the list arrives.
  const settled = async (p: Page = page) => {
    for (let i = 0; i < 2; i++) {
      await p.waitForFunction(() => !document.documentElement.hasAttribute('data-busy'));
      await p.waitForTimeout(150);
    }
  };
  const total = async () => Number((await page.locator('#results-title').innerText()).replace(/[^\d]/g, ''));

  test('loads the demo: meetings list, facets and charts', async () => {
    await page.goto(server.url);
    await page.waitForSelector('.meetings > li');
    assert.equal(await rows().count(), examples);
    assert.equal(await total(), examples);
    await page.waitForSelector('.facet-btn');
    assert.ok(await page.locator('figure.card svg').count() >= 1, 'at least one chart drawn');
    await settled();
    await page.screenshot({ path: join(SHOTS, 'web-list.png'), fullPage: true });
  });

  test('clicking a facet filters the list', async () => {
    // The country facet when extraction found sides, else the mode facet (every record has a mode).
    const facet = (await page.locator('[data-facet="country"]').count()) > 1 ? 'country' : 'mode';
    const button = page.locator(`[data-facet="${facet}"]`).last();
    const key = await button.getAttribute('data-key');
    const expected = Number(await button.locator('.facet-count').innerText());
    await button.click();
    await page.waitForFunction((k) => location.hash.includes(`=${encodeURIComponent(k as string)}`), key);
    await page.waitForFunction((n) => document.querySelectorAll('.meetings > li').length === n, expected);
    assert.equal(await total(), expected);
    assert.equal(await page.locator(`[data-facet="${facet}"][aria-pressed="true"]`).count(), 1);
    assert.equal(await page.locator('.chip').count(), 1);
    await settled();
    await page.screenshot({ path: join(SHOTS, 'web-facet.png'), fullPage: true });
    await page.locator('.chip').click();
    await page.waitForFunction((n) => document.querySelectorAll('.meetings > li').length === n, examples);
  });

  test('full-text search narrows the list and shows matching statements', async () => {
    const box = page.getByRole('searchbox', { name: 'Search readouts' });
    await box.fill('denuclearization');
    await box.press('Enter');
    await page.waitForFunction(() => location.hash.includes('q=denuclearization'));
    await page.waitForFunction((n) => {
      const c = document.querySelectorAll('.meetings > li').length;
      return c > 0 && c < n;
    }, examples);
    const found = await rows().count();
    for (let i = 0; i < found; i++) {
      const id = (await rows().nth(i).locator('a').getAttribute('href'))!.replace('#/m/', '');
      const doc = await (await fetch(`${server.url}api/meetings/${id}`)).json() as { text: string };
      assert.match(doc.text, /denucleari[sz]ation/i);
    }
    await page.waitForSelector('.hits');
    await settled();
    await page.screenshot({ path: join(SHOTS, 'web-search.png'), fullPage: true });
  });

  test('opens a meeting with its statements highlighted by act', async () => {
    await rows().first().locator('a').click();
    await page.waitForSelector('.meeting-head h1');
    assert.ok(await page.locator('.facts .fact').count() >= 6);
    const marks = page.locator('.doc-text mark.stmt');
    await marks.first().waitFor();
    const n = await marks.count();
    assert.ok(n > 0, 'statements are highlighted');
    // The text is text: the only elements inside it are the highlight marks.
    assert.equal(await page.locator('.doc-text *').count(), n);
    const cls = (await marks.first().getAttribute('class')) ?? '';
    assert.match(cls, /act-[a-z-]+/);
    assert.ok(await page.locator('.act-legend .act-key').count() >= 1, 'a legend of acts');
    await marks.first().click();
    await page.waitForSelector('.stmt-detail');
    const act = /act-([a-z-]+)/.exec(cls)![1];
    assert.equal(await page.locator('.stmt-detail .act-pill').innerText(), act);
    // Keyboard: the last highlight is reachable and Enter selects it.
    await marks.last().focus();
    await page.keyboard.press('Enter');
    assert.equal(await marks.last().getAttribute('aria-pressed'), 'true');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'web-meeting.png'), fullPage: true });
  });

  test('a chart click filters the list', async () => {
    await page.goto(`${server.url}#/`);
    await page.waitForSelector('.meetings > li');
    const bar = page.locator('rect.bar').first();
    if ((await bar.count()) === 0) {
      // No dated meeting was extracted: the heatmap and bars are empty, nothing to click.
      return;
    }
    await bar.click();
    await page.waitForFunction(() => /year=\d{4}/.test(location.hash));
    await page.waitForFunction((n) => document.querySelectorAll('.meetings > li').length < n, examples);
  });

  test('works at phone width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(server.url);
    await phone.waitForSelector('.meetings > li');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    await settled(phone);
    await phone.screenshot({ path: join(SHOTS, 'web-list-phone.png') });
    await phone.locator('.meetings > li a').first().click();
    await phone.waitForSelector('.doc-text');
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await settled(phone);
    await phone.screenshot({ path: join(SHOTS, 'web-meeting-phone.png'), fullPage: true });
    await phone.close();
  });

  test('document text that looks like HTML is shown as text', async () => {
    const hostile = 'Readout of a Test Meeting\n\nThe two ministers agreed &lt;img src=x onerror="window.__pwned=1"&gt; to meet again <img src=x onerror="window.__pwned=2"> <script>window.__pwned=3</script>.\n';
    const res = await fetch(`${server.url}api/documents?path=hostile.txt`, {
      method: 'POST', body: hostile, headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 201);
    const { id } = await res.json() as { id: string };
    await page.goto(`${server.url}#/m/${id}`);
    await page.waitForSelector('.doc-text');
    assert.equal(await page.locator('.doc-text img, .doc-text script, .doc-text b').count(), 0);
    // Whatever the loader kept of the markup, the page shows exactly the stored text.
    const stored = await (await fetch(`${server.url}api/meetings/${id}`)).json() as { text: string };
    assert.equal(await page.locator('.doc-text').evaluate((el) => el.textContent), stored.text);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.doc-text *:not(mark)').length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  test('two readouts of one meeting: reported by, then compared side by side', async () => {
    // The U.S. and Japanese readouts of one call link on ingest.
    const ids: string[] = [];
    for (const f of ['pentagon_austin_kishi_call_2021.txt', 'mod_jp_kishi_austin_tel_2021.txt']) {
      const res = await fetch(`${server.url}api/documents?path=${f}`, {
        method: 'POST', body: readFileSync(join(ROOT, 'test', 'fixtures', 'pairs', f), 'utf8'),
        headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(res.status, 201);
      ids.push((await res.json() as { id: string }).id);
    }
    const [a, b] = ids;
    await page.goto(`${server.url}#/m/${a}`);
    const reported = page.locator('section.reported-by');
    await reported.waitFor();
    assert.equal(await reported.locator('h2').innerText(), 'Reported by');
    assert.deepEqual(await reported.locator('li .publisher').allInnerTexts(),
      ['U.S. Department of Defense', 'Ministry of Defense of Japan']);
    assert.equal(await reported.locator('li .publisher').nth(1).getAttribute('href'), `#/m/${b}`);

    await page.getByRole('link', { name: 'Compare accounts' }).click();
    await page.waitForFunction((h) => location.hash === h, `#/compare/${a}/${b}`);
    await page.waitForSelector('#cmp-text-b mark.stmt');
    await settled();
    type Cmp = {
      facts: { field: string; same: boolean }[];
      statements: { aligned: { a: number; b: number; differences: { kind: string }[] }[]; onlyA: number[] };
    };
    const cmp = await (await fetch(`${server.url}api/compare?a=${a}&b=${b}`)).json() as Cmp;
    assert.match(await page.locator('.verdict h2').innerText(), /^Same meeting/);

    // Both texts, each exactly as stored (the labels are CSS, not text), with their statements highlighted.
    for (const [side, id] of [['a', a], ['b', b]]) {
      const doc = await (await fetch(`${server.url}api/meetings/${id}`)).json() as { text: string };
      const col = page.locator(`#cmp-text-${side}`);
      assert.equal(await col.evaluate((el) => el.textContent), doc.text);
      assert.ok(await col.locator('mark.stmt').count() > 1, `statements highlighted in ${side}`);
    }

    // Aligned pair k: one colour on both sides, another colour than pair k+1.
    const mark = (side: string, i: number) => page.locator(`#cmp-text-${side} mark[data-statement="${i}"]`);
    const fill = (side: string, i: number) => mark(side, i).evaluate((el) => getComputedStyle(el).backgroundColor);
    const [p0, p1] = cmp.statements.aligned;
    assert.equal(await mark('a', p0.a).getAttribute('data-pair'), '0');
    assert.equal(await mark('b', p0.b).getAttribute('data-pair'), '0');
    assert.equal(await fill('a', p0.a), await fill('b', p0.b));
    assert.notEqual(await fill('a', p0.a), await fill('a', p1.a));

    // Hovering a statement marks its partner and brings it into view in its column; leaving unmarks it.
    const last = cmp.statements.aligned.reduce((x, y) => (y.b > x.b ? y : x));
    await mark('a', last.a).hover();
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel)!;
      const box = el.closest('.cmp-text')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return el.classList.contains('linked') && r.top >= box.top && r.bottom <= box.bottom;
    }, `#cmp-text-b mark[data-statement="${last.b}"]`);
    assert.match((await mark('a', last.a).getAttribute('class'))!, /\blinked\b/);
    assert.equal(await page.locator('.cmp-text mark.linked').count(), 2);
    await page.locator('.compare-page h1').hover();
    assert.equal(await page.locator('.cmp-text mark.linked').count(), 0);

    // A statement only A reports: outlined dashed and labelled.
    const onlyA = mark('a', cmp.statements.onlyA[0]);
    assert.match((await onlyA.getAttribute('class'))!, /\bonly\b/);
    assert.equal(await onlyA.evaluate((el) => getComputedStyle(el).borderTopStyle), 'dashed');
    assert.equal(await onlyA.evaluate((el) => getComputedStyle(el, '::before').content), '"only in A"');

    // A fact the accounts give differently is flagged; one they agree on is not.
    const differing = cmp.facts.find((f) => !f.same)!;
    const agreeing = cmp.facts.find((f) => f.same)!;
    const row = (field: string) => page.locator(`.cmp-facts tr[data-field="${field}"]`);
    assert.match((await row(differing.field).getAttribute('class')) ?? '', /\bdiffers\b/);
    assert.match(await row(differing.field).innerText(), /≠/);
    assert.doesNotMatch((await row(agreeing.field).getAttribute('class')) ?? '', /\bdiffers\b/);

    // A pair's differences in words, under it.
    const k = cmp.statements.aligned.findIndex((p) => p.differences.some((d) => d.kind === 'act'));
    const diffs = await page.locator(`.pair-row[data-pair="${k}"] .diffs`).innerText();
    assert.match(diffs, /act: A "[a-z-]+", B "[a-z-]+"/);

    // Keyboard: Enter pins a pair, which stays marked once focus moves on.
    await mark('a', p1.a).focus();
    await page.keyboard.press('Enter');
    await mark('a', p1.a).evaluate((el) => el.blur());
    assert.equal(await mark('a', p1.a).getAttribute('aria-pressed'), 'true');
    assert.match((await mark('b', p1.b).getAttribute('class'))!, /\blinked\b/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'web-compare.png'), fullPage: true });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${server.url}#/compare/${a}/${b}`);
    await phone.waitForSelector('#cmp-text-b mark.stmt');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at phone width (overflow ${overflow}px)`);
    await phone.close();
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
