/**
 * Runs the project itself on a documents folder: builds the index through `DocumentQa.open` (the
 * bot's own entry into the core) into a fresh index folder, asks every question with `qa.ask`,
 * and measures build time, per-question latency, index size on disk and peak memory.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { loadConfig, type AppConfig, type ConfigOverrides } from '../src/config.ts';
import { createLogger } from '../src/logging.ts';
import type { Answer } from '../src/search/types.ts';
import type { DocumentQa as DocumentQaClass, ReindexProgress } from '../src/service/document-qa.ts';
import { directoryBytes, RssSampler } from './machine.ts';
import { askOffTopic, type OffTopicResult, type OffTopicSet } from './off-topic.ts';
import { firstHitRank, type QaItem, type QuestionResult } from './protocol.ts';
import { isVerbatim, prepareDocument, type VerbatimDocument } from './verbatim.ts';

export interface ProjectRunSpec {
  docsDir: string;
  indexDir: string;
  /** Flags-level settings: the model and where models live. */
  overrides: ConfigOverrides;
  /** The whole environment the config sees (everything not here stays at its default). */
  env: Record<string, string>;
  items: QaItem[];
  verbose: boolean;
  /** Also time a second open of the built index (loading from disk, as at bot start). */
  measureLoad: boolean;
  /** Questions about other corpora, asked after `items` (not timed): they should be declined. */
  offTopic?: OffTopicSet[];
  /**
   * Where the verbatim check finds each cited document's text, matched by base name (`Normans.pdf`
   * is checked against `<verbatimDir>/Normans.txt`): for a set converted from plain text into
   * formats whose bytes are not its text. Default: the documents folder itself.
   */
  verbatimDir?: string;
}

export interface QuestionOutcome {
  item: QaItem;
  answer: Answer | null;
  /** Set when `ask` threw (e.g. InvalidQuestionError): counted as a miss. */
  error?: string;
  latencyMs: number;
  /** 1-based rank of the first excerpt holding an answer, or null. */
  hitRank: number | null;
}

