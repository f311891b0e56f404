/**
 * A loopback stand-in for Discord, enough for the real discord.js client: the REST API (node:http)
 * and the gateway (ws) on one port of 127.0.0.1.
 *
 * REST (under `/api/v10`): `GET /gateway/bot`, `GET /gateway`, `GET /users/@me`,
 * `GET /applications/@me` (and `/oauth2/applications/@me`), application commands GET/PUT (global
 * and guild), `POST /interactions/:id/:token/callback`, webhook messages (`PATCH`/`GET`/`DELETE
 * /webhooks/:app/:token/messages/:id|@original`, follow-ups `POST /webhooks/:app/:token`),
 * and the channel routes of `channels.ts` (messages, threads started from a message, channel and message
 * reads, typing).
 * Bot routes need `Authorization: Bot <token>` (401 otherwise); interaction callbacks after 3 s
 * answer 404 "Unknown interaction", a second acknowledgement 400; message bodies are checked
 * against Discord's limits (400 "Invalid Form Body"). Every request is recorded, and faults can be
 * injected (a 429 with `retry_after` and `X-RateLimit-*` headers, any status, a delay).
 *
 * The guild has `#general`, a `#help` text channel and a `#questions` forum. Members can post
 * messages anywhere, start forum posts (THREAD_CREATE, then the post's MESSAGE_CREATE), delete
 * messages (MESSAGE_DELETE) and click buttons (INTERACTION_CREATE of type 3, message component);
 * message components are checked like Discord does; threads can be archived and locked.
 *
 * Gateway: HELLO (op 10) on connect, IDENTIFY (op 2; a wrong token closes with 4004; a privileged
 * intent closes with 4014 when `refusePrivilegedIntents` is set) → READY (with
 * session_id, resume_gateway_url, user, application, the guild unavailable) then GUILD_CREATE;
 * heartbeats (op 1 → op 11); dispatches (op 0) with increasing `s`, kept per session; RESUME (op 6)
 * → the missed dispatches replayed, then RESUMED (an unknown session gets op 9). A connection can
 * be dropped with a close code or a socket terminate. Connections must use `encoding=json` and no
 * `compress` (recorded, so tests can check).
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import type { APIApplicationCommand, APIEmbed } from 'discord.js';
import { commandsInBody, isGatewayPayload, isRecord, isRecordedBody, type RecordedBody } from './bodies.ts';
import { ChannelStore, componentProblems, type ChannelKind, type StoredMessage } from './channels.ts';
import {
  BOT_PERMISSIONS,
  MEMBER_PERMISSIONS,
  guildCreate,
  interactionToken,
  makeUser,
  memberOf,
  messageObject,
  snowflake,
  textChannel,
  type FakeUser,
  type GuildFixture,
} from './payloads.ts';

export interface RecordedRequest {
  method: string;
  /** The path below `/api/v10`, without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The JSON object body: a message body or an interaction callback; `{}` when the body is not a JSON object. */
  body: RecordedBody;
  /** The body as parsed: JSON (an object, or the array of a command registration), or the text when it is not JSON ('' when there is none). */
  parsed: unknown;
  at: number;
  status: number;
  /** What the stand-in answered (a created message, a channel…), when it answered with a body. */
  response?: unknown;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  at: number;
  connection: number;
}

export interface Fault {
  method: string;
  path: RegExp;
  /** Default 429. */
  status?: number;
  /** Discord's JSON error code for a non-429 status (e.g. 50013 Missing Permissions). Default 0. */
  code?: number;
  /** Seconds, for a 429 (Retry-After header and retry_after body). Default 1. */
  retryAfter?: number;
  global?: boolean;
  /** Wait this long before handling the request normally (no error status). */
  delayMs?: number;
  /** How many requests it applies to. Default 1. */
  count?: number;
}

