/**
 * Answer channels, forum posts, threads, feedback buttons and `/stats`, end to end: the real
 * discord.js client against the loopback stand-in, the real core over crafted documents, and the
 * real SQLite database in a temporary STATE_DIR.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { DocumentQa } from '../../src/service/document-qa.ts';
import { QuestionStats } from '../../src/service/stats.ts';
import { startDiscordBot, type DiscordBot } from '../../src/discord/bot.ts';
import { FakeDiscord, type RecordedRequest, type SentInteraction } from './fake-discord/server.ts';
import { MEMBER_PERMISSIONS } from './fake-discord/payloads.ts';
import { embedOf, identifyData } from './fake-discord/bodies.ts';
import { FAKE_TOKEN, captureLogger, makeWorkspace, testConfig, type CapturedLogger, type TestWorkspace } from './helpers.ts';
import type { AppConfig } from '../../src/config.ts';
import { PROJECT_ROOT } from '../support/temp.ts';
import { liveMaskedLinks } from './markdown-links.ts';

/** A document with a page URL in its front matter, and masked links and a bare URL in its text. */
const HOSTILE_DOCUMENT = `---
title: Harbour map
url: https://docs.example.com/harbour/map
---

# Harbour map

The harbour map is kept in the [the map page](https://evil.example/map) or [the mirror](https://evil.example/mirror) or [the third](https://evil.example/3), and a copy at https://evil.example/bare for the harbour pilots.
`;

let fake: FakeDiscord;
let workspace: TestWorkspace;
let config: AppConfig;
let qa: DocumentQa;
let stats: QuestionStats;
let bot: DiscordBot;
let log: CapturedLogger;

