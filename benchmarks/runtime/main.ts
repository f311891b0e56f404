/**
 * `npm run bench:runtime -- MODE [options]`: the runtime figures of the project (issue 8), each
 * printed as one JSON object on stdout (progress on stderr). Timings depend on the machine and its
 * load; run them on a quiet machine and quote them with the command.
 *
 *   load      --passages 100000 [--runs 5]             index load time (checksums verified)
 *   cli-ask   --mb 50 [--project DIR] [--runs 3]       CLI ask wall time and peak memory, fresh index
 *   summary   --mb 60 [--project DIR] [--runs 3]       /summary of all documents against /ask
 *   ack       --mb 100 [--project DIR] [--interval-ms 250]  longest interaction acknowledgement during /reindex
 *   sigterm   --target group|node|npm [--project DIR]  process tree and exit codes after a stop signal to npm start
 *
 * `--project DIR` runs another checkout of the project (for example the starting commit) with the
 * same harness; `--work DIR` keeps corpora and indexes between runs (default: a folder in /tmp).
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureAckDuringReindex } from './ack-during-reindex.ts';
import { runAsk } from './cli-ask.ts';
import { corpusOf } from './corpus.ts';
import { measureLoadTime } from './load-time.ts';
import { measureSigterm, type SignalTarget } from './sigterm.ts';
import { measureSummaryVsAsk } from './summary-vs-ask.ts';

const thisProject = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function log(line: string): void {
  process.stderr.write(`[bench:runtime] ${line}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      passages: { type: 'string', default: '100000' },
      mb: { type: 'string', default: '50' },
      runs: { type: 'string', default: '3' },
      project: { type: 'string' },
      work: { type: 'string' },
      target: { type: 'string', default: 'group' },
      'interval-ms': { type: 'string', default: '250' },
    },
  });
  const mode = positionals[0];
  const projectDir = path.resolve(values.project ?? thisProject);
  const workDir = path.resolve(values.work ?? path.join(os.tmpdir(), 'docs-bot-bench-runtime'));
  mkdirSync(workDir, { recursive: true });
  const runs = Number(values.runs);
  const megabytes = Number(values.mb);
  let result: unknown;
  switch (mode) {
    case 'load':
      result = await measureLoadTime(Number(values.passages), workDir, Number(values.runs === '3' ? 5 : runs));
      break;
    case 'cli-ask': {
      const corpus = await corpusOf(megabytes, path.join(workDir, `corpus-${megabytes}mb`));
      const indexDir = path.join(workDir, `cli-index-${megabytes}mb-${path.basename(projectDir)}`);
      const question = corpus.questions[0] ?? 'What is said?';
      log(`first ask builds the index of ${corpus.bytes} bytes (not counted)`);
      const build = runAsk(projectDir, corpus.dir, indexDir, question, workDir);
      const measured = Array.from({ length: runs }, (_, i) => runAsk(projectDir, corpus.dir, indexDir, corpus.questions[i % corpus.questions.length] ?? question, workDir));
      result = { project: projectDir, corpusBytes: corpus.bytes, passages: corpus.passages, build, runs: measured };
      break;
    }
    case 'summary':
      result = { project: projectDir, ...(await measureSummaryVsAsk(projectDir, megabytes, workDir, runs)) };
      break;
    case 'ack':
      result = { project: projectDir, ...(await measureAckDuringReindex({ projectDir, megabytes, workDir, intervalMs: Number(values['interval-ms']), log })) };
      break;
    case 'sigterm':
      result = { project: projectDir, ...(await measureSigterm(projectDir, values.target as SignalTarget, workDir)) };
      break;
    default:
      throw new Error('Give a mode: load, cli-ask, summary, ack or sigterm (see benchmarks/runtime/main.ts).');
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
