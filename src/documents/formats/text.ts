/**
 * Plain text (`.txt`): paragraphs at blank lines, single line breaks read as hard wraps, a `# Title`
 * line as a heading, lines starting with `-`, `*`, `•` or `1.` as list items. Leading metadata
 * (front matter, `key: value` lines or an inline `date 2024-01-05`) is read, not answered from.
 */
import { parseFrontMatter, urlFromMetadata } from '../front-matter.ts';
import type { ParsedBlock, ParsedDocument } from '../model.ts';

const HEADING = /^[ \t]*(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+/;
const KNOWN_METADATA_KEYS = ['title', 'date', 'author', 'source', 'url', 'tags', 'published', 'updated'];

/**
 * Finds leading metadata and where the body starts: YAML front matter between `---` lines,
 * `key: value` lines of known keys, or an inline `date 2024-01-05` before the first sentence.
 */
export function parseMetadata(text: string): { metadata: Record<string, string>; bodyStart: number } {
  const frontMatter = /^\s*---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (frontMatter?.[1] !== undefined) return { metadata: parseFrontMatter(frontMatter[1]), bodyStart: frontMatter[0].length };
  const metadata: Record<string, string> = {};
  let offset = 0;
  const keys = KNOWN_METADATA_KEYS.join('|');
  const linePattern = new RegExp(`^[ \\t]*(${keys})[ \\t]*:[ \\t]*([^\\r\\n]+?)[ \\t]*(?:\\r?\\n|$)`, 'i');
  const inlineDate = /^\s*(date)[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)(?=\s)/i;
  for (;;) {
    const rest = text.slice(offset, offset + 400);
    const line = linePattern.exec(rest) ?? inlineDate.exec(rest);
    if (!line?.[1] || !line[2]) break;
    metadata[line[1].toLowerCase()] = line[2];
    offset += line[0].length;
  }
  while (offset < text.length && /\s/.test(text[offset] ?? '')) offset += 1;
  return { metadata, bodyStart: offset };
}

export function parseText(text: string): ParsedDocument {
  const { metadata, bodyStart } = parseMetadata(text);
  const blocks: ParsedBlock[] = [];
  const separator = /\r?\n[ \t]*\r?\n\s*/g;
  separator.lastIndex = bodyStart;
  let start = bodyStart;
  const addParagraph = (from: number, to: number) => {
    let lineStart = from;
    let current: { kind: 'paragraph' | 'list-item'; start: number; lines: string[] } | undefined;
    const flush = (end: number) => {
      if (current) blocks.push({ kind: current.kind, text: current.lines.join(' '), sourceStart: current.start, sourceEnd: end });
      current = undefined;
    };
    for (const line of text.slice(from, to).split('\n')) {
      const lineEnd = lineStart + line.length;
      const heading = current === undefined ? HEADING.exec(line) : null;
      const item = LIST_ITEM.exec(line);
      if (heading?.[1] && heading[2]) {
        blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2], sourceStart: lineStart, sourceEnd: lineEnd });
      } else if (item) {
        flush(lineStart - 1);
        current = { kind: 'list-item', start: lineStart, lines: [line.slice(item[0].length)] };
      } else if (current) {
        current.lines.push(line);
      } else {
        current = { kind: 'paragraph', start: lineStart, lines: [line] };
      }
      lineStart = lineEnd + 1;
    }
    flush(to);
  };
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    if (match.index > start) addParagraph(start, match.index);
    start = match.index + match[0].length;
  }
  if (start < text.length) addParagraph(start, text.length);
  const url = urlFromMetadata(metadata);
  return { format: 'text', blocks, metadata, ...(url ? { url } : {}) };
}
