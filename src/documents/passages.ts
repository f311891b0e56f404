/**
 * Splits a document into passages: a few consecutive sentences of one paragraph, never crossing
 * paragraphs or documents, each with offsets that map back to the document's text exactly.
 */
import type { SourceDocument } from './load-documents.ts';
import { splitSentences, type SentenceSpan } from './sentences.ts';

export interface Passage {
  /** Stable while the document's text is unchanged: `source#paragraph.part`. */
  id: string;
  source: string;
  title: string;
  /** The nearest Markdown heading above the passage, if any (titles and headings are search context). */
  heading: string | undefined;
  /** 1-based paragraph number in the document, headings not counted. */
  paragraph: number;
  /** `document.text.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  /** Sentences of the passage, with offsets in the document's text. */
  sentences: SentenceSpan[];
}

export interface SplitOptions {
  /** A passage grows sentence by sentence until it would pass this many characters. Default: 500. */
  targetChars?: number;
}

const HEADING = /^[ \t]*(#{1,6})[ \t]+(.+?)[ \t#]*$/;
/** The start of a list item line ("- ", "* ", "1. "): a line break before one is not a hard wrap. */
const LIST_ITEM_START = String.raw`[ \t]*(?:[-*+•]|\d+[.)])[ \t]+`;
const HARD_WRAP = new RegExp(String.raw`\r?\n(?!${LIST_ITEM_START})`, 'g');

interface Block {
  start: number;
  end: number;
}

/** Blocks of text separated by blank lines, as offsets into `text` from `from`. */
function blocks(text: string, from: number): Block[] {
  const result: Block[] = [];
  const separator = /\r?\n[ \t]*\r?\n\s*/g;
  separator.lastIndex = from;
  let start = from;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    if (match.index > start) result.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) result.push({ start, end: text.length });
  return result;
}

/**
 * Sentences of a block. Single line breaks inside a paragraph are hard wraps, not sentence ends,
 * so they are read as spaces (same length, so offsets hold); a line that starts a list item stays a break.
 */
function sentencesOf(text: string, block: Block): SentenceSpan[] {
  const slice = text.slice(block.start, block.end);
  const unwrapped = slice.replace(HARD_WRAP, (newline) => ' '.repeat(newline.length));
  return splitSentences(unwrapped).map((span) => ({ start: block.start + span.start, end: block.start + span.end }));
}

export function splitPassages(document: SourceDocument, options: SplitOptions = {}): Passage[] {
  const targetChars = options.targetChars ?? 500;
  const { text } = document;
  const passages: Passage[] = [];
  let heading: string | undefined;
  let paragraph = 0;

  for (const block of blocks(text, document.bodyStart)) {
    // A heading line starts the block: it names what follows and is not itself an answer.
    let body = block;
    const firstLineEnd = text.indexOf('\n', block.start);
    const firstLine = text.slice(block.start, firstLineEnd === -1 || firstLineEnd > block.end ? block.end : firstLineEnd);
    const headingMatch = HEADING.exec(firstLine);
    if (headingMatch?.[2]) {
      heading = headingMatch[2].trim();
      const rest = block.start + firstLine.length;
      body = { start: rest, end: block.end };
      while (body.start < body.end && /\s/.test(text[body.start] ?? '')) body.start += 1;
      if (body.start >= body.end) continue;
    }
    if (text.slice(body.start, body.end).trim().length === 0) continue;
    paragraph += 1;
    const sentences = sentencesOf(text, body);
    let group: SentenceSpan[] = [];
    let part = 0;
    const flush = () => {
      const first = group[0];
      const last = group[group.length - 1];
      if (!first || !last) return;
      part += 1;
      passages.push({
        id: `${document.source}#${paragraph}.${part}`,
        source: document.source,
        title: document.title,
        heading,
        paragraph,
        start: first.start,
        end: last.end,
        text: text.slice(first.start, last.end),
        sentences: group,
      });
      group = [];
    };
    for (const sentence of sentences) {
      const first = group[0];
      if (first && sentence.end - first.start > targetChars) flush();
      group.push(sentence);
    }
    flush();
  }
  return passages;
}
