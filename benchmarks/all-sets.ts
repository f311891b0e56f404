/**
 * Every development set in one table (`npm run bench:all`):
 *
 *   npm run -s bench:all -- --shared ../shared/bench [--sets docs,papers,...] [--json] [--verbose]
 *                           [--excerpt-chars 300] [--model ID_OR_FOLDER] [--model-dir DIR] [--offline]
 *                           [--set-timeout-min 20] [--no-convert] [--save FILE]
 *
 * Converts the plain-text sets into the other formats first (benchmarks/.generated/, see
 * benchmarks/formats/), then runs `benchmarks/bench.ts --json` once per set, each in its own
 * process, so the project and its peers are run and scored exactly as `npm run bench` does. Every
 * excerpt of every run is scanned for markup syntax (benchmarks/markup-leaks.ts).
 *
 * Results go to stdout (a table, or one JSON object with --json); progress goes to stderr.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScriptChild } from './child-run.ts';
import { developmentSets, selectSets, type DevSet } from './dev-sets.ts';
import type { DumpedAnswer } from './excerpt-dump.ts';
import type { Format } from './formats/convert.ts';
import { machineInfo } from './machine.ts';
import { codeLiterals, summarizeLeaks, type LeakSummary } from './markup-leaks.ts';
import { printAllSets } from './all-sets-table.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchScript = path.join(projectRoot, 'benchmarks', 'bench.ts');

const USAGE = `Usage: npm run -s bench:all -- --shared ../shared/bench [--sets NAME,...] [--json] [--verbose]
                        [--excerpt-chars 300] [--model ID_OR_FOLDER] [--model-dir DIR] [--offline] [--set-timeout-min 20] [--no-convert] [--save FILE]`;

/** What `bench.ts --json` reports for one set (the fields this table reads; the JSON keeps them all). */
export interface BenchReport {
  questions: number;
  answerAt1: number;
  answerAt3: number;
  p95Ms: number;
  mode: string;
  documents: number;
  skipped: number;
  abstained: number;
  invalid: number;
  excerptsNotVerbatim: number;
  peers: Array<{ name: string; answerAt1: number; answerAt3: number }>;
  /** Other sets' questions asked of this corpus (when measured): the share declined, 0..1. */
  offTopic?: { questions: number; declined: number; sets: Array<{ name: string; questions: number; declined: number }> } | null;
  [field: string]: unknown;
}

export type SetResult =
  | { name: string; ok: true; report: BenchReport; leaks: LeakSummary; elapsedMs: number }
  | { name: string; ok: false; error: string; elapsedMs: number };

function log(message: string): void {
  process.stderr.write(`[bench:all] ${message}\n`);
}

/** Runs bench.ts for one set in a child process; resolves with its JSON report or why it failed. */
async function runBenchChild(args: string[], verbose: boolean, timeoutMs: number): Promise<{ report?: BenchReport; error?: string }> {
  const result = await runScriptChild(benchScript, args, {
    cwd: projectRoot,
    timeoutMs,
    tailLines: 4,
    ...(verbose ? { onStderr: (chunk: string) => process.stderr.write(chunk) } : {}),
  });
  if (result.ok) return { report: result.json as BenchReport };
  return { error: `${result.error}: ${result.stderrTail.join(' / ') || 'no output'}` };
}

