/**
 * CLI `ask` wall time, CPU time and peak memory: runs a project's `npm run ask` command (this
 * checkout, or another such as the baseline) with node, without npm's own start-up, on a corpus
 * whose index is already built and fresh (the first run, reported as `build`, builds it). Peak
 * memory is the process's maximum resident set (all threads), reported by a preload at exit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AskRun {
  wallMs: number;
  maxRssMb: number;
  /** CPU time of the process (user + system, all threads): on a shared machine, steadier than wall time. */
  cpuMs: number;
  status: number | null;
  answered: boolean | undefined;
}

const PRELOAD = `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\n@@maxrss ' + u.maxRSS + ' @@cpu ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n`;

/**
 * The node arguments of the project's `npm run ask` script (without npm itself): `node ARGS` as
 * written, or `tsx FILE` as node with tsx's loader (what tsx's own launcher starts, minus its
 * parent process).
 */
function askCommand(projectDir: string): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const words = (scripts.ask ?? 'tsx src/cli/ask-command.ts').trim().split(/\s+/);
  if (words[0] === 'node') return words.slice(1);
  const tsx = pathToFileURL(createRequire(path.join(projectDir, 'package.json')).resolve('tsx')).href;
  if (words[0] === 'tsx') return ['--import', tsx, ...words.slice(1)];
  throw new Error(`cannot run the ask script of ${projectDir}: ${scripts.ask}`);
}

export function runAsk(projectDir: string, docsDir: string, indexDir: string, question: string, workDir: string): AskRun {
  const preload = path.join(workDir, 'report-maxrss.cjs');
  writeFileSync(preload, PRELOAD);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--require', preload, ...askCommand(projectDir), '--json', '--docs', docsDir, '--index', indexDir, question],
    { cwd: projectDir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EMBEDDING_MODEL: 'none', DISCORD_TOKEN: '' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  const rss = /@@maxrss (\d+)/.exec(result.stderr ?? '');
  const cpu = /@@cpu (\d+)/.exec(result.stderr ?? '');
  let answered: boolean | undefined;
  try {
    answered = (JSON.parse(result.stdout) as { answered?: boolean }).answered;
  } catch {
    answered = undefined;
  }
  return { wallMs: Math.round(wallMs), maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : -1, cpuMs: cpu ? Math.round(Number(cpu[1]) / 1000) : -1, status: result.status, answered };
}
