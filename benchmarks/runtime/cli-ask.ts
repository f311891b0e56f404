/**
 * CLI `ask` wall time and peak memory: runs a project's `src/cli/ask-command.ts` (this checkout, or
 * another such as the baseline) with node and tsx's loader, as `npm run ask` does, on a corpus whose
 * index is already built and fresh. Peak memory is the process's maximum resident set (all threads),
 * reported by a preload at exit.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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

export function runAsk(projectDir: string, docsDir: string, indexDir: string, question: string, workDir: string): AskRun {
  const preload = path.join(workDir, 'report-maxrss.cjs');
  writeFileSync(preload, PRELOAD);
  const tsx = pathToFileURL(createRequire(path.join(projectDir, 'package.json')).resolve('tsx')).href;
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--require', preload, '--import', tsx, path.join(projectDir, 'src/cli/ask-command.ts'), '--json', '--docs', docsDir, '--index', indexDir, question],
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
