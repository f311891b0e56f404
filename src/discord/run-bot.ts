/**
 * `npm start` with DISCORD_TOKEN set: checks the token, opens the core (building the index if
 * needed), logs in, and runs until SIGINT/SIGTERM. Resolves to the process exit code: 0 after a
 * clean shutdown, 1 when Discord rejects the token or the bot cannot start.
 */
import { REST, Routes } from 'discord.js';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import { DocumentQa } from '../service/document-qa.ts';
import { restApiBase, startDiscordBot, type DiscordBot } from './bot.ts';
import type { QaService } from './context.ts';
import { DISALLOWED_INTENTS_MESSAGE, GatewayClosedError, TOKEN_REJECTED_MESSAGE, isDisallowedIntents, describeError, errorStack, explainGatewayClose, isTokenRejected } from './errors.ts';

type Closable = QaService & {
  close(): Promise<void>;
  /** Stops taking questions and waits for those under way (at most `timeoutMs`). */
  drain?(timeoutMs: number): Promise<number>;
};

/** How often the bot checks that the process that started it is still there. */
const PARENT_CHECK_MS = 1000;

/** A signal repeated within this time is the same request (a terminal's Ctrl+C reaches npm, tsx and node alike). */
const REPEATED_SIGNAL_MS = 1000;

export interface RunOptions {
  logger: Logger;
  /** Where the clear, human message goes when the token is rejected. Default: stderr. */
  writeError?: (text: string) => void;
  /** Opens the core. Default: `DocumentQa.open`. */
  openQa?: (config: AppConfig, logger: Logger) => Promise<Closable>;
  /** Which signals stop the bot. Default: SIGINT and SIGTERM. */
  signals?: NodeJS.Signals[];
  /** On a signal, how long questions under way may take to be answered and sent. Default: 5000 ms. */
  shutdownGraceMs?: number;
  /**
   * After a stop by signal, how long to wait before forcing the process to exit if a stray handle
   * keeps it alive. Default: 5000 ms; null: never (a caller whose process lives on, such as a test runner).
   */
  stuckExitMs?: number | null;
}

/** A cheap authenticated call, so a bad token fails in a second rather than after an index build. */
async function checkToken(config: AppConfig, token: string, logger: Logger): Promise<'ok' | 'rejected'> {
  const api = restApiBase(config.discordApiBase);
  const rest = new REST({ ...(api ? { api } : {}), retries: 1, timeout: 10_000 }).setToken(token);
  try {
    await rest.get(Routes.user());
    return 'ok';
  } catch (error) {
    if (isTokenRejected(error)) return 'rejected';
    // Discord unreachable or slow: the login below will say more; do not block on it here.
    logger.warn('could not check the token with Discord yet', { error: describeError(error) });
    return 'ok';
  }
}

