/** Who may run `/reindex`: checked on the server side, whatever Discord's command permissions say. */
import { PermissionFlagsBits } from 'discord.js';
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
