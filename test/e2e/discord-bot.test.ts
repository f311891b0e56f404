/**
 * The bot end to end: its real discord.js client talks to the loopback Discord stand-in (REST +
 * gateway), and answers from the real core over a temporary folder of crafted documents.
 */
import { renameSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { DocumentQa } from '../../src/service/document-qa.ts';
import { startDiscordBot, type DiscordBot } from '../../src/discord/bot.ts';
import { FakeDiscord, type RecordedRequest, type SentInteraction } from './fake-discord/server.ts';
import { MEMBER_PERMISSIONS } from './fake-discord/payloads.ts';
import { embedFields, embedOf, identifyData, resumeData, type MessageBody } from './fake-discord/bodies.ts';
import { FAKE_TOKEN, captureLogger, makeWorkspace, sleep, testConfig, type CapturedLogger, type TestWorkspace } from './helpers.ts';
import type { AppConfig } from '../../src/config.ts';

const STRING = 3;

let fake: FakeDiscord;
let workspace: TestWorkspace;
let config: AppConfig;
let qa: DocumentQa;
let bot: DiscordBot;
let log: CapturedLogger;

const isCallback = (sent: SentInteraction) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/interactions/${sent.id}/${sent.token}/callback`;
const isOriginalEdit = (sent: SentInteraction) => (request: RecordedRequest) =>
  request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original` && request.status === 200;
const isFollowUp = (sent: SentInteraction) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/webhooks/${fake.applicationId}/${sent.token}` && request.status === 200;

/** The first successful callback of an interaction. */
function callback(sent: SentInteraction): Promise<RecordedRequest> {
  return fake.waitForRequest((request) => isCallback(sent)(request) && request.status < 300);
}

function ask(user = fake.user('asker'), question = 'When does the keeper light the lamp?'): SentInteraction {
  return fake.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: STRING, value: question }] });
}

/** The text a user sees in a reply body: content plus every embed part. */
function visibleText(body: MessageBody | undefined): string {
  const parts: string[] = [body?.content ?? ''];
  for (const embed of body?.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

beforeAll(async () => {
  fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatIntervalMs: 1000 }).start();
  workspace = makeWorkspace();
  config = testConfig(workspace, `${fake.apiBase}/v10/`, {
    askCooldownSeconds: 30,
    adminUserIds: [],
    adminRoleIds: [fake.guild.adminRoleId],
  });
  log = captureLogger();
  qa = await DocumentQa.open(config, { logger: log.logger.child({ component: 'core' }) });
  bot = await startDiscordBot(config, { qa, logger: log.logger.child({ component: 'discord' }) });
});

afterAll(async () => {
  await bot?.stop();
  await qa?.close();
  await fake?.stop();
  workspace?.cleanup();
});

describe('connecting', () => {
  it('connects with JSON encoding and no compression, identifies without privileged intents, and caches the guild', () => {
    expect(fake.connections[0]?.url).toMatch(/^\/gateway\/?\?/);
    expect(fake.connections[0]?.query).toMatchObject({ v: '10', encoding: 'json' });
    expect(fake.connections[0]?.query.compress).toBeUndefined();
    const identify = identifyData(fake.received.find((frame) => frame.op === 2));
    // Guilds (1) | GuildMessages (1 << 9) | DirectMessages (1 << 12); no MessageContent (1 << 15).
    expect(identify?.intents).toBe(1 | (1 << 9) | (1 << 12));
    expect(identify?.compress).toBe(false);
    expect(bot.client.guilds.cache.get(fake.guild.id)?.name).toBe(fake.guild.name);
    expect(log.text()).toContain(`ready as ${fake.bot.username} in 1 servers`);
  });

  it('registered its slash commands once (GET, then PUT because none were registered)', () => {
    const commandRequests = fake.requests.filter((request) => request.path === `/applications/${fake.applicationId}/commands`);
    expect(commandRequests.map((request) => request.method)).toEqual(['GET', 'PUT']);
    expect(fake.commands.global.map((command) => command.name).sort()).toEqual(['ask', 'reindex', 'sources', 'stats', 'summary']);
    const askCommand = fake.commands.global.find((command) => command.name === 'ask');
    expect(askCommand?.options?.[0]).toMatchObject({ name: 'question', required: true, max_length: config.maxQuestionChars });
  });

  it('answers heartbeats', async () => {
    await fake.waitForFrame((frame) => frame.op === 1, { timeoutMs: 5000 });
  });
});

describe('/ask', () => {
  it('is acknowledged with a deferred reply before the work, then answered with the cited excerpt', async () => {
    const sent = ask(fake.user('lamp-asker'));
    const ack = await callback(sent);
    expect(ack.body.type).toBe(5); // deferred: embedding can outlast the 3-second window
    expect((ack.body.data?.flags ?? 0) & 64).toBe(0); // the answer is public
    const edit = await fake.waitForRequest(isOriginalEdit(sent));
    // How fast the acknowledgement comes is measured by `npm run bench:runtime -- ack`, not here.
    expect(ack.at).toBeLessThanOrEqual(edit.at);
    const embed = embedOf(edit.body);
    expect(embed.title).toBe('When does the keeper light the lamp?');
    expect(embed.fields?.[0]?.name).toBe("1. Lighthouse Keeper's Manual");
    expect(embed.fields?.[0]?.value).toContain('lights the lamp at sunset');
    expect(embed.fields?.[0]?.value).toMatch(/guides\/lighthouse\.md, paragraph \d+/);
    expect(embed.footer?.text).toContain('lexical');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] , replied_user: false });
  });

  it('escapes markdown in document text and never lets it ping', async () => {
    const sent = ask(fake.user('meeting-asker'), 'Where is the quarterly meeting?');
    const edit = await fake.waitForRequest(isOriginalEdit(sent));
    const text = visibleText(edit.body);
    expect(text).toContain('\\*\\*quarterly meeting\\*\\*');
    expect(text).toContain('@everyone');
    expect(edit.body.allowed_mentions?.parse).toEqual([]);
  });

  it('shows a declined answer by its message', async () => {
    const sent = ask(fake.user('zebra-asker'), 'zebra quantum xylophone');
    const edit = await fake.waitForRequest(isOriginalEdit(sent));
    expect(edit.body.embeds ?? []).toHaveLength(0);
    expect(edit.body.content?.length).toBeGreaterThan(10);
  });

  it.each([
    ['an empty question', '   ', 'empty'],
    ['a question over the limit', `lamp ${'x'.repeat(600)}`, 'under 500'],
    ['a question of only emoji', '🎉🎉🎉', 'words'],
    ['a question of only mentions', '<@123456789012345678> <#123456789012345678>', 'empty'],
  ])('refuses %s privately, without deferring', async (_label, question, expected) => {
    const sent = ask(fake.user('bad-input'), question);
    const ack = await callback(sent);
    expect(ack.body.type).toBe(4);
    expect((ack.body.data?.flags ?? 0) & 64).toBe(64);
    expect(ack.body.data?.content).toContain(expected);
  });

  it('has a per-user cooldown, answered privately', async () => {
    const user = fake.user('impatient');
    const first = ask(user);
    await fake.waitForRequest(isOriginalEdit(first));
    const second = ask(user, 'How often does the foghorn sound?');
    const ack = await callback(second);
    expect(ack.body.type).toBe(4);
    expect((ack.body.data?.flags ?? 0) & 64).toBe(64);
    expect(ack.body.data?.content).toMatch(/^Please wait \d+ s before asking another question\.$/);
    // Someone else is not held back.
    const other = ask(fake.user('patient'), 'How often does the foghorn sound?');
    const edit = await fake.waitForRequest(isOriginalEdit(other));
    expect(visibleText(edit.body)).toContain('thirty seconds');
  });

  it('survives a 429 on the interaction callback: the reply still arrives', async () => {
    const since = fake.requests.length;
    fake.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 1 });
    const sent = ask(fake.user('rate-limited'), 'What does the logbook record?');
    const limited = await fake.waitForRequest((request) => isCallback(sent)(request) && request.status === 429, { since });
    expect(limited.body.type).toBe(5);
    const ack = await callback(sent);
    expect(ack.at - limited.at).toBeGreaterThanOrEqual(900); // the retry waited for Retry-After
    const edit = await fake.waitForRequest(isOriginalEdit(sent));
    expect(visibleText(edit.body)).toContain('logbook');
    expect(log.text()).toMatch(/WARN  rate limited by Discord; retrying .*method=POST route=\/interactions\/:id\/:token\/callback retryAfter=\d+ms global=false/);
  });
});

describe('/summary', () => {
  it('autocompletes document names from the index (source and title)', async () => {
    const user = fake.user('autocompleter');
    const sent = fake.sendCommand({ name: 'summary', type: 4, user, options: [{ name: 'document', type: STRING, value: 'keeper', focused: true }] });
    const response = await callback(sent);
    expect(response.body.type).toBe(8);
    expect(response.body.data?.choices).toEqual([{ name: "Lighthouse Keeper's Manual (guides/lighthouse.md)", value: 'guides/lighthouse.md' }]);
    const all = fake.sendCommand({ name: 'summary', type: 4, user, options: [{ name: 'document', type: STRING, value: '', focused: true }] });
    const allResponse = await callback(all);
    expect(allResponse.body.data?.choices?.map((choice) => choice.value).sort()).toEqual(['announcements.txt', 'guides/lighthouse.md', 'sourdough.txt']);
  });

  it('summarises one document with cited sentences', async () => {
    const sent = fake.sendCommand({ name: 'summary', user: fake.user('summariser'), options: [{ name: 'document', type: STRING, value: 'guides/lighthouse.md' }] });
    expect((await callback(sent)).body.type).toBe(5);
    const edit = await fake.waitForRequest(isOriginalEdit(sent));
    const embed = embedOf(edit.body);
    expect(embed.title).toBe("Summary of Lighthouse Keeper's Manual");
    expect(embed.description).toMatch(/^1\. .+ — \*guides\/lighthouse\.md, paragraph \d+\*/);
  });

  it('summarises all documents without an option, and refuses an unknown document privately', async () => {
    const all = fake.sendCommand({ name: 'summary', user: fake.user('summariser-all') });
    const edit = await fake.waitForRequest(isOriginalEdit(all));
    expect(embedOf(edit.body).title).toBe('Summary of all documents');
    const unknown = fake.sendCommand({ name: 'summary', user: fake.user('typo'), options: [{ name: 'document', type: STRING, value: 'no-such-doc' }] });
    const ack = await callback(unknown);
    expect(ack.body.type).toBe(4);
    expect((ack.body.data?.flags ?? 0) & 64).toBe(64);
    expect(ack.body.data?.content).toContain('There is no document called "no-such-doc"');
  });
});

describe('/sources', () => {
  it('lists the documents, passage counts, mode and build time', async () => {
    const sent = fake.sendCommand({ name: 'sources', user: fake.user('curious') });
    const reply = await callback(sent);
    expect(reply.body.type).toBe(4);
    const embed = embedOf(reply.body.data);
    expect(embed.title).toBe('Indexed documents (3)');
    expect(embed.description).toMatch(/\*\*Lighthouse Keeper's Manual\*\* — guides\/lighthouse\.md · \d+ passages?/);
    const fields = embedFields(embed);
    expect(fields.Mode).toContain('lexical');
    expect(fields.Built).toMatch(/^<t:\d+:R>$/);
    expect(fields['Skipped files']).toBe('1');
    expect(reply.body.data?.allowed_mentions?.parse).toEqual([]);
  });
});

describe('/reindex', () => {
  it('is refused, privately, for a plain member', async () => {
    const sent = fake.sendCommand({ name: 'reindex', user: fake.user('plain-member'), permissions: MEMBER_PERMISSIONS });
    const ack = await callback(sent);
    expect(ack.body.type).toBe(4);
    expect((ack.body.data?.flags ?? 0) & 64).toBe(64);
    expect(ack.body.data?.content).toContain('Only server admins');
    expect(log.text()).toMatch(/reindex refused: not an admin .*command=reindex/);
  });

  it('runs for a member with Manage Server: private progress edits, then the final report', async () => {
    const sent = fake.sendCommand({ name: 'reindex', user: fake.user('server-manager'), permissions: MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild });
    const ack = await callback(sent);
    expect(ack.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const report = await fake.waitForRequest((request) => isOriginalEdit(sent)(request) && (request.body.embeds ?? []).length > 0, { timeoutMs: 30_000 });
    const edits = fake.requests.filter(isOriginalEdit(sent));
    expect(edits[0]?.body.content).toContain('Rebuilding the index');
    expect(edits.at(-1)).toBe(report);
    const embed = embedOf(report.body);
    expect(embed.title).toBe('✅ Index rebuilt');
    const fields = embedFields(embed);
    expect(fields).toMatchObject({ Documents: '3', Mode: expect.stringContaining('lexical') });
    expect(fields['Skipped files (1)']).toContain('floor-plan.dwg — not a format that is read');
    expect(fields.Duration).toMatch(/\d+(\.\d)? m?s/);
    expect(report.body.content).toBe('');
  });

  it('runs for a member of an admin role, and a second /reindex while it runs is refused', async () => {
    // Hold the first acknowledgement a moment so both interactions are certainly in flight together.
    fake.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, delayMs: 300 });
    const first = fake.sendCommand({ name: 'reindex', user: fake.user('role-admin'), roles: [fake.guild.adminRoleId] });
    const second = fake.sendCommand({ name: 'reindex', user: fake.user('other-admin'), permissions: PermissionFlagsBits.Administrator });
    const refused = await callback(second);
    expect(refused.body.type).toBe(4);
    expect((refused.body.data?.flags ?? 0) & 64).toBe(64);
    expect(refused.body.data?.content).toContain('already running');
    const report = await fake.waitForRequest((request) => isOriginalEdit(first)(request) && (request.body.embeds ?? []).length > 0, { timeoutMs: 30_000 });
    expect(embedOf(report.body).title).toBe('✅ Index rebuilt');
    // Once done, another rebuild is accepted again.
    const third = fake.sendCommand({ name: 'reindex', user: fake.user('later-admin'), permissions: PermissionFlagsBits.ManageGuild });
    expect((await callback(third)).body.type).toBe(5);
    await fake.waitForRequest((request) => isOriginalEdit(third)(request) && (request.body.embeds ?? []).length > 0, { timeoutMs: 30_000 });
  });

  it('a rebuild that fails tells the admin why, privately, and the old index keeps answering', async () => {
    const moved = `${workspace.docsDir}-moved`;
    renameSync(workspace.docsDir, moved);
    try {
      const sent = fake.sendCommand({ name: 'reindex', user: fake.user('unlucky-admin'), permissions: PermissionFlagsBits.ManageGuild });
      expect((await callback(sent)).body).toMatchObject({ type: 5, data: { flags: 64 } });
      const failure = await fake.waitForRequest((request) => isOriginalEdit(sent)(request) && /could not be rebuilt/.test(request.body.content ?? ''), {
        timeoutMs: 30_000,
      });
      expect(failure.body.content).toMatch(/does not exist/);
      expect(failure.body.content).toMatch(/previous index is still answering/);
    } finally {
      renameSync(moved, workspace.docsDir);
    }
    const asked = ask(fake.user('after-failed-reindex'), 'How often does the foghorn sound?');
    const answer = await fake.waitForRequest(isOriginalEdit(asked));
    expect(visibleText(answer.body)).toContain('thirty seconds');
  });
});

describe('mentions and DMs', () => {
  it('answers a mention as a reply to that message, with the mention stripped', async () => {
    const since = fake.requests.length;
    const messageId = fake.sendMessage({ author: fake.user('mentioner'), content: `<@${fake.bot.id}> how often does the foghorn sound?` });
    const reply = await fake.waitForRequest((request) => request.method === 'POST' && request.path === `/channels/${fake.guild.channelId}/messages`, { since });
    expect(reply.body.message_reference).toMatchObject({ message_id: messageId, fail_if_not_exists: false });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embedOf(reply.body).title).toBe('how often does the foghorn sound?');
    expect(visibleText(reply.body)).toContain('thirty seconds');
  });

  it('answers a mention of its managed role and a nickname mention', async () => {
    for (const mention of [`<@&${fake.guild.botRoleId}>`, `<@!${fake.bot.id}>`]) {
      const since = fake.requests.length;
      const messageId = fake.sendMessage({ author: fake.user('role-mentioner'), content: `${mention} how do I feed the sourdough starter?` });
      const reply = await fake.waitForRequest((request) => request.path === `/channels/${fake.guild.channelId}/messages` && request.body?.message_reference?.message_id === messageId, { since });
      expect(visibleText(reply.body)).toContain('flour and water');
    }
  });

  it('answers a DM (no mention needed)', async () => {
    const user = fake.user('dm-user');
    const since = fake.requests.length;
    const messageId = fake.sendMessage({ author: user, dm: true, content: 'How do I bake the loaf?' });
    const reply = await fake.waitForRequest((request) => request.method === 'POST' && request.path === `/channels/${fake.dmChannelFor(user)}/messages`, { since });
    expect(reply.body.message_reference?.message_id).toBe(messageId);
    expect(visibleText(reply.body)).toContain('cast iron pot');
  });

  it('answers /ask in a DM too', async () => {
    const sent = fake.sendCommand({ name: 'ask', dm: true, user: fake.user('dm-slash'), options: [{ name: 'question', type: STRING, value: 'What does the logbook record?' }] });
    const edit = await fake.waitForRequest(isOriginalEdit(sent));
    expect(visibleText(edit.body)).toContain('passing ships');
  });

  it('ignores bots, webhooks, its own messages, @everyone-only messages and unrelated chatter', async () => {
    const since = fake.requests.length;
    fake.sendMessage({ author: fake.user('other-bot', { bot: true }), content: `<@${fake.bot.id}> when is the lamp lit?` });
    fake.sendMessage({ author: fake.user('hook'), webhookId: fake.applicationId, content: `<@${fake.bot.id}> when is the lamp lit?` });
    fake.sendMessage({ author: fake.bot, content: `<@${fake.bot.id}> when is the lamp lit?` });
    fake.sendMessage({ author: fake.user('shouter'), content: '@everyone when is the lamp lit?' });
    fake.sendMessage({ author: fake.user('shouter2'), content: '@here when is the lamp lit?' });
    fake.sendMessage({ author: fake.user('chatter'), content: 'when is the lamp lit?' });
    // A marker message that is answered proves the ones before it were processed (and ignored).
    const marker = fake.sendMessage({ author: fake.user('marker'), content: `<@${fake.bot.id}> how do I feed the sourdough starter?` });
    await fake.waitForRequest((request) => request.body?.message_reference?.message_id === marker, { since });
    const posts = fake.requests.slice(since).filter((request) => request.path.startsWith('/channels/') && request.path.endsWith('/messages'));
    expect(posts).toHaveLength(1);
  });

  it('answers bad input in a mention with a clear reply', async () => {
    const since = fake.requests.length;
    const emojiOnly = fake.sendMessage({ author: fake.user('party'), content: `<@${fake.bot.id}> 🎉🎉` });
    const reply = await fake.waitForRequest((request) => request.body?.message_reference?.message_id === emojiOnly, { since });
    expect(reply.body.content).toContain('could not find any words');
    const bare = fake.sendMessage({ author: fake.user('bare'), content: `<@${fake.bot.id}>` });
    const bareReply = await fake.waitForRequest((request) => request.body?.message_reference?.message_id === bare, { since });
    expect(bareReply.body.content).toContain('empty');
  });

  it('applies the cooldown to mentions as well', async () => {
    const user = fake.user('chatty');
    const since = fake.requests.length;
    const first = fake.sendMessage({ author: user, content: `<@${fake.bot.id}> how often does the foghorn sound?` });
    await fake.waitForRequest((request) => request.body?.message_reference?.message_id === first, { since });
    const second = fake.sendMessage({ author: user, content: `<@${fake.bot.id}> how do I feed the sourdough starter?` });
    const reply = await fake.waitForRequest((request) => request.body?.message_reference?.message_id === second, { since });
    expect(reply.body.content).toMatch(/^Please wait \d+ s/);
  });

  it('survives a 429 on a message POST: the reply still arrives', async () => {
    const since = fake.requests.length;
    fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 1 });
    const messageId = fake.sendMessage({ author: fake.user('limited-mention'), content: `<@${fake.bot.id}> what does the logbook record?` });
    const replies = () => fake.requests.slice(since).filter((request) => request.body?.message_reference?.message_id === messageId);
    const ok = await fake.waitForRequest((request) => request.body?.message_reference?.message_id === messageId && request.status === 200, { since });
    expect(replies().map((request) => request.status)).toEqual([429, 200]);
    expect(visibleText(ok.body)).toContain('passing ships');
  });
});

describe('gateway resilience', () => {
  it.each([
    ['closed with a resumable code (4000)', { code: 4000 }],
    ['terminated (no close frame)', { terminate: true }],
  ])('resumes a dropped connection %s, replays what was missed, and answers again', async (_label, how) => {
    const framesBefore = fake.received.length;
    const connectionsBefore = fake.connections.length;
    fake.dropConnection(how);
    // Dispatched while the client is away: must be replayed after RESUME.
    const missed = ask(fake.user(`missed-${fake.connections.length}`), 'What does the logbook record?');
    const resume = await fake.waitForFrame((frame) => frame.op === 6, { since: framesBefore, timeoutMs: 10_000 });
    expect(resumeData(resume)?.token).toBe(FAKE_TOKEN);
    expect(fake.connections.length).toBe(connectionsBefore + 1);
    expect(fake.connections.at(-1)?.url).toMatch(/^\/resume/);
    expect(fake.received.slice(framesBefore).some((frame) => frame.op === 2)).toBe(false); // resumed, not re-identified
    const missedEdit = await fake.waitForRequest(isOriginalEdit(missed));
    expect(visibleText(missedEdit.body)).toContain('passing ships');
    const after = ask(fake.user(`after-${fake.connections.length}`), 'How often does the foghorn sound?');
    const edit = await fake.waitForRequest(isOriginalEdit(after));
    expect(visibleText(edit.body)).toContain('thirty seconds');
  });
});

describe('errors', () => {
  it('a handler error becomes a friendly private message and a log line with context', async () => {
    const realAsk = bot.context.qa.ask.bind(bot.context.qa);
    bot.context.qa = {
      ask: async () => {
        throw new Error(`index exploded near /webhooks/1/${'x'.repeat(30)}`);
      },
      summarize: (source) => qa.summarize(source),
      matchDocuments: (requested) => qa.matchDocuments(requested),
      reindex: (onProgress) => qa.reindex(onProgress),
      info: () => qa.info(),
      get reindexing() {
        return qa.reindexing;
      },
    };
    try {
      const user = fake.user('unlucky');
      const sent = ask(user, 'When is the lamp lit?');
      expect((await callback(sent)).body.type).toBe(5);
      // The public "thinking" message is removed and the apology is sent privately.
      const followUp = await fake.waitForRequest(isFollowUp(sent));
      expect((followUp.body.flags ?? 0) & 64).toBe(64);
      expect(followUp.body.content).toContain('something went wrong');
      expect(fake.requests.some((request) => request.method === 'DELETE' && request.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`)).toBe(true);
      const line = log.lines.find((entry) => entry.includes('command failed') && entry.includes(user.id));
      expect(line).toContain('command=ask');
      expect(line).toContain(`guildId=${fake.guild.id}`);
      expect(line).toContain('index exploded');
      expect(line).toContain('/webhooks/1/[token]');
      await sleep(10);
    } finally {
      bot.context.qa = qa;
      void realAsk;
    }
  });
});

describe('safety of every reply', () => {
  it('no message, edit or follow-up the bot sent allows any mention', () => {
    const bodies = fake.messageRequests();
    expect(bodies.length).toBeGreaterThan(20);
    for (const request of bodies) {
      const body = request.body.type === 4 ? request.body.data : request.body;
      const mentions = body?.allowed_mentions;
      expect(mentions, `${request.method} ${request.path}`).toBeDefined();
      expect(mentions?.parse, `${request.method} ${request.path}`).toEqual([]);
      expect(mentions?.replied_user ?? false).toBe(false);
      expect(mentions?.users ?? []).toEqual([]);
      expect(mentions?.roles ?? []).toEqual([]);
    }
  });

  it('no request was refused by the stand-in for breaking Discord limits, and the token never reached the log', () => {
    expect(fake.requests.filter((request) => request.status === 400)).toEqual([]);
    expect(log.text()).not.toContain(FAKE_TOKEN);
    for (const request of fake.requests.filter((r) => r.path.startsWith('/webhooks/') || r.path.startsWith('/interactions/'))) {
      const token = request.path.split('/')[3] ?? '';
      expect(log.text()).not.toContain(token);
    }
  });
});
