/**
 * `/summary` of all documents against `/ask` on a large corpus, through a project's own
 * `DocumentQa` (this checkout, or another such as the baseline): the index is built (or found
 * fresh) first, then each call is timed a few times.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { corpusOf } from './corpus.ts';

interface Qa {
  ask(question: string): Promise<{ answered: boolean }>;
  summarize(source?: string): Promise<{ sentences: unknown[] }>;
  close(): Promise<void>;
}

export interface SummaryVsAskResult {
  corpusBytes: number;
  openMs: number;
  summaryAllMs: number[];
  summaryOneMs: number[];
  askMs: number[];
}

export async function measureSummaryVsAsk(projectDir: string, megabytes: number, workDir: string, runs: number): Promise<SummaryVsAskResult> {
  const corpus = await corpusOf(megabytes, path.join(workDir, `corpus-${megabytes}mb`));
  const module = (await import(pathToFileURL(path.join(projectDir, 'src/service/document-qa.ts')).href)) as {
    DocumentQa: { open(config: unknown): Promise<Qa> };
  };
  const config = loadConfig({ docsDir: corpus.dir, indexDir: path.join(workDir, `index-${megabytes}mb-${path.basename(projectDir)}`) }, { env: { EMBEDDING_MODEL: 'none' } });
  const opened = performance.now();
  const qa = await module.DocumentQa.open(config);
  const openMs = Math.round(performance.now() - opened);
  const time = async (work: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await work();
    return Math.round(performance.now() - started);
  };
  const summaryAllMs: number[] = [];
  const summaryOneMs: number[] = [];
  const askMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    summaryAllMs.push(await time(() => qa.summarize()));
    summaryOneMs.push(await time(() => qa.summarize('doc-0001')));
    askMs.push(await time(() => qa.ask(corpus.questions[run % corpus.questions.length] ?? 'What is said?')));
  }
  await qa.close();
  return { corpusBytes: corpus.bytes, openMs, summaryAllMs, summaryOneMs, askMs };
}
