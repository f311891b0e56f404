/**
 * Registering the slash commands: compares what Discord has (GET) with the definitions and PUTs
 * only when they differ. Discord fills in defaults (ids, versions, `nsfw: false`, `required:
 * false`...), so both sides are normalised to the fields the definitions set before comparing.
 */
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../../logging.ts';

type Json = Record<string, unknown>;

function sortedOrNull(value: unknown): unknown {
  return Array.isArray(value) ? [...value].sort() : null;
}

function localizations(value: unknown): unknown {
  return value && typeof value === 'object' && Object.keys(value).length > 0 ? value : null;
}

function normalizeOption(option: Json): Json {
  const choices = Array.isArray(option.choices)
    ? (option.choices as Json[]).map((choice) => ({ name: choice.name, value: choice.value, name_localizations: localizations(choice.name_localizations) }))
    : null;
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    name_localizations: localizations(option.name_localizations),
    description_localizations: localizations(option.description_localizations),
    required: option.required === true,
    autocomplete: option.autocomplete === true,
    choices: choices && choices.length > 0 ? choices : null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    channel_types: sortedOrNull(option.channel_types),
    options: Array.isArray(option.options) ? (option.options as Json[]).map(normalizeOption) : null,
  };
}

export type CommandScope = 'global' | 'guild';

/**
 * The fields of a command that matter, with Discord's defaults made explicit. Contexts and
 * integration types only apply to global commands, so they are left out for a guild.
 */
export function normalizeCommand(command: Json, scope: CommandScope = 'global'): Json {
  const permissions = command.default_member_permissions;
  const globalOnly =
    scope === 'global' ? { contexts: sortedOrNull(command.contexts), integration_types: sortedOrNull(command.integration_types) ?? [0] } : {};
  return {
    ...globalOnly,
    name: command.name,
    type: command.type ?? 1,
    description: command.description,
    name_localizations: localizations(command.name_localizations),
    description_localizations: localizations(command.description_localizations),
    default_member_permissions: permissions === undefined || permissions === null ? null : String(permissions),
    nsfw: command.nsfw === true,
    options: Array.isArray(command.options) ? (command.options as Json[]).map(normalizeOption) : [],
  };
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Json).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * True when what is registered differs from the definitions (a command added, removed or changed).
 * `dm_permission` is compared only when both sides carry it (guild commands have none), and
 * `contexts`/`integration_types` only for global commands.
 */
export function commandsDiffer(
  registeredCommands: readonly object[],
  wantedCommands: readonly object[],
  scope: CommandScope = 'global',
): boolean {
  const registered = registeredCommands as readonly Json[];
  const wanted = wantedCommands as readonly Json[];
  if (registered.length !== wanted.length) return true;
  const byName = new Map(registered.map((command) => [command.name, command]));
  for (const definition of wanted) {
    const existing = byName.get(definition.name);
    if (!existing) return true;
    if (stable(normalizeCommand(existing, scope)) !== stable(normalizeCommand(definition, scope))) return true;
    if (
      typeof existing.dm_permission === 'boolean' &&
      typeof definition.dm_permission === 'boolean' &&
      existing.dm_permission !== definition.dm_permission
    ) {
      return true;
    }
  }
  return false;
}

export type SyncResult = 'unchanged' | 'updated';

/** Registers the commands globally, or to one guild, when they differ from what Discord has. */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  logger: Logger,
): Promise<SyncResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.get(route)) as object[];
  if (!commandsDiffer(registered, definitions, guildId ? 'guild' : 'global')) {
    logger.info('slash commands are up to date', { scope: guildId ? `guild ${guildId}` : 'global', commands: definitions.length });
    return 'unchanged';
  }
  await rest.put(route, { body: definitions });
  logger.info('registered slash commands', {
    scope: guildId ? `guild ${guildId}` : 'global (may take up to an hour to appear everywhere)',
    commands: definitions.map((definition) => definition.name).join(','),
  });
  return 'updated';
}
