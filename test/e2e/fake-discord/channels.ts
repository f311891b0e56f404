/**
 * The stand-in's channels, threads and messages: the guild's text channels and forum, the threads
 * started from a message or posted in the forum, every message (the members' and the bot's), and
 * the `/channels/…` REST routes over them. Threads behave as Discord's do: a thread started from a
 * message has that message's id, a forum post's first message has the thread's id, a locked
 * thread refuses the bot's messages (50083), an archived one is unarchived by a new message, and a
 * deleted message is unknown (10008).
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { RecordedBody } from './bodies.ts';
import { forumChannel, messageObject, snowflake, textChannel, threadChannel, type FakeUser, type ThreadFields } from './payloads.ts';

export type ChannelKind = 'text' | 'forum' | 'thread' | 'dm';

export interface ChannelRecord {
  id: string;
  kind: ChannelKind;
  guildId: string | undefined;
  name: string;
  parentId: string | null;
  ownerId: string | null;
  archived: boolean;
  locked: boolean;
}

/** A message as the stand-in keeps it: the object the API returns. */
export type StoredMessage = ReturnType<typeof messageObject>;

export interface RestReply {
  status: number;
  payload?: unknown;
}

/** What the channel store needs from the server: the bot and a way to dispatch gateway events. */
export interface ChannelHost {
  bot: FakeUser;
  dispatch(event: string, data: unknown): void;
}

const MAX_BUTTONS_PER_ROW = 5;

/** Discord's checks on message components (rows of at most five buttons, ids and labels within limits). */
export function componentProblems(components: unknown): string[] {
  if (components === undefined || components === null) return [];
  if (!Array.isArray(components)) return ['components: not an array'];
  const problems: string[] = [];
  if (components.length > 5) problems.push('components: more than 5 rows');
  const ids = new Set<string>();
  (components as APIActionRowComponent<APIComponentInMessageActionRow>[]).forEach((row, r) => {
    if (row?.type !== 1 || !Array.isArray(row.components)) return problems.push(`components.${r}: not an action row`);
    if (row.components.length === 0 || row.components.length > MAX_BUTTONS_PER_ROW) problems.push(`components.${r}: 1 to 5 components`);
    row.components.forEach((component, c) => {
      if (component.type !== 2) return;
      const button = component as { custom_id?: string; label?: string; url?: string; style?: number };
      if (button.style !== 5 && (!button.custom_id || button.custom_id.length > 100)) problems.push(`components.${r}.${c}.custom_id: 1 to 100 characters`);
      if (button.custom_id && ids.has(button.custom_id)) problems.push(`components.${r}.${c}.custom_id: duplicate`);
      if (button.custom_id) ids.add(button.custom_id);
      if (button.label !== undefined && button.label.length > 80) problems.push(`components.${r}.${c}.label: over 80 characters`);
    });
    return undefined;
  });
  return problems;
}

export class ChannelStore {
  readonly #host: ChannelHost;
  readonly #channels = new Map<string, ChannelRecord>();
  readonly #messages = new Map<string, StoredMessage>();

  constructor(host: ChannelHost) {
    this.#host = host;
  }

  add(record: ChannelRecord): void {
    this.#channels.set(record.id, record);
  }

  get(id: string): ChannelRecord | undefined {
    return this.#channels.get(id);
  }

  message(id: string): StoredMessage | undefined {
    return this.#messages.get(id);
  }

  storeMessage(message: StoredMessage): void {
    this.#messages.set(message.id, message);
  }

  /** Forgets a message, as Discord does when it is deleted. */
  deleteMessage(id: string): StoredMessage | undefined {
    const message = this.#messages.get(id);
    this.#messages.delete(id);
    return message;
  }

  /** The API object of a channel. */
  channelObject(record: ChannelRecord): Record<string, unknown> {
    if (record.kind === 'forum') return forumChannel(record.id, record.guildId ?? '', record.name);
    if (record.kind === 'thread') return threadChannel(this.#threadFields(record));
    return textChannel(record.id, record.guildId ?? '', record.name);
  }

  #threadFields(record: ChannelRecord): ThreadFields {
    return {
      id: record.id,
      guildId: record.guildId ?? '',
      parentId: record.parentId ?? '',
      name: record.name,
      ownerId: record.ownerId ?? '',
      archived: record.archived,
      locked: record.locked,
    };
  }

  /** Registers a thread and sends THREAD_CREATE, as Discord does for a new thread. */
  createThread(fields: { id: string; guildId: string; parentId: string; name: string; ownerId: string }): ChannelRecord {
    const record: ChannelRecord = { ...fields, kind: 'thread', archived: false, locked: false };
    this.add(record);
    this.#host.dispatch('THREAD_CREATE', { ...this.channelObject(record), newly_created: true });
    return record;
  }

