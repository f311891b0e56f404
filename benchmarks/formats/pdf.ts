/**
 * A PDF as a typesetter makes it: A4 pages, the text set line by line (hard-wrapped, so a reader
 * gets lines, not paragraphs), long words hyphenated at line ends, a running header with the title
 * on every page, the page number in the footer, the title and section headings in bold. Built with
 * pdfkit and an embedded DejaVu font (npm `dejavu-fonts-ttf`), so no system package is needed and
 * every character of the sets (Greek, accents, symbols) is drawn and extractable.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { SourceDocument } from './source.ts';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  // DejaVu Sans, not Serif: Serif lacks the Coptic letters the papers use as symbols (ϩ, Ϫ).
  body: path.join(fontDir, 'DejaVuSans.ttf'),
  bold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
  italic: path.join(fontDir, 'DejaVuSans-Oblique.ttf'),
};

/** Page geometry and type sizes, in PDF points. */
const LAYOUT = {
  margin: 72,
  bodySize: 11,
  lineHeight: 14.5,
  paragraphGap: 7,
  headingSize: 13.5,
  titleSize: 18,
  runningSize: 8.5,
  /** Shortest part of a word left on either side of a hyphenation point. */
  minFragment: 3,
} as const;

const VOWELS = /[aeiouyAEIOUYáéíóúàèìòùäëïöü]/;

/**
 * Hyphenation points of a word, best first: after a vowel followed by a consonant (a rough
 * syllable rule, as a typesetter without a dictionary would do), each leaving at least
 * `minFragment` letters on both sides. Only words of letters are hyphenated; a word that already
 * has a hyphen, digits or symbols is moved whole to the next line.
 */
export function hyphenationPoints(word: string): number[] {
  const core = /^(\p{L}+)[,.;:!?)]?$/u.exec(word)?.[1];
  if (core === undefined || core.length < 2 * LAYOUT.minFragment + 1) return [];
  const points: number[] = [];
  for (let i = core.length - LAYOUT.minFragment; i >= LAYOUT.minFragment; i -= 1) {
    if (VOWELS.test(core[i - 1]!) && !VOWELS.test(core[i]!)) points.push(i);
  }
  return points;
}

/** Lays out one block's text into lines no wider than `width`, hyphenating where a word would overflow. */
export function layoutLines(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const sourceLine of text.split('\n')) {
    const words = sourceLine.split(/\s+/).filter((word) => word.length > 0);
    let line = '';
    for (let word of words) {
      const candidate = line.length === 0 ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      const point = hyphenationPoints(word).find((at) => measure(`${line.length === 0 ? '' : `${line} `}${word.slice(0, at)}-`) <= width);
      if (point !== undefined) {
        lines.push(`${line.length === 0 ? '' : `${line} `}${word.slice(0, point)}-`);
        word = word.slice(point);
      } else if (line.length > 0) {
        lines.push(line);
      }
      // A token wider than a whole line (a long URL or sequence) is cut where it must be, without a hyphen.
      while (measure(word) > width) {
        let cut = word.length - 1;
        while (cut > 1 && measure(word.slice(0, cut)) > width) cut -= 1;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

function truncateTo(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  let cut = text.length;
  while (cut > 1 && measure(`${text.slice(0, cut)}…`) > width) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

export async function toPdf(document: SourceDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: LAYOUT.margin, bufferPages: true, info: { Title: document.title, Subject: document.url } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONTS.body);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);

  const width = doc.page.width - 2 * LAYOUT.margin;
  const bottom = doc.page.height - LAYOUT.margin;
  let y = LAYOUT.margin;
  const drawLines = (lines: string[], font: string, size: number, lineHeight: number): void => {
    doc.font(font).fontSize(size);
    for (const line of lines) {
      if (y + lineHeight > bottom) {
        doc.addPage();
        y = LAYOUT.margin;
        doc.font(font).fontSize(size);
      }
      doc.text(line, LAYOUT.margin, y, { lineBreak: false });
      y += lineHeight;
    }
  };
  const lay = (text: string, font: string, size: number): string[] => {
    doc.font(font).fontSize(size);
    return layoutLines(text, width, (t) => doc.widthOfString(t));
  };

  drawLines(lay(document.title, 'bold', LAYOUT.titleSize), 'bold', LAYOUT.titleSize, LAYOUT.titleSize * 1.3);
  y += LAYOUT.paragraphGap * 2;
  for (const block of document.blocks) {
    if (block.kind === 'heading') {
      y += LAYOUT.paragraphGap;
      // Keep a heading with the first lines of its section.
      if (y + LAYOUT.headingSize * 1.3 + 2 * LAYOUT.lineHeight > bottom) {
        doc.addPage();
        y = LAYOUT.margin;
      }
      drawLines(lay(block.text, 'bold', LAYOUT.headingSize), 'bold', LAYOUT.headingSize, LAYOUT.headingSize * 1.3);
    } else {
      drawLines(lay(block.text, 'body', LAYOUT.bodySize), 'body', LAYOUT.bodySize, LAYOUT.lineHeight);
    }
    y += LAYOUT.paragraphGap;
  }

  // Running header and page number on every page, drawn in the margins once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    doc.font('italic').fontSize(LAYOUT.runningSize);
    const header = truncateTo(document.title, width, (t) => doc.widthOfString(t));
    doc.text(header, LAYOUT.margin, LAYOUT.margin / 2, { lineBreak: false });
    doc.font('body').fontSize(LAYOUT.runningSize + 1);
    const pageLabel = String(i + 1);
    doc.text(pageLabel, (doc.page.width - doc.widthOfString(pageLabel)) / 2, doc.page.height - LAYOUT.margin / 2, { lineBreak: false });
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}
