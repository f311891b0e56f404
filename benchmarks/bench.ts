/**
 * The benchmark CLI (`npm run bench`). Two kinds of run:
 *
 *   npm run -s bench -- --docs DIR --qa FILE [--json] [--excerpt-chars 300] [--failures FILE]
 *                       [--model ID_OR_FOLDER] [--model-dir DIR] [--offline] [--keep] [--verbose]
 *                       [--excerpts FILE] [--peer-docs DIR] [--verbatim-docs DIR]
 *     Builds the project's index for DIR in a temporary folder, asks every question of FILE through
 *     `DocumentQa.ask` and scores the excerpts by the protocol (benchmarks/protocol.ts); then runs
 *     the peers (benchmarks/peers.ts) on the same documents and questions. With --off-topic, also
 *     asks other sets' questions of DIR and reports the share declined (benchmarks/off-topic.ts).
 *
 *   npm run -s bench -- --synthetic N [--questions 200] [--seed 42] [--modes lexical,tiny] [--json]
 *     Writes a seeded synthetic corpus of N passages, then builds it and asks the generated
 *     questions once per mode (lexical: no model; tiny: the generated tiny test model through
 *     HNSW), each mode in its own child process so its peak memory is its own.
 *
 *   npm run -s bench -- --shapes prose:10,list:10,abbreviations:3 [--seed 42] [--json] [--child-timeout-min 10]
 *     Writes one file per document shape of the given size in MiB and indexes each alone (lexical,
 *     in a child process): see benchmarks/shape-bench.ts.
 *
 *   npm run -s bench -- --summaries DIR --refs FILE [--json] [--failures FILE]
 *     The project's summaries against reference highlights (ROUGE), beside LEAD-3 and TextRank:
 *     see benchmarks/summary-bench.ts.
 *
 * Results go to stdout (one JSON object with --json, a table otherwise); logs go to stderr.
 * Fractions (answerAt1, answerAt3) are in 0..1; latencies in ms, nearest-rank percentiles.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type ConfigOverrides } from '../src/config.ts';
import { formatBytes, machineInfo, type MachineInfo } from './machine.ts';
import { createMiniSearchPeer, createWinkPeer, cutExcerpt, loadParagraphs, type Peer } from './peers.ts';
import { answerAtK, parseQaFile, round, scoreRun, type QaItem, type RunScore } from './protocol.ts';
import { loadOffTopicSets, summarizeOffTopic } from './off-topic.ts';
import { runScriptChild } from './child-run.ts';
import { writeExcerptDump } from './excerpt-dump.ts';
import { runProject, type ProjectRun, type ProjectRunSpec } from './project-run.ts';
import { generateCorpus, generateQuestions, writeCorpus } from './synthetic.ts';
import { benchShapes } from './shape-bench.ts';
import { ShapeSpecError } from './shapes.ts';
import { benchSummaryFiles, formatSummaryReport } from './summary-bench.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scriptPath = fileURLToPath(import.meta.url);
const PERCENTILE_METHOD = 'nearest-rank (smallest measured value with at least p% of values at or below it)';

const USAGE = `Usage:
  npm run -s bench -- --docs DIR --qa FILE [--json] [--excerpt-chars 300] [--failures FILE]
                      [--off-topic OTHER_QA[,OTHER_QA...]]
                      [--model ID_OR_FOLDER] [--model-dir DIR] [--offline] [--keep] [--verbose]
                      [--excerpts FILE] [--peer-docs DIR] [--verbatim-docs DIR]
  npm run -s bench -- --synthetic N [--questions 200] [--seed 42] [--modes lexical,tiny] [--json]
                      [--excerpt-chars 300] [--child-timeout-min 30] [--keep] [--verbose]
  npm run -s bench -- --shapes prose:10,list:10,abbreviations:3 [--seed 42] [--json] [--child-timeout-min 10] [--keep]
  npm run -s bench -- --summaries DIR --refs FILE [--json] [--failures FILE]`;

class UsageError extends Error {}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** The excerpt limit, within the range the configuration accepts (EXCERPT_MAX_CHARS: 80..1000). */
function excerptLimit(value: string | undefined): number {
  const n = positiveInt(value, '--excerpt-chars', 300);
  if (n < 80 || n > 1000) throw new UsageError(`--excerpt-chars must be between 80 and 1000, got ${n}`);
  return n;
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '-';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function projectName(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name?: string; version?: string };
    return `${pkg.name ?? 'project'} ${pkg.version ?? ''}`.trim();
  } catch {
    return 'project';
  }
}

