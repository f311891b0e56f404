/**
 * A Word document as people write them: the title in the Heading 1 style, sections in Heading 2,
 * body paragraphs with bold, italic and hyperlinked words, a running header with the title and a
 * footer with the page number (both outside the body, as Word keeps them), and the title and URL in
 * the document's properties. Built with the `docx` package.
 */
import { AlignmentType, Document, ExternalHyperlink, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { InlineRun, SourceDocument } from './source.ts';

/** Text runs for one source run; a line break inside a block (metadata lines) stays a break. */
function textRuns(text: string, style: { bold?: boolean; italics?: boolean; link?: boolean }): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), bold: style.bold, italics: style.italics, ...(style.link ? { style: 'Hyperlink' } : {}) }),
  );
}

function renderRun(run: InlineRun): Array<TextRun | ExternalHyperlink> {
  switch (run.kind) {
    case 'text':
      return textRuns(run.text, {});
    case 'strong':
      return textRuns(run.text, { bold: true });
    case 'emphasis':
      return textRuns(run.text, { italics: true });
    case 'link':
      return [new ExternalHyperlink({ link: run.href, children: textRuns(run.text, { link: true }) })];
  }
}

export async function toDocx(document: SourceDocument): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(document.title)] })];
  for (const block of document.blocks) {
    if (block.kind === 'heading') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(block.text)] }));
    else children.push(new Paragraph({ children: block.runs.flatMap(renderRun), spacing: { after: 160 } }));
  }
  const doc = new Document({
    title: document.title,
    description: document.url,
    creator: 'benchmarks/formats/convert.ts',
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: document.title, italics: true })] })] }) },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
