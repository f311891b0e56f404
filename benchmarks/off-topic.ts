/**
 * Abstention across corpora: questions written about other documents, asked of this corpus, should
 * be declined. `npm run bench -- --docs DIR --qa FILE --off-topic OTHER_QA[,OTHER_QA...]` asks each
 * other set's questions of DIR and reports the share declined beside the share of DIR's own
 * (on-topic) questions declined: declining more of the first is only worth it when the second stays low.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../src/search/types.ts';
import { parseQaFile, type QaItem } from './protocol.ts';

/** Questions about other documents, named after their file. */
export interface OffTopicSet {
  name: string;
  items: QaItem[];
}

export interface OffTopicResult {
  name: string;
  questions: number;
  /** Questions declined (no excerpt shown): a count. */
  declined: number;
}

/** A set's name: the folder of a `qa.json`, else the file name without extension. */
export function offTopicSetName(qaFile: string): string {
  const base = path.basename(qaFile, path.extname(qaFile));
  return base === 'qa' ? path.basename(path.dirname(qaFile)) : base;
}

/** Reads the question files of `--off-topic` (comma-separated paths). */
export async function loadOffTopicSets(files: readonly string[]): Promise<OffTopicSet[]> {
  return Promise.all(
    files.map(async (file) => ({ name: offTopicSetName(file), items: parseQaFile(JSON.parse(await readFile(path.resolve(file), 'utf8'))) })),
  );
}

/** Asks every question of every set; a question that cannot be asked (an error) shows nothing, so it counts as declined. */
export async function askOffTopic(ask: (question: string) => Promise<Answer>, sets: readonly OffTopicSet[]): Promise<OffTopicResult[]> {
  const results: OffTopicResult[] = [];
  for (const set of sets) {
    let declined = 0;
    for (const item of set.items) {
      const answer = await ask(item.question).catch(() => null);
      if (answer === null || !answer.answered) declined += 1;
    }
    results.push({ name: set.name, questions: set.items.length, declined });
  }
  return results;
}

/** The share declined over all sets (0..1), and per set; null when no off-topic question was asked. */
export function summarizeOffTopic(results: readonly OffTopicResult[]): {
  questions: number;
  declined: number;
  sets: { name: string; questions: number; declined: number }[];
} | null {
  const questions = results.reduce((sum, result) => sum + result.questions, 0);
  if (questions === 0) return null;
  const declined = results.reduce((sum, result) => sum + result.declined, 0);
  return {
    questions,
    declined: declined / questions,
    sets: results.map((result) => ({ name: result.name, questions: result.questions, declined: result.questions > 0 ? result.declined / result.questions : 0 })),
  };
}
