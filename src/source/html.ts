// HTML -> plain text of the readout: the main content (plus the page headline and date line when they sit outside
// it), blocks separated by blank lines, list items numbered ("1. ") or bulleted ("• "), boilerplate dropped.
import { load } from 'cheerio';

/** The slice of domhandler's node shape this module reads (kept structural so no transitive import is needed). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent: DomNode | null;
}

const KNOWN_TAG = /<\/?(?:html|head|body|p|div|span|a|br|hr|h[1-6]|ul|ol|li|table|tbody|tr|td|th|section|article|main|header|footer|nav|script|style|meta|link|title|strong|em|b|i|img|blockquote|time)\b[^<>]{0,2000}>/gi;

/** True for an HTML document or fragment: a doctype / <html> start, or tags making up a good share of the text. */
export function looksLikeHtml(text: string, path = ''): boolean {
  let head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  // Skip an XML declaration and leading comments before deciding.
  for (;;) {
    const m = /^(?:<\?xml[^>]*\?>|<!--[\s\S]*?-->)\s*/.exec(head);
    if (!m) break;
    head = head.slice(m[0].length);
  }
  if (/^<!doctype\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return true;
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let count = 0;
  let chars = 0;
  for (const m of sample.matchAll(KNOWN_TAG)) { count++; chars += m[0].length; }
  if (count >= 1 && /\.x?html?$/i.test(path)) return true;
  if (count >= 2 && /^<(?:head|body|div|p|section|article|main|h[1-6]|table|ul|ol|meta|title)[\s>]/i.test(head)) return true;
  return count >= 3 && chars / sample.length >= 0.05;
}

// Dropped wherever they are: never readout text.
const ALWAYS_DROP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'button',
  'select', 'textarea', 'input', 'link', 'meta',
]);
// Dropped unless they contain the main content.
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'form', 'menu', 'dialog']);
const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'menubar', 'search', 'dialog', 'alertdialog']);
const BOILERPLATE_WORDS = new Set([
  'nav', 'navbar', 'navi', 'gnav', 'gnavi', 'navigation', 'sidenav', 'subnav', 'localnav', 'lnavi', 'menu', 'menus',
  'megamenu', 'submenu', 'sidemenu', 'side', 'sidebar', 'sidebars', 'pagination', 'pager', 'breadcrumb', 'breadcrumbs',
  'crumb', 'crumbs', 'topicpath', 'pankuzu', 'footer', 'share', 'sharing', 'sharethis', 'addtoany', 'a2a', 'sns',
  'social', 'socialmedia', 'cookie', 'cookies', 'consent', 'skip', 'skiplink', 'skiplinks', 'banner', 'pagetop',
  'totop', 'backtotop',
]);
// Page-level only (kept inside the main content or an article): these usually hold the site logo and global menus.
const HEADER_WORDS = new Set(['header', 'masthead']);
// Where the main content lives, most specific first (tag, role, id or class).
const MAIN_CANDIDATES: ((el: DomNode) => boolean)[] = [
  (el) => el.name === 'main',
  (el) => el.attribs?.role === 'main',
  (el) => el.name === 'article',
  (el) => ['main-content', 'maincontent', 'main', 'content', 'contents', 'maincontents'].includes(el.attribs?.id ?? ''),
  (el) => hasClass(el, ['main-content', 'article-body', 'entry-content', 'post-content', 'content']),
  (el) => el.attribs?.id === 'primary',
];
const SHARE_HREF = /(?:facebook\.com\/sharer|twitter\.com\/(?:intent|share)|x\.com\/intent|linkedin\.com\/(?:share|cws)|reddit\.com\/submit|line\.me\/R\/msg|mailto:\?)/i;
const NAV_LINK_TEXT = /^(?:(?:back|return|go back) to\b|(?:back to |go to )?(?:page )?top(?: of (?:the )?page)?$|skip to\b|jump to\b)/i;

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'dir',
]);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'button', 'select', 'textarea', 'input', 'head', 'img', 'picture', 'map']);

