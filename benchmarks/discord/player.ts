/**
 * Plays conversations against the bot through the loopback Discord stand-in, turn by turn, as
 * members would: `/ask`, mentions, DMs, messages in the #help answer channel, forum posts and
 * follow-ups in threads, and clicks on the feedback buttons. Each turn's outcome is what the
 * bot sent back: cited excerpts (`answer`), a text reply (`text`: a decline or a conversational
 * reply), or nothing (`silent`), with the time it took.
 */
import type { APIEmbed } from 'discord.js';
import type { FakeDiscord, RecordedRequest } from '../../test/e2e/fake-discord/server.ts';
import type { FakeUser } from '../../test/e2e/fake-discord/payloads.ts';
import type { Conversation, Expectation, Turn } from './conversations.ts';

export type OutcomeKind = 'answer' | 'text' | 'silent';

export interface TurnResult {
  conversation: number;
  mode: Conversation['mode'];
  member: string;
  say: string;
  outcome: OutcomeKind;
  /** The first excerpt, or the text reply (cut for the transcript). */
  shown: string;
  /** Documents cited, in order. */
  sources: string[];
  /** From sending the message to the bot's reply request; absent when silent. */
  ms?: number;
  expect?: Expectation;
  /** Whether the outcome is what `expect` asked for (absent without `expect`). */
  met?: boolean;
  vote?: { clicked: 'helpful' | 'unhelpful'; acknowledged: string };
}

export interface PlayOptions {
  /** Longest wait for a reply that is expected. */
  replyTimeoutMs: number;
  /** How long without a reply counts as silence. */
  silenceMs: number;
}

const STRING_OPTION = 3;

function embedText(embed: APIEmbed | undefined): { first: string; sources: string[] } {
  const fields = embed?.fields ?? [];
  const sources = fields.flatMap((field) => {
    const match = /\n— \[?([^\n]+?), [^,\n]+?(?:\]\(<[^>]*>\))?$/u.exec(field.value);
    return match?.[1] ? [match[1].replace(/\\(.)/g, '$1')] : [];
  });
  return { first: (fields[0]?.value ?? '').split('\n')[0]?.replace(/^> /, '') ?? '', sources };
}

function customIds(body: RecordedRequest['body']): string[] {
  const rows = (body.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => (row.components ?? []).map((component) => component.custom_id ?? ''));
}

