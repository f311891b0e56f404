/**
 * Real documents of every format, written the way people's tools write them: PDFs by pdfkit (with
 * a running header, page numbers, a word hyphenated at a line end, optionally encrypted), Word
 * files by the docx package (real heading styles), and the HTML and Markdown of real sites.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

export interface PdfPageSpec {
  /** Lines set one per line, exactly as given (a line may end with a hyphenated word part). */
  lines: string[];
  /** A heading set in larger type before the lines. */
  heading?: string;
}

/** A PDF with the same running header on top of every page and the page number at the bottom. */
export function writePdf(pages: PdfPageSpec[], options: { runningHeader: string; title?: string; subject?: string; userPassword?: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 72,
      autoFirstPage: false,
      info: { Title: options.title ?? '', Subject: options.subject ?? '' },
      ...(options.userPassword ? { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner`, pdfVersion: '1.7' as const } : {}),
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pages.forEach((page, i) => {
      pdf.addPage();
      pdf.font('Helvetica').fontSize(8).text(options.runningHeader, 72, 40, { lineBreak: false });
      let y = 90;
      if (page.heading) {
        pdf.font('Helvetica-Bold').fontSize(16).text(page.heading, 72, y, { lineBreak: false });
        y += 30;
      }
      pdf.font('Helvetica').fontSize(11);
      for (const line of page.lines) {
        if (line === '') {
          y += 10;
          continue;
        }
        pdf.text(line, 72, y, { lineBreak: false });
        y += 14;
      }
      pdf.fontSize(8).text(String(i + 1), 290, 800, { lineBreak: false });
    });
    pdf.end();
  });
}

export interface DocxSection {
  heading: string;
  paragraphs: string[];
}

/** A Word document with a Title paragraph and Heading 1 sections. */
export async function writeDocx(title: string, sections: DocxSection[]): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ text: title, heading: HeadingLevel.TITLE })];
  for (const section of sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const text of section.paragraphs) {
      // Bold and italic runs, as people write them: the reader sees only the words.
      const [first, ...rest] = text.split(' ');
      children.push(new Paragraph({ children: [new TextRun({ text: first ?? '', bold: true }), new TextRun({ text: ` ${rest.join(' ')}`, italics: rest.length % 2 === 0 })] }));
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** A page of a site: header, navigation, cookie banner, sidebar and footer around the article. */
export function sitePage(options: { title: string; canonical: string; articleHtml: string }): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${options.title} | Harbour Wiki</title>
<link rel="canonical" href="${options.canonical}"><style>.cookie-banner{position:fixed}</style>
<script>window.track = function () { return 'tracking lantern keepers'; };</script></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to remember your lantern preferences.</p><button>Accept all cookies</button></div>
<header class="site-header"><a href="/">Harbour Wiki</a><p>The wiki of lighthouse keepers and lantern makers</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/lanterns">Lanterns</a></li><li><a href="/keepers">Keepers</a></li></ul></nav>
<main><article>${options.articleHtml}</article>
<div class="share">Share this page about lanterns: <a href="#">Email</a></div></main>
<aside><h2>Related</h2><p>Other pages about lantern oil and keepers.</p></aside>
<footer><p>© 2026 Harbour Wiki. Lantern text under CC BY-SA.</p></footer>
<script>track();</script>
</body></html>`;
}

/** A page set in two columns (pdfkit's column layout), paragraphs flowing from the first column into the second. */
export function writeTwoColumnPdf(title: string, paragraphs: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 72 });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.font('Helvetica-Bold').fontSize(16).text(title);
    pdf.moveDown();
    pdf.font('Helvetica').fontSize(10).text(paragraphs.join('\n'), { columns: 2, columnGap: 20, height: 220, paragraphGap: 6 });
    pdf.end();
  });
}