export interface ProjectRun {
  config: AppConfig;
  /** `DocumentQa.open` on an empty index folder: read, split, embed, index, write, load. */
  buildMs: number;
  /** A second `DocumentQa.open` on the built index, when measured. */
  loadMs: number | null;
  /**
   * Time between build progress events, by step, in ms (see `stepOf`): `start` runs from open() to
   * the first event (checking the folder, loading the model); each step runs until the next one's
   * first event.
   */
  phasesMs: Record<string, number>;
  mode: string;
  model: string | null;
  documents: number;
  passages: number;
  skipped: number;
  indexBytes: number;
  sampledPeakRssMb: number;
  maxRssMb: number;
  /**
   * Longest stall of the event loop during the build, ms: while it is blocked, a bot cannot answer
   * anything (Discord wants an interaction acknowledged within 3 s), even from the previous index.
   */
  buildMaxEventLoopBlockMs: number;
  /** RSS just after the build, before any question. */
  rssAfterBuildMb: number;
  outcomes: QuestionOutcome[];
  results: QuestionResult[];
  /** On-topic questions declined (answered false). */
  abstained: number;
  /** Per off-topic set: questions asked and declined. */
  offTopic: OffTopicResult[];
  invalid: number;
  /** Excerpts longer than the excerpt limit (the protocol's limit; should be 0). */
  excerptsOverLimit: number;
  /**
   * Excerpts whose text (whitespace folded, split at `…` marks) is not found in the document it
   * cites: the protocol assumes verbatim text, so this should be 0.
   */
  excerptsNotVerbatim: number;
  firstAskMs: number;
  /** Warnings and errors the core logged (why the mode is lexical, for instance). */
  warnings: string[];
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loads the core lazily, so the peers and the synthetic generator work even while it is missing. */
export async function loadDocumentQa(): Promise<typeof DocumentQaClass> {
  const url = pathToFileURL(path.join(projectRoot, 'src/service/document-qa.ts')).href;
  const module = (await import(url)) as { DocumentQa?: typeof DocumentQaClass };
  if (typeof module.DocumentQa?.open !== 'function') {
    throw new Error('src/service/document-qa.ts does not export a DocumentQa class with open() yet (still a placeholder?)');
  }
  return module.DocumentQa;
}

/**
 * The build step a progress event belongs to. The core reports files read, passages embedded and
 * writing; what happens between the last file and the next event (splitting, the BM25 index) is
 * `split+bm25`, and between the last embedded passage and writing (the HNSW graph) is `hnsw`.
 */
export function stepOf(progress: ReindexProgress): string {
  if (progress.phase === 'reading') return progress.done >= progress.total ? 'split+bm25' : 'reading';
  if (progress.phase === 'embedding') return progress.done >= progress.total && progress.total > 0 ? 'hnsw' : 'embedding';
  return progress.phase;
}

function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

export async function runProject(spec: ProjectRunSpec): Promise<ProjectRun> {
  const DocumentQa = await loadDocumentQa();
  const config = loadConfig({ ...spec.overrides, docsDir: spec.docsDir, indexDir: spec.indexDir }, { env: spec.env, cwd: projectRoot });
  const warnings: string[] = [];
  const logger = createLogger({
    level: spec.verbose ? 'info' : 'warn',
    write: (line) => {
      process.stderr.write(`${line}\n`);
      if (/^\S+ (WARN|ERROR) /.test(line)) {
        warnings.push(line.replace(/^\S+ /, '').replace(/!!! =+/g, '').replace(/!!! /g, '').replace(/\s+/g, ' ').trim());
      }
    },
  });

  const started = performance.now();
  const phasesMs: Record<string, number> = {};
  let phase: string | undefined;
  let phaseStart = started;
  let lastReport = 0;
  const onProgress = (progress: ReindexProgress): void => {
    const now = performance.now();
    const label = stepOf(progress);
    if (label !== phase) {
      // Time before the first progress event: checking the old index and loading the model.
      phasesMs[phase ?? 'start'] = (phasesMs[phase ?? 'start'] ?? 0) + (now - phaseStart);
      phase = label;
      phaseStart = now;
      lastReport = 0;
    }
    if (now - lastReport > 5000 || progress.done === progress.total) {
      lastReport = now;
      const rss = mb(process.memoryUsage().rss).toFixed(0);
      process.stderr.write(
        `[bench] ${progress.phase} ${progress.done}/${progress.total} at ${((now - started) / 1000).toFixed(1)}s, rss ${rss} MB\n`,
      );
    }
  };

  const sampler = new RssSampler().start();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let qa = await DocumentQa.open(config, { logger, onProgress });
  const buildMs = performance.now() - started;
  loopDelay.disable();
  const buildMaxEventLoopBlockMs = loopDelay.max / 1e6;
  if (phase !== undefined) phasesMs[phase] = (phasesMs[phase] ?? 0) + (performance.now() - phaseStart);
  const rssAfterBuildMb = mb(process.memoryUsage().rss);
  const info = qa.info();
  process.stderr.write(
    `[bench] built in ${(buildMs / 1000).toFixed(1)}s: mode ${info.mode}, ${info.documents.length} documents, ${info.passages} passages, rss ${rssAfterBuildMb.toFixed(0)} MB\n`,
  );

  const outcomes: QuestionOutcome[] = [];
  for (const item of spec.items) {
    const t0 = performance.now();
    let answer: Answer | null = null;
    let error: string | undefined;
    try {
      answer = await qa.ask(item.question);
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
    const latencyMs = performance.now() - t0;
    const texts = answer?.excerpts.map((excerpt) => excerpt.text) ?? [];
    outcomes.push({ item, answer, ...(error === undefined ? {} : { error }), latencyMs, hitRank: firstHitRank(texts, item.answers) });
  }
  const offTopic = await askOffTopic((question) => qa.ask(question), spec.offTopic ?? []);
  await qa.close();
  const memory = sampler.stop();

  let loadMs: number | null = null;
  if (spec.measureLoad) {
    const t0 = performance.now();
    qa = await DocumentQa.open(config, { logger });
    loadMs = performance.now() - t0;
    await qa.close();
  }

  const limit = config.excerptMaxChars;
  const excerptsOverLimit = outcomes.reduce(
    (count, o) => count + (o.answer?.excerpts.filter((excerpt) => [...excerpt.text].length > limit).length ?? 0),
    0,
  );
  if (excerptsOverLimit > 0) {
    process.stderr.write(`[bench] warning: ${excerptsOverLimit} excerpts are longer than the ${limit}-character limit\n`);
  }
  const excerptsNotVerbatim = await countNotVerbatim(config.docsDir, outcomes, spec.verbatimDir);
  if (excerptsNotVerbatim > 0) {
    process.stderr.write(`[bench] warning: ${excerptsNotVerbatim} excerpts are not verbatim text of the document they cite\n`);
  }
  const modelDirInside = path.resolve(config.modelDir).startsWith(path.resolve(config.indexDir) + path.sep);
  return {
    config,
    buildMs,
    loadMs,
    phasesMs,
    mode: info.mode,
    model: info.model,
    documents: info.documents.length,
    passages: info.passages,
    skipped: info.skipped.length,
    indexBytes: await directoryBytes(config.indexDir, modelDirInside ? [config.modelDir] : []),
    ...memory,
    rssAfterBuildMb,
    buildMaxEventLoopBlockMs,
    outcomes,
    results: outcomes.map((o) => ({ excerptTexts: o.answer?.excerpts.map((excerpt) => excerpt.text) ?? [], latencyMs: o.latencyMs })),
    abstained: outcomes.filter((o) => o.answer !== null && !o.answer.answered).length,
    offTopic,
    invalid: outcomes.filter((o) => o.error !== undefined).length,
    excerptsOverLimit,
    excerptsNotVerbatim,
    firstAskMs: outcomes[0]?.latencyMs ?? Number.NaN,
    warnings,
  };
}

/** The file whose text an excerpt of `source` must be found in: the source itself, or its namesake `.txt` in `verbatimDir`. */
function verbatimFile(docsDir: string, source: string, verbatimDir: string | undefined): string {
  if (verbatimDir === undefined) return path.join(docsDir, source);
  return path.join(verbatimDir, `${path.basename(source).replace(/\.[^.]+$/, '')}.txt`);
}

/** Counts excerpts that are not the cited document's own words in order (benchmarks/verbatim.ts). */
async function countNotVerbatim(docsDir: string, outcomes: readonly QuestionOutcome[], verbatimDir?: string): Promise<number> {
  const documents = new Map<string, VerbatimDocument | null>();
  let count = 0;
  for (const outcome of outcomes) {
    for (const excerpt of outcome.answer?.excerpts ?? []) {
      if (!documents.has(excerpt.source)) {
        const text = await readFile(verbatimFile(docsDir, excerpt.source, verbatimDir), 'utf8').catch(() => null);
        documents.set(excerpt.source, text === null ? null : prepareDocument(text));
      }
      const document = documents.get(excerpt.source);
      if (document === null || document === undefined || !isVerbatim(excerpt.text, document)) count += 1;
    }
  }
  return count;
}