function responseId(request: RecordedRequest): string | undefined {
  const id = (request.response as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function met(expect: Expectation | undefined, outcome: OutcomeKind): boolean | undefined {
  if (!expect) return undefined;
  if (expect === 'answer') return outcome === 'answer';
  if (expect === 'silent') return outcome === 'silent';
  return outcome === 'text'; // a decline and a conversational reply are both short text replies
}

export class ConversationPlayer {
  readonly #fake: FakeDiscord;
  readonly #options: PlayOptions;
  readonly #members = new Map<string, FakeUser>();

  constructor(fake: FakeDiscord, options: PlayOptions) {
    this.#fake = fake;
    this.#options = options;
  }

  member(name: string): FakeUser {
    let user = this.#members.get(name);
    if (!user) {
      user = this.#fake.user(name);
      this.#members.set(name, user);
    }
    return user;
  }

  async play(conversation: Conversation, index: number): Promise<TurnResult[]> {
    const results: TurnResult[] = [];
    let threadId: string | undefined;
    for (const [t, turn] of conversation.turns.entries()) {
      const since = this.#fake.requests.length;
      const started = Date.now();
      const wait = turn.expect === 'silent' ? this.#options.silenceMs : this.#options.replyTimeoutMs;
      const { reply, newThreadId } = await this.#send(conversation, turn, t, threadId, since, wait);
      if (newThreadId) threadId = newThreadId;
      const result = this.#result(conversation, index, turn, reply, started);
      if (turn.vote && reply && result.outcome === 'answer') result.vote = await this.#vote(conversation, turn.vote, reply);
      results.push(result);
    }
    return results;
  }

  /** Sends one turn and waits for the bot's reply to it (undefined when none came in time). */
  async #send(conversation: Conversation, turn: Turn, t: number, threadId: string | undefined, since: number, wait: number) {
    const fake = this.#fake;
    const user = this.member(conversation.member);
    const find = (match: (request: RecordedRequest) => boolean) =>
      fake.waitForRequest((request) => request.status < 300 && match(request), { since, timeoutMs: wait }).catch(() => undefined);
    const postIn = (channelId: string) => (request: RecordedRequest) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`;
    const replyTo = (messageId: string) => (request: RecordedRequest) => request.method === 'POST' && request.body.message_reference?.message_id === messageId;

    switch (conversation.mode) {
      case 'slash': {
        const sent = fake.sendCommand({ name: 'ask', user, options: [{ name: 'question', type: STRING_OPTION, value: turn.say }] });
        const callbackPath = `/interactions/${sent.id}/${sent.token}/callback`;
        const original = `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`;
        const reply = await find((request) => (request.path === callbackPath && request.body.type === 4) || (request.method === 'PATCH' && request.path === original));
        return { reply, newThreadId: undefined };
      }
      case 'mention':
      case 'dm': {
        const content = conversation.mode === 'mention' ? `<@${fake.bot.id}> ${turn.say}` : turn.say;
        const id = fake.sendMessage({ content, author: user, dm: conversation.mode === 'dm' });
        return { reply: await find(replyTo(id)), newThreadId: undefined };
      }
      case 'channel': {
        const id = fake.sendMessage({ content: turn.say, author: user, channelId: fake.guild.answerChannelId });
        return { reply: await find(replyTo(id)), newThreadId: undefined };
      }
      case 'thread': {
        if (t === 0 || !threadId) {
          const id = fake.sendMessage({ content: turn.say, author: user, channelId: fake.guild.answerChannelId });
          // The answer goes to the thread started from the message (its id), or as a reply when threads cannot be made.
          const reply = await find((request) => postIn(id)(request) || replyTo(id)(request));
          return { reply, newThreadId: fake.channels.get(id) ? id : undefined };
        }
        const id = fake.sendMessage({ content: turn.say, author: user, channelId: threadId });
        return { reply: await find(replyTo(id)), newThreadId: undefined };
      }
      case 'forum': {
        if (t === 0 || !threadId) {
          const id = fake.createForumPost({ title: conversation.title ?? turn.say.slice(0, 100), content: turn.say, author: user });
          return { reply: await find(postIn(id)), newThreadId: id };
        }
        const id = fake.sendMessage({ content: turn.say, author: user, channelId: threadId });
        return { reply: await find(replyTo(id)), newThreadId: undefined };
      }
    }
  }

  #result(conversation: Conversation, index: number, turn: Turn, reply: RecordedRequest | undefined, started: number): TurnResult {
    const base = { conversation: index + 1, mode: conversation.mode, member: conversation.member, say: turn.say, ...(turn.expect ? { expect: turn.expect } : {}) };
    if (!reply) return { ...base, outcome: 'silent', shown: '', sources: [], ...(turn.expect ? { met: met(turn.expect, 'silent') } : {}) };
    const body = reply.body.type === 4 ? (reply.body.data ?? {}) : reply.body;
    const embed = body.embeds?.[0];
    const outcome: OutcomeKind = embed?.fields?.length ? 'answer' : 'text';
    const { first, sources } = embedText(embed);
    const shown = (outcome === 'answer' ? first : (body.content ?? '')).slice(0, 200);
    return { ...base, outcome, shown, sources, ms: reply.at - started, ...(turn.expect ? { met: met(turn.expect, outcome) } : {}) };
  }

  async #vote(conversation: Conversation, vote: 'helpful' | 'unhelpful', reply: RecordedRequest) {
    const ids = customIds(reply.body);
    const customId = ids.find((id) => id.endsWith(`:${vote}`));
    const messageId = responseId(reply);
    if (!customId || !messageId) return { clicked: vote, acknowledged: '(the answer had no buttons)' };
    const sent = this.#fake.clickButton({ messageId, customId, user: this.member(conversation.member) });
    const ack = await this.#fake
      .waitForRequest((request) => request.path === `/interactions/${sent.id}/${sent.token}/callback` && request.status < 300, { timeoutMs: this.#options.replyTimeoutMs })
      .catch(() => undefined);
    return { clicked: vote, acknowledged: ack?.body.data?.content ?? '(no acknowledgement)' };
  }
}
