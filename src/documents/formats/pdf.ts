/**
 * PDF (`.pdf`), read with pdfjs-dist (Mozilla's PDF.js, the reader in Firefox; its legacy build
 * runs in Node without a browser), page by page. Text items are gathered into lines by baseline;
 * `pdf-layout.ts` turns the lines into blocks. Encrypted, damaged and image-only PDFs are refused
 * with a reason a person can act on.
 */
import { absoluteUrl, urlFromMetadata } from '../front-matter.ts';
import type { ParsedDocument } from '../model.ts';
import { DEFAULT_PDF_LAYOUT, layoutBlocks, type PdfLine, type PdfPage } from './pdf-layout.ts';
import { UnreadableDocumentError } from './unreadable.ts';

/** A text item of PDF.js's text content (the fields read here). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** PDF.js is large: loaded on the first PDF, not at start-up. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Lines of a page from its text items: items on one baseline form a line, in reading order. */
function pageLines(items: readonly TextItem[], pageNumber: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: (PdfLine & { right: number }) | undefined;
  for (const item of items) {
    const [scaleX = 0, skewY = 0, , scaleY = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(scaleY, skewY) || Math.abs(scaleX);
    const sameLine = current !== undefined && Math.abs(current.y - y) <= Math.max(1, size * 0.4);
    if (item.str.length > 0) {
      if (current && sameLine) {
        const gap = x - current.right;
        const needsSpace = gap > size * 0.15 && !current.text.endsWith(' ') && !item.str.startsWith(' ');
        current.text += (needsSpace ? ' ' : '') + item.str;
        current.right = x + item.width;
        current.size = Math.max(current.size, size);
      } else {
        if (current) lines.push(current);
        current = { page: pageNumber, text: item.str, x, y, size, right: x + item.width };
      }
    }
    if (item.hasEOL && current) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);
  return lines
    .map(({ page, text, x, y, size }) => ({ page, text: text.replace(/\s+/g, ' ').trim(), x, y, size }))
    .filter((line) => line.text.length > 0);
}

export async function parsePdf(bytes: Buffer): Promise<ParsedDocument> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'PasswordException') throw new UnreadableDocumentError('encrypted PDF (it needs a password to open): save a copy without a password');
    if (name === 'InvalidPDFException') throw new UnreadableDocumentError('not a valid PDF (damaged, or not a PDF)');
    throw new UnreadableDocumentError(`damaged PDF (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item) => 'str' in item) as TextItem[];
      pages.push({ number, height: page.view[3] ?? page.getViewport({ scale: 1 }).height, lines: pageLines(items, number) });
      page.cleanup();
    }
    if (pages.every((page) => page.lines.length === 0)) {
      throw new UnreadableDocumentError('no text in this PDF (scanned pages without a text layer?): run it through OCR first');
    }
    const metadata: Record<string, string> = {};
    const info = ((await document.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(info)) {
      if (typeof value === 'string' && value.trim() && ['Title', 'Author', 'Subject', 'Keywords'].includes(key)) metadata[key.toLowerCase()] = value.trim();
    }
    const blocks = layoutBlocks(pages, DEFAULT_PDF_LAYOUT);
    // A PDF has no address field; a producer that records the source puts it in the subject or keywords.
    const url = urlFromMetadata(metadata) ?? absoluteUrl(metadata['subject']) ?? absoluteUrl(metadata['keywords']);
    return { format: 'pdf', blocks, metadata, ...(metadata['title'] ? { title: metadata['title'] } : {}), ...(url ? { url } : {}) };
  } finally {
    await document.destroy();
  }
}