interface InteractionState {
  id: string;
  token: string;
  dispatchedAt: number;
  channelId: string;
  guildId: string | undefined;
  acknowledged: boolean;
  callbackType: number | undefined;
  ephemeral: boolean;
  original: OriginalMessage | undefined;
  deleted: boolean;
}

/** An interaction's original response as the stand-in keeps it: a message object, as edited since. */
interface OriginalMessage {
  id?: string;
  flags?: number;
  content?: string | null;
  embeds?: APIEmbed[] | null;
  [field: string]: unknown;
}

interface Session {
  id: string;
  seq: number;
  events: { op: 0; t: string; s: number; d: unknown }[];
  connection: Connection | null;
}

interface Connection {
  id: number;
  ws: WebSocket;
  url: string;
  query: Record<string, string>;
  session: Session | null;
}

export interface CommandInput {
  name: string;
  options?: { name: string; type: number; value: string | number | boolean; focused?: boolean }[];
  user: FakeUser;
  /** A DM with the bot instead of the guild channel. */
  dm?: boolean;
  /** The member's permissions in the guild. Default: a plain member's. */
  permissions?: bigint;
  roles?: string[];
  /** 2 = application command, 4 = autocomplete. */
  type?: 2 | 4;
}

export interface MessageInput {
  content: string;
  author: FakeUser;
  dm?: boolean;
  webhookId?: string;
  /** The channel or thread. Default: `#general`. */
  channelId?: string;
}

export interface ForumPostInput {
  title: string;
  content: string;
  author: FakeUser;
  /** Default: the guild's forum. */
  forumId?: string;
}

export interface ButtonClickInput {
  /** The message that carries the button. */
  messageId: string;
  customId: string;
  user: FakeUser;
  permissions?: bigint;
}

export interface SentInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
}

const LIMITS = { content: 2000, title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000, fields: 25, embeds: 10 };

/** Discord's limits on a message body, as its "Invalid Form Body" errors. */
export function messageBodyProblems(body: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(body)) return problems;
  if (typeof body.content === 'string' && body.content.length > LIMITS.content) problems.push(`content: ${body.content.length} > 2000`);
  const embeds: unknown[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) problems.push('embeds: more than 10');
  let total = 0;
  embeds.forEach((value, index) => {
    const embed = isRecord(value) ? value : {};
    const check = (value: unknown, max: number, name: string) => {
      if (typeof value !== 'string') return;
      total += value.length;
      if (value.length > max) problems.push(`embeds.${index}.${name}: ${value.length} > ${max}`);
    };
    check(embed.title, LIMITS.title, 'title');
    check(embed.description, LIMITS.description, 'description');
    check(isRecord(embed.footer) ? embed.footer.text : undefined, LIMITS.footer, 'footer.text');
    check(isRecord(embed.author) ? embed.author.name : undefined, LIMITS.author, 'author.name');
    const fields: unknown[] = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > LIMITS.fields) problems.push(`embeds.${index}.fields: ${fields.length} > 25`);
    fields.forEach((value, f) => {
      const field = isRecord(value) ? value : {};
      if (!field.name || !field.value) problems.push(`embeds.${index}.fields.${f}: empty name or value`);
      check(field.name, LIMITS.fieldName, `fields.${f}.name`);
      check(field.value, LIMITS.fieldValue, `fields.${f}.value`);
    });
  });
  if (total > LIMITS.total) problems.push(`embeds: ${total} characters in total > 6000`);
  return problems;
}

export class FakeDiscord {
  readonly token: string;
  readonly bot: FakeUser;
  readonly applicationId: string;
  readonly guild: GuildFixture;
  /** Every REST request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway frame the client sent. */
  readonly received: GatewayFrame[] = [];
  /** The URL (path and query) of each gateway connection. */
  readonly connections: { id: number; url: string; query: Record<string, string> }[] = [];
  readonly commands = { global: [] as APIApplicationCommand[], guild: new Map<string, APIApplicationCommand[]>() };
  readonly heartbeatIntervalMs: number;
  port = 0;
  /** Close IDENTIFY with 4004 "Authentication failed" whatever the token (a token reset while REST still works). */
  rejectIdentify = false;
  /**
   * Close IDENTIFY with 4014 "Disallowed intent(s)" when it asks for a privileged intent (Message
   * Content, Guild Members, Presences): the application has not enabled them in the Developer Portal.
   */
  refusePrivilegedIntents = false;

