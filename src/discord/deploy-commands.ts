/**
 * `npm run deploy-commands`: registers the slash commands with Discord, to DISCORD_GUILD_ID when
 * set (instant, good for testing) or globally (can take up to an hour to show everywhere). The
 * running bot also keeps them in sync at start-up; this is the explicit, one-off step.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes, type APIApplication } from 'discord.js';
import { loadConfigOrExplain, type AppConfig } from '../config.ts';
import { restApiBase } from './bot.ts';
import { commandDefinitions } from './commands/index.ts';
import { TOKEN_REJECTED_MESSAGE, describeError, isTokenRejected } from './errors.ts';

export interface DeployOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function deployCommands(config: AppConfig, io: DeployOutput): Promise<number> {
  const token = config.discordToken;
  if (!token) {
    io.err(
      'DISCORD_TOKEN is not set: deploy-commands needs the bot token to register the slash commands. ' +
        'Put it in .env (DISCORD_TOKEN=...) or the environment; see docs/DISCORD.md.',
    );
    return 1;
  }
  const api = restApiBase(config.discordApiBase);
  const rest = new REST({ ...(api ? { api } : {}), retries: 1 }).setToken(token);
  const definitions = commandDefinitions(config);
  try {
    const application = (await rest.get(Routes.currentApplication())) as APIApplication;
    const guildId = config.discordGuildId;
    const route = guildId ? Routes.applicationGuildCommands(application.id, guildId) : Routes.applicationCommands(application.id);
    await rest.put(route, { body: definitions });
    const names = definitions.map((definition) => `/${definition.name}`).join(', ');
    io.out(
      guildId
        ? `Registered ${definitions.length} commands (${names}) to server ${guildId}; they are available now.`
        : `Registered ${definitions.length} commands (${names}) globally; Discord can take up to an hour to show them everywhere. Set DISCORD_GUILD_ID for instant registration on one server.`,
    );
    return 0;
  } catch (error) {
    if (isTokenRejected(error)) io.err(TOKEN_REJECTED_MESSAGE);
    else io.err(`Could not register the commands: ${describeError(error).split(token).join('[redacted]')}`);
    return 1;
  }
}

async function main(): Promise<number> {
  const config = loadConfigOrExplain((text) => process.stderr.write(`${text}\n`));
  if (!config) return 2;
  return deployCommands(config, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Unexpected error: ${describeError(error)}\n`);
      process.exitCode = 1;
    },
  );
}
