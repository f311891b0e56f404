/**
 * The quality figures the CI floor (test/quality-floor.test.ts) keeps from sliding, measured in
 * process with the benchmark's own code: answer@1 and the share of on-topic questions declined on
 * a development set (benchmarks/project-run.ts, scored by benchmarks/protocol.ts), and the share of
 * other sets' questions it declines (benchmarks/off-topic.ts). Lexical mode, no model: the
 * figures are the same on every machine. No timings.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DevSet } from './dev-sets.ts';
import type { OffTopicSet } from './off-topic.ts';
import { runProject } from './project-run.ts';
import { parseQaFile, scoreRun, type QaItem } from './protocol.ts';

export interface SetQuality {
  answerAt1: number;
  onTopicDeclined: number;
  /** Share declined of each other set's (sampled) questions, by set name. */
  offTopicDeclined: Record<string, number>;
}

/** True when the set's documents and questions are on this machine (the shared sets may not be). */
export function isAvailable(set: DevSet): boolean {
  return existsSync(set.docsDir) && existsSync(set.qaFile);
}

export async function readQuestions(set: DevSet): Promise<QaItem[]> {
  return parseQaFile(JSON.parse(await readFile(set.qaFile, 'utf8')));
}

/** At most `most` items, evenly spaced through the list (the same ones every run). */
export function evenSample<T>(items: readonly T[], most: number): T[] {
  if (items.length <= most) return [...items];
  return Array.from({ length: most }, (_, i) => items[Math.floor((i * items.length) / most)]!);
}

/** Builds `set` in a temporary folder, asks its questions, then the other sets' questions. */
export async function measureSetQuality(set: DevSet, others: readonly OffTopicSet[]): Promise<SetQuality> {
  const items = await readQuestions(set);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docqa-quality-'));
  try {
    const run = await runProject({
      docsDir: set.docsDir,
      indexDir: path.join(tmp, 'index'),
      overrides: { embeddingModel: 'none' },
      env: { OFFLINE: 'true', LOG_LEVEL: 'error' },
      items,
      verbose: false,
      measureLoad: false,
      offTopic: [...others],
    });
    const score = scoreRun(items, run.results);
    return {
      answerAt1: score.answerAt1,
      onTopicDeclined: run.abstained / Math.max(1, items.length),
      offTopicDeclined: Object.fromEntries(run.offTopic.map((result) => [result.name, result.declined / Math.max(1, result.questions)])),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
