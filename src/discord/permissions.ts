/** Who may run `/reindex` and `/stats`: checked on the server side, whatever Discord's command permissions say. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { AppConfig } from '../config.ts';

export interface ReindexRequester {
  userId: string;
  /** The member's permissions in the guild (the interaction's `member.permissions`), if any. */
  permissions: bigint | null;
  /** The member's role ids, if any. */
  roleIds: readonly string[];
}

/** A member with Manage Server, a user listed in ADMIN_USER_IDS, or a member of an ADMIN_ROLE_IDS role. */
export function canReindex(requester: ReindexRequester, config: Pick<AppConfig, 'adminUserIds' | 'adminRoleIds'>): boolean {
  if (config.adminUserIds.includes(requester.userId)) return true;
  if (requester.permissions !== null) {
    const bits = requester.permissions;
    if ((bits & PermissionFlagsBits.ManageGuild) === PermissionFlagsBits.ManageGuild) return true;
    if ((bits & PermissionFlagsBits.Administrator) === PermissionFlagsBits.Administrator) return true;
  }
  return requester.roleIds.some((role) => config.adminRoleIds.includes(role));
}

function memberRoleIds(interaction: ChatInputCommandInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  if (Array.isArray(member.roles)) return member.roles;
  return [...member.roles.cache.keys()];
}

/** Whether the member behind a command in a server is one of the bot's admins (never in a DM). */
export function isAdminInteraction(interaction: ChatInputCommandInteraction, config: Pick<AppConfig, 'adminUserIds' | 'adminRoleIds'>): boolean {
  return (
    interaction.inGuild() &&
    canReindex(
      { userId: interaction.user.id, permissions: interaction.memberPermissions?.bitfield ?? null, roleIds: memberRoleIds(interaction) },
      config,
    )
  );
}

/**
 * The builder of an admin command (`/reindex`, `/stats`): hidden from members without Manage Server
 * by default and offered in servers only. Discord's default is a hint the server can change, so the
 * handlers still check `isAdminInteraction`.
 */
export function adminCommandBuilder(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setDMPermission(false)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}