  readonly #events = new EventEmitter();
  readonly #server: http.Server;
  readonly #wss: WebSocketServer;
  readonly #interactions = new Map<string, InteractionState>();
  readonly #sessions = new Map<string, Session>();
  /** Channels, threads and messages, and the `/channels/…` routes. */
  readonly channels: ChannelStore;
  readonly #faults: (Fault & { left: number })[] = [];
  readonly #dmChannels = new Map<string, string>();
  #session: Session | null = null;
  #connectionCount = 0;
  #live = new Set<Connection>();

  constructor(options: { token: string; heartbeatIntervalMs?: number }) {
    this.token = options.token;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.bot = makeUser('DocsBot', { bot: true });
    this.applicationId = this.bot.id;
    const guildId = snowflake();
    this.guild = {
      id: guildId,
      name: 'Loopback Test Server',
      channelId: snowflake(),
      answerChannelId: snowflake(),
      forumChannelId: snowflake(),
      everyoneRoleId: guildId,
      adminRoleId: snowflake(),
      botRoleId: snowflake(),
      ownerId: snowflake(),
      joinedAt: new Date().toISOString(),
    };
    this.channels = new ChannelStore({ bot: this.bot, dispatch: (event, data) => this.dispatch(event, data) });
    const channel = (id: string, kind: ChannelKind, name: string) =>
      this.channels.add({ id, kind, guildId, name, parentId: null, ownerId: null, archived: false, locked: false });
    channel(this.guild.channelId, 'text', 'general');
    channel(this.guild.answerChannelId, 'text', 'help');
    channel(this.guild.forumChannelId, 'forum', 'questions');
    this.#events.setMaxListeners(100);
    this.#server = http.createServer((req, res) => {
      void this.#handle(req, res);
    });
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on('upgrade', (req, socket, head) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, req));
    });
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const connection of this.#live) connection.ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- test controls

  /** Applies a fault to the next matching request(s). */
  failNext(fault: Fault): void {
    this.#faults.push({ ...fault, left: fault.count ?? 1 });
  }

  /** Resolves with the first request (from index `since`) that matches. */
  waitForRequest(match: (request: RecordedRequest) => boolean, options: { since?: number; timeoutMs?: number } = {}): Promise<RecordedRequest> {
    return this.#waitFor('request', () => this.requests.slice(options.since ?? 0).find(match), options.timeoutMs ?? 10_000, 'REST request');
  }

  /** Resolves with the first gateway frame from the client (from index `since`) that matches. */
  waitForFrame(match: (frame: GatewayFrame) => boolean, options: { since?: number; timeoutMs?: number } = {}): Promise<GatewayFrame> {
    return this.#waitFor('frame', () => this.received.slice(options.since ?? 0).find(match), options.timeoutMs ?? 10_000, 'gateway frame');
  }

  #waitFor<T>(event: string, find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#events.off(event, check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for a ${what}`));
      }, timeoutMs);
      const check = () => {
        const hit = find();
        if (hit === undefined) return;
        clearTimeout(timer);
        this.#events.off(event, check);
        resolve(hit);
      };
      this.#events.on(event, check);
    });
  }

  /** Sends a dispatch (op 0) on the current session; kept for replay if the client is disconnected. */
  dispatch(t: string, d: unknown): number {
    const session = this.#session;
    if (!session) throw new Error('No gateway session yet');
    return this.#dispatch(session, t, d);
  }

  /** Drops the current gateway connection: closed with `code` (default 4000) or terminated. */
  dropConnection(how: { code?: number; terminate?: boolean } = {}): void {
    const connection = this.#session?.connection;
    if (!connection) throw new Error('No live gateway connection');
    if (how.terminate) connection.ws.terminate();
    else connection.ws.close(how.code ?? 4000, 'Dropped by the test');
  }

  /** True when the current session has a live connection. */
  get connected(): boolean {
    return this.#session?.connection?.ws.readyState === WebSocket.OPEN;
  }

  /** The interaction's state: how it was acknowledged, its original message. */
  interaction(id: string): InteractionState | undefined {
    return this.#interactions.get(id);
  }

  /** A user with a member in the test guild. */
  user(name: string, options: { bot?: boolean } = {}): FakeUser {
    return makeUser(name, options);
  }

  dmChannelFor(user: FakeUser): string {
    let id = this.#dmChannels.get(user.id);
    if (!id) {
      id = snowflake();
      this.#dmChannels.set(user.id, id);
    }
    return id;
  }

  /** Dispatches an INTERACTION_CREATE for a slash command (or an autocomplete, type 4). */
  sendCommand(input: CommandInput): SentInteraction {
    const id = snowflake();
    const token = interactionToken();
    const registered = [...this.commands.global, ...(this.commands.guild.get(this.guild.id) ?? [])].find(
      (command) => command.name === input.name,
    );
    const channelId = input.dm ? this.dmChannelFor(input.user) : this.guild.channelId;
    const where = input.dm
      ? {
          user: input.user,
          channel_id: channelId,
          channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [input.user] },
          context: 1,
          authorizing_integration_owners: { '0': this.guild.id },
        }
      : {
          guild_id: this.guild.id,
          guild: { id: this.guild.id, locale: 'en-US', features: [] },
          channel_id: channelId,
          channel: textChannel(channelId, this.guild.id, 'general'),
          member: {
            ...memberOf(input.user, input.roles ?? [], this.guild.joinedAt),
            permissions: (input.permissions ?? MEMBER_PERMISSIONS).toString(),
          },
          guild_locale: 'en-US',
          context: 0,
          authorizing_integration_owners: { '0': this.guild.id },
        };
    const payload = {
      id,
      application_id: this.applicationId,
      type: input.type ?? 2,
      token,
      version: 1,
      data: {
        id: registered?.id ?? snowflake(),
        name: input.name,
        type: 1,
        ...(input.options ? { options: input.options } : {}),
        ...(!input.dm && registered?.guild_id ? { guild_id: registered.guild_id } : {}),
      },
      ...where,
      app_permissions: BOT_PERMISSIONS.toString(),
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: 26_214_400,
    };
    const dispatchedAt = Date.now();
    this.#interactions.set(id, {
      id,
      token,
      dispatchedAt,
      channelId,
      guildId: input.dm ? undefined : this.guild.id,
      acknowledged: false,
      callbackType: undefined,
      ephemeral: false,
      original: undefined,
      deleted: false,
    });
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, dispatchedAt };
  }

  /** Dispatches a MESSAGE_CREATE in a guild channel or thread (default `#general`), or a DM with the bot. Returns its id. */
  sendMessage(input: MessageInput): string {
    return this.#memberMessage(input, snowflake());
  }

  #memberMessage(input: MessageInput, id: string): string {
    const channelId = input.dm ? this.dmChannelFor(input.author) : (input.channelId ?? this.guild.channelId);
    const channel = this.channels.get(channelId);
    const mentionedIds = [...input.content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1]);
    const mentions = mentionedIds
      .filter((mentioned) => mentioned === this.bot.id)
      .map(() => ({ ...this.bot, ...(input.dm ? {} : { member: memberOf(undefined, [this.guild.botRoleId], this.guild.joinedAt) }) }));
    const payload = {
      id,
      type: 0,
      channel_id: channelId,
      ...(input.dm ? { channel_type: 1 } : { guild_id: this.guild.id, channel_type: channel?.kind === 'thread' ? 11 : 0 }),
      author: input.author,
      ...(input.dm || input.webhookId ? {} : { member: memberOf(undefined, [], this.guild.joinedAt) }),
      content: input.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: /@(everyone|here)\b/.test(input.content),
      mentions,
      mention_roles: [...input.content.matchAll(/<@&(\d+)>/g)].map((match) => match[1]),
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    };
    this.channels.storeMessage(messageObject({ id, channelId, guildId: input.dm ? undefined : this.guild.id, author: input.author, body: { content: input.content } }));
    this.dispatch('MESSAGE_CREATE', payload);
    return id;
  }

  /**
   * A member posts in a forum: THREAD_CREATE for the post's thread, then MESSAGE_CREATE for its
   * first message, whose id is the thread's. Returns the thread id.
   */
  createForumPost(input: ForumPostInput): string {
    const threadId = snowflake();
    this.channels.createThread({ id: threadId, guildId: this.guild.id, parentId: input.forumId ?? this.guild.forumChannelId, name: input.title, ownerId: input.author.id });
    this.#memberMessage({ content: input.content, author: input.author, channelId: threadId }, threadId);
    return threadId;
  }

  /** A member (or a moderator) deletes a message: forgotten, and MESSAGE_DELETE sent. */
  deleteMessage(messageId: string): void {
    const message = this.channels.deleteMessage(messageId);
    if (!message) throw new Error(`No message ${messageId}`);
    this.dispatch('MESSAGE_DELETE', { id: messageId, channel_id: message.channel_id, guild_id: this.guild.id });
  }

  /** A member clicks a button: INTERACTION_CREATE of type 3 (message component) with the message that carries it. */
  clickButton(input: ButtonClickInput): SentInteraction {
    const message = this.channels.message(input.messageId);
    if (!message) throw new Error(`No message ${input.messageId}`);
    const id = snowflake();
    const token = interactionToken();
    const channel = this.channels.get(message.channel_id);
    const payload = {
      id,
      application_id: this.applicationId,
      type: 3,
      token,
      version: 1,
      data: { custom_id: input.customId, component_type: 2 },
      message,
      guild_id: this.guild.id,
      guild: { id: this.guild.id, locale: 'en-US', features: [] },
      channel_id: message.channel_id,
      channel: channel ? this.channels.channelObject(channel) : textChannel(message.channel_id, this.guild.id, 'general'),
      member: { ...memberOf(input.user, [], this.guild.joinedAt), permissions: (input.permissions ?? MEMBER_PERMISSIONS).toString() },
      app_permissions: BOT_PERMISSIONS.toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      context: 0,
      authorizing_integration_owners: { '0': this.guild.id },
      entitlements: [],
      attachment_size_limit: 26_214_400,
    };
    const dispatchedAt = Date.now();
    this.#interactions.set(id, { id, token, dispatchedAt, channelId: message.channel_id, guildId: this.guild.id, acknowledged: false, callbackType: undefined, ephemeral: false, original: undefined, deleted: false });
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, dispatchedAt };
  }

  /** The REST requests that carry a message body the bot sent (replies, edits, follow-ups, messages). */
  messageRequests(): RecordedRequest[] {
    return this.requests.filter(
      (request) =>
        (request.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(request.path) && request.body?.type === 4) ||
        (request.method === 'PATCH' && /^\/webhooks\//.test(request.path)) ||
        (request.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(request.path)) ||
        (request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path)) ||
        (request.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(request.path)),
    );
  }

  // ---------------------------------------------------------------- gateway

  #onConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const connection: Connection = {
      id: (this.#connectionCount += 1),
      ws,
      url: `${url.pathname}${url.search}`,
      query: Object.fromEntries(url.searchParams),
      session: null,
    };
    this.connections.push({ id: connection.id, url: connection.url, query: connection.query });
    this.#live.add(connection);
    if (connection.query.encoding !== 'json' || connection.query.compress) {
      // The stand-in speaks plain JSON only, as the bot is expected to.
      ws.close(4002, 'Only encoding=json without compression is supported');
      return;
    }
    ws.on('message', (data) => this.#onFrame(connection, data.toString()));
    ws.on('close', () => {
      this.#live.delete(connection);
      if (connection.session?.connection === connection) connection.session.connection = null;
    });
    ws.on('error', () => {});
    this.#send(connection, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  #send(connection: Connection, payload: unknown): void {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify(payload));
  }

  #dispatch(session: Session, t: string, d: unknown): number {
    session.seq += 1;
    const packet = { op: 0 as const, t, s: session.seq, d };
    session.events.push(packet);
    if (session.connection) this.#send(session.connection, packet);
    return session.seq;
  }

  #onFrame(connection: Connection, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      connection.ws.close(4002, 'Decode error');
      return;
    }
    if (!isGatewayPayload(parsed)) {
      connection.ws.close(4002, 'Decode error');
      return;
    }
    const frame = parsed;
    this.received.push({ op: frame.op, d: frame.d, at: Date.now(), connection: connection.id });
    this.#events.emit('frame');
    switch (frame.op) {
      case 1:
        this.#send(connection, { op: 11 });
        break;
      case 2:
        this.#identify(connection, frame.d);
        break;
      case 6:
        this.#resume(connection, frame.d);
        break;
      default:
        break;
    }
  }

  #identify(connection: Connection, d: unknown): void {
    const data = isRecord(d) ? d : {};
    if (data.token !== this.token || this.rejectIdentify) {
      connection.ws.close(4004, 'Authentication failed.');
      return;
    }
    const PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15);
    if (this.refusePrivilegedIntents && (Number(data.intents ?? 0) & PRIVILEGED) !== 0) {
      connection.ws.close(4014, 'Disallowed intent(s).');
      return;
    }
    const session: Session = { id: snowflake(), seq: 0, events: [], connection };
    this.#sessions.set(session.id, session);
    this.#session = session;
    connection.session = session;
    this.#dispatch(session, 'READY', {
      v: 10,
      user: this.bot,
      user_settings: {},
      guilds: [{ id: this.guild.id, unavailable: true }],
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `ws://127.0.0.1:${this.port}/resume`,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      _trace: ['["fake-discord",{}]'],
    });
    this.#dispatch(session, 'GUILD_CREATE', guildCreate(this.guild, this.bot));
  }

  #resume(connection: Connection, d: unknown): void {
    const data = isRecord(d) ? d : {};
    const session = typeof data.session_id === 'string' ? this.#sessions.get(data.session_id) : undefined;
    if (!session || data.token !== this.token) {
      this.#send(connection, { op: 9, d: false });
      return;
    }
    session.connection = connection;
    connection.session = session;
    this.#session = session;
    for (const packet of session.events) if (packet.s > Number(data.seq ?? 0)) this.#send(connection, packet);
    this.#dispatch(session, 'RESUMED', { _trace: ['["fake-discord",{}]'] });
  }

  // ---------------------------------------------------------------- REST

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let parsed: unknown = raw;
    if (raw && String(req.headers['content-type'] ?? '').includes('application/json')) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
    }
    const body: RecordedBody = isRecordedBody(parsed) ? parsed : {};
    const method = (req.method ?? 'GET').toUpperCase();
    const prefix = '/api/v10';
    const decoded = url.pathname.split('/').map((segment) => decodeURIComponent(segment)).join('/');
    const path = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : decoded;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)]));
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers, body, parsed, at: Date.now(), status: 0 };

    const respond = (status: number, payload?: unknown, extraHeaders: Record<string, string> = {}) => {
      record.status = status;
      if (payload !== undefined) record.response = payload;
      this.requests.push(record);
      this.#events.emit('request');
      if (payload === undefined) {
        res.writeHead(status, extraHeaders).end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...extraHeaders }).end(JSON.stringify(payload));
      }
    };

    if (!url.pathname.startsWith(prefix)) return respond(404, { message: '404: Not Found', code: 0 });

    const fault = this.#faults.find((candidate) => candidate.left > 0 && candidate.method === method && candidate.path.test(path));
    if (fault) {
      fault.left -= 1;
      if (fault.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      } else {
        const status = fault.status ?? 429;
        if (status === 429) {
          const retryAfter = fault.retryAfter ?? 1;
          return respond(
            429,
            { message: 'You are being rate limited.', retry_after: retryAfter, global: fault.global ?? false },
            {
              'retry-after': String(retryAfter),
              'x-ratelimit-limit': '5',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset-after': String(retryAfter),
              'x-ratelimit-bucket': 'fake-bucket-0001',
              'x-ratelimit-scope': fault.global ? 'global' : 'user',
              ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
            },
          );
        }
        return respond(status, { message: `${status}: injected by the test`, code: fault.code ?? 0 });
      }
    }

    const isPublic = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
    if (!isPublic && headers.authorization !== `Bot ${this.token}`) {
      return respond(401, { message: '401: Unauthorized', code: 0 });
    }

    const route = (pattern: RegExp, wanted: string) => (method === wanted ? pattern.exec(path) : null);
    let match: RegExpExecArray | null;

    if (route(/^\/gateway\/bot$/, 'GET')) {
      return respond(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (route(/^\/gateway$/, 'GET')) return respond(200, { url: `ws://127.0.0.1:${this.port}/gateway` });
    if (route(/^\/users\/@me$/, 'GET')) return respond(200, this.bot);
    if (route(/^\/(?:oauth2\/)?applications\/@me$/, 'GET')) {
      return respond(200, { id: this.applicationId, name: this.bot.username, description: '', bot_public: true, bot_require_code_grant: false, flags: 0, bot: this.bot, owner: makeUser('owner', { id: this.guild.ownerId }), verify_key: 'fake', icon: null });
    }

    if ((match = route(/^\/applications\/(\d+)\/commands$/, 'GET'))) return respond(200, this.commands.global);
    if ((match = route(/^\/applications\/(\d+)\/commands$/, 'PUT'))) {
      this.commands.global = this.#registerCommands(parsed, undefined);
      return respond(200, this.commands.global);
    }
    if ((match = route(/^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, 'GET'))) {
      return respond(200, this.commands.guild.get(match[2] ?? '') ?? []);
    }
    if ((match = route(/^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, 'PUT'))) {
      const stored = this.#registerCommands(parsed, match[2]);
      this.commands.guild.set(match[2] ?? '', stored);
      return respond(200, stored);
    }

    if ((match = route(/^\/interactions\/(\d+)\/([^/]+)\/callback$/, 'POST'))) {
      const state = this.#interactions.get(match[1] ?? '');
      if (!state || state.token !== match[2] || Date.now() - state.dispatchedAt > 3000) {
        return respond(404, { message: 'Unknown interaction', code: 10062 });
      }
      if (state.acknowledged) return respond(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      const type = Number(body?.type);
      if (type === 4 || type === 7) {
        const problems = [...messageBodyProblems(body?.data), ...componentProblems(body?.data?.components)];
        if (problems.length > 0) return respond(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      }
      if (type === 8) {
        const choices = body.data?.choices ?? [];
        if (choices.length > 25 || choices.some((choice) => String(choice.name).length > 100 || String(choice.value).length > 100)) {
          return respond(400, { message: 'Invalid Form Body', code: 50035 });
        }
      }
      state.acknowledged = true;
      state.callbackType = type;
      const flags = Number(body?.data?.flags ?? 0);
      state.ephemeral = (flags & 64) === 64;
      if (type === 4 || type === 5) {
        state.original = messageObject({
          id: snowflake(),
          channelId: state.channelId,
          guildId: state.guildId,
          author: this.bot,
          body: type === 4 ? body.data ?? {} : {},
          flags: flags | (type === 5 ? 128 : 0),
          webhookId: this.applicationId,
          applicationId: this.applicationId,
        });
      }
      if (record.query.with_response === 'true') {
        return respond(200, {
          interaction: { id: state.id, type: 2, activity_instance_id: null, response_message_id: state.original?.id ?? null, response_message_loading: type === 5, response_message_ephemeral: state.ephemeral },
          resource: state.original ? { type, message: state.original } : { type },
        });
      }
      return respond(204);
    }

    if ((match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      const state = this.#byToken(match[2] ?? '');
      const target = match[3] === '@original' ? state?.original : undefined;
      if (!state || !state.acknowledged || (match[3] === '@original' && (!target || state.deleted))) {
        return respond(404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'GET') return respond(200, target);
      if (method === 'DELETE') {
        state.deleted = true;
        return respond(204);
      }
      if (method === 'PATCH') {
        const problems = [...messageBodyProblems(body), ...componentProblems(body.components)];
        if (problems.length > 0) return respond(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
        const original: OriginalMessage = state.original ?? {};
        const updated = {
          ...original,
          ...(body.content !== undefined ? { content: body.content } : {}),
          ...(body.embeds !== undefined ? { embeds: body.embeds } : {}),
          ...(body.components !== undefined ? { components: body.components } : {}),
          flags: Number(original.flags ?? 0) & ~128,
          edited_timestamp: new Date().toISOString(),
        };
        state.original = updated;
        // A public response is a message in the channel: members can click its buttons.
        if (typeof updated.id === 'string' && !state.ephemeral) this.channels.storeMessage(updated as unknown as StoredMessage);
        return respond(200, updated);
      }
    }

    if ((match = route(/^\/webhooks\/(\d+)\/([^/]+)$/, 'POST'))) {
      const state = this.#byToken(match[2] ?? '');
      if (!state || !state.acknowledged) return respond(404, { message: 'Unknown Webhook', code: 10015 });
      const problems = messageBodyProblems(body);
      if (problems.length > 0) return respond(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      return respond(200, messageObject({ id: snowflake(), channelId: state.channelId, guildId: state.guildId, author: this.bot, body, flags: Number(body?.flags ?? 0), webhookId: this.applicationId, applicationId: this.applicationId }));
    }

    const channelReply = this.channels.handle(method, path, body, messageBodyProblems);
    if (channelReply) return respond(channelReply.status, channelReply.payload);

    return respond(404, { message: '404: Not Found', code: 0 });
  }

  #byToken(token: string): InteractionState | undefined {
    for (const state of this.#interactions.values()) if (state.token === token) return state;
    return undefined;
  }

  /**
   * Stores commands as Discord does: with ids, versions and its defaults filled in. Guild
   * commands keep no `contexts`, `integration_types` or `dm_permission` (they apply to global
   * commands only).
   */
  #registerCommands(parsed: unknown, guildId: string | undefined): APIApplicationCommand[] {
    return commandsInBody(parsed).map((command) => {
      const stored: APIApplicationCommand = {
        id: snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        type: 1,
        default_member_permissions: null,
        nsfw: false,
        ...command,
        description_localizations: command.description_localizations ?? null,
        name_localizations: command.name_localizations ?? null,
        options: (command.options ?? []).map((option) => ({ ...option })),
      };
      if (guildId) {
        stored.guild_id = guildId;
        stored.contexts = null;
        stored.integration_types = [0];
        delete stored.dm_permission;
      } else {
        stored.contexts = command.contexts ?? null;
        stored.integration_types = command.integration_types ?? [0];
        stored.dm_permission = command.dm_permission ?? true;
      }
      return stored;
    });
  }
}
