/** `/summary [document]`: a few verbatim sentences of one document, or of all of them. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { SourceInfo } from '../../service/document-qa.ts';
import type { BotContext } from '../context.ts';
import { documentChoices, resolveDocumentChoice } from '../document-choices.ts';
import { escapeAndCut, formatSummary } from '../format.ts';
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

function listSources(documents: SourceInfo[], limit = 10): string {
  const shown = documents.slice(0, limit).map((doc) => doc.source).join(', ');
  return documents.length > limit ? `${shown}, and ${documents.length - limit} more` : shown;
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const documents = context.qa.info().documents;
  const typed = interaction.options.getString('document')?.trim() || undefined;
  const option = typed === undefined ? undefined : resolveDocumentChoice(typed, documents);
  const requested = option?.toLowerCase() === 'all' ? undefined : option;
  let target = requested;
  if (requested !== undefined) {
    // The core's own matching, asked first so that a typo or an ambiguous name is answered privately, before deferring.
    const matches = context.qa.matchDocuments(requested);
    if (matches.length !== 1) {
      const name = escapeAndCut(requested, 200);
      const help = 'Pick one from the suggestions, or leave the option empty to summarise all documents.';
      const message =
        matches.length === 0
          ? `There is no document called "${name}". ` +
            (documents.length > 0 ? `Known documents: ${escapeAndCut(listSources(documents), 1200)}. ` : 'No documents are indexed. ')
          : `"${name}" matches several documents: ${escapeAndCut(listSources(matches), 1200)}. `;
      await replyPrivately(interaction, message + help);
      return;
    }
    target = matches[0]?.source;
  }
  await interaction.deferReply();
  const summary = await context.qa.summarize(target);
  await editWith(interaction, formatSummary(summary, documents));
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const focused = interaction.options.getFocused();
  await respondChoices(interaction, documentChoices(context.qa.info().documents, String(focused)));
}
