/** `/ask question`: the answer as numbered, cited excerpts. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { AppConfig } from '../../config.ts';
import type { BotContext } from '../context.ts';
import { answerIncoming } from '../answering.ts';
import { formatCooldown } from '../format.ts';
import { editWith, prepareQuestion, replyPrivately } from '../replies.ts';

export function data(config: AppConfig) {
  return new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the documents; the answer quotes them, with sources')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Your question, in words')
        .setRequired(true)
        .setMaxLength(config.maxQuestionChars),
    );
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const prepared = prepareQuestion(interaction.options.getString('question', true), context.config.maxQuestionChars, {
    userId: interaction.client.user.id,
  });
  if (!prepared.ok) {
    await replyPrivately(interaction, prepared.message);
    return;
  }
  const cooldown = context.cooldowns.take(interaction.user.id);
  if (!cooldown.ok) {
    await replyPrivately(interaction, formatCooldown(cooldown.retryAfterSeconds));
    return;
  }
  // Acknowledge at once: embedding the question can take longer than Discord's 3-second window.
  await interaction.deferReply();
  const { payload } = await answerIncoming({ question: prepared.question, origin: 'slash', memberId: interaction.user.id }, context);
  await editWith(interaction, payload);
}
