/**
 * The Discord client and its wiring: intents, REST base, handlers, log lines, command sync.
 * `startDiscordBot` logs in and resolves once the client is ready; `run-bot.ts` adds the process
 * life cycle (core, signals, exit codes) around it.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import { commandDefinitions, loadCommands } from './commands/index.ts';
import { syncCommands } from './commands/sync.ts';
import type { BotContext, QaService } from './context.ts';
import { Cooldowns } from './cooldown.ts';
import { GatewayClosedError, describeError, sanitize } from './errors.ts';
import { handleInteraction } from './interactions.ts';
import { handleMessage } from './messages.ts';
import { NO_MENTIONS } from './replies.ts';
import { ThreadMemory } from './thread-memory.ts';
import { QuestionStats } from '../service/stats.ts';
import { InFlight } from '../service/in-flight.ts';

/**
 * The REST base discord.js expects (it appends `/v10` itself): `DISCORD_API_BASE` without a
 * trailing `/` or `/vN`. Undefined means Discord's own.
 */
export function restApiBase(base: string | undefined): string | undefined {
  if (!base) return undefined;
  return base.replace(/\/+$/, '').replace(/\/v\d+$/, '').replace(/\/+$/, '');
}

/**
 * Guilds, guild messages and DMs; mentions and DMs carry their content without a privileged intent.
 * The privileged Message Content intent is asked for only when answer channels are set: reading
 * messages that do not mention the bot needs it, and Discord refuses the connection (close code
 * 4014) when it is not enabled for the application.
 */
export function gatewayIntents(config: Pick<AppConfig, 'answerChannelIds'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.answerChannelIds.length > 0) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export function createDiscordClient(config: Pick<AppConfig, 'discordApiBase' | 'answerChannelIds'>): Client {
  const api = restApiBase(config.discordApiBase);
  return new Client({
    intents: gatewayIntents(config),
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    ...(api ? { rest: { api } } : {}),
  });
}

export interface StartOptions {
  qa: QaService;
  logger: Logger;
  /** Least time between two `/reindex` progress edits. Default 1500 ms. */
  progressIntervalMs?: number;
  /** Compare and register the slash commands after login. Default true. */
  syncCommands?: boolean;
  /** The database of questions and feedback. Default: opened from the configuration (and closed by `stop`). */
  stats?: BotContext['stats'] & { close(): void };
}

export interface DiscordBot {
  client: Client<true>;
  context: BotContext;
  /** Resolves when the gateway session ends for good (e.g. the token was reset while running). */
  disconnected: Promise<{ code: number }>;
  /** Waits for the handlers under way (their replies sent), at most `timeoutMs`; resolves to how many are left. */
  settle(timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

function attachLogging(client: Client, logger: Logger, state: { stopping: boolean }): void {
  client.on(Events.Error, (error) => logger.error('discord client error', { error: describeError(error) }));
  client.on(Events.Warn, (message) => logger.warn('discord warning', { message: sanitize(message) }));
  client.on(Events.ShardError, (error, shardId) => logger.warn('gateway connection error', { shardId, error: describeError(error) }));
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!state.stopping) logger.info('gateway connection lost; reconnecting', { shardId });
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('gateway session resumed', { shardId, replayed }));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn('rate limited by Discord; waiting', {
      route: sanitize(info.route),
      method: info.method,
      retryAfterMs: info.retryAfter,
      global: info.global,
    }),
  );
  client.rest.on(RESTEvents.Debug, (message) => {
    // An unexpected 429 is only reported as a debug line; @discordjs/rest waits and retries it.
    if (!message.includes('429 rate limit')) return;
    const field = (name: string) => new RegExp(`${name}\\s*:\\s*(.+)`).exec(message)?.[1]?.trim();
    logger.warn('rate limited by Discord; retrying', {
      method: field('Method'),
      route: sanitize(field('Bucket') ?? ''),
      retryAfter: field('Retry After'),
      global: field('Global'),
    });
  });
  client.on(Events.Debug, (message) => {
    // The gateway's lifecycle lines only; per-heartbeat lines are noise. Sanitized: they can hold URLs.
    if (/Heartbeat/.test(message)) return;
    logger.debug('discord.js', { message: sanitize(message) });
  });
}

/** Logs in, waits until the client is ready (guilds cached), then syncs the slash commands. */
export async function startDiscordBot(config: AppConfig, options: StartOptions): Promise<DiscordBot> {
  const logger = options.logger;
  const client = createDiscordClient(config);
  const stats = options.stats ?? QuestionStats.open(config, { logger: logger.child({ component: 'stats' }) });
  const context: BotContext = {
    config,
    qa: options.qa,
    logger,
    cooldowns: new Cooldowns(config.askCooldownSeconds),
    stats,
    threads: new ThreadMemory(),
    progressIntervalMs: options.progressIntervalMs ?? 1500,
  };
  const commands = loadCommands(config);
  const state = { stopping: false };
  attachLogging(client, logger, state);
  // Handlers under way, so that a shutdown lets their replies go out before the gateway closes.
  const inFlight = new InFlight();
  client.on(Events.InteractionCreate, (interaction) => {
    void inFlight.track(handleInteraction(interaction, commands, context));
  });
  client.on(Events.MessageCreate, (message) => {
    void inFlight.track(handleMessage(message, context));
  });
  const disconnected = new Promise<{ code: number }>((resolve) => {
    client.on(Events.ShardDisconnect, (event) => {
      logger.error('the gateway closed the session for good', { code: event.code });
      resolve({ code: event.code });
    });
  });

  const abort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: abort.signal });
  ready.catch(() => {});
  // A session closed for good before it is ready (a refused intent, a reset token) ends the wait.
  const closedEarly = disconnected.then((event) => {
    throw new GatewayClosedError(event.code);
  });
  closedEarly.catch(() => {});
  try {
    await client.login(config.discordToken);
    await Promise.race([ready, closedEarly]);
  } catch (error) {
    abort.abort();
    await client.destroy().catch(() => {});
    if (!options.stats) stats.close();
    throw error;
  }
  const readyClient = client as Client<true>;
  logger.info(`ready as ${readyClient.user.tag} in ${readyClient.guilds.cache.size} servers`, {
    userId: readyClient.user.id,
  });

  if (options.syncCommands !== false) {
    try {
      await syncCommands(readyClient.rest, readyClient.application.id, config.discordGuildId, commandDefinitions(config), logger);
    } catch (error) {
      logger.warn('could not check or register the slash commands; run `npm run deploy-commands`', {
        error: describeError(error),
      });
    }
  }

  return {
    client: readyClient,
    context,
    disconnected,
    settle: (timeoutMs) => inFlight.settle(timeoutMs),
    stop: async () => {
      state.stopping = true;
      await client.destroy();
      if (!options.stats) stats.close();
    },
  };
}
