/** The registry of slash commands: one module per command, loaded here. */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { AppConfig } from '../../config.ts';
import * as ask from './ask.ts';
import * as reindex from './reindex.ts';
import * as sources from './sources.ts';
import * as stats from './stats.ts';
import * as summary from './summary.ts';
import type { BotCommand } from './types.ts';

export type { BotCommand } from './types.ts';

const modules: readonly BotCommand[] = [ask, summary, reindex, sources, stats];

/** The commands by name (the name comes from each builder). */
export function loadCommands(config: AppConfig): Map<string, BotCommand> {
  return new Map(modules.map((command) => [command.data(config).name, command]));
}

/** The JSON bodies registered with Discord (by `npm run deploy-commands` and at start-up). */
export function commandDefinitions(config: AppConfig): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return modules.map((command) => command.data(config).toJSON());
}
