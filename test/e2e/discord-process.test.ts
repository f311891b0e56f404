/**
 * The bot as a process: the real `npm start` entry (`tsx src/main.ts`) and `npm run
 * deploy-commands` as child processes against the loopback Discord, and `runDiscordBot`'s exit
 * codes when Discord rejects the token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDiscordBot } from '../../src/discord/run-bot.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord/server.ts';
import { commandsInBody } from './fake-discord/bodies.ts';
import { FAKE_TOKEN, captureLogger, makeWorkspace, testConfig, type TestWorkspace } from './helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

const children: ChildProcess[] = [];

/** Runs a TypeScript entry of the project with tsx, in a temporary cwd (so no .env is picked up). */
function run(script: string, env: Record<string, string>, cwd: string): Child {
  const child = spawn(TSX, [path.join(ROOT, script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, TMPDIR: process.env.TMPDIR ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitForStderr: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern} in stderr:\n${err}`)), timeoutMs);
        const check = () => {
          if (!pattern.test(err)) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        void exit.then(() => {
          if (!pattern.test(err)) {
            clearTimeout(timer);
            reject(new Error(`The process exited before ${pattern} appeared in stderr:\n${err}`));
          }
        });
        check();
      }),
  };
}

let workspace: TestWorkspace;

function botEnv(fake: FakeDiscord, token: string = FAKE_TOKEN): Record<string, string> {
  return {
    DISCORD_TOKEN: token,
    DISCORD_API_BASE: fake.apiBase,
    DOCS_DIR: workspace.docsDir,
    INDEX_DIR: workspace.indexDir,
    EMBEDDING_MODEL: path.join(workspace.root, 'no-model-here'),
    OFFLINE: 'true',
    ASK_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
  };
}

beforeAll(() => {
  workspace = makeWorkspace();
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(() => {
  workspace?.cleanup();
});

describe('npm start (tsx src/main.ts) with DISCORD_TOKEN', () => {
  it('connects, answers /ask, and exits 0 on SIGTERM', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    try {
      const child = run('src/main.ts', botEnv(fake), workspace.root);
      await child.waitForStderr(/ready as DocsBot in 1 servers/);
      await child.waitForStderr(/registered slash commands|slash commands are up to date/);
      const sent = fake.sendCommand({
        name: 'ask',
        user: fake.user('process-asker'),
        options: [{ name: 'question', type: 3, value: 'How often does the foghorn sound?' }],
      });
      const ack = await fake.waitForRequest((request) => request.path === `/interactions/${sent.id}/${sent.token}/callback`);
      expect(ack.body.type).toBe(5);
      const edit = await fake.waitForRequest(
        (request: RecordedRequest) => request.method === 'PATCH' && request.path.includes(`/webhooks/${fake.applicationId}/${sent.token}/`),
      );
      expect(JSON.stringify(edit.body.embeds)).toContain('thirty seconds');
      expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

      child.process.kill('SIGTERM');
      expect(await child.exit).toBe(0);
      expect(child.stderr()).toContain('SIGTERM received; shutting down');
      expect(child.stderr()).not.toContain('reconnecting');
      expect(child.stderr()).not.toContain(FAKE_TOKEN);
      expect(child.stderr()).not.toContain(sent.token);
      // The gateway connection was closed by the bot, normally.
      expect(fake.connected).toBe(false);
    } finally {
      await fake.stop();
    }
  });

  it('exits 1 with a clear message, without the token, when Discord rejects the token', async () => {
    const fake = await new FakeDiscord({ token: 'the-real-token-is-something-else' }).start();
    try {
      const child = run('src/main.ts', botEnv(fake), workspace.root);
      expect(await child.exit).toBe(1);
      expect(child.stderr()).toContain('Discord rejected DISCORD_TOKEN');
      expect(child.stderr()).toContain('Reset it in the Developer Portal');
      expect(child.stderr()).not.toContain(FAKE_TOKEN);
      expect(child.stderr()).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
      expect(fake.requests.every((request) => request.status === 401)).toBe(true);
    } finally {
      await fake.stop();
    }
  });
});

describe('runDiscordBot exit codes', () => {
  it('returns 1 with the clear message when GET /gateway/bot answers 401', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    fake.failNext({ method: 'GET', path: /^\/gateway\/bot$/, status: 401, count: 10 });
    const log = captureLogger();
    const errors: string[] = [];
    try {
      const code = await runDiscordBot(testConfig(workspace, fake.apiBase), { logger: log.logger, writeError: (text) => errors.push(text), signals: [] });
      expect(code).toBe(1);
      expect(errors.join('\n')).toContain('Discord rejected DISCORD_TOKEN');
      expect(fake.requests.some((request) => request.path === '/gateway/bot' && request.status === 401)).toBe(true);
      expect(log.text()).not.toContain(FAKE_TOKEN);
    } finally {
      await fake.stop();
    }
  });

  it('returns 1 with the clear message when the gateway closes IDENTIFY with 4004', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    fake.rejectIdentify = true;
    const errors: string[] = [];
    try {
      const code = await runDiscordBot(testConfig(workspace, fake.apiBase), { logger: captureLogger().logger, writeError: (text) => errors.push(text), signals: [] });
      expect(code).toBe(1);
      expect(errors.join('\n')).toContain('Discord rejected DISCORD_TOKEN');
      expect(fake.received.some((frame) => frame.op === 2)).toBe(true);
    } finally {
      await fake.stop();
    }
  });

  it('returns 1 naming the intent and the setting when Discord refuses the Message Content intent (close 4014)', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    fake.refusePrivilegedIntents = true;
    const errors: string[] = [];
    try {
      const config = { ...testConfig(workspace, fake.apiBase), answerChannelIds: [fake.guild.answerChannelId] };
      const code = await runDiscordBot(config, { logger: captureLogger().logger, writeError: (text) => errors.push(text), signals: [] });
      expect(code).toBe(1);
      const message = errors.join('\n');
      expect(message).toContain('4014');
      expect(message).toContain('Message Content Intent');
      expect(message).toContain('ANSWER_CHANNEL_IDS');
      const identify = fake.received.find((frame) => frame.op === 2);
      expect(Number((identify?.d as { intents?: number } | undefined)?.intents ?? 0) & (1 << 15)).toBe(1 << 15);
    } finally {
      await fake.stop();
    }
  });

  it('does not ask for the Message Content intent without answer channels, so a refusing application still connects', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    fake.refusePrivilegedIntents = true;
    const log = captureLogger();
    try {
      const config = testConfig(workspace, fake.apiBase);
      const { startDiscordBot } = await import('../../src/discord/bot.ts');
      const { DocumentQa } = await import('../../src/service/document-qa.ts');
      const qa = await DocumentQa.open(config, { logger: log.logger });
      const bot = await startDiscordBot(config, { qa, logger: log.logger, syncCommands: false });
      await bot.stop();
      await qa.close();
      const identify = fake.received.find((frame) => frame.op === 2);
      expect(Number((identify?.d as { intents?: number } | undefined)?.intents ?? 0) & (1 << 15)).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it('returns 1 with the core\'s explanation when the index cannot be opened (no documents folder)', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    const errors: string[] = [];
    try {
      const config = { ...testConfig(workspace, fake.apiBase), docsDir: path.join(workspace.root, 'missing-folder'), indexDir: path.join(workspace.root, 'other-index') };
      const code = await runDiscordBot(config, { logger: captureLogger().logger, writeError: (text) => errors.push(text), signals: [] });
      expect(code).toBe(1);
      expect(errors.join('\n')).toMatch(/^Could not open the document index: .*missing-folder/);
      expect(fake.received).toHaveLength(0); // never connected to the gateway
    } finally {
      await fake.stop();
    }
  });

  it('stops cleanly on a signal: client destroyed, core closed, exit code 0', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    const log = captureLogger();
    try {
      const running = runDiscordBot(testConfig(workspace, fake.apiBase), { logger: log.logger, signals: ['SIGUSR2'], stuckExitMs: null });
      await fake.waitForRequest((request) => request.method === 'GET' && request.path.endsWith('/commands'));
      process.emit('SIGUSR2', 'SIGUSR2');
      expect(await running).toBe(0);
      expect(log.text()).toContain('SIGUSR2 received; shutting down');
      expect(fake.connected).toBe(false);
      expect(process.listenerCount('SIGUSR2')).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it('does not register the commands again when they are already up to date', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    const config = testConfig(workspace, fake.apiBase, { discordGuildId: fake.guild.id });
    try {
      for (let round = 0; round < 2; round += 1) {
        const running = runDiscordBot(config, { logger: captureLogger().logger, signals: ['SIGUSR2'], stuckExitMs: null });
        await fake.waitForRequest((request) => request.path.endsWith('/commands') && request.method === 'GET', {
          since: fake.requests.length,
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        process.emit('SIGUSR2', 'SIGUSR2');
        expect(await running).toBe(0);
      }
      const route = `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`;
      expect(fake.requests.filter((request) => request.path === route).map((request) => request.method)).toEqual(['GET', 'PUT', 'GET']);
    } finally {
      await fake.stop();
    }
  });
});

describe('npm run deploy-commands', () => {
  it('registers the commands to DISCORD_GUILD_ID and says so', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    try {
      const child = run('src/discord/deploy-commands.ts', { ...botEnv(fake), DISCORD_GUILD_ID: fake.guild.id, MAX_QUESTION_CHARS: '250' }, workspace.root);
      expect(await child.exit).toBe(0);
      expect(child.stdout()).toContain(`Registered 5 commands (/ask, /summary, /reindex, /sources, /stats) to server ${fake.guild.id}`);
      const put = fake.requests.find((request) => request.method === 'PUT');
      expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`);
      const question = commandsInBody(put?.parsed).find((command) => command.name === 'ask')?.options?.[0];
      expect(question && 'max_length' in question ? question.max_length : undefined).toBe(250);
    } finally {
      await fake.stop();
    }
  });

  it('exits non-zero with a clear message when DISCORD_TOKEN is missing', async () => {
    const child = run('src/discord/deploy-commands.ts', { DOCS_DIR: workspace.docsDir }, workspace.root);
    expect(await child.exit).toBe(1);
    expect(child.stderr()).toContain('DISCORD_TOKEN is not set');
  });
});
