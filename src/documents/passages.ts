/**
 * Splits a document into passages along its structure: never across a heading, a list kept with
 * the sentence that introduces it, a code block whole and with its lead-in sentence. Each passage
 * carries its section path as search context and offsets that map back to the document's text.
 */
import type { DocumentBlock, SourceDocument } from './model.ts';
import { splitSentences, type SentenceSpan } from './sentences.ts';

/** Joins the headings of a section path in citations and search context. */
export const SECTION_SEPARATOR = ' › ';

export interface Passage {
  /** Stable while the document's text is unchanged: `source#paragraph.part`. */
  id: string;
  source: string;
  title: string;
  /** The section path joined with ` › ` ("Slash commands › Response methods"), if under a heading: search context. */
  heading: string | undefined;
  /** The headings above the passage, outermost first, without the document title. Empty before the first heading. */
  section: string[];
  /** 1-based number of the passage's unit in the document (a paragraph with its list or code); headings not counted. */
  paragraph: number;
  /** 1-based page of the passage's first block (PDF). */
  page?: number;
  /** `document.text.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  /** Sentences of the passage, with offsets in the document's text. A code block or table row is one sentence. */
  sentences: SentenceSpan[];
}

export interface SplitOptions {
  /** A passage grows sentence by sentence until it would pass this many characters. Default: 500. */
  targetChars?: number;
}

/** What a sentence span is made of: text to read, or a block that is never cut (code, a table row). */
interface Piece extends SentenceSpan {
  /** Starts a list, code block or table that the previous sentence introduces. */
  introduced: boolean;
}

/** Blocks that belong with the text just before them, and which previous blocks can lead into them. */
function joinsPrevious(block: DocumentBlock, previous: DocumentBlock | undefined): boolean {
  if (!previous || previous.section !== block.section || previous.kind === 'heading') return false;
  switch (block.kind) {
    case 'list-item':
      return previous.kind === 'paragraph' || previous.kind === 'list-item';
    case 'code':
      return previous.kind === 'paragraph' || previous.kind === 'list-item';
    case 'table-row':
      return previous.kind === 'paragraph' || previous.kind === 'table-row';
    default:
      return false;
  }
}

function piecesOf(document: SourceDocument, block: DocumentBlock, introduced: boolean): Piece[] {
  if (block.kind === 'code' || block.kind === 'table-row') return [{ start: block.start, end: block.end, introduced }];
  return splitSentences(document.text.slice(block.start, block.end)).map((span, i) => ({
    start: block.start + span.start,
    end: block.start + span.end,
    introduced: introduced && i === 0,
  }));
}

/** The units of a document: runs of blocks read together (a paragraph with the list or code it introduces). */
function units(document: SourceDocument): DocumentBlock[][] {
  const result: DocumentBlock[][] = [];
  let previous: DocumentBlock | undefined;
  for (const block of document.blocks) {
    if (block.end <= document.bodyStart) {
      previous = block;
      continue;
    }
    if (block.kind !== 'heading') {
      const current = result[result.length - 1];
      if (current && joinsPrevious(block, previous)) current.push(block);
      else result.push([block]);
    }
    previous = block;
  }
  return result;
}

export function splitPassages(document: SourceDocument, options: SplitOptions = {}): Passage[] {
  const targetChars = options.targetChars ?? 500;
  const { text } = document;
  const passages: Passage[] = [];
  let paragraph = 0;
  for (const unit of units(document)) {
    const first = unit[0];
    if (!first) continue;
    const pieces: Piece[] = [];
    unit.forEach((block, i) => {
      const previous = unit[i - 1];
      const startsRun = previous !== undefined && previous.kind !== block.kind;
      pieces.push(...piecesOf(document, block, startsRun));
    });
    if (pieces.length === 0) continue;
    paragraph += 1;
    const section = document.sections[first.section]?.path ?? [];
    let group: Piece[] = [];
    let part = 0;
    const flush = (keep: Piece[]) => {
      const head = group[0];
      const last = group[group.length - 1];
      if (head && last) {
        part += 1;
        passages.push({
          id: `${document.source}#${paragraph}.${part}`,
          source: document.source,
          title: document.title,
          heading: section.length > 0 ? section.join(SECTION_SEPARATOR) : undefined,
          section,
          paragraph,
          ...(first.page !== undefined ? { page: pageAt(unit, head.start) } : {}),
          start: head.start,
          end: last.end,
          text: text.slice(head.start, last.end),
          sentences: group.map(({ start, end }) => ({ start, end })),
        });
      }
      group = keep;
    };
    for (const piece of pieces) {
      const head = group[0];
      if (head && piece.end - head.start > targetChars) {
        // The sentence that introduces a list or a code block moves on with it.
        const leadIn = piece.introduced && group.length > 1 ? group.slice(-1) : [];
        if (leadIn.length > 0) group = group.slice(0, -1);
        flush(leadIn);
      }
      group.push(piece);
    }
    flush([]);
  }
  return passages;
}

function pageAt(unit: readonly DocumentBlock[], offset: number): number | undefined {
  let page = unit[0]?.page;
  for (const block of unit) if (block.start <= offset && block.page !== undefined) page = block.page;
  return page;
}
