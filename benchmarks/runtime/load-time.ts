/**
 * Index load time: builds a lexical index of a synthetic corpus of N passages, then loads it from
 * disk several times (checksums verified, as every load does) and reports the times and file sizes.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { loadIndex } from '../../src/index/index-store.ts';
import { DocumentQa } from '../../src/service/document-qa.ts';
import { corpusOf } from './corpus.ts';

export interface LoadTimeResult {
  passages: number;
  corpusBytes: number;
  indexBytes: Record<string, number>;
  buildMs: number;
  loadMs: number[];
  /** CPU time (user + system, all threads) of each load: less sensitive than wall time to a busy machine. */
  loadCpuMs: number[];
  firstAskAfterLoadMs: number;
}

export async function measureLoadTime(passages: number, workDir: string, runs: number): Promise<LoadTimeResult> {
  const corpus = await corpusOf((passages * 330) / 1_000_000, path.join(workDir, `corpus-${passages}`));
  const indexDir = path.join(workDir, `index-${passages}`);
  const config = loadConfig({ docsDir: corpus.dir, indexDir }, { env: { EMBEDDING_MODEL: 'none' } });
  const started = performance.now();
  const qa = await DocumentQa.open(config);
  const buildMs = performance.now() - started;
  await qa.close();

  const loadMs: number[] = [];
  const loadCpuMs: number[] = [];
  let firstAskAfterLoadMs = 0;
  for (let run = 0; run < runs; run += 1) {
    const begin = performance.now();
    const cpu = process.cpuUsage();
    const index = await loadIndex(indexDir);
    loadMs.push(Math.round(performance.now() - begin));
    const used = process.cpuUsage(cpu);
    loadCpuMs.push(Math.round((used.user + used.system) / 1000));
    if (run === 0) {
      const { answerQuestion } = await import('../../src/search/answer.ts');
      const askBegin = performance.now();
      answerQuestion(index, corpus.questions[0] ?? 'What is said?', null);
      firstAskAfterLoadMs = Math.round(performance.now() - askBegin);
    }
  }
  const current = (await loadIndex(indexDir)).folder;
  const indexBytes: Record<string, number> = {};
  for (const name of readdirSync(current)) indexBytes[name] = statSync(path.join(current, name)).size;
  return { passages: (await loadIndex(indexDir)).passages.length, corpusBytes: corpus.bytes, indexBytes, buildMs: Math.round(buildMs), loadMs, loadCpuMs, firstAskAfterLoadMs };
}
