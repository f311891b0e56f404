/**
 * Mentions and DMs: a guild message that mentions the bot (its user or its managed role), or any
 * DM, gets the same answer as `/ask`, as a reply to that message. Bots, webhooks, system messages
 * and messages that only ping @everyone/@here are ignored.
 */
import type { Message } from 'discord.js';
import type { BotContext } from './context.ts';
import { describeError, errorStack } from './errors.ts';
import { ERROR_MESSAGE, fitContent, formatAnswer, formatCooldown, type ReplyPayload } from './format.ts';
import { userFacingMessage } from './interactions.ts';
import { mentionsBot, type BotIdentity } from './question-text.ts';
import { NO_MENTIONS, prepareQuestion } from './replies.ts';

function botIdentity(message: Message): BotIdentity {
  const userId = message.client.user.id;
  const role = message.guild?.roles.botRoleFor(userId);
  return { userId, roleIds: role ? [role.id] : [] };
}

/** Whether the bot should answer this message at all. */
export function isAddressedToBot(message: Message): boolean {
  if (message.author.bot || message.webhookId || message.system) return false;
  if (message.author.id === message.client.user.id) return false;
  if (!message.inGuild()) return true;
  return mentionsBot(message.content, botIdentity(message));
}

async function reply(message: Message, payload: ReplyPayload): Promise<void> {
  await message.reply({
    content: payload.content,
    embeds: payload.embeds ?? [],
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
  });
}

export async function handleMessage(message: Message, context: BotContext): Promise<void> {
  if (!isAddressedToBot(message)) return;
  const where = { source: message.inGuild() ? 'mention' : 'dm', userId: message.author.id, guildId: message.guildId ?? 'DM', messageId: message.id };
  try {
    const prepared = prepareQuestion(message.content, context.config.maxQuestionChars, botIdentity(message));
    if (!prepared.ok) {
      await reply(message, { content: fitContent(prepared.message) });
      return;
    }
    const cooldown = context.cooldowns.take(message.author.id);
    if (!cooldown.ok) {
      await reply(message, { content: formatCooldown(cooldown.retryAfterSeconds) });
      return;
    }
    if ('sendTyping' in message.channel) {
      message.channel.sendTyping().catch((error: unknown) => context.logger.debug('typing indicator failed', { ...where, error: describeError(error) }));
    }
    const answer = await context.qa.ask(prepared.question);
    await reply(message, formatAnswer(answer));
    context.logger.debug('message answered', { ...where, answered: answer.answered });
  } catch (error) {
    const userMessage = userFacingMessage(error);
    if (userMessage === undefined) {
      context.logger.error('answering a message failed', { ...where, error: describeError(error), stack: errorStack(error) });
    }
    await reply(message, { content: fitContent(userMessage ?? ERROR_MESSAGE) }).catch((replyError: unknown) =>
      context.logger.warn('could not reply to the message', { ...where, error: describeError(replyError) }),
    );
  }
}