export async function runDiscordBot(config: AppConfig, options: RunOptions): Promise<number> {
  const logger = options.logger.child({ component: 'discord' });
  const writeError = options.writeError ?? ((text: string) => process.stderr.write(`${text}\n`));
  const token = config.discordToken;
  if (!token) {
    writeError('DISCORD_TOKEN is not set. Put your bot token in .env (see docs/DISCORD.md).');
    return 1;
  }
  options.logger.redact(token);

  if ((await checkToken(config, token, logger)) === 'rejected') {
    writeError(TOKEN_REJECTED_MESSAGE);
    return 1;
  }

  // Handle signals from the start: an index build can take a while and should be interruptible.
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  let stopRequested: NodeJS.Signals | undefined;
  let stopRequestedAt = 0;
  let wake: (signal: NodeJS.Signals) => void = () => {};
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    wake = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) {
      if (Date.now() - stopRequestedAt < REPEATED_SIGNAL_MS) return;
      logger.warn(`second ${signal}: exiting now`);
      process.exit(130);
    }
    stopRequested = signal;
    stopRequestedAt = Date.now();
    logger.info(`${signal} received; shutting down`);
    wake(signal);
  };
  for (const signal of signals) process.on(signal, onSignal);
  // `npm start` runs the bot under `sh -c`; npm passes its SIGTERM to that shell only, which dies
  // without passing it on. The bot notices it was orphaned and stops as if it had the signal.
  const parentAtStart = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid === parentAtStart || stopRequested) return;
    logger.info('the process that started the bot is gone (npm or its shell was stopped)');
    onSignal('SIGTERM');
  }, PARENT_CHECK_MS);
  parentWatch.unref();
  const removeSignals = () => {
    for (const signal of signals) process.off(signal, onSignal);
    clearInterval(parentWatch);
  };

  let qa: Closable | undefined;
  let bot: DiscordBot | undefined;
  try {
    const stopBuilding = new AbortController();
    void stopSignal.then(() => stopBuilding.abort());
    const open =
      options.openQa ??
      ((cfg: AppConfig, log: Logger) =>
        DocumentQa.open(cfg, {
          logger: log,
          onProgress: (progress) => log.debug('building the index', { ...progress }),
          signal: stopBuilding.signal,
        }));
    logger.info('opening the document index', { docsDir: config.docsDir, indexDir: config.indexDir });
    const opening = open(config, options.logger.child({ component: 'core' }));
    opening.catch(() => {});
    let opened: Closable | undefined;
    try {
      opened = await Promise.race([opening, stopSignal.then(() => undefined)]);
    } catch (error) {
      // The core's errors explain themselves (missing folder, model required...): say it plainly.
      logger.error('could not open the document index', { error: describeError(error), stack: errorStack(error) });
      writeError(`Could not open the document index: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    if (!opened) {
      // Stopped while the index was building: the build is stopped too, and the previous index
      // stays in place (a new one is swapped in only when complete).
      void opening.then((late) => late.close()).catch(() => {});
      return 0;
    }
    qa = opened;

    try {
      bot = await startDiscordBot(config, { qa, logger });
    } catch (error) {
      if (isTokenRejected(error)) {
        writeError(TOKEN_REJECTED_MESSAGE);
      } else if (isDisallowedIntents(error)) {
        writeError(DISALLOWED_INTENTS_MESSAGE);
      } else if (error instanceof GatewayClosedError) {
        writeError(explainGatewayClose(error.code));
      } else {
        logger.error('could not connect to Discord', { error: describeError(error), stack: errorStack(error) });
        writeError(`Could not connect to Discord: ${describeError(error)}`);
      }
      return 1;
    }

    const outcome = await Promise.race([
      stopSignal.then(() => ({ kind: 'signal' as const })),
      bot.disconnected.then((event) => ({ kind: 'disconnected' as const, code: event.code })),
    ]);
    if (outcome.kind === 'disconnected') {
      writeError(explainGatewayClose(outcome.code));
      return 1;
    }
    return 0;
  } finally {
    removeSignals();
    if (stopRequested && bot) {
      // Take no new questions; let those under way be answered and their replies sent, within a bound.
      const graceMs = options.shutdownGraceMs ?? 5000;
      const unanswered = (await qa?.drain?.(graceMs)) ?? 0;
      const unsent = await bot.settle(graceMs);
      if (unanswered + unsent > 0) logger.warn('stopping with replies still under way', { unanswered, unsent });
    }
    if (bot) await bot.stop().catch((error: unknown) => logger.warn('error while disconnecting', { error: describeError(error) }));
    if (qa) await qa.close().catch((error: unknown) => logger.warn('error while closing the index', { error: describeError(error) }));
    const stuckExitMs = options.stuckExitMs === undefined ? 5000 : options.stuckExitMs;
    if (stopRequested) {
      logger.info('stopped');
      // Everything is released; if a stray handle still keeps the loop alive, do not hang forever.
      if (stuckExitMs !== null) {
        setTimeout(() => {
          logger.warn('something kept the process alive after shutdown; exiting');
          process.exit();
        }, stuckExitMs).unref();
      }
    }
  }
}
