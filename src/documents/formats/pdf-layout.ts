/**
 * From the positioned text lines of a PDF's pages to the blocks a reader sees: running headers,
 * footers and page numbers dropped; hard-wrapped lines joined into paragraphs; words hyphenated at
 * a line end rejoined; larger type read as headings. Pure functions over plain data, so the
 * layout rules are testable without a PDF.
 */
import type { ParsedBlock } from '../model.ts';

/** One line of text on a page, as the PDF places it (PDF points, y growing upwards). */
export interface PdfLine {
  page: number;
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  /** Font size (the text's vertical scale). */
  size: number;
}

export interface PdfPage {
  number: number;
  height: number;
  lines: PdfLine[];
}

/** How the layout is read; the defaults suit ordinary documents and papers. */
export interface PdfLayoutOptions {
  /** Share of the page height at the top and at the bottom where running headers and footers stand. Default: 0.1. */
  marginShare: number;
  /** A line at the top or bottom that repeats (digits aside) on at least this share of the pages is a running header or footer. Default: 0.5. */
  repeatShare: number;
  /** A gap between lines wider than this many times the usual line spacing starts a new paragraph. Default: 1.35. */
  paragraphGap: number;
  /** Type at least this many times the body size is a heading. Default: 1.15. */
  headingScale: number;
  /** Longest heading, in characters: a longer line in large type is body text. Default: 150. */
  maxHeadingChars: number;
}

export const DEFAULT_PDF_LAYOUT: Readonly<PdfLayoutOptions> = Object.freeze({
  marginShare: 0.1,
  repeatShare: 0.5,
  paragraphGap: 1.35,
  headingScale: 1.15,
  maxHeadingChars: 150,
});

/** "Page 3", "3", "- 3 -", "3 of 12", "iv": a line that only numbers the page. */
const PAGE_NUMBER = /^(?:page\s*)?[-–—(\s]*(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?[-–—)\s]*$/i;

/** A line's text with its numbers generalised, so "Report · page 3" and "Report · page 4" compare equal. */
function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

function inMargin(line: PdfLine, page: PdfPage, options: PdfLayoutOptions): boolean {
  const margin = page.height * options.marginShare;
  return line.y > page.height - margin || line.y < margin;
}

/** The lines that are not running headers, footers or page numbers. */
export function dropRunningLines(pages: readonly PdfPage[], options: PdfLayoutOptions = DEFAULT_PDF_LAYOUT): PdfLine[][] {
  const pagesWithKey = new Map<string, Set<number>>();
  for (const page of pages) {
    for (const line of page.lines) {
      if (!inMargin(line, page, options)) continue;
      const key = runningKey(line.text);
      let seen = pagesWithKey.get(key);
      if (!seen) pagesWithKey.set(key, (seen = new Set()));
      seen.add(page.number);
    }
  }
  const repeatsOn = Math.max(2, Math.ceil(pages.length * options.repeatShare));
  return pages.map((page) =>
    page.lines.filter((line) => {
      if (!inMargin(line, page, options)) return true;
      if (PAGE_NUMBER.test(line.text.trim())) return false;
      return pages.length < 2 || (pagesWithKey.get(runningKey(line.text))?.size ?? 0) < repeatsOn;
    }),
  );
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The body text size: the size most characters are set in. */
function bodySize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of chars) {
    if (count > bestCount) {
      best = size;
      bestCount = count;
    }
  }
  return best;
}

/** Words of the document, to tell a hyphenated compound ("well-known") from a word split at a line end. */
function wordSet(lines: readonly PdfLine[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const word of line.text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) words.add(word);
  return words;
}

/**
 * Joins a line to the text before it: a word hyphenated at the line end is rejoined ("develop-" +
 * "ment"), unless the document spells the hyphenated form elsewhere and never the joined one.
 */