const MONTHS = 'Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?';
const DATE_RE = new RegExp(
  `\\b(?:(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s*,?\\s+\\d{4}|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})\\b|\\d{4}年\\s*\\d{1,2}月\\s*\\d{1,2}日`,
  'i',
);

function hasClass(el: DomNode, names: string[]): boolean {
  const cls = el.attribs?.class;
  if (!cls) return false;
  return cls.split(/\s+/).some((c) => names.includes(c));
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function words(el: DomNode): string[] {
  const a = el.attribs;
  if (!a) return [];
  const raw = `${a.class ?? ''} ${a.id ?? ''}`;
  if (raw.length < 2) return [];
  return raw.split(/[\s_-]+|(?<=[a-z])(?=[A-Z])/).map((w) => w.toLowerCase()).filter(Boolean);
}

function isHidden(el: DomNode): boolean {
  const a = el.attribs;
  if (!a) return false;
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Visits the descendants of `node` in document order (not `node` itself); `visit` returns false to skip a node's
 * subtree. An explicit stack, never recursion: a page can nest elements deeper than the call stack goes.
 */
function walk(node: DomNode, visit: (n: DomNode) => boolean): void {
  const stack: DomNode[] = [];
  const pushChildren = (n: DomNode) => { const k = n.children; if (k) for (let i = k.length - 1; i >= 0; i--) stack.push(k[i]); };
  pushChildren(node);
  while (stack.length) { const n = stack.pop()!; if (visit(n)) pushChildren(n); }
}

const readable = (n: DomNode) => n.type === 'tag' && !(n.name && SKIP_TAGS.has(n.name));

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (!readable(node)) return '';
  let s = '';
  walk(node, (n) => { if (n.type === 'text') s += n.data ?? ''; return readable(n); });
  return s;
}

/** The text of `node` read up to the text node that takes it past `max` characters other than white space;
 *  `whole` tells whether that was all of it. */
function textPrefix(node: DomNode, max: number): { text: string; whole: boolean } {
  if (!readable(node)) return { text: textOf(node), whole: true };
  let text = '', ink = 0;
  walk(node, (n) => {
    if (ink > max) return false;
    if (n.type === 'text') { text += n.data ?? ''; ink += (n.data ?? '').replace(/\s+/g, '').length; }
    return readable(n);
  });
  return { text, whole: ink <= max };
}

/** The articles under `node`, the first `most` of them. */
function articlesUnder(node: DomNode, most: number): DomNode[] {
  const out: DomNode[] = [];
  walk(node, (n) => { if (n.name === 'article') out.push(n); return n.type === 'tag' && out.length < most; });
  return out;
}

const isArticle = (p: DomNode) => p.type === 'tag' && (p.name === 'article' || p.name === 'main' || p.attribs?.role === 'main');

/** Drops never-text elements (scripts, styles, forms' inputs...) and lists every remaining element in document order. */
function prune(top: DomNode, out: DomNode[]): void {
  const dropChildren = (node: DomNode) => {
    const kids = node.children;
    if (!kids) return;
    let w = 0;
    for (let r = 0; r < kids.length; r++) {
      const c = kids[r];
      if (c.type === 'script' || c.type === 'style' || c.type === 'comment' || c.type === 'directive' || (c.type === 'tag' && ALWAYS_DROP.has(c.name ?? ''))) {
        c.parent = null;
        continue;
      }
      kids[w++] = c;
    }
    kids.length = w;
  };
  dropChildren(top);
  // a node's children are pruned before the walk reads them (it pushes them after the visit)
  walk(top, (n) => {
    if (n.type !== 'tag') return false;
    out.push(n);
    dropChildren(n);
    return true;
  });
}

function pickRoot(elements: DomNode[]): DomNode | null {
  for (const matches of MAIN_CANDIDATES) {
    let best: DomNode | null = null;
    let bestLen = 0;
    for (const el of elements) {
      if (!matches(el)) continue;
      const len = collapse(textOf(el)).length; // a candidate's text: candidates rarely nest
      if (len > bestLen) { best = el; bestLen = len; }
    }
    if (best && bestLen >= 80) {
      // A <main> around one article plus "more news" teasers: the article is the readout.
      if (best.name !== 'article') {
        const articles = articlesUnder(best, 2);
        if (articles.length === 1 && collapse(textOf(articles[0])).length >= bestLen * 0.6) return articles[0];
      }
      return best;
    }
  }
  return null;
}

/** Where an element sits: `guard` holds the root and its ancestors (never dropped); `inRoot` tells whether it is
 *  the root or under it, `inArticle` whether an ancestor is an article or the main content. */
interface Placement { guard: Set<DomNode>; inRoot: boolean; inArticle: boolean }

/** Decides whether an element is page furniture. */
function isBoilerplate(el: DomNode, { guard, inRoot, inArticle }: Placement): boolean {
  if (guard.has(el)) return false;
  const name = el.name ?? '';
  if (name === 'html' || name === 'body' || name === 'head') return false;
  if (BOILERPLATE_TAGS.has(name)) return true;
  if (isHidden(el)) return true;
  const role = el.attribs?.role;
  if (role && BOILERPLATE_ROLES.has(role.toLowerCase())) return true;
  const pageLevel = !inRoot && !inArticle;
  if ((name === 'header' || name === 'footer') && pageLevel) return true;
  const ws = words(el);
  for (const w of ws) {
    if (BOILERPLATE_WORDS.has(w)) {
      // A hero "banner" that carries the page headline is content, not furniture.
      if (w === 'banner' && hasDescendant(el, 'h1')) continue;
      return true;
    }
    if (HEADER_WORDS.has(w) && pageLevel) return true;
  }
  if (name === 'a') {
    const href = el.attribs?.href ?? '';
    if (SHARE_HREF.test(href)) return true;
    // a link's first words decide: the expression's whole-text forms are shorter than 64 characters
    if (NAV_LINK_TEXT.test(collapse(textPrefix(el, 64).text))) return true;
  }
  return false;
}

function hasDescendant(el: DomNode, tag: string): boolean {
  return firstTag(el, (c) => c.name === tag) !== null;
}

function removeBoilerplate(top: DomNode, root: DomNode | null, guard: Set<DomNode>): void {
  const doomed = new Set<DomNode>();
  // an explicit stack of nodes, with what their ancestors make them: IN_ARTICLE (an article or the main content
  // above), IN_ROOT (the root above); known before a node is visited, without a set of every node
  const IN_ARTICLE = 1, IN_ROOT = 2;
  let topFlags = 0;
  for (let p: DomNode | null = top; p; p = p.parent) topFlags |= (isArticle(p) ? IN_ARTICLE : 0) | (p === root ? IN_ROOT : 0);
  const nodes: DomNode[] = [], flags: number[] = [];
  const pushChildren = (n: DomNode, f: number) => {
    const k = n.children;
    if (k) for (let i = k.length - 1; i >= 0; i--) { nodes.push(k[i]); flags.push(f); }
  };
  pushChildren(top, topFlags);
  while (nodes.length) {
    const c = nodes.pop()!, f = flags.pop()!;
    if (c.type !== 'tag') continue;
    const inRoot = (f & IN_ROOT) !== 0 || c === root;
    const inArticle = (f & IN_ARTICLE) !== 0;
    if (isBoilerplate(c, { guard, inRoot, inArticle })) { doomed.add(c); continue; }
    pushChildren(c, (inArticle || isArticle(c) ? IN_ARTICLE : 0) | (inRoot ? IN_ROOT : 0));
  }
  // each parent's children filtered once (not an indexOf and splice per dropped element)
  const parents = new Set<DomNode>();
  for (const d of doomed) if (d.parent) parents.add(d.parent);
  for (const p of parents) p.children = p.children!.filter((c) => !doomed.has(c));
  for (const d of doomed) d.parent = null;
}

/** Collects blocks of text from a subtree. */
class BlockWriter {
  readonly blocks: string[] = [];
  private buf = '';
  private prefix: string | null = null;

  flush(): void {
    const s = collapse(this.buf);
    this.buf = '';
    if (!s) return;
    if (this.prefix !== null) {
      this.blocks.push(this.prefix + s);
      this.prefix = null;
    } else {
      this.blocks.push(s);
    }
  }

  /** Writes a subtree; a stack of nodes and of actions due after a node's children stands in for recursion. */
  write(node: DomNode): void {
    const base = this.tasks.length;
    this.tasks.push(node);
    while (this.tasks.length > base) {
      const t = this.tasks.pop()!;
      if (typeof t === 'function') t();
      else this.open(t);
    }
  }

  private readonly tasks: (DomNode | (() => void))[] = [];
  private readonly flushTask = () => this.flush();
  private readonly spaceTask = () => { this.buf += ' '; };
  private readonly endItemTask = () => { this.flush(); this.prefix = null; };

  /** Handles a node now and schedules its children, then what follows them. */
  private open(node: DomNode): void {
    if (node.type === 'text') { this.buf += node.data ?? ''; return; }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.name ?? '';
    if (SKIP_TAGS.has(name)) return;
    if (name === 'br' || name === 'hr') { this.flush(); return; }
    if (name === 'pre') { this.writePre(node); return; }
    if (name === 'td' || name === 'th') { this.buf += ' '; this.schedule(node, this.spaceTask); return; }
    if (name === 'ol' || name === 'ul' || name === 'dir') { this.openList(node); return; }
    if (name === 'li') { this.openItem(node, '• '); return; }
    if (BLOCK_TAGS.has(name)) { this.flush(); this.schedule(node, this.flushTask); return; }
    this.schedule(node, null);
  }

  /** Queues `after`, then the node's children so that the first is written next. */
  private schedule(node: DomNode, after: (() => void) | null): void {
    if (after) this.tasks.push(after);
    const kids = node.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) this.tasks.push(kids[i]);
  }

  private openItem(node: DomNode, prefix: string): void {
    this.flush();
    this.prefix = prefix;
    this.schedule(node, this.endItemTask);
  }

  private openList(node: DomNode): void {
    this.flush();
    const ordered = node.name === 'ol';
    const start = Number.parseInt(node.attribs?.start ?? '', 10);
    let n = Number.isFinite(start) ? start : 1;
    // the items' labels in document order, then the children queued last to first
    const kids = node.children ?? [];
    const labels: (string | null)[] = kids.map((c) => {
      if (c.type !== 'tag' || c.name !== 'li') return null;
      if (!ordered) return '• ';
      const value = Number.parseInt(c.attribs?.value ?? '', 10);
      if (Number.isFinite(value)) n = value;
      return `${n++}. `;
    });
    this.tasks.push(this.flushTask);
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i], label = labels[i];
      this.tasks.push(label === null ? c : () => this.openItem(c, label));
    }
  }

  private writePre(node: DomNode): void {
    this.flush();
    const lines = textOf(node).replace(/\r\n?/g, '\n').split('\n');
    const kept = lines.map((l) => l.replace(/\s+$/, '')).filter((l, i, a) => l !== '' || (i > 0 && a[i - 1] !== ''));
    const s = kept.join('\n').replace(/^\n+|\n+$/g, '');
    if (s) {
      this.blocks.push(this.prefix !== null ? this.prefix + s : s);
      this.prefix = null;
    }
  }
}

