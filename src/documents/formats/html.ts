/**
 * HTML (`.html`, `.htm`), parsed with linkedom (a small, standards-following DOM for Node). Only
 * the page's main content is read: the `<main>` element (or the one `<article>` in it), else the
 * one `<article>`, else what @mozilla/readability (Firefox's Reader View) finds to be the content.
 * Navigation, headers, footers, sidebars, cookie banners, forms, scripts and styles are dropped.
 * The `<h1>` (else `<title>`) is the title; the canonical link is the document's address.
 * Word documents come through here too, as the HTML mammoth makes of them (`readHtmlBody`).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { absoluteUrl } from '../front-matter.ts';
import type { ParsedBlock, ParsedDocument } from '../model.ts';
import { TABLE_CELL_SEPARATOR } from './markdown.ts';

/** A DOM element as linkedom gives it (its types are the DOM's). */
type DomElement = ReturnType<typeof parseHTML>['document']['body'];
type DomNode = DomElement['childNodes'][number];

/** Never content, wherever they are. */
const HIDDEN = 'script, style, noscript, template, iframe, svg, canvas, form, button, input, select, textarea, dialog, [hidden], [aria-hidden="true"]';
/** Site chrome around the content. */
const CHROME = 'nav, aside, footer, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [role="dialog"], [role="alertdialog"]';
/** Class or id words that mark site chrome (the same idea as Readability's "unlikely candidates"). */
const CHROME_NAME = /(?:^|[\s_-])(?:cookies?|consent|gdpr|banner|breadcrumbs?|share|sharing|social|sidebar|newsletter|advert|ads?|sponsor|promo|popup|modal|skip|toc|pagination|pager|related|comments?|menu|navbar)(?:$|[\s_-])/i;

const HEADING = /^H([1-6])$/;
/** Elements whose content is a block of its own (the rest is inline text). */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'CAPTION',
]);

export interface HtmlOptions {
  /** Look for the page's main content and drop site chrome. False for HTML that is all content (Word documents). Default: true. */
  mainContentOnly?: boolean;
}

export function parseHtml(html: string, options: HtmlOptions = {}): ParsedDocument {
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const metadata = readMeta(document);
  const title = cleanTitle(document.querySelector('title')?.textContent ?? '') || metadata['og:title'];
  const url = absoluteUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? undefined) ?? absoluteUrl(metadata['og:url']);
  for (const element of [...document.querySelectorAll(HIDDEN)]) element.remove();
  const root = options.mainContentOnly === false ? document.body : mainContent(document);
  const blocks: ParsedBlock[] = [];
  if (root) walk(root, blocks, { listDepth: -1, quote: false });
  return { format: 'html', blocks, metadata, ...(title ? { title } : {}), ...(url ? { url } : {}) };
}

function readMeta(document: DomElement['ownerDocument']): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const meta of [...document.querySelectorAll('meta[name], meta[property]')]) {
    const key = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase();
    const value = meta.getAttribute('content')?.trim();
    if (key && value && !key.startsWith('viewport') && !key.startsWith('theme')) metadata[key] = value;
  }
  return metadata;
}

/** "Normans | Example Wiki" -> "Normans": the page's own part of a `<title>`. */
function cleanTitle(title: string): string {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  return trimmed.split(/\s+[|–—·]\s+/)[0]?.trim() ?? trimmed;
}

/** The element holding the page's main content, with the site chrome inside it removed. */
function mainContent(document: DomElement['ownerDocument']): DomElement | null {
  const main = document.querySelector('main, [role="main"]');
  const articles = [...(main ?? document).querySelectorAll('article')];
  let root: DomElement | null = articles.length === 1 ? (articles[0] as DomElement) : main;
  // Without a main or article element, a page's own <header> is site chrome too.
  const chrome = root ? CHROME : `${CHROME}, header`;
  if (!root) root = readabilityContent(document) ?? document.body;
  if (!root) return null;
  for (const element of [...root.querySelectorAll(chrome)]) element.remove();
  for (const element of [...root.querySelectorAll('[class], [id]')]) {
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (CHROME_NAME.test(names) && !/^(?:H[1-6]|P|LI|PRE|CODE|TABLE|TR|TD|TH)$/.test(element.tagName)) element.remove();
  }
  return root;
}

/** The content Readability finds, as an element, or null when it finds none. */
function readabilityContent(document: DomElement['ownerDocument']): DomElement | null {
  try {
    const clone = parseHTML(document.toString()).document;
    const article = new Readability(clone as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (!article?.content) return null;
    return parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body;
  } catch {
    return null;
  }
}

interface WalkContext {
  listDepth: number;
  quote: boolean;
}

function textKind(context: WalkContext): Pick<ParsedBlock, 'kind' | 'depth'> {
  if (context.listDepth >= 0) return { kind: 'list-item', depth: context.listDepth };
  return { kind: context.quote ? 'quote' : 'paragraph' };
}

/** Reads the blocks under `element`: block elements become blocks, runs of inline content paragraphs. */
function walk(element: DomElement, blocks: ParsedBlock[], context: WalkContext): void {
  let inline = '';
  const flush = () => {
    if (inline.trim()) blocks.push({ ...textKind(context), text: inline });
    inline = '';
  };
  for (const node of [...element.childNodes]) {
    if (node.nodeType === 3) {
      inline += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as unknown as DomElement;
    const tag = child.tagName;
    if (!BLOCK_TAGS.has(tag)) {
      inline += inlineText(child);
      continue;
    }
    flush();
    const heading = HEADING.exec(tag);
    if (heading?.[1]) {
      const anchor = child.getAttribute('id') ?? child.querySelector('[id]')?.getAttribute('id') ?? undefined;
      blocks.push({ kind: 'heading', level: Number(heading[1]), text: inlineText(child), ...(anchor ? { anchor } : {}) });
    } else if (tag === 'PRE') {
      const language = codeLanguage(child);
      blocks.push({ kind: 'code', text: child.textContent ?? '', ...(language ? { language } : {}) });
    } else if (tag === 'TR') {
      const cells = [...child.children].map((cell) => inlineText(cell as DomElement).replace(/\s+/g, ' ').trim());
      if (cells.some(Boolean)) blocks.push({ kind: 'table-row', text: cells.join(TABLE_CELL_SEPARATOR) });
    } else if (tag === 'UL' || tag === 'OL') {
      walk(child, blocks, { ...context, listDepth: context.listDepth + 1 });
    } else if (tag === 'BLOCKQUOTE') {
      walk(child, blocks, { ...context, quote: true });
    } else if (tag !== 'HR') {
      walk(child, blocks, context);
    }
  }
  flush();
}

/** The text of inline content: tags dropped, images by their alt text, line breaks as spaces. */
function inlineText(element: DomElement): string {
  if (element.tagName === 'IMG') return ` ${element.getAttribute('alt') ?? ''} `;
  if (element.tagName === 'BR') return '\n';
  let text = '';
  for (const node of [...element.childNodes] as DomNode[]) {
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1) text += inlineText(node as unknown as DomElement);
  }
  return text;
}

/** `class="language-ts"` (or `lang-ts`) on a `<pre>` or its `<code>`. */
function codeLanguage(pre: DomElement): string | undefined {
  const classes = `${pre.getAttribute('class') ?? ''} ${pre.querySelector('code')?.getAttribute('class') ?? ''}`;
  return /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(classes)?.[1];
}