// ---------------------------------------------------------------------------------------------
// Documents and questions: the project and its peers

interface PeerResult extends RunScore {
  name: string;
  settings: string;
  buildMs: number;
  /** Diagnostic, not the protocol: the answer anywhere in the whole top paragraph(s), before the cut. */
  paragraphAt1: number;
  paragraphAt3: number;
}

async function runPeer(peer: Peer, docsDir: string, items: QaItem[], maxChars: number): Promise<{ score: PeerResult; hitsAt1: boolean[] }> {
  const paragraphs = await loadParagraphs(docsDir);
  const t0 = performance.now();
  try {
    peer.build(paragraphs);
  } catch (error) {
    // A peer reads files as plain text: on HTML, Word or PDF it may find too little to index.
    log(`${peer.name} could not index ${docsDir}: ${(error as Error).message}; counted as answering nothing`);
    const none = scoreRun(items, items.map(() => ({ excerptTexts: [], latencyMs: 0 })));
    return { score: { name: peer.name, settings: peer.settings, buildMs: 0, ...none, paragraphAt1: 0, paragraphAt3: 0 }, hitsAt1: items.map(() => false) };
  }
  const buildMs = performance.now() - t0;
  const whole: string[][] = [];
  const results = items.map((item) => {
    const start = performance.now();
    const paragraphTexts = peer.search(item.question, 3);
    const excerptTexts = paragraphTexts.map((text) => cutExcerpt(text, maxChars));
    const latencyMs = performance.now() - start;
    whole.push(paragraphTexts);
    return { excerptTexts, latencyMs };
  });
  const score = scoreRun(items, results);
  const uncut = scoreRun(items, whole.map((excerptTexts) => ({ excerptTexts, latencyMs: 0 })));
  return {
    score: { name: peer.name, settings: peer.settings, buildMs, ...score, paragraphAt1: uncut.answerAt1, paragraphAt3: uncut.answerAt3 },
    hitsAt1: items.map((item, i) => answerAtK(results[i]!.excerptTexts, item.answers, 1)),
  };
}

