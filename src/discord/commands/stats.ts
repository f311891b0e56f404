/**
 * `/stats` (admins only, private): what members asked over the last 7 days and all time, how much
 * was answered, the votes, the most cited documents, and the most asked questions that were
 * declined or voted not helpful: what the maintainers should write next.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { StatsUnavailableError } from '../../service/stats.ts';
import type { BotContext } from '../context.ts';
import { formatStats } from '../stats-format.ts';
import { adminCommandBuilder, isAdminInteraction } from '../permissions.ts';
import { NO_MENTIONS, replyPrivately } from '../replies.ts';

export const STATS_REFUSAL =
  'Only server admins can see the stats: you need the Manage Server permission, or to be listed by the bot owner (ADMIN_USER_IDS / ADMIN_ROLE_IDS).';

export function data() {
  return adminCommandBuilder('stats', 'What members asked, what was answered, and what the documents are missing (admins only)');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!isAdminInteraction(interaction, context.config)) {
    context.logger.info('stats refused: not an admin', { userId: interaction.user.id });
    await replyPrivately(interaction, STATS_REFUSAL);
    return;
  }
  let payload;
  try {
    payload = formatStats(context.stats.overview());
  } catch (error) {
    if (!(error instanceof StatsUnavailableError)) throw error;
    await replyPrivately(interaction, error.message);
    return;
  }
  await interaction.reply({ embeds: payload.embeds ?? [], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
