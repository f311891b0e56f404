/**
 * A deterministic synthetic corpus for scale benchmarks: N passages as documents of 20 paragraphs
 * each, sentences drawn from a vocabulary of a few thousand words with a Zipf-like (Zipf–Mandelbrot)
 * frequency distribution whose head is real English function words, so stop words, rare words and
 * document-frequency spread look roughly like English text (the words themselves are shuffled
 * English words, so the text is word salad, not prose). Questions are drawn from passages: the
 * rarest words of one sentence, and as accepted answer three consecutive words of that sentence.
 *
 * Everything comes from a seeded generator (mulberry32): the same seed gives the same corpus and
 * questions on every machine.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from '../scripts/tiny-model.ts';
import { splitParagraphs } from './peers.ts';

/** A seeded pseudo-random generator (mulberry32, shared with the tiny model): floats in [0, 1). */
export const createRandom = seededRandom;

function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** The most frequent words, in rank order, as in English text. */
const FUNCTION_WORDS = (
  'the of and to a in is that for it as was with be by on not he this are or his from at which but ' +
  'have an they you were her she there been one all we their has would when if so no will more its ' +
  'who can also into than them only other some these our after most over such any between'
).split(' ');

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr', 'pl', 'gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'nd', 'st'];

/**
 * `size` distinct words in rank order: the function words first, then `sourceWords` (lower-case
 * letters only, in a seeded shuffle so rank is not alphabetical), then pronounceable made-up words
 * if more are needed.
 */
export function buildVocabulary(size: number, random: () => number, sourceWords: readonly string[] = []): string[] {
  const words = FUNCTION_WORDS.slice(0, size);
  const seen = new Set(words);
  const pool = [...new Set(sourceWords.filter((word) => /^[a-z]+$/.test(word) && !seen.has(word)))];
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  for (const word of pool) {
    if (words.length >= size) break;
    seen.add(word);
    words.push(word);
  }
  while (words.length < size) {
    const syllables = randomInt(random, 2, 4);
    let word = '';
    for (let s = 0; s < syllables; s += 1) {
      word += ONSETS[randomInt(random, 0, ONSETS.length - 1)]! + VOWELS[randomInt(random, 0, VOWELS.length - 1)]!;
      if (s === syllables - 1) word += CODAS[randomInt(random, 0, CODAS.length - 1)]!;
    }
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Draws word ranks with probability proportional to 1 / (rank + q)^s (Zipf–Mandelbrot). */
export function createZipfSampler(size: number, random: () => number, s = 1.05, q = 2.7): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 1 + q) ** s;
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface SyntheticDocument {
  /** File name, e.g. `doc-00001.txt`. */
  name: string;
  /** `# Title`, a blank line, then paragraphs separated by blank lines. */
  text: string;
}

export interface SyntheticCorpus {
  seed: number;
  passages: number;
  vocabulary: string[];
  documents: SyntheticDocument[];
}

export interface CorpusOptions {
  /** Number of passages (paragraphs) in all. */
  passages: number;
  seed?: number;
  /** Default 20. */
  paragraphsPerDocument?: number;
  /** Default 3500. */
  vocabularySize?: number;
  /**
   * Real words to draw the vocabulary from (the bench passes the tiny test model's word list, so
   * its tokenizer knows them and the dense mode embeds words, not `[UNK]`). Made-up words fill in.
   */
  words?: readonly string[];
}

export function generateCorpus(options: CorpusOptions): SyntheticCorpus {
  const seed = options.seed ?? 42;
  const perDocument = options.paragraphsPerDocument ?? 20;
  const random = createRandom(seed);
  const vocabulary = buildVocabulary(options.vocabularySize ?? 3500, random, options.words);
  const nextRank = createZipfSampler(vocabulary.length, random);
  const sentence = (): string => {
    const length = randomInt(random, 8, 18);
    const words: string[] = [];
    for (let i = 0; i < length; i += 1) words.push(vocabulary[nextRank()]!);
    const first = words[0]!;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${words.join(' ')}.`;
  };
  const documents: SyntheticDocument[] = [];
  const width = String(Math.ceil(options.passages / perDocument)).length;
  for (let made = 0, d = 1; made < options.passages; d += 1) {
    const count = Math.min(perDocument, options.passages - made);
    const paragraphs: string[] = [];
    for (let p = 0; p < count; p += 1) {
      const sentences: string[] = [];
      const n = randomInt(random, 2, 5);
      for (let s = 0; s < n; s += 1) sentences.push(sentence());
      paragraphs.push(sentences.join(' '));
    }
    const title = `Document ${d}: ${vocabulary[randomInt(random, 100, vocabulary.length - 1)]}`;
    documents.push({ name: `doc-${String(d).padStart(width, '0')}.txt`, text: `# ${title}\n\n${paragraphs.join('\n\n')}\n` });
    made += count;
  }
  return { seed, passages: options.passages, vocabulary, documents };
}

export interface SyntheticQuestion {
  question: string;
  /** One accepted answer: three consecutive words of the sentence the question was drawn from. */
  answers: string[];
  document: string;
  /** 1-based paragraph (after the title) the question was drawn from. */
  paragraph: number;
}

/**
 * `count` questions, each from a random passage: the four rarest words of one of its sentences
 * (outside the answer phrase), asked as "What is said about w1 w2 w3 w4?".
 */
export function generateQuestions(corpus: SyntheticCorpus, options: { count: number; seed?: number }): SyntheticQuestion[] {
  const random = createRandom(options.seed ?? corpus.seed + 1);
  const rankOf = new Map(corpus.vocabulary.map((word, rank) => [word, rank]));
  const questions: SyntheticQuestion[] = [];
  while (questions.length < options.count) {
    const doc = corpus.documents[randomInt(random, 0, corpus.documents.length - 1)]!;
    const paragraphs = splitParagraphs(doc.name, doc.text);
    const paragraph = paragraphs[randomInt(random, 0, paragraphs.length - 1)]!;
    const sentences = paragraph.text.split(/(?<=\.)\s+/);
    const words = sentences[randomInt(random, 0, sentences.length - 1)]!.replace(/\.$/, '').toLowerCase().split(' ');
    const start = randomInt(random, 0, words.length - 3);
    const answer = words.slice(start, start + 3).join(' ');
    const rest = [...new Set(words.filter((_, i) => i < start || i >= start + 3))];
    rest.sort((a, b) => (rankOf.get(b) ?? 0) - (rankOf.get(a) ?? 0));
    const asked = rest.slice(0, 4);
    if (asked.length < 2) continue;
    questions.push({
      question: `What is said about ${asked.join(' ')}?`,
      answers: [answer],
      document: doc.name,
      paragraph: paragraph.paragraph,
    });
  }
  return questions;
}

/** Writes the corpus as .txt files into `dir` (created if missing); returns the bytes written. */
export async function writeCorpus(corpus: SyntheticCorpus, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const doc of corpus.documents) {
    await writeFile(path.join(dir, doc.name), doc.text, 'utf8');
    bytes += Buffer.byteLength(doc.text);
  }
  return bytes;
}
