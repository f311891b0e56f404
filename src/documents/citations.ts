/**
 * What a reader needs to follow an excerpt back to its document: the excerpt's reader text split
 * into the blocks it covers (prose folded, code with its line breaks, list items one per line),
 * what kind of text it is, where it stands (section, page, or paragraph) and the link to it.
 * Links come only from the document's metadata or the configured site address, never from its text.
 */
import type { BlockKind, DocumentBlock, SourceDocument } from './model.ts';
import { SECTION_SEPARATOR, type Passage } from './passages.ts';

/** What an excerpt is, so that a reply can show code as code and lists as lists. */
export type ExcerptKind = 'prose' | 'list' | 'code' | 'table' | 'quote';

/** One block's part of an excerpt. */
export interface ExcerptPart {
  kind: BlockKind;
  /** The reader text: folded whitespace, except code, which keeps its line breaks. */
  text: string;
  /** The language of a code block, when the document names it. */
  language?: string;
  /** Nesting depth of a list item (0 = top level). */
  depth?: number;
}

/** The blocks of `document` that overlap `[start, end)`, in order (binary search: blocks are sorted). */
function blocksIn(document: SourceDocument, start: number, end: number): DocumentBlock[] {
  const { blocks } = document;
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((blocks[middle]?.end ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  const found: DocumentBlock[] = [];
  for (let i = low; i < blocks.length; i += 1) {
    const block = blocks[i];
    if (!block || block.start >= end) break;
    found.push(block);
  }
  return found;
}

/** The block holding the character at `offset`, if any. */
export function blockAt(document: SourceDocument, offset: number): DocumentBlock | undefined {
  const block = blocksIn(document, offset, offset + 1)[0];
  return block && block.start <= offset ? block : undefined;
}

/** The parts of an excerpt spanning `[start, end)` of the document's text. */
export function excerptParts(document: SourceDocument, start: number, end: number): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  for (const block of blocksIn(document, start, end)) {
    const raw = document.text.slice(Math.max(start, block.start), Math.min(end, block.end));
    const text = block.kind === 'code' ? raw.replace(/^\n+|\s+$/g, '') : raw.replace(/\s+/g, ' ').trim();
    if (text.length === 0) continue;
    const part: ExcerptPart = { kind: block.kind, text };
    if (block.language) part.language = block.language;
    if (block.depth !== undefined) part.depth = block.depth;
    parts.push(part);
  }
  if (parts.length === 0) parts.push({ kind: 'paragraph', text: document.text.slice(start, end).replace(/\s+/g, ' ').trim() });
  return parts;
}

/** The kind of an excerpt: code when it holds code, else a list, a table or a quote when it holds one, else prose. */
export function excerptKind(parts: readonly ExcerptPart[]): ExcerptKind {
  const kinds = new Set(parts.map((part) => part.kind));
  if (kinds.has('code')) return 'code';
  if (kinds.has('list-item')) return 'list';
  if (kinds.has('table-row')) return 'table';
  if (kinds.has('quote') && kinds.size === 1) return 'quote';
  return 'prose';
}

/** The excerpt's text from its parts: code and list items on lines of their own, prose run together. */
export function joinExcerptParts(parts: readonly ExcerptPart[]): string {
  let text = '';
  parts.forEach((part, i) => {
    if (i > 0) text += parts[i - 1]?.kind === 'paragraph' && part.kind === 'paragraph' ? ' ' : '\n';
    text += part.text;
  });
  return text;
}

/** True when the document has headings below its title: then citations name sections, not paragraphs. */
function hasSections(document: SourceDocument): boolean {
  return document.sections.length > 0;
}

/**
 * Where a passage stands, for people: "page 3" (with the section when known) for a paged document,
 * the section path ("Embeds › Embed limits") where there are headings, the document's title for
 * its opening before the first heading, and "paragraph N" only in documents without headings.
 */
export function passageLocation(document: SourceDocument, passage: Passage): string {
  const section = passage.section.join(SECTION_SEPARATOR);
  if (passage.page !== undefined) return section ? `page ${passage.page}, ${section}` : `page ${passage.page}`;
  if (section) return section;
  if (hasSections(document)) return document.title;
  return `paragraph ${passage.paragraph}`;
}

/**
 * A heading's anchor as static-site generators make it (VitePress, Docusaurus, GitHub): lower
 * case, accents and punctuation removed, runs of separators as one `-`.
 */
export function headingSlug(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The section anchor of the block at `offset`: its explicit `{#id}` or the slug of its heading. */
function anchorAt(document: SourceDocument, offset: number): string | undefined {
  const block = blockAt(document, offset);
  const section = block ? document.sections[block.section] : undefined;
  if (!section) return undefined;
  if (section.anchor) return section.anchor;
  const heading = section.path[section.path.length - 1];
  return heading ? headingSlug(heading) || undefined : undefined;
}

/** The page a file becomes on a site: Markdown without its extension, `index`/`README` as its folder. */
function sitePath(source: string): string {
  const markdown = /\.(?:md|markdown|mdx)$/i;
  if (!markdown.test(source)) return source;
  const page = source.replace(markdown, '');
  return page.replace(/(?:^|\/)(?:index|readme)$/i, (match) => (match.startsWith('/') ? '/' : ''));
}

/**
 * The link for a passage: the document's own address (its metadata), else the file's page under
 * `baseUrl`; with the section's anchor, or `#page=N` for a PDF. Undefined when neither is known.
 */
export function passageUrl(document: SourceDocument, passage: Passage, baseUrl: string | undefined): string | undefined {
  let page: URL | undefined;
  try {
    if (document.url) page = new URL(document.url);
    else if (baseUrl) {
      const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
      const permalink = document.metadata['permalink'];
      page = new URL(permalink ? permalink.replace(/^\//, '') : sitePath(document.source).split('/').map(encodeURIComponent).join('/'), base);
    }
  } catch {
    return undefined;
  }
  if (!page) return undefined;
  if (passage.page !== undefined && document.format === 'pdf') page.hash = `page=${passage.page}`;
  else if (!page.hash) {
    const anchor = anchorAt(document, passage.start);
    if (anchor) page.hash = anchor;
  }
  return page.toString();
}