const isPostIn = (channelId: string) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/channels/${channelId}/messages` && request.status === 200;

/** The bot's reply to a message: a POST in the channel that references it. */
function replyTo(channelId: string, messageId: string, since = 0): Promise<RecordedRequest> {
  return fake.waitForRequest((request) => isPostIn(channelId)(request) && request.body.message_reference?.message_id === messageId, { since });
}

function createdMessageId(request: RecordedRequest): string {
  const id = (request.response as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new Error('the request created no message');
  return id;
}

function customIds(request: RecordedRequest): string[] {
  const rows = (request.body.components ?? []) as { components: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components.map((component) => component.custom_id ?? ''));
}

function callbackOf(sent: SentInteraction): Promise<RecordedRequest> {
  return fake.waitForRequest((request) => request.method === 'POST' && request.path === `/interactions/${sent.id}/${sent.token}/callback` && request.status < 300);
}

async function startBot(overrides: Partial<AppConfig> = {}): Promise<DiscordBot> {
  return startDiscordBot({ ...config, ...overrides }, { qa, logger: log.logger.child({ component: 'discord' }), stats });
}

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatIntervalMs: 1000 }).start();
  workspace = makeWorkspace();
  writeFileSync(path.join(workspace.docsDir, 'harbour-map.md'), HOSTILE_DOCUMENT);
  config = testConfig(workspace, `${fake.apiBase}/v10/`, {
    askCooldownSeconds: 0,
    adminRoleIds: [fake.guild.adminRoleId],
    answerChannelIds: [fake.guild.answerChannelId, fake.guild.forumChannelId],
    stateDir: path.join(workspace.root, 'state'),
  });
  log = captureLogger();
  qa = await DocumentQa.open(config, { logger: log.logger.child({ component: 'core' }) });
  stats = QuestionStats.open(config, { logger: log.logger.child({ component: 'stats' }) });
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
  stats?.close();
  await qa?.close();
  await fake?.stop();
  workspace?.cleanup();
});

describe('an answer channel', () => {
  it('asks Discord for the Message Content intent because answer channels are set', () => {
    const identify = identifyData(fake.received.find((frame) => frame.op === 2));
    expect((identify?.intents ?? 0) & (1 << 15)).toBe(1 << 15);
  });

  it('answers a message as a reply, with citations and the Helpful / Not helpful buttons', async () => {
    const messageId = fake.sendMessage({ content: 'When does the keeper light the lamp?', author: fake.user('channel-asker'), channelId: fake.guild.answerChannelId });
    const reply = await replyTo(fake.guild.answerChannelId, messageId);
    const field = embedOf(reply.body).fields?.[0];
    expect(field?.value).toContain('lights the lamp at sunset');
    expect(field?.value).toMatch(/guides\/lighthouse\.md, paragraph \d+/);
    expect(customIds(reply)).toEqual([expect.stringMatching(/^feedback:\d+:helpful$/), expect.stringMatching(/^feedback:\d+:unhelpful$/)]);
    expect(reply.body.allowed_mentions?.parse).toEqual([]);
  });

  it('leaves thanks, chatter, +1 and a bare link alone, and declines a question the documents do not cover', async () => {
    const author = fake.user('chatty');
    const ignored = ['thanks!', 'lol', '+1', 'https://example.com/some/page', 'hi everyone!'].map((content) =>
      fake.sendMessage({ content, author, channelId: fake.guild.answerChannelId }),
    );
    const offTopicId = fake.sendMessage({ content: 'How do I configure the zebra quantum xylophone?', author, channelId: fake.guild.answerChannelId });
    const decline = await replyTo(fake.guild.answerChannelId, offTopicId);
    expect(decline.body.embeds ?? []).toHaveLength(0);
    expect(decline.body.content?.length).toBeGreaterThan(10);
    expect(decline.body.components ?? []).toHaveLength(0);
    // Messages are handled in order: by the time the later question is answered, the earlier ones were passed over.
    const repliedTo = fake.requests.map((request) => request.body.message_reference?.message_id);
    for (const id of ignored) expect(repliedTo).not.toContain(id);
  });

  it('tells the member when a question is too long, and passes over a message of only emoji', async () => {
    const author = fake.user('long-winded');
    const emojiId = fake.sendMessage({ content: '🎉🎉🎉', author, channelId: fake.guild.answerChannelId });
    const longId = fake.sendMessage({ content: `lamp ${'very '.repeat(120)}long?`, author, channelId: fake.guild.answerChannelId });
    const reply = await replyTo(fake.guild.answerChannelId, longId);
    expect(reply.body.content).toContain(`under ${config.maxQuestionChars}`);
    expect(fake.requests.some((request) => request.body.message_reference?.message_id === emojiId)).toBe(false);
  });

  it('does not answer a member in another channel without a mention', async () => {
    const since = fake.requests.length;
    const silentId = fake.sendMessage({ content: 'When does the keeper light the lamp?', author: fake.user('elsewhere') });
    const mentionId = fake.sendMessage({ content: `<@${fake.bot.id}> When does the keeper trim the wick?`, author: fake.user('elsewhere') });
    await replyTo(fake.guild.channelId, mentionId, since);
    expect(fake.requests.slice(since).some((request) => request.body.message_reference?.message_id === silentId)).toBe(false);
  });
});

describe('links in answers', () => {
  it('cite the document URL from its metadata, and neutralise every masked link and bare URL of its text', async () => {
    const messageId = fake.sendMessage({ content: 'Where is the harbour map kept for the pilots?', author: fake.user('pilot'), channelId: fake.guild.answerChannelId });
    const reply = await replyTo(fake.guild.answerChannelId, messageId);
    const value = embedOf(reply.body).fields?.[0]?.value ?? '';
    expect(value).toContain('the map page');
    expect(value).toMatch(/\[harbour-map\.md, [^\]]+\]\(<https:\/\/docs\.example\.com\/harbour\/map[^>]*>\)$/);
    const excerptPart = value.split('\n')[0] ?? '';
    expect(liveMaskedLinks(excerptPart)).toEqual([]);
    expect(excerptPart).not.toMatch(/(?<!<)https:\/\/evil\.example\/bare/);
  });
});

describe('conversation', () => {
  it('gets a short reply to a mention, not a decline, and is not counted as a question', async () => {
    const before = stats.overview().allTime.questions;
    const messageId = fake.sendMessage({ content: `<@${fake.bot.id}> hi there!`, author: fake.user('greeter') });
    const reply = await replyTo(fake.guild.channelId, messageId);
    expect(reply.body.content).toContain('I answer questions about');
    expect(reply.body.components ?? []).toHaveLength(0);
    expect(stats.overview().allTime.questions).toBe(before);
  });
});

describe('a forum', () => {
  let threadId: string;

  it('answers a new post inside its thread', async () => {
    threadId = fake.createForumPost({ title: 'Foghorn in thick fog', content: 'What does the keeper sound in thick fog?', author: fake.user('poster') });
    const answer = await fake.waitForRequest(isPostIn(threadId));
    expect(embedOf(answer.body).fields?.[0]?.value).toContain('foghorn every thirty seconds');
    expect(customIds(answer)).toHaveLength(2);
  });

  it('answers a vague follow-up in the thread with the first question as context', async () => {
    // Alone, the follow-up finds nothing in the documents.
    expect((await qa.ask('how often?')).answered).toBe(false);
    const followUpId = fake.sendMessage({ content: 'how often?', author: fake.user('poster'), channelId: threadId });
    const reply = await replyTo(threadId, followUpId);
    const embed = embedOf(reply.body);
    expect(embed.title).toBe('how often?');
    expect(embed.fields?.[0]?.value).toContain('every thirty seconds');
  });

  it('leaves "thanks!" in the thread alone', async () => {
    const thanksId = fake.sendMessage({ content: 'thanks!', author: fake.user('poster'), channelId: threadId });
    const nextId = fake.sendMessage({ content: 'What powers the foghorn?', author: fake.user('poster'), channelId: threadId });
    await replyTo(threadId, nextId);
    expect(fake.requests.some((request) => request.body.message_reference?.message_id === thanksId)).toBe(false);
  });

  it('answers in an archived thread (Discord unarchives it) and stays silent, without errors, in a locked one', async () => {
    fake.channels.updateThread(threadId, { archived: true });
    const archivedId = fake.sendMessage({ content: 'Who signs the logbook entries?', author: fake.user('poster'), channelId: threadId });
    await replyTo(threadId, archivedId);
    fake.channels.updateThread(threadId, { locked: true });
    const since = fake.requests.length;
    const lockedId = fake.sendMessage({ content: 'What does the lamp burn?', author: fake.user('poster'), channelId: threadId });
    const probeId = fake.sendMessage({ content: 'What does the lamp burn?', author: fake.user('poster'), channelId: fake.guild.answerChannelId });
    await replyTo(fake.guild.answerChannelId, probeId, since);
    expect(fake.requests.slice(since).some((request) => request.body.message_reference?.message_id === lockedId)).toBe(false);
    expect(log.text()).not.toMatch(/answering a message failed/);
  });
});

describe('answers in threads (ANSWER_IN_THREADS)', () => {
  let threadBot: DiscordBot;

  beforeAll(async () => {
    await bot.stop();
    threadBot = await startBot({ answerInThreads: true });
  });

  afterAll(async () => {
    await threadBot.stop();
    bot = await startBot();
  });

  it('starts a thread from the question, answers in it, and answers a follow-up there without a mention', async () => {
    const messageId = fake.sendMessage({ content: 'What is a sourdough starter?', author: fake.user('baker'), channelId: fake.guild.answerChannelId });
    const started = await fake.waitForRequest((request) => request.method === 'POST' && request.path === `/channels/${fake.guild.answerChannelId}/messages/${messageId}/threads`);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ name: 'What is a sourdough starter?' });
    const answer = await fake.waitForRequest(isPostIn(messageId));
    expect(embedOf(answer.body).fields?.map((field) => field.value).join('\n')).toContain('wild yeast');
    const followUpId = fake.sendMessage({ content: 'and how often do I feed it?', author: fake.user('baker'), channelId: messageId });
    const followUp = await replyTo(messageId, followUpId);
    expect(embedOf(followUp.body).fields?.map((field) => field.value).join('\n')).toContain('twice a day');
  });

  it('answers in the channel when it may not create threads, and says which permission to add', async () => {
    fake.failNext({ method: 'POST', path: /\/threads$/, status: 403, code: 50013 });
    const messageId = fake.sendMessage({ content: 'When does the keeper trim the wick?', author: fake.user('no-threads'), channelId: fake.guild.answerChannelId });
    const reply = await replyTo(fake.guild.answerChannelId, messageId);
    expect(embedOf(reply.body).fields?.[0]?.value).toContain('midnight');
    expect(log.text()).toContain('Create Public Threads');
  });

  it('sends nothing, without an error, when the question is deleted before the answer', async () => {
    const messageId = fake.sendMessage({ content: 'What records the logbook?', author: fake.user('deleter'), channelId: fake.guild.answerChannelId });
    fake.deleteMessage(messageId);
    const refused = await fake.waitForRequest((request) => request.path === `/channels/${fake.guild.answerChannelId}/messages/${messageId}/threads`);
    expect(refused.status).toBe(404);
    await expect.poll(() => log.text()).toContain('the question was deleted before the answer');
    expect(log.text()).not.toMatch(/answering a message failed/);
  });
});

describe('feedback buttons', () => {
  it('record a vote, change it on a second click, and acknowledge privately', async () => {
    const messageId = fake.sendMessage({ content: 'What does the logbook record?', author: fake.user('voter'), channelId: fake.guild.answerChannelId });
    const reply = await replyTo(fake.guild.answerChannelId, messageId);
    const [helpfulId, unhelpfulId] = customIds(reply);
    const answerMessageId = createdMessageId(reply);
    const voter = fake.user('voter');
    const before = stats.overview().allTime;

    const first = await callbackOf(fake.clickButton({ messageId: answerMessageId, customId: helpfulId ?? '', user: voter }));
    expect(first.body.type).toBe(4);
    expect((first.body.data?.flags ?? 0) & 64).toBe(64);
    expect(first.body.data?.content).toMatch(/recorded: helpful/);

    const second = await callbackOf(fake.clickButton({ messageId: answerMessageId, customId: unhelpfulId ?? '', user: voter }));
    expect(second.body.data?.content).toMatch(/changed to: not helpful/);

    const after = stats.overview().allTime;
    expect(after.helpful).toBe(before.helpful);
    expect(after.unhelpful).toBe(before.unhelpful + 1);
    // Voted not helpful, so it is among what to write next.
    expect(after.topDeclined.map((entry) => entry.question)).toContain('What does the logbook record?');
  });

  it('still work after the bot restarts', async () => {
    const messageId = fake.sendMessage({ content: 'When does the keeper light the lamp at sunset?', author: fake.user('restart-voter'), channelId: fake.guild.answerChannelId });
    const reply = await replyTo(fake.guild.answerChannelId, messageId);
    await bot.stop();
    bot = await startBot();
    const click = await callbackOf(fake.clickButton({ messageId: createdMessageId(reply), customId: customIds(reply)[0] ?? '', user: fake.user('restart-voter') }));
    expect(click.body.data?.content).toMatch(/recorded: helpful/);
  });
});

describe('/stats', () => {
  it('is refused to a member, privately', async () => {
    const sent = fake.sendCommand({ name: 'stats', user: fake.user('member'), permissions: MEMBER_PERMISSIONS });
    const reply = await callbackOf(sent);
    expect((reply.body.data?.flags ?? 0) & 64).toBe(64);
    expect(reply.body.data?.content).toContain('Only server admins');
  });

  it('shows an admin the last 7 days and all time, privately', async () => {
    const sent = fake.sendCommand({ name: 'stats', user: fake.user('admin'), permissions: MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild });
    const reply = await callbackOf(sent);
    expect((reply.body.data?.flags ?? 0) & 64).toBe(64);
    const embed = embedOf(reply.body.data);
    const names = (embed.fields ?? []).map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['Last 7 days', expect.stringMatching(/^All time/), 'Most cited documents (all time)']));
    const text = (embed.fields ?? []).map((field) => field.value).join('\n');
    expect(text).toContain('guides/lighthouse.md');
    expect(text).toContain('zebra quantum xylophone');
  });

  it('matches `npm run stats -- --json` on the same database after the session', () => {
    const result = spawnSync('npm', ['run', '-s', 'stats', '--', '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STATE_DIR: config.stateDir },
    });
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['questions', 'answered', 'declined', 'helpful', 'unhelpful', 'topDeclined', 'topSources']);
    const allTime = stats.overview().allTime;
    expect(printed).toEqual(allTime);
    expect(allTime.questions).toBeGreaterThanOrEqual(10);
    expect(allTime.answered + allTime.declined).toBe(allTime.questions);
  });
});
