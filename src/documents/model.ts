/**
 * The one document model every format is read into: the blocks a reader sees, each with its
 * reader text (no markup syntax), where it came from in the file, and the section it belongs to.
 * A format parser produces `ParsedDocument`; `assembleDocument` lays its blocks end to end into the
 * document's `text`, the string every passage, sentence and excerpt offset refers to.
 */

/** What a block is, as a reader sees it. */
export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'code' | 'table-row' | 'quote';

/** The file formats that are read, by the parser that reads them. */
export type DocumentFormat = 'markdown' | 'html' | 'pdf' | 'docx' | 'text';

/** A block as a format parser produces it. */
export interface ParsedBlock {
  kind: BlockKind;
  /** The text as it reads: no markup, link text kept, images by their alt text. Code keeps its line breaks. */
  text: string;
  /** Heading level, 1 to 6 (headings only). */
  level?: number;
  /** Nesting depth of a list item, 0 for a top-level item (list items only). */
  depth?: number;
  /** The language of a code block, when the file names it. */
  language?: string;
  /** The anchor a heading has on its published page, when the file sets one (`{#custom-id}`). */
  anchor?: string;
  /** Character offsets of the block in the file's text, where the format has them (Markdown, text). */
  sourceStart?: number;
  sourceEnd?: number;
  /** 1-based page number (PDF). */
  page?: number;
}

/** What a format parser returns. */
export interface ParsedDocument {
  format: DocumentFormat;
  blocks: ParsedBlock[];
  /** Front matter, document properties or `<meta>` values, as strings. */
  metadata: Record<string, string>;
  /** The title the file states (its `<title>`, front matter `title`), used when it has no level-1 heading. */
  title?: string;
  /** The document's own address (front matter `url`/`source`/`permalink`, HTML canonical link). */
  url?: string;
}

/** A section of a document: the headings above a block, outermost first, without the document title. */
export interface DocumentSection {
  path: string[];
  /** The anchor of the innermost heading on the published page. */
  anchor?: string;
}

/** A block as stored with its document: offsets into the document's `text`. Plain data, so it serializes. */
export interface DocumentBlock {
  kind: BlockKind;
  /** `document.text.slice(start, end)` is the block's reader text. */
  start: number;
  end: number;
  level?: number;
  depth?: number;
  language?: string;
  sourceStart?: number;
  sourceEnd?: number;
  page?: number;
  /** Index into the document's `sections`, or -1 before the first heading under the title. */
  section: number;
}

/** A document as read from disk, before it is split into passages. Plain data, so it serializes. */
export interface SourceDocument {
  /** Path relative to the documents folder, with `/` separators: the citation users see. */
  source: string;
  format: DocumentFormat;
  /** The level-1 heading, the title the file states, or a title made from the file name. */
  title: string;
  /** The reader text of every block, blocks separated by a blank line: every offset refers to this string. */
  text: string;
  /** Offset where the answerable text starts (after a title heading or leading metadata). */
  bodyStart: number;
  /** Front matter, document properties or leading metadata lines. */
  metadata: Record<string, string>;
  /** The document's own address, from its metadata only (never from its text). */
  url?: string;
  blocks: DocumentBlock[];
  sections: DocumentSection[];
  /** SHA-256 of the file's bytes, to tell when the index is stale. */
  contentHash: string;
  bytes: number;
}

/** Blocks are separated in the reader text by a blank line, so sentences never run across them. */
export const BLOCK_SEPARATOR = '\n\n';

/** Folds whitespace inside a block of prose; code keeps its lines (trailing spaces and blank edges removed). */
export function normalizeBlockText(kind: BlockKind, text: string): string {
  if (kind === 'code') {
    return text
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+$/, ''))
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Lays the blocks of a parsed document end to end and works out each block's section. The first
 * level-1 heading is the title (when it comes before any text); it names the document and is not
 * part of any section path.
 */
export function assembleDocument(
  parsed: ParsedDocument,
  file: { source: string; contentHash: string; bytes: number; fallbackTitle: string },
): SourceDocument {
  const blocks: DocumentBlock[] = [];
  const sections: DocumentSection[] = [];
  const pieces: string[] = [];
  let length = 0;
  let title: string | undefined;
  let seenText = false;
  let bodyStart = 0;
  /** Open headings: level and text, outermost first. */
  const open: { level: number; text: string; anchor?: string }[] = [];
  let section = -1;

  for (const block of parsed.blocks) {
    const text = normalizeBlockText(block.kind, block.text);
    if (text.length === 0) continue;
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      if (level === 1 && title === undefined && !seenText && open.length === 0) {
        title = text;
      } else {
        while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= level) open.pop();
        open.push({ level, text, ...(block.anchor ? { anchor: block.anchor } : {}) });
        const innermost = open[open.length - 1];
        sections.push({ path: open.map((heading) => heading.text), ...(innermost?.anchor ? { anchor: innermost.anchor } : {}) });
        section = sections.length - 1;
      }
    } else {
      seenText = true;
    }
    if (pieces.length > 0) {
      pieces.push(BLOCK_SEPARATOR);
      length += BLOCK_SEPARATOR.length;
    }
    const start = length;
    pieces.push(text);
    length += text.length;
    const stored: DocumentBlock = { kind: block.kind, start, end: length, section };
    if (block.level !== undefined) stored.level = block.level;
    if (block.depth !== undefined) stored.depth = block.depth;
    if (block.language) stored.language = block.language;
    if (block.sourceStart !== undefined) stored.sourceStart = block.sourceStart;
    if (block.sourceEnd !== undefined) stored.sourceEnd = block.sourceEnd;
    if (block.page !== undefined) stored.page = block.page;
    blocks.push(stored);
    if (block.kind === 'heading' && title === text && blocks.length === 1) bodyStart = length;
  }
  const text = pieces.join('');
  while (bodyStart < text.length && /\s/.test(text[bodyStart] ?? '')) bodyStart += 1;
  const document: SourceDocument = {
    source: file.source,
    format: parsed.format,
    title: title || parsed.title?.trim() || parsed.metadata['title']?.trim() || file.fallbackTitle,
    text,
    bodyStart,
    metadata: parsed.metadata,
    blocks,
    sections,
    contentHash: file.contentHash,
    bytes: file.bytes,
  };
  if (parsed.url) document.url = parsed.url;
  return document;
}
