/** `/summary [document]`: a few verbatim sentences of one document, or of all of them. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { resolveDocument, UnknownDocumentError } from '../../service/document-qa.ts';
import type { BotContext } from '../context.ts';
import { documentChoices, resolveDocumentChoice } from '../document-choices.ts';
import { escapeAndCut, formatCooldown, formatSummary } from '../format.ts';
import { editWith, replyPrivately, respondChoices } from '../replies.ts';

export function data() {
  return new SlashCommandBuilder()
    .setName('summary')
    .setDescription('Summarise one document, or all of them, in a few verbatim sentences')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((option) =>
      option
        .setName('document')
        .setDescription('The document (start typing its name or title); leave empty for all documents')
        .setRequired(false)
        .setAutocomplete(true),
    );
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const documents = context.qa.info().documents;
  let target: string | undefined;
  try {
    // The service's own matching, asked first so that a typo or an ambiguous name is answered privately, before deferring.
    // A long path comes back from the autocomplete as a short key (document-choices.ts).
    const typed = interaction.options.getString('document') ?? undefined;
    target = resolveDocument(documents, typed === undefined ? undefined : resolveDocumentChoice(typed.trim(), documents))?.source;
  } catch (error) {
    if (!(error instanceof UnknownDocumentError)) throw error;
    const help = 'Pick one from the suggestions, or leave the option empty to summarise all documents.';
    await replyPrivately(interaction, `${escapeAndCut(error.message, 1500)} ${help}`);
    return;
  }
  const cooldown = context.cooldowns.take(interaction.user.id);
  if (!cooldown.ok) {
    await replyPrivately(interaction, formatCooldown(cooldown.retryAfterSeconds));
    return;
  }
  await interaction.deferReply();
  const summary = await context.qa.summarize(target);
  await editWith(interaction, formatSummary(summary, documents));
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const focused = interaction.options.getFocused();
  await respondChoices(interaction, documentChoices(context.qa.info().documents, String(focused)));
}
