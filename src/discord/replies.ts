/** Reply helpers shared by the handlers: no reply can ping anyone, private replies stay private. */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageMentionOptions,
} from 'discord.js';
import { validateQuestion, type QuestionCheck } from '../service/intent.ts';
import { cleanQuestionText, type BotIdentity } from './question-text.ts';
import { fitContent, type ReplyPayload } from './format.ts';

/** Sent with every message, reply, edit and follow-up (and set on the client too). */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

export type PreparedQuestion = QuestionCheck;

/** Strips mentions and Discord markup, then checks the question with the core's rules. */
export function prepareQuestion(raw: string, maxChars: number, bot?: BotIdentity): PreparedQuestion {
  return validateQuestion(cleanQuestionText(raw, bot), maxChars);
}

/**
 * Tells the user something only they can see, whatever state the interaction is in: an ephemeral
 * reply, an edit of an ephemeral deferral, or (after a public deferral) the public "thinking"
 * message deleted and an ephemeral follow-up sent.
 */
export async function replyPrivately(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const text = fitContent(content);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  if (interaction.ephemeral) {
    await interaction.editReply({ content: text, embeds: [], allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deleteReply().catch(() => {});
  await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/** Edits the deferred reply with a formatted payload. */
export async function editWith(interaction: ChatInputCommandInteraction, payload: ReplyPayload): Promise<void> {
  await interaction.editReply({
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: NO_MENTIONS,
  });
}

/** Answers an autocomplete, at most 25 choices. */
export async function respondChoices(
  interaction: AutocompleteInteraction,
  choices: { name: string; value: string }[],
): Promise<void> {
  await interaction.respond(choices.slice(0, 25));
}
