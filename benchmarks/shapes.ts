/**
 * Document shapes for the scale benchmark (`npm run bench -- --shapes prose:10,list:10,abbreviations:3`):
 * one file of the given size in MiB per shape, each indexed on its own (lexical mode, in its own
 * child process with a time limit), so that the time to index one large file of any shape is
 * measured, not assumed.
 *
 * - `prose`: a `.txt` file, `# Title` then paragraphs of 2-6 sentences separated by blank lines.
 * - `list`: a `.md` file, `# Title` then one list with nested items and no blank line anywhere
 *   (one block of the whole size: the shape that defeats a splitter that is superlinear in the
 *   length of a block).
 * - `abbreviations`: a `.txt` file of paragraphs one per line without blank lines (as exported
 *   from a word processor), every sentence full of titles, initials, acronyms, times, "No. 5",
 *   "Jan. 5" and "Inc.".
 *
 * The words come from the synthetic corpus's seeded Zipf vocabulary, so the same seed gives the
 * same files everywhere.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildVocabulary, createRandom, createZipfSampler } from './synthetic.ts';

export const SHAPES = ['prose', 'list', 'abbreviations'] as const;
export type Shape = (typeof SHAPES)[number];

export interface ShapeRequest {
  shape: Shape;
  /** Size of the file, in MiB (may be fractional). */
  mebibytes: number;
}

export class ShapeSpecError extends Error {}

/** Parses `prose:10,list:10,abbreviations:3`. */
export function parseShapes(value: string): ShapeRequest[] {
  return value.split(',').map((part) => {
    const [name, size] = part.trim().split(':');
    const shape = SHAPES.find((known) => known === name);
    const mebibytes = Number(size);
    if (!shape) throw new ShapeSpecError(`--shapes: unknown shape "${name ?? ''}" (${SHAPES.join(', ')})`);
    if (!Number.isFinite(mebibytes) || mebibytes <= 0) throw new ShapeSpecError(`--shapes: "${part}" needs a size in MiB, e.g. ${shape}:10`);
    return { shape, mebibytes };
  });
}

/** Pieces an abbreviation-heavy sentence is made of; `{w}` is a random word, `{W}` a capitalised one, `{n}` a number. */
const ABBREVIATION_PIECES = [
  'Mr. {W} {W}', 'Dr. {W}', 'Mrs. {W}', 'Prof. {W} {W}', 'St. {W}', '{W} J. {W}', 'J. R. {W}', 'the U.S. {W}',
  'the U.S. {w}', 'at {n} p.m. {W}', 'at {n} a.m. on {W}', 'e.g. {w} {w}', 'i.e. {W} {w}', 'No. {n}', 'Jan. {n}',
  'Sept. {n}', '{W} Inc. {W}', '{W} Corp. {w}', 'Gen. {W}', 'U.K. {w}', 'vs. {W}', 'etc. {w}',
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The text of one shape, at most `bytes` long and within a sentence of it (UTF-8; the words are ASCII). */
export function generateShape(shape: Shape, bytes: number, options: { seed?: number; words?: readonly string[] } = {}): string {
  const random = createRandom(options.seed ?? 42);
  const vocabulary = buildVocabulary(3500, random, options.words);
  const nextRank = createZipfSampler(vocabulary.length, random);
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const word = (): string => vocabulary[nextRank()]!;
  const plainSentence = (): string => {
    const words = Array.from({ length: between(8, 18) }, word);
    return `${capitalise(words.join(' '))}.`;
  };
  const abbreviationSentence = (): string => {
    const parts: string[] = [];
    for (let piece = between(2, 4); piece > 0; piece -= 1) {
      parts.push(Array.from({ length: between(2, 5) }, word).join(' '));
      parts.push(
        ABBREVIATION_PIECES[between(0, ABBREVIATION_PIECES.length - 1)]!
          .replace(/\{w\}/g, word)
          .replace(/\{W\}/g, () => capitalise(word()))
          .replace(/\{n\}/g, () => String(between(1, 12))),
      );
    }
    return `${capitalise(parts.join(' '))}.`;
  };

  const chunks: string[] = [`# A synthetic ${shape} document\n\n`];
  let length = chunks[0]!.length;
  // Stops before the chunk that would pass `bytes`: a file of "10 MiB" stays within a 10 MiB limit.
  let full = false;
  const push = (chunk: string): void => {
    if (length + chunk.length > bytes) full = true;
    else {
      chunks.push(chunk);
      length += chunk.length;
    }
  };
  while (!full) {
    if (shape === 'prose') {
      push(`${Array.from({ length: between(2, 6) }, plainSentence).join(' ')}\n\n`);
    } else if (shape === 'list') {
      const depth = random() < 0.3 ? 1 : 0;
      push(`${'  '.repeat(depth)}- ${Array.from({ length: between(1, 2) }, plainSentence).join(' ')}\n`);
    } else {
      push(`${Array.from({ length: between(3, 8) }, abbreviationSentence).join(' ')}\n`);
    }
  }
  return chunks.join('');
}

/** Writes the shape's file into `dir` (created if missing); returns its path and size in bytes. */
export async function writeShape(request: ShapeRequest, dir: string, options: { seed?: number; words?: readonly string[] } = {}): Promise<{ file: string; bytes: number }> {
  const text = generateShape(request.shape, Math.round(request.mebibytes * 1024 * 1024), options);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${request.shape}.${request.shape === 'list' ? 'md' : 'txt'}`);
  await writeFile(file, text, 'utf8');
  return { file, bytes: Buffer.byteLength(text) };
}
