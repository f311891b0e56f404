/**
 * The bot stays responsive while `/reindex` rebuilds: the real discord.js client against the
 * loopback Discord, a rebuild held open (its files cannot be written until the test says so), and
 * meanwhile questions acknowledged and answered and the gateway heartbeating. The rebuild's work is
 * shown to run off the main thread by the thread that did it.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, type DiscordBot } from '../../src/discord/bot.ts';
import { DocumentQa, type ReindexReport } from '../../src/service/document-qa.ts';
import { gatedFileSystem } from '../support/index-file-systems.ts';
import { FakeDiscord, type RecordedRequest, type SentInteraction } from './fake-discord/server.ts';
import { embedOf } from './fake-discord/bodies.ts';
import { FAKE_TOKEN, captureLogger, makeWorkspace, testConfig, type TestWorkspace } from './helpers.ts';

const STRING = 3;

let fake: FakeDiscord;
let workspace: TestWorkspace;
let qa: DocumentQa;
let bot: DiscordBot;
const fileSystem = gatedFileSystem();
const reports: ReindexReport[] = [];

const isCallback = (sent: SentInteraction) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/interactions/${sent.id}/${sent.token}/callback`;
const isOriginalEdit = (sent: SentInteraction) => (request: RecordedRequest) =>
  request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original` && request.status === 200;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatIntervalMs: 250 }).start();
  workspace = makeWorkspace();
  const config = testConfig(workspace, `${fake.apiBase}/v10/`, { askCooldownSeconds: 0 });
  const log = captureLogger();
  qa = await DocumentQa.open(config, { logger: log.logger.child({ component: 'core' }), fileSystem });
  bot = await startDiscordBot(config, { qa, logger: log.logger.child({ component: 'discord' }), progressIntervalMs: 100 });
  // Keep the real core; only note each rebuild's report.
  bot.context.qa = {
    ask: (question) => qa.ask(question),
    summarize: (source) => qa.summarize(source),
    matchDocuments: (requested) => qa.matchDocuments(requested),
    info: () => qa.info(),
    reindex: async (onProgress) => {
      const report = await qa.reindex(onProgress);
      reports.push(report);
      return report;
    },
    get reindexing() {
      return qa.reindexing;
    },
  };
});

afterAll(async () => {
  fileSystem.release();
  await bot?.stop();
  await qa?.close();
  await fake?.stop();
  workspace?.cleanup();
});

describe('while /reindex rebuilds', () => {
  it('questions are acknowledged and answered, the gateway heartbeats, and the rebuild runs on another thread', async () => {
    fileSystem.hold();
    const rebuild = fake.sendCommand({ name: 'reindex', user: fake.user('admin'), permissions: PermissionFlagsBits.ManageGuild });
    expect((await fake.waitForRequest(isCallback(rebuild))).body).toMatchObject({ type: 5 });
    // The worker has read, indexed and summarised the documents; the rebuild now waits to write.
    await until(() => fileSystem.waiting, 'the rebuild to reach its writes');
    const framesBefore = fake.received.length;

    const questions = ['How often does the foghorn sound?', 'When does the keeper light the lamp?'].map((question, i) =>
      fake.sendCommand({ name: 'ask', user: fake.user(`asker-${i}`), options: [{ name: 'question', type: STRING, value: question }] }),
    );
    for (const sent of questions) {
      expect((await fake.waitForRequest(isCallback(sent))).body.type).toBe(5);
      const answer = await fake.waitForRequest(isOriginalEdit(sent));
      expect(JSON.stringify(answer.body.embeds)).toMatch(/thirty seconds|sunset/);
    }
    await fake.waitForFrame((frame) => frame.op === 1, { since: framesBefore, timeoutMs: 5000 });
    expect(qa.reindexing).toBe(true);
    expect(reports).toHaveLength(0);

    fileSystem.release();
    const report = await fake.waitForRequest((request) => isOriginalEdit(rebuild)(request) && (request.body.embeds ?? []).length > 0, { timeoutMs: 30_000 });
    expect(embedOf(report.body).title).toBe('✅ Index rebuilt');
    expect(reports).toHaveLength(1);
    // The main thread is thread 0; the build ran on a worker.
    expect(reports[0]?.builtOnThread).toBeGreaterThan(0);
  });
});
