/** Routes interactions to the command modules; turns any error into a friendly private message. */
import type { Interaction } from 'discord.js';
import { explainError } from '../service/document-qa.ts';
import type { BotCommand } from './commands/index.ts';
import type { BotContext } from './context.ts';
import { describeError, errorStack } from './errors.ts';
import { handleFeedbackClick, parseFeedbackCustomId } from './feedback.ts';
import { ERROR_MESSAGE } from './format.ts';
import { replyPrivately } from './replies.ts';

/** The service's sentence for an error it foresaw (shown privately, not logged as a failure); undefined for a bug. */
export function userFacingMessage(error: unknown): string | undefined {
  const explained = explainError(error);
  return explained.kind === 'unexpected' ? undefined : explained.message;
}

export async function handleInteraction(
  interaction: Interaction,
  commands: ReadonlyMap<string, BotCommand>,
  context: BotContext,
): Promise<void> {
  if (interaction.isButton()) {
    const click = parseFeedbackCustomId(interaction.customId);
    if (click) await handleFeedbackClick(interaction, click, context);
    return;
  }
  if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
  const where = {
    command: interaction.commandName,
    userId: interaction.user.id,
    guildId: interaction.guildId ?? 'DM',
    interactionId: interaction.id,
  };
  const command = commands.get(interaction.commandName);

  if (interaction.isAutocomplete()) {
    try {
      if (command?.autocomplete) await command.autocomplete(interaction, context);
      else await interaction.respond([]);
    } catch (error) {
      context.logger.warn('autocomplete failed', { ...where, error: describeError(error) });
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
    }
    return;
  }

  const started = Date.now();
  try {
    if (!command) {
      await replyPrivately(interaction, 'I do not know that command (yet). Try /ask, /summary, /sources, /reindex or /stats.');
      return;
    }
    await command.execute(interaction, context);
    context.logger.debug('command handled', { ...where, ms: Date.now() - started });
  } catch (error) {
    const userMessage = userFacingMessage(error);
    if (userMessage !== undefined) {
      context.logger.info('command declined', { ...where, reason: describeError(error) });
    } else {
      context.logger.error('command failed', { ...where, error: describeError(error), stack: errorStack(error) });
    }
    try {
      await replyPrivately(interaction, userMessage ?? ERROR_MESSAGE);
    } catch (replyError) {
      context.logger.warn('could not tell the user about the failure', { ...where, error: describeError(replyError) });
    }
  }
}
