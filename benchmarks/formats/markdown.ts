/**
 * Markdown as a documentation site keeps it: YAML front matter (title, url), the title as an ATX
 * heading, section headings, paragraphs hard-wrapped at 100 columns, a bold first mention of the
 * subject, some emphasis and links around words already in the text. Every character of the source
 * that Markdown would read as syntax is escaped, so a CommonMark/GFM reader shows the source's words.
 */
import { wrapText, type InlineRun, type SourceDocument } from './source.ts';

const WRAP_COLUMNS = 100;

/** A YAML double-quoted scalar: JSON's string syntax is valid YAML. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Escapes what CommonMark + GFM would take as inline syntax (emphasis, code, links, HTML, strikethrough, entities). */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<~]/g, (char) => `\\${char}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Escapes a paragraph's first character when a line starting with it would open a block (list, quote, heading). */
function escapeBlockStart(line: string): string {
  const match = /^(\d+)([.)])(\s|$)/.exec(line);
  if (match) return `${match[1]}\\${line.slice(match[1]!.length)}`;
  return /^([-+>#=]|\*(\s|$))/.test(line) ? `\\${line}` : line;
}

function renderRun(run: InlineRun): string {
  switch (run.kind) {
    case 'text':
      return escapeMarkdownInline(run.text);
    case 'strong':
      return `**${run.text}**`;
    case 'emphasis':
      return `*${run.text}*`;
    case 'link':
      return `[${run.text}](${run.href})`;
  }
}

export function toMarkdown(document: SourceDocument): string {
  const out: string[] = ['---', `title: ${yamlString(document.title)}`, `url: ${yamlString(document.url)}`, '---', '', `# ${escapeMarkdownInline(document.title)}`, ''];
  for (const block of document.blocks) {
    if (block.kind === 'heading') {
      out.push(`## ${escapeMarkdownInline(block.text)}`, '');
      continue;
    }
    const rendered = block.runs.map(renderRun).join('');
    // Lines of a multi-line block (metadata) stay lines: a hard break is two trailing spaces.
    const sourceLines = rendered.split('\n').map((line) => escapeBlockStart(line.trim()));
    const lines = sourceLines.map((line, i) => {
      const wrapped = wrapText(line, WRAP_COLUMNS).join('\n');
      return i < sourceLines.length - 1 ? `${wrapped}  ` : wrapped;
    });
    out.push(lines.join('\n'), '');
  }
  return out.join('\n');
}
