/**
 * `npm start`: the Discord bot when `DISCORD_TOKEN` is set, otherwise the terminal chat.
 */
import { loadConfigOrExplain } from './config.ts';
import { createLogger } from './logging.ts';

async function main(): Promise<number> {
  const config = loadConfigOrExplain((text) => process.stderr.write(`${text}\n`));
  if (!config) return 2;
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
