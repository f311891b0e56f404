/**
 * SIGTERM with a question in flight: the bot (`node --import tsx src/main.ts`, what `npm start`
 * runs) finishes the answer, sends it, then closes the gateway and exits 0.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, type RecordedRequest } from './fake-discord/server.ts';
import { FAKE_TOKEN, makeWorkspace, type TestWorkspace } from './helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let workspace: TestWorkspace;

beforeAll(() => {
  workspace = makeWorkspace();
});

afterAll(() => {
  workspace?.cleanup();
});

describe('npm start on SIGTERM', () => {
  it('sends the answer of the question in flight, then closes the gateway and exits 0', async () => {
    const fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
    // tsx's loader by its path: the bot runs in a temporary folder (no .env), where `--import tsx` would not resolve.
    const tsx = pathToFileURL(createRequire(path.join(ROOT, 'package.json')).resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/main.ts')], {
      cwd: workspace.root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? workspace.root,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_API_BASE: fake.apiBase,
        DOCS_DIR: workspace.docsDir,
        INDEX_DIR: workspace.indexDir,
        EMBEDDING_MODEL: 'none',
        ASK_COOLDOWN_SECONDS: '0',
        NODE_OPTIONS: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await fake.waitForRequest((request) => request.method === 'GET' && request.path.endsWith('/commands'), { timeoutMs: 60_000 });
      await fake.waitForFrame((frame) => frame.op === 2, { timeoutMs: 30_000 });

      // The answer's delivery is slowed down, so the signal certainly arrives while it is under way.
      fake.failNext({ method: 'PATCH', path: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, delayMs: 1500 });
      const sent = fake.sendCommand({
        name: 'ask',
        user: fake.user('last-asker'),
        options: [{ name: 'question', type: 3, value: 'How often does the foghorn sound?' }],
      });
      await fake.waitForRequest((request) => request.method === 'POST' && request.path === `/interactions/${sent.id}/${sent.token}/callback`);
      child.kill('SIGTERM');

      const answer = await fake.waitForRequest(
        (request: RecordedRequest) => request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`,
        { timeoutMs: 10_000 },
      );
      // The gateway was still open when the answer went out: it closes after, not at the signal.
      expect(fake.connected).toBe(true);
      expect(JSON.stringify(answer.body.embeds)).toContain('thirty seconds');

      expect(await exited).toBe(0);
      expect(fake.connected).toBe(false);
      expect(stderr).toContain('SIGTERM received; shutting down');
      expect(stderr).toContain('stopped');
      expect(stderr).not.toContain('something kept the process alive');
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nThe bot's stderr:\n${stderr}`);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await fake.stop();
    }
  });
});
