/** A synthetic corpus of about N megabytes (benchmarks/synthetic.ts), written once per size and seed into a folder. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCorpus, generateQuestions, writeCorpus } from '../synthetic.ts';

/** Synthetic paragraphs average about this many bytes (2-5 sentences of 8-18 words). */
const BYTES_PER_PASSAGE = 330;

export interface CorpusOnDisk {
  dir: string;
  bytes: number;
  passages: number;
  documents: number;
  questions: string[];
}

/** Writes (or reuses) a corpus of about `megabytes` MB in `dir`. */
export async function corpusOf(megabytes: number, dir: string, seed = 42): Promise<CorpusOnDisk> {
  const stamp = path.join(dir, '.corpus.json');
  if (existsSync(stamp)) {
    const saved = JSON.parse(readFileSync(stamp, 'utf8')) as CorpusOnDisk & { megabytes: number; seed: number };
    if (saved.megabytes === megabytes && saved.seed === seed) return saved;
  }
  const passages = Math.round((megabytes * 1_000_000) / BYTES_PER_PASSAGE);
  const corpus = generateCorpus({ passages, seed });
  const bytes = await writeCorpus(corpus, dir);
  const questions = generateQuestions(corpus, { count: 20, seed: seed + 1 }).map((question) => question.question);
  const result = { dir, bytes, passages, documents: corpus.documents.length, questions };
  writeFileSync(stamp, JSON.stringify({ ...result, megabytes, seed }));
  return result;
}
