/**
 * The bot on a hybrid index (BM25 + vectors from the tiny real embedding model) over a couple of
 * thousand documents, so a `/reindex` lasts long enough to show throttled progress edits while
 * questions are still answered.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DocumentQa } from '../../src/service/document-qa.ts';
import { startDiscordBot, type DiscordBot } from '../../src/discord/bot.ts';
import { FakeDiscord, type RecordedRequest, type SentInteraction } from './fake-discord/server.ts';
import { MEMBER_PERMISSIONS, type FakeUser } from './fake-discord/payloads.ts';
import { embedFields, embedOf } from './fake-discord/bodies.ts';
import { FAKE_TOKEN, captureLogger, makeWorkspace, testConfig, type TestWorkspace } from './helpers.ts';
import { tinyModelDir } from '../support/tiny-model.ts';

const GENERATED_DOCUMENTS = 2000;
const WORDS = 'harbour ship rope sail wind north south east west morning tide anchor gull pier crane dock cargo crew deck mast'.split(' ');

let fake: FakeDiscord;
let workspace: TestWorkspace;
let qa: DocumentQa;
let bot: DiscordBot;
let admin: FakeUser;

const originalEdits = (sent: SentInteraction) => (request: RecordedRequest) =>
  request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original` && request.status === 200;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN }).start();
  workspace = makeWorkspace();
  for (let i = 0; i < GENERATED_DOCUMENTS; i += 1) {
    const paragraphs = Array.from({ length: 3 }, (_, p) =>
      `${Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + p * 3 + k * 11) % WORDS.length]).join(' ')}.`,
    );
    writeFileSync(path.join(workspace.docsDir, `harbour-log-${i}.txt`), paragraphs.join('\n\n'));
  }
  admin = fake.user('listed-admin');
  const config = testConfig(workspace, fake.apiBase, {
    embeddingModel: await tinyModelDir(),
    askCooldownSeconds: 0,
    adminUserIds: [admin.id],
  });
  const log = captureLogger();
  qa = await DocumentQa.open(config, { logger: log.logger });
  bot = await startDiscordBot(config, { qa, logger: log.logger });
});

afterAll(async () => {
  await bot?.stop();
  await qa?.close();
  await fake?.stop();
  workspace?.cleanup();
});

it('answers /ask from the hybrid index after a deferred acknowledgement', async () => {
  const sent = fake.sendCommand({
    name: 'ask',
    user: fake.user('hybrid-asker'),
    options: [{ name: 'question', type: 3, value: 'When does the keeper light the lamp?' }],
  });
  const ack = await fake.waitForRequest((request) => request.path === `/interactions/${sent.id}/${sent.token}/callback`);
  expect(ack.body.type).toBe(5);
  const edit = await fake.waitForRequest(originalEdits(sent));
  const embed = embedOf(edit.body);
  expect(embed.fields?.[0]?.value).toContain('lights the lamp at sunset');
  expect(embed.footer?.text).toContain('hybrid');
});

it('lets a listed admin (no Manage Server) rebuild: progress at most every ~1.5 s, questions answered meanwhile, then the report', async () => {
  const sent = fake.sendCommand({ name: 'reindex', user: admin, permissions: MEMBER_PERMISSIONS });
  const first = await fake.waitForRequest(originalEdits(sent));
  expect(first.body.content).toContain('Rebuilding the index');

  const question = fake.sendCommand({
    name: 'ask',
    user: fake.user('asks-during-rebuild'),
    options: [{ name: 'question', type: 3, value: 'How often does the foghorn sound?' }],
  });
  const answer = await fake.waitForRequest(originalEdits(question), { timeoutMs: 30_000 });
  expect(embedOf(answer.body).fields?.[0]?.value).toContain('thirty seconds');

  const report = await fake.waitForRequest((request) => originalEdits(sent)(request) && (request.body.embeds ?? []).length > 0, {
    timeoutMs: 60_000,
  });
  const edits = fake.requests.filter(originalEdits(sent));
  const progress = edits.filter((request) => String(request.body.content ?? '').startsWith('🔄'));
  expect(edits.at(-1)).toBe(report);
  expect(progress.length).toBeGreaterThanOrEqual(1);
  // Throttled: never more progress edits than one per ~1.5 s of the rebuild (arrival times can
  // bunch behind the REST queue on a busy machine, so the count is checked, not each gap).
  const rebuildMs = report.at - first.at;
  expect(progress.length).toBeLessThanOrEqual(1 + Math.ceil(rebuildMs / 1400));
  expect(progress.some((request) => /Reading documents|Embedding passages|Writing the index/.test(request.body.content ?? ''))).toBe(
    progress.length > 1,
  );
  const fields = embedFields(embedOf(report.body));
  expect(fields.Documents).toBe(String(GENERATED_DOCUMENTS + 3));
  expect(fields.Mode).toContain('hybrid');
});
