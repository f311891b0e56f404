/**
 * `/summary`'s autocomplete over documents whose paths share their first 100 characters, end to
 * end: the choices Discord receives are unique and within its limits, and a picked choice
 * summarises that very document.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentQa } from '../../src/service/document-qa.ts';
import { startDiscordBot, type DiscordBot } from '../../src/discord/bot.ts';
import { FakeDiscord, type RecordedRequest, type SentInteraction } from './fake-discord/server.ts';
import { embedOf } from './fake-discord/bodies.ts';
import { FAKE_TOKEN, captureLogger, testConfig } from './helpers.ts';

const STRING = 3;
const SHARED = `handbook/${'operations-and-maintenance-procedures/'.repeat(3)}`;

let fake: FakeDiscord;
let root: string;
let qa: DocumentQa;
let bot: DiscordBot;

function callbackOf(sent: SentInteraction): Promise<RecordedRequest> {
  return fake.waitForRequest((request) => request.method === 'POST' && request.path === `/interactions/${sent.id}/${sent.token}/callback` && request.status < 300);
}

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatIntervalMs: 1000 }).start();
  root = mkdtempSync(path.join(os.tmpdir(), 'docs-bot-autocomplete-'));
  const docsDir = path.join(root, 'docs');
  mkdirSync(path.join(docsDir, SHARED), { recursive: true });
  for (let i = 0; i < 30; i += 1) {
    const n = String(i).padStart(2, '0');
    writeFileSync(path.join(docsDir, SHARED, `chapter-${n}.md`), `# Chapter ${n}\n\nStep ${n} of the procedure checks valve number ${n} before the pump starts.\n`);
  }
  const workspace = { root, docsDir, indexDir: path.join(root, 'index'), cleanup: () => {} };
  const config = testConfig(workspace, `${fake.apiBase}/v10/`, { stateDir: path.join(root, 'state') });
  const log = captureLogger();
  qa = await DocumentQa.open(config, { logger: log.logger });
  bot = await startDiscordBot(config, { qa, logger: log.logger });
});

afterAll(async () => {
  await bot?.stop();
  await qa?.close();
  await fake?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('/summary autocomplete with long shared paths', () => {
  it('sends 25 unique choices within 100 characters, and a picked one summarises its own document', async () => {
    expect(SHARED.length).toBeGreaterThan(100);
    const user = fake.user('reader');
    const sent = fake.sendCommand({ name: 'summary', type: 4, user, options: [{ name: 'document', type: STRING, value: 'chapter', focused: true }] });
    const choices = (await callbackOf(sent)).body.data?.choices ?? [];
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((choice) => choice.value)).size).toBe(25);
    expect(new Set(choices.map((choice) => choice.name)).size).toBe(25);

    const picked = choices.find((choice) => choice.name.includes('chapter-17.md'));
    expect(String(picked?.value)).toMatch(/^doc:[0-9a-f]+$/); // the path is too long for a value: a key stands for it
    const summary = fake.sendCommand({ name: 'summary', user, options: [{ name: 'document', type: STRING, value: String(picked?.value) }] });
    const edit = await fake.waitForRequest((request) => request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${summary.token}/messages/@original`);
    const embed = embedOf(edit.body);
    expect(embed.title).toBe('Summary of Chapter 17');
    expect(embed.description).toContain('valve number 17');
  });
});