/** Writes the converted sets the selection needs, once per source folder. */
async function convertNeeded(sets: readonly DevSet[]): Promise<void> {
  const bySource = new Map<string, { to: string; formats: Set<Format> }>();
  for (const set of sets) {
    if (set.conversion === undefined) continue;
    const entry = bySource.get(set.conversion.from) ?? { to: path.dirname(set.docsDir), formats: new Set<Format>() };
    entry.formats.add(set.conversion.format);
    bySource.set(set.conversion.from, entry);
  }
  if (bySource.size === 0) return;
  // Loaded only when needed: the writers' packages (docx, pdfkit) are not needed by the other sets.
  const { convertSet } = await import('./formats/convert.ts');
  for (const [from, { to, formats }] of bySource) {
    const started = performance.now();
    const result = await convertSet({ from, to, formats: [...formats] });
    log(`converted ${result.documents} documents of ${from} to ${[...formats].join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function runSet(set: DevSet, passThrough: string[], verbose: boolean, timeoutMs: number): Promise<SetResult> {
  const started = performance.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-all-'));
  try {
    const excerptsFile = path.join(tmp, 'excerpts.json');
    const args = ['--docs', set.docsDir, '--qa', set.qaFile, '--json', '--excerpts', excerptsFile, ...passThrough];
    if (set.peerDocsDir !== undefined) args.push('--peer-docs', set.peerDocsDir);
    if (set.verbatimDir !== undefined) args.push('--verbatim-docs', set.verbatimDir);
    if (set.offTopicQa !== undefined && set.offTopicQa.length > 0) args.push('--off-topic', set.offTopicQa.join(','));
    const { report, error } = await runBenchChild(args, verbose, timeoutMs);
    const elapsedMs = performance.now() - started;
    if (report === undefined) return { name: set.name, ok: false, error: error ?? 'no report', elapsedMs };
    const answers = JSON.parse(await readFile(excerptsFile, 'utf8')) as DumpedAnswer[];
    const excerpts = answers.flatMap((answer) => answer.excerpts.map((excerpt) => ({ question: answer.question, ...excerpt })));
    return { name: set.name, ok: true, report, leaks: summarizeLeaks(excerpts, undefined, await markdownCodeLiterals(set.docsDir, excerpts)), elapsedMs };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shared: { type: 'string' },
      sets: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'excerpt-chars': { type: 'string' },
      model: { type: 'string' },
      'model-dir': { type: 'string' },
      offline: { type: 'boolean' },
      'set-timeout-min': { type: 'string' },
      'no-convert': { type: 'boolean' },
      save: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sharedDir = values.shared === undefined ? undefined : path.resolve(values.shared);
  if (sharedDir !== undefined && !existsSync(path.join(sharedDir, 'qa.json'))) {
    throw new Error(`--shared ${sharedDir}: no qa.json there (give the folder that holds docs/, papers/, docs-site/ and qa.json)`);
  }
  const all = developmentSets({ projectRoot, sharedDir, generatedDir: path.join(projectRoot, 'benchmarks', '.generated') });
  let sets = selectSets(all, values.sets);
  if (sharedDir === undefined) {
    const left = sets.filter((set) => set.shared).map((set) => set.name);
    if (left.length > 0) log(`no --shared folder: skipping ${left.join(', ')}`);
    sets = sets.filter((set) => !set.shared);
  }
  const timeoutMinutes = Number(values['set-timeout-min'] ?? '20');
  if (!(timeoutMinutes > 0)) throw new Error(`--set-timeout-min must be a positive number, got "${values['set-timeout-min']}"`);
  const passThrough: string[] = [];
  for (const flag of ['excerpt-chars', 'model', 'model-dir'] as const) {
    const value = values[flag];
    if (value !== undefined) passThrough.push(`--${flag}`, flag === 'model-dir' ? path.resolve(value) : value);
  }
  if (values.offline) passThrough.push('--offline');

  if (values['no-convert']) {
    const missing = sets.filter((set) => set.conversion !== undefined && !existsSync(set.docsDir)).map((set) => set.docsDir);
    if (missing.length > 0) throw new Error(`--no-convert: not converted yet: ${missing.join(', ')} (run once without --no-convert)`);
  } else {
    await convertNeeded(sets);
  }
  const results: SetResult[] = [];
  for (const set of sets) {
    log(`${set.name}: ${set.docsDir}`);
    const result = await runSet(set, passThrough, values.verbose === true, timeoutMinutes * 60_000);
    if (!result.ok) log(`${set.name} failed: ${result.error}`);
    results.push(result);
  }
  const date = new Date().toISOString();
  const machine = machineInfo();
  if (results.some((result) => !result.ok)) process.exitCode = 1;
  const json = `${JSON.stringify({ sets: results, date, machine })}\n`;
  if (values.save !== undefined) await writeFile(path.resolve(values.save), json);
  if (values.json) {
    process.stdout.write(json);
    return;
  }
  process.stdout.write(printAllSets(results, { verbose: values.verbose === true, date, machine }));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`bench:all failed: ${message}\n${USAGE}\n`);
  process.exitCode = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
});

/** For the leak check: what each cited Markdown page shows literally in code, read once per page. */
async function markdownCodeLiterals(docsDir: string, excerpts: ReadonlyArray<{ source?: string }>): Promise<(source: string) => readonly string[]> {
  const bySource = new Map<string, string[]>();
  for (const source of new Set(excerpts.map((excerpt) => excerpt.source))) {
    if (source === undefined || !/\.(md|markdown|mdx)$/i.test(source)) continue;
    const text = await readFile(path.join(docsDir, source), 'utf8').catch(() => '');
    bySource.set(source, codeLiterals(text));
  }
  return (source) => bySource.get(source) ?? [];
}
