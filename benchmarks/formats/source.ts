/**
 * The plain-text development sets (`# Title` first line, blocks between blank lines) as a small
 * document model that every format writer shares: the title, the blocks in order, and for each
 * paragraph the inline runs to mark up (strong, emphasis, link). The runs only ever wrap words that
 * are already in the text, so every format shows a reader exactly the source's words.
 *
 * Which words are marked is decided by a hash of the document and paragraph, not by chance, so two
 * conversions of the same set are byte for byte the same apart from tool timestamps.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A span of a paragraph's text, as a format writer should render it. */
export type InlineRun =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'emphasis'; text: string }
  | { kind: 'link'; text: string; href: string };

export type SourceBlock =
  | { kind: 'heading'; text: string }
  /** `text` keeps the source's line breaks inside a block (metadata lines); writers keep them as breaks. */
  | { kind: 'paragraph'; text: string; runs: InlineRun[] };

export interface SourceDocument {
  /** File name without its extension: every format keeps it, so qa.json's `document` still matches. */
  base: string;
  /** The source file's name (`Normans.txt`). */
  fileName: string;
  title: string;
  /** The page the document stands for: the first URL line in the text, else one made from the title. */
  url: string;
  blocks: SourceBlock[];
}

/** What the conversion decorates, with the defaults used by `bench:convert`. */
export interface DecorationOptions {
  /** Base of the made-up page address when the text names none. Default `https://wiki.example.org/wiki/`. */
  siteBase: string;
  /** One paragraph in this many gets an emphasised word. Default 3. */
  emphasisEvery: number;
  /** One paragraph in this many gets a link around a capitalised word. Default 2. */
  linkEvery: number;
}

export const DEFAULT_DECORATION: DecorationOptions = {
  siteBase: 'https://wiki.example.org/wiki/',
  emphasisEvery: 3,
  linkEvery: 2,
};

/** FNV-1a: a small stable hash, so the markup chosen for a paragraph never changes between runs. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const URL_LINE = /^https?:\/\/\S+$/;

/**
 * A block that reads as a section heading: one short line, capitalised, no sentence punctuation at
 * its end and no colon (metadata lines such as `Date: 2014-05-14` are not headings).
 */
export function looksLikeHeading(block: string): boolean {
  if (block.includes('\n') || block.length > 80 || block.includes(':')) return false;
  if (!/^\p{Lu}/u.test(block) || /[.,;!?)\]]$/.test(block)) return false;
  const words = block.split(/\s+/);
  return words.length <= 8 && !URL_LINE.test(block);
}

/** Word tokens a writer may wrap in markup: letters only, so no format needs to escape inside them. */
const WORD = /(?<![\p{L}\p{N}_'’-])\p{L}[\p{L}]{3,}(?![\p{L}\p{N}_'’-])/gu;
const CAPITALISED = /(?<![\p{L}\p{N}_'’-])\p{Lu}\p{Ll}{3,}(?: \p{Lu}\p{Ll}{2,})?(?![\p{L}\p{N}_'’-])/gu;

function pick<T>(items: readonly T[], seed: number): T | undefined {
  return items.length === 0 ? undefined : items[seed % items.length];
}

/** Splits a paragraph into runs, wrapping at most one title mention, one emphasised word and one link. */
export function decorate(text: string, title: string, seed: number, options: DecorationOptions, first: boolean): InlineRun[] {
  interface Mark {
    start: number;
    end: number;
    run: InlineRun;
  }
  const marks: Mark[] = [];
  const free = (start: number, end: number): boolean => marks.every((m) => end <= m.start || start >= m.end);
  // Encyclopedia style: the subject in bold at its first mention in the opening paragraph.
  if (first) {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = title.length === 0 ? -1 : text.search(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u'));
    if (at >= 0) marks.push({ start: at, end: at + title.length, run: { kind: 'strong', text: title } });
  }
  if (seed % options.emphasisEvery === 0) {
    const words = [...text.matchAll(WORD)];
    const word = pick(words, seed >>> 3);
    if (word !== undefined && free(word.index, word.index + word[0].length)) {
      marks.push({ start: word.index, end: word.index + word[0].length, run: { kind: 'emphasis', text: word[0] } });
    }
  }
  if ((seed >>> 7) % options.linkEvery === 0) {
    const names = [...text.matchAll(CAPITALISED)];
    const name = pick(names, seed >>> 11);
    if (name !== undefined && free(name.index, name.index + name[0].length)) {
      const href = `${options.siteBase}${encodeURIComponent(name[0].replace(/ /g, '_'))}`;
      marks.push({ start: name.index, end: name.index + name[0].length, run: { kind: 'link', text: name[0], href } });
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const runs: InlineRun[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start > at) runs.push({ kind: 'text', text: text.slice(at, mark.start) });
    runs.push(mark.run);
    at = mark.end;
  }
  if (at < text.length) runs.push({ kind: 'text', text: text.slice(at) });
  return runs;
}

/** Parses one plain-text document of a development set. */
export function parseSourceText(fileName: string, content: string, options: DecorationOptions = DEFAULT_DECORATION): SourceDocument {
  const base = fileName.replace(/\.[^.]+$/, '');
  const blocks = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  let title = base.replace(/_+/g, ' ');
  if (blocks.length > 0 && /^#\s+[^\n]*$/.test(blocks[0]!)) title = blocks.shift()!.replace(/^#\s+/, '').trim();
  const urlLine = blocks.find((block) => URL_LINE.test(block));
  const url = urlLine ?? `${options.siteBase}${encodeURIComponent(title.replace(/ /g, '_'))}`;
  let firstParagraph = true;
  const model: SourceBlock[] = blocks.map((text, i) => {
    if (looksLikeHeading(text)) return { kind: 'heading', text };
    const runs = decorate(text, title, stableHash(`${base}\u0000${i}`), options, firstParagraph);
    firstParagraph = false;
    return { kind: 'paragraph', text, runs };
  });
  return { base, fileName, title, url, blocks: model };
}

/** Reads every `.txt` file of a folder (sorted, not recursive: the sets are flat). */
export async function readSourceSet(dir: string, options: DecorationOptions = DEFAULT_DECORATION): Promise<SourceDocument[]> {
  const names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
  const documents: SourceDocument[] = [];
  for (const name of names) documents.push(parseSourceText(name, await readFile(path.join(dir, name), 'utf8'), options));
  return documents;
}

/**
 * Breaks text into lines of at most `width` characters at spaces, never starting a line with a
 * token that a line-based format would read as markup (`-`, `+`, `*`, `>`, `#`, `|`, `1.`).
 */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((sourceLine) => wrapLine(sourceLine, width));
}

function wrapLine(text: string, width: number): string[] {
  const words = text.split(/[ \t]+/).filter((word) => word.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const unsafeStart = /^([-+*>#|=`~]|\d+[.)])/.test(word);
    if (line.length > 0 && line.length + 1 + word.length > width && !unsafeStart) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
