/**
 * What a stop signal does to `npm start` running the bot: the process tree before, the signal sent
 * to the whole process group (as a terminal's Ctrl+C or `kill -- -PGID` does), to the node process
 * alone (as systemd's KillMode=mixed, Docker or pm2 do), or to npm alone; then the exit codes and
 * what is left of the group.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FakeDiscord } from '../../test/e2e/fake-discord/server.ts';
import { FAKE_TOKEN } from '../../test/e2e/helpers.ts';
import { botEnvironment, botReady, startBot } from './bot-process.ts';

export type SignalTarget = 'group' | 'node' | 'npm';

export interface SigtermResult {
  target: SignalTarget;
  treeBefore: string;
  npmExit: { code: number | null; signal: string | null } | 'still running';
  nodeStopped: boolean;
  left: string;
  log: string[];
}

function processGroup(pgid: number): string {
  try {
    return execFileSync('ps', ['-o', 'pid,ppid,pgid,stat,args', '-g', String(pgid)], { encoding: 'utf8' }).trimEnd();
  } catch {
    return '(no process left in the group)';
  }
}

function nodePid(pgid: number): number | undefined {
  const lines = processGroup(pgid).split('\n').slice(1);
  const line = lines.find((row) => /^\s*\d+\s+\d+\s+\d+\s+\S+\s+node .*src\/main\.ts/.test(row));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

export async function measureSigterm(projectDir: string, target: SignalTarget, workDir: string): Promise<SigtermResult> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  const docsDir = path.join(workDir, `sigterm-docs-${target}`);
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(path.join(docsDir, 'a.txt'), '# Lamp\n\nThe keeper lights the lamp at sunset every evening.\n');
  const bot = startBot({ projectDir, launcher: 'npm', env: botEnvironment(fake, docsDir, path.join(workDir, `sigterm-index-${target}`)) });
  try {
    await botReady(fake, 120_000);
    const pgid = bot.child.pid ?? 0;
    const treeBefore = processGroup(pgid);
    const node = nodePid(pgid);
    if (target === 'group') process.kill(-pgid, 'SIGTERM');
    else if (target === 'node' && node) process.kill(node, 'SIGTERM');
    else process.kill(pgid, 'SIGTERM');
    const exit = await Promise.race([bot.exit, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000))]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const left = processGroup(pgid);
    const nodeStopped = node !== undefined && !left.split('\n').some((row) => row.trim().startsWith(`${node} `) && !/ Z /.test(row));
    const log = bot.stderr().split('\n').filter((line) => /SIGTERM|SIGINT|stopped|shutting down|kept the process alive|exiting now/.test(line));
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Nothing left.
    }
    return { target, treeBefore, npmExit: exit === 'still running' ? exit : { code: exit.code, signal: exit.signal }, nodeStopped, left, log };
  } finally {
    await fake.stop();
  }
}