function joinLine(text: string, next: string, words: ReadonlySet<string>): string {
  const hyphenated = /([\p{L}]+)-$/u.exec(text);
  const following = /^([\p{Ll}][\p{L}]*)/u.exec(next);
  if (hyphenated?.[1] && following?.[1]) {
    const joined = `${hyphenated[1]}${following[1]}`.toLowerCase();
    const compound = `${hyphenated[1]}-${following[1]}`.toLowerCase();
    const keepHyphen = words.has(compound) && !words.has(joined);
    return keepHyphen ? `${text}${next}` : `${text.slice(0, -1)}${next}`;
  }
  return `${text} ${next}`;
}

/** Blocks of the document: headings by type size, paragraphs by line spacing and indentation. */
export function layoutBlocks(pages: readonly PdfPage[], options: PdfLayoutOptions = DEFAULT_PDF_LAYOUT): ParsedBlock[] {
  const kept = dropRunningLines(pages, options);
  const all = kept.flat();
  const body = bodySize(all);
  const words = wordSet(all);
  const headingSizes = [...new Set(all.filter((line) => isHeading(line, body, options)).map((line) => Math.round(line.size * 2) / 2))].sort((a, b) => b - a);
  const blocks: ParsedBlock[] = [];
  for (const lines of kept) {
    const gaps: number[] = [];
    for (let i = 1; i < lines.length; i += 1) {
      const previous = lines[i - 1];
      const line = lines[i];
      if (previous && line && previous.y > line.y) gaps.push(previous.y - line.y);
    }
    const spacing = median(gaps) || body * 1.2;
    let current: ParsedBlock | undefined;
    let previous: PdfLine | undefined;
    // A paragraph cut by the page break goes on at the top of this page: not ended by a full stop,
    // and this page's first line is not a new paragraph (lower case).
    const carried = blocks[blocks.length - 1];
    const firstLine = lines.find((line) => line.text.trim().length > 0);
    if (carried?.kind === 'paragraph' && firstLine && !isHeading(firstLine, body, options) && !/[.!?:)"”’]$/.test(carried.text) && /^[\p{Ll}\d(]/u.test(firstLine.text.trim())) {
      current = carried;
    }
    for (const line of lines) {
      const text = line.text.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      if (isHeading(line, body, options)) {
        const level = Math.min(6, headingSizes.indexOf(Math.round(line.size * 2) / 2) + 1 || 1);
        const last = blocks[blocks.length - 1];
        // A heading set on two lines is one heading.
        if (current === undefined && last?.kind === 'heading' && last.level === level && previous && previous.y - line.y <= spacing * options.paragraphGap * 1.5) {
          last.text = `${last.text} ${text}`;
        } else {
          current = undefined;
          blocks.push({ kind: 'heading', level, text, page: line.page });
        }
        previous = line;
        continue;
      }
      const gap = previous ? previous.y - line.y : 0;
      // A line set higher than the one before starts a new column: the paragraph runs on there when
      // its sentence does (no full stop before, lower case after).
      const runsOnInNextColumn = previous !== undefined && current !== undefined && gap < 0 && !/[.!?:)"”’]$/.test(current.text) && /^[\p{Ll}\d(]/u.test(text);
      const indented = previous !== undefined && gap > 0 && line.x > previous.x + body * 1.5;
      const newParagraph =
        current === undefined ||
        (previous !== undefined && !runsOnInNextColumn && (gap > spacing * options.paragraphGap || gap < 0 || Math.abs(line.size - previous.size) > body * 0.2)) ||
        indented;
      if (newParagraph || !current) {
        current = { kind: 'paragraph', text, page: line.page };
        blocks.push(current);
      } else {
        current.text = joinLine(current.text, text, words);
      }
      previous = line;
    }
  }
  return blocks;
}

function isHeading(line: PdfLine, body: number, options: PdfLayoutOptions): boolean {
  return line.size >= body * options.headingScale && line.text.trim().length <= options.maxHeadingChars;
}