async function benchDocuments(values: Flags): Promise<void> {
  if (values.qa === undefined) throw new UsageError('--docs needs --qa FILE');
  const docsDir = path.resolve(values.docs!);
  const qaFile = path.resolve(values.qa);
  const excerptChars = excerptLimit(values['excerpt-chars']);
  const items = parseQaFile(JSON.parse(await readFile(qaFile, 'utf8')));
  log(`${items.length} questions from ${qaFile}, documents in ${docsDir}, excerpts <= ${excerptChars} chars`);
  const offTopicSets = await loadOffTopicSets(values['off-topic']?.split(',').filter((file) => file.trim() !== '') ?? []);

  // Model settings follow the bot's own (flags > environment and .env > defaults), so a machine with
  // the model cached benchmarks what the bot runs; every other setting stays at its default.
  const user = loadConfig({}, { cwd: projectRoot });
  const overrides: ConfigOverrides = {
    embeddingModel: values.model ?? user.embeddingModel,
    modelDir: values['model-dir'] !== undefined ? path.resolve(values['model-dir']) : user.modelDir,
  };
  const env: Record<string, string> = {
    EXCERPT_MAX_CHARS: String(excerptChars),
    OFFLINE: String(values.offline === true || user.offline),
    MODEL_LOAD_TIMEOUT_MS: String(user.modelLoadTimeoutMs),
  };

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docqa-bench-'));
  let run: ProjectRun;
  try {
    const verbatimDir = values['verbatim-docs'] === undefined ? undefined : path.resolve(values['verbatim-docs']);
    run = await runProject({
      docsDir,
      indexDir: path.join(tmp, 'index'),
      overrides,
      env,
      items,
      verbose: values.verbose === true,
      measureLoad: true,
      offTopic: offTopicSets,
      verbatimDir,
    });
  } finally {
    if (values.keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
  const score = scoreRun(items, run.results);
  if (values.excerpts !== undefined) await writeExcerptDump(path.resolve(values.excerpts), run.outcomes);

  // Peers read .txt and .md only: a set converted to other formats gives them its plain-text source.
  const peerDocsDir = values['peer-docs'] === undefined ? docsDir : path.resolve(values['peer-docs']);
  const peers: PeerResult[] = [];
  const peerHits: Record<string, boolean[]> = {};
  for (const peer of [createMiniSearchPeer(), createWinkPeer()]) {
    const { score: peerScore, hitsAt1 } = await runPeer(peer, peerDocsDir, items, excerptChars);
    peers.push(peerScore);
    peerHits[peer.name] = hitsAt1;
  }

  if (values.failures !== undefined) {
    const failures = run.outcomes
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => o.hitRank !== 1)
      .map(({ o, i }) => ({
        question: o.item.question,
        answers: o.item.answers,
        document: o.item.document,
        answered: o.answer?.answered ?? false,
        ...(o.error === undefined ? {} : { error: o.error }),
        hitRank: o.hitRank,
        firstExcerpt: o.answer?.excerpts[0] ?? null,
        otherExcerpts: o.answer?.excerpts.slice(1).map((e) => ({ text: e.text, source: e.source, location: e.location, score: e.score })) ?? [],
        peersAt1: Object.fromEntries(Object.entries(peerHits).map(([name, hits]) => [name, hits[i]])),
      }));
    await writeFile(path.resolve(values.failures), `${JSON.stringify(failures, null, 2)}\n`);
    log(`${failures.length} questions missed at 1 written to ${path.resolve(values.failures)}`);
  }

  const machine = machineInfo();
  const offTopic = summarizeOffTopic(run.offTopic);
  const report = {
    questions: score.questions,
    answerAt1: round(score.answerAt1, 4),
    answerAt3: round(score.answerAt3, 4),
    p50Ms: round(score.p50Ms),
    p95Ms: round(score.p95Ms),
    buildMs: round(run.buildMs, 1),
    excerptMaxChars: run.config.excerptMaxChars,
    mode: run.mode,
    peers: peers.map((p) => ({
      name: p.name,
      answerAt1: round(p.answerAt1, 4),
      answerAt3: round(p.answerAt3, 4),
      p50Ms: round(p.p50Ms, 3),
      p95Ms: round(p.p95Ms, 3),
      buildMs: round(p.buildMs, 1),
      paragraphAt1: round(p.paragraphAt1, 4),
      paragraphAt3: round(p.paragraphAt3, 4),
      settings: p.settings,
    })),
    system: projectName(),
    units: { answerAt: 'fraction of questions, 0..1', latency: 'ms, in process, around each ask()', percentiles: PERCENTILE_METHOD },
    model: run.model,
    requestedModel: overrides.embeddingModel,
    documents: run.documents,
    passages: run.passages,
    skipped: run.skipped,
    abstained: run.abstained,
    onTopicDeclined: round(run.abstained / Math.max(1, score.questions), 4),
    offTopic: offTopic && { ...offTopic, declined: round(offTopic.declined, 4), sets: offTopic.sets.map((set) => ({ ...set, declined: round(set.declined, 4) })) },
    invalid: run.invalid,
    excerptsOverLimit: run.excerptsOverLimit,
    excerptsNotVerbatim: run.excerptsNotVerbatim,
    firstAskMs: round(run.firstAskMs),
    loadMs: run.loadMs === null ? null : round(run.loadMs, 1),
    buildPhasesMs: Object.fromEntries(Object.entries(run.phasesMs).map(([k, v]) => [k, round(v, 1)])),
    buildMaxEventLoopBlockMs: round(run.buildMaxEventLoopBlockMs, 1),
    indexBytes: run.indexBytes,
    peakRssMb: round(Math.max(run.sampledPeakRssMb, run.maxRssMb), 1),
    sampledPeakRssMb: round(run.sampledPeakRssMb, 1),
    maxRssMb: round(run.maxRssMb, 1),
    warnings: run.warnings,
    docsDir,
    ...(peerDocsDir === docsDir ? {} : { peerDocsDir }),
    qaFile,
    date: new Date().toISOString(),
    machine,
  };

  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const rows = [
    ['system', 'answer@1', 'answer@3', 'p50 ms', 'p95 ms', 'build ms'],
    [`${report.system} (${report.mode})`, pct(score.answerAt1), pct(score.answerAt3), ms(score.p50Ms), ms(score.p95Ms), ms(run.buildMs)],
    ...peers.map((p) => [p.name, pct(p.answerAt1), pct(p.answerAt3), ms(p.p50Ms), ms(p.p95Ms), ms(p.buildMs)]),
  ];
  const lines = [
    `Document QA benchmark: ${score.questions} questions, ${run.documents} documents (${run.passages} passages), excerpts <= ${report.excerptMaxChars} chars`,
    '',
    table(rows),
    '',
    `project: mode ${run.mode}, model ${run.model ?? 'none'}; index ${formatBytes(run.indexBytes)}; peak RSS ${report.peakRssMb} MB ` +
      `(maxRSS ${report.maxRssMb} MB, sampled ${report.sampledPeakRssMb} MB); reload ${run.loadMs === null ? '-' : ms(run.loadMs)} ms; ` +
      `first question ${ms(run.firstAskMs)} ms; abstained ${run.abstained}; errors ${run.invalid}; excerpts over limit ${run.excerptsOverLimit}, not verbatim ${run.excerptsNotVerbatim}`,
    `declined: on-topic ${pct(run.abstained / Math.max(1, score.questions))} (${run.abstained}/${score.questions})` +
      (offTopic
        ? `; off-topic ${pct(offTopic.declined)} of ${offTopic.questions} (${offTopic.sets.map((set) => `${set.name} ${pct(set.declined)}`).join(', ')})`
        : '; off-topic not measured (--off-topic OTHER_QA,...)'),
    `peers with whole paragraphs (no ${report.excerptMaxChars}-char cut, diagnostic only): ` +
      peers.map((p) => `${p.name} ${pct(p.paragraphAt1)} / ${pct(p.paragraphAt3)}`).join('; '),
    `answer@k as a share of questions; latency in process around each ask/search, percentiles ${PERCENTILE_METHOD}`,
    `${report.date} · node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGb} GB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Synthetic scale runs: one child process per mode

interface ChildSpec {
  label: string;
  run: Omit<ProjectRunSpec, 'items'>;
  questionsFile: string;
}

interface ModeSummary {
  label: string;
  ok: true;
  mode: string;
  model: string | null;
  documents: number;
  passages: number;
  buildMs: number;
  buildPhasesMs: Record<string, number>;
  buildMaxEventLoopBlockMs: number;
  loadMs: number | null;
  indexBytes: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
  maxRssMb: number;
  rssAfterBuildMb: number;
  questions: number;
  p50Ms: number;
  p95Ms: number;
  firstAskMs: number;
  answerAt1: number;
  answerAt3: number;
  abstained: number;
  excerptsOverLimit: number;
  excerptsNotVerbatim: number;
  warnings: string[];
}

interface ModeFailure {
  label: string;
  ok: false;
  error: string;
  /** The last progress line the child printed: where it was when it stopped. */
  lastProgress: string | null;
  /** The child's last lines on stderr (its error, usually). */
  stderrTail: string[];
  elapsedMs: number;
}

/** The child side: one mode, in its own process, printing one JSON line. */
async function childMain(specFile: string): Promise<void> {
  const spec = JSON.parse(await readFile(specFile, 'utf8')) as ChildSpec;
  const items = parseQaFile(JSON.parse(await readFile(spec.questionsFile, 'utf8')));
  const run = await runProject({ ...spec.run, items });
  const score = scoreRun(items, run.results);
  const summary: ModeSummary = {
    label: spec.label,
    ok: true,
    mode: run.mode,
    model: run.model,
    documents: run.documents,
    passages: run.passages,
    buildMs: round(run.buildMs, 1),
    buildPhasesMs: Object.fromEntries(Object.entries(run.phasesMs).map(([k, v]) => [k, round(v, 1)])),
    buildMaxEventLoopBlockMs: round(run.buildMaxEventLoopBlockMs, 1),
    loadMs: run.loadMs === null ? null : round(run.loadMs, 1),
    indexBytes: run.indexBytes,
    peakRssMb: round(Math.max(run.sampledPeakRssMb, run.maxRssMb), 1),
    sampledPeakRssMb: round(run.sampledPeakRssMb, 1),
    maxRssMb: round(run.maxRssMb, 1),
    rssAfterBuildMb: round(run.rssAfterBuildMb, 1),
    questions: score.questions,
    p50Ms: round(score.p50Ms),
    p95Ms: round(score.p95Ms),
    firstAskMs: round(run.firstAskMs),
    answerAt1: round(score.answerAt1, 4),
    answerAt3: round(score.answerAt3, 4),
    abstained: run.abstained,
    excerptsOverLimit: run.excerptsOverLimit,
    excerptsNotVerbatim: run.excerptsNotVerbatim,
    warnings: run.warnings,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

interface TinyModelModule {
  writeTinyModel?: (dir: string) => Promise<unknown>;
  tinyModelVocabulary?: () => string[];
}

/** scripts/tiny-model.ts, loaded lazily (it is another engineer's module; only two functions are used). */
async function loadTinyModelModule(): Promise<TinyModelModule> {
  try {
    return (await import(pathToFileURL(path.join(projectRoot, 'scripts/tiny-model.ts')).href)) as TinyModelModule;
  } catch (error) {
    log(`could not load scripts/tiny-model.ts: ${(error as Error).message}`);
    return {};
  }
}

async function runChild(spec: ChildSpec, specFile: string, timeoutMs: number): Promise<ModeSummary | ModeFailure> {
  let lastProgress: string | null = null;
  // The same node with the same loader flags (tsx), re-running this script in child mode.
  const result = await runScriptChild(scriptPath, ['--child', specFile], {
    cwd: projectRoot,
    timeoutMs,
    onStderr: (chunk) => {
      process.stderr.write(chunk.replace(/^(?=.)/gm, `[${spec.label}] `));
      const progress = chunk.split('\n').filter((line) => line.startsWith('[bench]')).pop();
      if (progress !== undefined) lastProgress = progress;
    },
  });
  if (result.ok) return result.json as ModeSummary;
  return { label: spec.label, ok: false, error: result.error, lastProgress, stderrTail: result.stderrTail, elapsedMs: round(result.elapsedMs, 0) };
}

async function benchSynthetic(values: Flags): Promise<void> {
  const passages = positiveInt(values.synthetic, '--synthetic', 0);
  const questionCount = positiveInt(values.questions, '--questions', 200);
  const seed = positiveInt(values.seed, '--seed', 42);
  const excerptChars = excerptLimit(values['excerpt-chars']);
  const timeoutMs = positiveInt(values['child-timeout-min'], '--child-timeout-min', 30) * 60_000;
  const modes = (values.modes ?? 'lexical,tiny').split(',').map((m) => m.trim());
  for (const mode of modes) if (mode !== 'lexical' && mode !== 'tiny') throw new UsageError(`--modes: unknown mode "${mode}" (lexical, tiny)`);

  const tiny = await loadTinyModelModule();
  const words = tiny.tinyModelVocabulary?.() ?? [];
  if (words.length === 0) log('warning: no word list from scripts/tiny-model.ts; the corpus uses made-up words');

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docqa-synth-'));
  try {
    const t0 = performance.now();
    const corpus = generateCorpus({ passages, seed, words });
    const questions = generateQuestions(corpus, { count: questionCount, seed: seed + 1 });
    const docsDir = path.join(tmp, 'docs');
    const corpusBytes = await writeCorpus(corpus, docsDir);
    const questionsFile = path.join(tmp, 'questions.json');
    await writeFile(questionsFile, JSON.stringify(questions));
    const generateMs = performance.now() - t0;
    log(`synthetic corpus: ${passages} passages in ${corpus.documents.length} documents, ${formatBytes(corpusBytes)}, ${questions.length} questions, seed ${seed} (${ms(generateMs)} ms) in ${tmp}`);

    const runs: Array<ModeSummary | ModeFailure> = [];
    for (const mode of modes) {
      const env = { EXCERPT_MAX_CHARS: String(excerptChars), OFFLINE: 'true' };
      let overrides: ConfigOverrides;
      if (mode === 'lexical') {
        // No model, on purpose: BM25 alone.
        overrides = { embeddingModel: 'none', modelDir: path.join(tmp, 'no-models') };
      } else {
        const modelFolder = path.join(tmp, 'tiny-model');
        await mkdir(modelFolder, { recursive: true });
        if (typeof tiny.writeTinyModel !== 'function') throw new Error('scripts/tiny-model.ts does not export writeTinyModel(dir)');
        await tiny.writeTinyModel(modelFolder);
        overrides = { embeddingModel: modelFolder, modelDir: path.join(tmp, 'models') };
      }
      const spec: ChildSpec = {
        label: mode,
        run: { docsDir, indexDir: path.join(tmp, `index-${mode}`), overrides, env, verbose: values.verbose === true, measureLoad: true },
        questionsFile,
      };
      const specFile = path.join(tmp, `spec-${mode}.json`);
      await writeFile(specFile, JSON.stringify(spec));
      log(`mode ${mode}: building in a child process`);
      const result = await runChild(spec, specFile, timeoutMs);
      if (!result.ok) log(`mode ${mode} failed: ${result.error}; last progress: ${result.lastProgress ?? 'none'}`);
      runs.push(result);
      if (!values.keep) await rm(spec.run.indexDir, { recursive: true, force: true });
    }

    const machine = machineInfo();
    const report = {
      synthetic: {
        passages,
        documents: corpus.documents.length,
        paragraphsPerDocument: 20,
        vocabularySize: corpus.vocabulary.length,
        seed,
        corpusBytes,
        questions: questions.length,
        generateMs: round(generateMs, 1),
      },
      excerptMaxChars: excerptChars,
      units: {
        answerAt: 'fraction of generated questions, 0..1 (a sanity check: the answer is 3 words of the sentence asked about)',
        latency: 'ms, in process, around each ask()',
        percentiles: PERCENTILE_METHOD,
        memory: 'peakRssMb = max(sampled rss, resourceUsage().maxRSS) of the mode\'s own child process',
      },
      runs,
      date: new Date().toISOString(),
      machine,
    };
    if (runs.some((r) => !r.ok)) process.exitCode = 1;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    printSynthetic(report.synthetic.passages, report.synthetic.documents, questions.length, runs, report.date, machine);
    if (values.keep) log(`kept ${tmp}`);
  } finally {
    if (!values.keep) await rm(tmp, { recursive: true, force: true });
  }
}

function printSynthetic(passages: number, documents: number, questions: number, runs: Array<ModeSummary | ModeFailure>, date: string, machine: MachineInfo): void {
  const rows = [['mode', 'passages', 'build s', 'reload ms', 'index', 'peak RSS MB', 'p50 ms', 'p95 ms', 'answer@1', 'answer@3']];
  for (const r of runs) {
    if (r.ok) {
      rows.push([
        r.label === r.mode ? r.label : `${r.label} (${r.mode})`,
        String(r.passages),
        (r.buildMs / 1000).toFixed(1),
        r.loadMs === null ? '-' : ms(r.loadMs),
        formatBytes(r.indexBytes),
        r.peakRssMb.toFixed(0),
        ms(r.p50Ms),
        ms(r.p95Ms),
        pct(r.answerAt1),
        pct(r.answerAt3),
      ]);
    } else {
      rows.push([r.label, 'FAILED', '', '', '', '', '', '', '', '']);
    }
  }
  const lines = [
    `Synthetic benchmark: ${passages} passages in ${documents} documents, ${questions} questions`,
    '',
    table(rows),
    '',
    ...runs.map((r) =>
      r.ok
        ? `${r.label}: build phases ${JSON.stringify(r.buildPhasesMs)}; longest event-loop block during build ${ms(r.buildMaxEventLoopBlockMs)} ms; rss after build ${r.rssAfterBuildMb} MB; first question ${ms(r.firstAskMs)} ms; model ${r.model ?? 'none'}`
        : `${r.label}: ${r.error} after ${(r.elapsedMs / 1000).toFixed(0)} s; last progress: ${r.lastProgress ?? 'none'}`,
    ),
    `percentiles ${PERCENTILE_METHOD}; each mode measured in its own process`,
    `${date} · node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGb} GB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------

const options = {
  docs: { type: 'string' },
  qa: { type: 'string' },
  json: { type: 'boolean' },
  'excerpt-chars': { type: 'string' },
  failures: { type: 'string' },
  'off-topic': { type: 'string' },
  model: { type: 'string' },
  'model-dir': { type: 'string' },
  offline: { type: 'boolean' },
  synthetic: { type: 'string' },
  shapes: { type: 'string' },
  summaries: { type: 'string' },
  refs: { type: 'string' },
  questions: { type: 'string' },
  seed: { type: 'string' },
  modes: { type: 'string' },
  'child-timeout-min': { type: 'string' },
  keep: { type: 'boolean' },
  verbose: { type: 'boolean' },
  excerpts: { type: 'string' },
  'peer-docs': { type: 'string' },
  'verbatim-docs': { type: 'string' },
  child: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options, allowPositionals: false });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.child !== undefined) return childMain(values.child);
  if (values.synthetic !== undefined) return benchSynthetic(values);
  if (values.summaries !== undefined) {
    if (values.refs === undefined) throw new UsageError('--summaries needs --refs FILE');
    const { perStory, ...report } = await benchSummaryFiles(values.summaries, values.refs);
    if (values.failures !== undefined) await writeFile(path.resolve(values.failures), `${JSON.stringify(perStory, null, 2)}\n`);
    process.stdout.write(values.json ? `${JSON.stringify({ ...report, date: new Date().toISOString() })}\n` : `${formatSummaryReport({ ...report, perStory })}\n`);
    return;
  }
  if (values.shapes !== undefined) {
    const words = (await loadTinyModelModule()).tinyModelVocabulary?.() ?? [];
    const timeoutMs = positiveInt(values['child-timeout-min'], '--child-timeout-min', 10) * 60_000;
    const flags = { seed: positiveInt(values.seed, '--seed', 42), json: values.json === true, keep: values.keep === true, verbose: values.verbose === true };
    if (!(await benchShapes({ shapes: values.shapes, timeoutMs, words, log, ...flags }, runChild))) process.exitCode = 1;
    return;
  }
  if (values.docs !== undefined) return benchDocuments(values);
  throw new UsageError('give --docs DIR --qa FILE, or --synthetic N');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ShapeSpecError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

