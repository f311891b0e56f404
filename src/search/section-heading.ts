/**
 * Headings that are the answer. On documentation sites a section is often named by what the reader
 * types: an option (`sequence.concurrent`, `fsModuleCache`), a flag (`--run`), a command
 * (`vitest doctor`). The section's text then says what it does without repeating the name, so an
 * excerpt of it answers "which option…?" only with its heading. Such a heading is shown as the
 * excerpt's first line when the excerpt opens the section; headings that are titles ("Environment
 * Variables") stay in the citation only.
 */
import { blockAt } from '../documents/citations.ts';
import type { DocumentBlock, SourceDocument } from '../documents/model.ts';
import { holdsTypedText } from './how-to.ts';

/** True when a heading names something typed: it holds a flag, identifier or path, or starts in lower case as names in code do. */
export function namesTypedThing(heading: string): boolean {
  const text = heading.trim();
  return /^\p{Ll}/u.test(text) || /^--?\p{L}/u.test(text) || holdsTypedText(text, 'heading');
}

/**
 * The heading of the section the block at `start` belongs to, when it names something typed;
 * undefined otherwise (or when the section has no heading block).
 */
export function typedHeadingBefore(document: SourceDocument, start: number): DocumentBlock | undefined {
  const block = blockAt(document, start);
  // Text before the first heading has no section to name it.
  if (!block || block.section < 0) return undefined;
  for (let position = document.blocks.indexOf(block) - 1; position >= 0; position -= 1) {
    const previous = document.blocks[position];
    if (!previous) return undefined;
    if (previous.kind === 'heading') return namesTypedThing(document.text.slice(previous.start, previous.end)) ? previous : undefined;
  }
  return undefined;
}
