/** The bot as a separate process against the loopback Discord (test/e2e's stand-in), for the runtime benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FAKE_TOKEN } from '../../test/e2e/helpers.ts';
import type { FakeDiscord } from '../../test/e2e/fake-discord/server.ts';

export interface BotProcess {
  child: ChildProcess;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export interface BotProcessOptions {
  /** The project to run (this checkout or another, such as the baseline). */
  projectDir: string;
  /** `node` runs `node --import tsx src/main.ts`; `npm` runs `npm start` (in its own process group). */
  launcher: 'node' | 'npm';
  env: Record<string, string>;
}

export function botEnvironment(fake: FakeDiscord, docsDir: string, indexDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_BASE: fake.apiBase,
    DOCS_DIR: docsDir,
    INDEX_DIR: indexDir,
    EMBEDDING_MODEL: 'none',
    ASK_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export function startBot(options: BotProcessOptions): BotProcess {
  const tsx = pathToFileURL(createRequire(path.join(options.projectDir, 'package.json')).resolve('tsx')).href;
  const child =
    options.launcher === 'npm'
      ? spawn('npm', ['start'], { cwd: options.projectDir, env: options.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
      : spawn(process.execPath, ['--import', tsx, path.join(options.projectDir, 'src/main.ts')], {
          cwd: options.projectDir,
          env: options.env,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, stderr: () => stderr, exit };
}

/** Resolves once the bot has connected and checked its slash commands. */
export async function botReady(fake: FakeDiscord, timeoutMs = 600_000): Promise<void> {
  await fake.waitForRequest((request) => request.method === 'GET' && request.path.endsWith('/commands'), { timeoutMs });
}