  /** Archives, unarchives, locks or unlocks a thread, with THREAD_UPDATE. */
  updateThread(id: string, change: { archived?: boolean; locked?: boolean }): void {
    const record = this.#channels.get(id);
    if (!record || record.kind !== 'thread') throw new Error(`No thread ${id}`);
    Object.assign(record, change);
    this.#host.dispatch('THREAD_UPDATE', this.channelObject(record));
  }

  /** The `/channels/…` routes; undefined when the path is not one of them. */
  handle(method: string, path: string, body: RecordedBody, messageProblems: (body: unknown) => string[]): RestReply | undefined {
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = /^\/channels\/(\d+)$/.exec(path))) {
      const record = this.#channels.get(match[1] ?? '');
      return record ? { status: 200, payload: this.channelObject(record) } : unknownChannel();
    }
    if (method === 'GET' && (match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const message = this.#messages.get(match[2] ?? '');
      // A thread's starter message is read from its parent channel (or, in a forum, from the thread itself).
      const channel = match[1] ?? '';
      if (!message || (message.channel_id !== channel && message.id !== channel && this.#channels.get(message.id)?.parentId !== channel)) {
        return unknownMessage();
      }
      return { status: 200, payload: message };
    }
    if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      return this.#startThread(match[1] ?? '', match[2] ?? '', body);
    }
    if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      return this.#postMessage(match[1] ?? '', body, messageProblems);
    }
    if (method === 'PATCH' && (match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const problems = [...messageProblems(body), ...componentProblems(body.components)];
      if (problems.length > 0) return invalidForm(problems);
      const stored = this.#messages.get(match[2] ?? '');
      const merged = {
        content: body.content ?? stored?.content,
        embeds: body.embeds ?? stored?.embeds,
        components: body.components ?? stored?.components,
      };
      const updated = messageObject({ id: match[2] ?? '', channelId: match[1] ?? '', guildId: this.#channels.get(match[1] ?? '')?.guildId, author: this.#host.bot, body: merged });
      this.#messages.set(updated.id, updated);
      return { status: 200, payload: updated };
    }
    if (method === 'POST' && /^\/channels\/(\d+)\/typing$/.test(path)) return { status: 204 };
    return undefined;
  }

  #startThread(channelId: string, messageId: string, body: RecordedBody): RestReply {
    const channel = this.#channels.get(channelId);
    if (!channel) return unknownChannel();
    const message = this.#messages.get(messageId);
    if (!message || message.channel_id !== channelId) return unknownMessage();
    if (this.#channels.has(messageId)) return { status: 400, payload: { message: 'A thread has already been created for this message', code: 160004 } };
    const name = typeof (body as { name?: unknown }).name === 'string' ? String((body as { name?: unknown }).name) : '';
    if (name.length < 1 || name.length > 100) return invalidForm([`name: 1 to 100 characters, got ${name.length}`]);
    const record = this.createThread({ id: messageId, guildId: channel.guildId ?? '', parentId: channelId, name, ownerId: this.#host.bot.id });
    return { status: 201, payload: this.channelObject(record) };
  }

  #postMessage(channelId: string, body: RecordedBody, messageProblems: (body: unknown) => string[]): RestReply {
    const problems = [...messageProblems(body), ...componentProblems(body.components)];
    if (problems.length > 0) return invalidForm(problems);
    const channel = this.#channels.get(channelId);
    if (channel?.kind === 'forum') return { status: 400, payload: { message: 'Cannot send messages in a forum channel', code: 50008 } };
    if (channel?.kind === 'thread') {
      if (channel.locked) return { status: 403, payload: { message: 'Thread is locked', code: 50083 } };
      if (channel.archived) this.updateThread(channelId, { archived: false });
    }
    const reference = body.message_reference;
    let keptReference = reference;
    if (reference?.message_id && !this.#messages.has(reference.message_id)) {
      if (reference.fail_if_not_exists !== false) return invalidForm(['message_reference: Unknown message']);
      keptReference = undefined; // Discord sends the message without the reference
    }
    const message = messageObject({
      id: snowflake(),
      channelId,
      guildId: channel?.guildId,
      author: this.#host.bot,
      body,
      ...(keptReference ? { reference: { channel_id: channelId, ...keptReference } } : {}),
    });
    this.#messages.set(message.id, message);
    return { status: 200, payload: message };
  }
}

function unknownChannel(): RestReply {
  return { status: 404, payload: { message: 'Unknown Channel', code: 10003 } };
}

function unknownMessage(): RestReply {
  return { status: 404, payload: { message: 'Unknown Message', code: 10008 } };
}

function invalidForm(problems: string[]): RestReply {
  return { status: 400, payload: { message: 'Invalid Form Body', code: 50035, errors: problems } };
}
