/** `/sources`: the indexed documents, their passage counts, the index mode and when it was built. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BotContext } from '../context.ts';
import { formatSources } from '../format.ts';
import { NO_MENTIONS } from '../replies.ts';

export function data() {
  return new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the indexed documents, their passage counts, and when the index was built')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  // `info()` is synchronous, so replying directly acknowledges the interaction at once.
  const payload = formatSources(context.qa.info());
  await interaction.reply({ embeds: payload.embeds ?? [], allowedMentions: NO_MENTIONS });
}
