/**
 * Where each document, and each section within one, begins among an index's passages: one entry
 * per run of consecutive passages with the same document and section path. A question about a
 * title or a heading reads this table (thousands of entries) instead of every passage (hundreds of
 * thousands, each made from the index files on first access).
 */
import type { Passage } from '../documents/passages.ts';

export interface OutlineEntry {
  /** The first passage of the run. */
  passageIndex: number;
  source: string;
  /** The document's title. */
  title: string;
  /** The headings above the run's passages, outermost first (empty before the first heading). */
  section: readonly string[];
}

/** What the outline reads of passage `i`. */
export type OutlineFields = (passageIndex: number) => Pick<Passage, 'source' | 'title' | 'section'>;

const sectionKey = (section: readonly string[]): string => section.join('\u0000');

/** The outline of `count` passages whose fields `fieldsOf` gives. */
export function outlineOf(count: number, fieldsOf: OutlineFields): OutlineEntry[] {
  const outline: OutlineEntry[] = [];
  let previous: { source: string; section: string } | undefined;
  for (let passageIndex = 0; passageIndex < count; passageIndex += 1) {
    const { source, title, section } = fieldsOf(passageIndex);
    const key = sectionKey(section);
    if (previous && previous.source === source && previous.section === key) continue;
    previous = { source, section: key };
    outline.push({ passageIndex, source, title, section });
  }
  return outline;
}

/** The outline of passages already in memory. */
export function outlineOfPassages(passages: readonly Passage[]): OutlineEntry[] {
  return outlineOf(passages.length, (passageIndex) => passages[passageIndex] as Passage);
}