function blocksOf(node: DomNode): string[] {
  const w = new BlockWriter();
  w.write(node);
  w.flush();
  return w.blocks;
}

/** The page's <title> without the site name: the longest part around " | ", " - ", " – ", " — ". */
function cleanTitle(title: string): string {
  const parts = collapse(title).split(/\s+[|｜–—-]\s+|\s*[｜]\s*/).filter(Boolean);
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function firstTag(node: DomNode, pred: (el: DomNode) => boolean, skip?: DomNode): DomNode | null {
  let found: DomNode | null = null;
  walk(node, (c) => {
    if (found || c.type !== 'tag' || c === skip) return false;
    if (pred(c)) found = c;
    return !found;
  });
  return found;
}

/** A short element outside the main content that states the publication date. */
function findDateLine(top: DomNode, root: DomNode): DomNode | null {
  const dated = (el: DomNode) => {
    const raw = textPrefix(el, 100); // more than 100 characters other than spaces is no date line: read no further
    const t = raw.whole ? collapse(raw.text) : '';
    return t.length > 0 && t.length <= 100 && DATE_RE.test(t);
  };
  const marked = firstTag(top, (el) => {
    if (el.name === 'time') return dated(el) || Boolean(el.attribs?.datetime && collapse(textOf(el)));
    return words(el).some((w) => w === 'date' || w === 'dateline' || w === 'published' || w === 'pubdate') && dated(el);
  }, root);
  if (marked) return marked;
  return firstTag(top, (el) => BLOCK_TAGS.has(el.name ?? '') && dated(el) && !firstTag(el, (c) => BLOCK_TAGS.has(c.name ?? '')), root);
}

function precedes(a: DomNode, b: DomNode): boolean {
  const path = (n: DomNode) => { const p: DomNode[] = []; for (let x: DomNode | null = n; x; x = x.parent) p.push(x); return p.reverse(); };
  const pa = path(a);
  const pb = path(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  if (i === pa.length) return true;
  if (i === pb.length) return false;
  const siblings = pa[i - 1]?.children ?? [];
  return siblings.indexOf(pa[i]) < siblings.indexOf(pb[i]);
}

/** Converts an HTML page to the readout's plain text. */
export function htmlToText(html: string): string {
  // htmlparser2 (via `xml: { xmlMode: false }`) is 2-3x faster than parse5 and good enough for reading text.
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const top = $.root()[0] as unknown as DomNode;
  const elements: DomNode[] = [];
  prune(top, elements);
  const titleEl = elements.find((el) => el.name === 'title');
  const title = titleEl ? cleanTitle(textOf(titleEl)) : '';
  const body = elements.find((el) => el.name === 'body') ?? top;

  const root = pickRoot(elements);
  const guard = new Set<DomNode>();
  for (let p: DomNode | null = root; p; p = p.parent) guard.add(p);
  removeBoilerplate(body, root, guard);

  const content = root ?? body;
  const blocks = blocksOf(content);
  const head: { node: DomNode | null; text: string }[] = [];

  // The headline: an h1 in the content, else the first h1 left on the page, else the <title>.
  if (!firstTag(content, (el) => el.name === 'h1')) {
    const h1 = root ? firstTag(body, (el) => el.name === 'h1', root) : null;
    const text = h1 ? collapse(textOf(h1)) : title;
    const lead = norm(blocks.slice(0, 3).join(' '));
    if (text && !(norm(text) && lead.startsWith(norm(text)))) head.push({ node: h1, text });
  }
  // The date line, when the content does not state one near its top.
  if (root && !blocks.slice(0, 6).some((b) => b.length <= 100 && DATE_RE.test(b))) {
    const dateEl = findDateLine(body, root);
    if (dateEl) {
      const text = collapse(textOf(dateEl));
      const h = head[0];
      if (h?.node && precedes(dateEl, h.node)) head.unshift({ node: dateEl, text });
      else head.push({ node: dateEl, text });
    }
  }
  return [...head.map((h) => h.text), ...blocks].join('\n\n');
}
