/**
 * `npm start`: the Discord bot when `DISCORD_TOKEN` is set, otherwise the terminal chat.
 */
import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './logging.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  if (config.discordToken) {
    logger.redact(config.discordToken);
    const { runDiscordBot } = await import('./discord/run-bot.ts');
    return runDiscordBot(config, { logger });
  }
  const { runTerminalChat } = await import('./cli/chat.ts');
  return runTerminalChat(config, { logger, input: process.stdin, output: process.stdout });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
