/**
 * Messages: routed by `message-route.ts`, then answered. A direct question (a mention or a DM) is
 * answered as a reply, like `/ask`. In answer channels, forum posts and threads, only questions get
 * a reply (`question-intent.ts`): thanks, chatter and bare links are left alone.
 */
import type { AnyThreadChannel, Message } from 'discord.js';
import { answerIncoming, type IncomingQuestion } from './answering.ts';
import type { BotContext } from './context.ts';
import { describeError, errorStack } from './errors.ts';
import { ERROR_MESSAGE, fitContent, formatCooldown, type ReplyPayload } from './format.ts';
import { userFacingMessage } from './interactions.ts';
import { botIdentity, routeMessage } from './message-route.ts';
import { cleanQuestionText } from './question-text.ts';
import { isQuestionToAnswer } from './question-intent.ts';
import { NO_MENTIONS, prepareQuestion } from './replies.ts';
import { firstQuestionOf, forumPostQuestion, isExpectedRefusal, startThreadFrom } from './threads.ts';

function messageOptions(payload: ReplyPayload) {
  return { content: payload.content, embeds: payload.embeds ?? [], components: payload.components ?? [], allowedMentions: NO_MENTIONS };
}

async function reply(message: Message, payload: ReplyPayload): Promise<void> {
  await message.reply({ ...messageOptions(payload), failIfNotExists: false });
}

async function send(thread: AnyThreadChannel, payload: ReplyPayload): Promise<void> {
  await thread.send(messageOptions(payload));
}

function showTyping(channel: Message['channel'] | AnyThreadChannel, context: BotContext): void {
  if ('sendTyping' in channel) {
    channel.sendTyping().catch((error: unknown) => context.logger.debug('typing indicator failed', { error: describeError(error) }));
  }
}

/** Sends a reply: `answer` for the answer itself, `notice` for a cooldown or input problem. */
type Deliver = (payload: ReplyPayload, kind: 'answer' | 'notice') => Promise<void>;

/**
 * Validates, applies the cooldown, answers and delivers. `quiet`: a message that is not a question
 * (or is empty once mentions are stripped) gets no reply at all.
 */
async function answerMessage(
  message: Message,
  text: string,
  incoming: Omit<IncomingQuestion, 'question'>,
  deliver: Deliver,
  context: BotContext,
  options: { quiet: boolean; typingIn?: Message['channel'] | AnyThreadChannel; onAnswered?: (question: string) => void },
): Promise<void> {
  const prepared = prepareQuestion(text, context.config.maxQuestionChars, botIdentity(message));
  if (!prepared.ok) {
    // In a channel where every message is read, only an actionable problem (too long) deserves a reply.
    if (!options.quiet || prepared.reason === 'too-long') await deliver({ content: fitContent(prepared.message) }, 'notice');
    return;
  }
  if (options.quiet && !isQuestionToAnswer(prepared.question)) {
    context.logger.debug('not a question; no reply', { origin: incoming.origin, messageId: message.id });
    return;
  }
  const cooldown = context.cooldowns.take(message.author.id);
  if (!cooldown.ok) {
    await deliver({ content: formatCooldown(cooldown.retryAfterSeconds) }, 'notice');
    return;
  }
  showTyping(options.typingIn ?? message.channel, context);
  const { payload } = await answerIncoming({ ...incoming, question: prepared.question }, context);
  options.onAnswered?.(prepared.question);
  await deliver(payload, 'answer');
}

async function answerInChannel(message: Message, context: BotContext): Promise<void> {
  const incoming = { origin: 'channel' as const, memberId: message.author.id };
  if (!context.config.answerInThreads) {
    await answerMessage(message, message.content, incoming, (payload) => reply(message, payload), context, { quiet: true });
    return;
  }
  // The thread is started only for an answer (a notice such as the cooldown is a plain reply).
  const deliver: Deliver = async (payload, kind) => {
    if (kind === 'notice') return reply(message, payload);
    const question = cleanQuestionText(message.content, botIdentity(message));
    const started = await startThreadFrom(message, question, context);
    if (started.ok) {
      context.threads.remember(started.thread.id, question);
      return send(started.thread, payload);
    }
    if (started.reason === 'deleted') {
      context.logger.info('the question was deleted before the answer; nothing sent', { messageId: message.id });
      return;
    }
    return reply(message, payload);
  };
  await answerMessage(message, message.content, incoming, deliver, context, { quiet: true });
}

async function answerForumPost(message: Message, thread: AnyThreadChannel, context: BotContext): Promise<void> {
  const question = forumPostQuestion(thread, message.content);
  await answerMessage(message, question, { origin: 'forum', memberId: message.author.id }, (payload) => send(thread, payload), context, {
    quiet: true,
    typingIn: thread,
    onAnswered: (asked) => context.threads.remember(thread.id, asked),
  });
}

async function answerFollowUp(message: Message, thread: AnyThreadChannel, context: BotContext): Promise<void> {
  if (thread.locked) {
    context.logger.debug('thread is locked; no reply', { threadId: thread.id });
    return;
  }
  const firstQuestion = await firstQuestionOf(thread, context);
  await answerMessage(message, message.content, { origin: 'thread', memberId: message.author.id, firstQuestion }, (payload) => reply(message, payload), context, {
    quiet: true,
    onAnswered: (asked) => {
      if (firstQuestion === undefined) context.threads.remember(thread.id, asked);
    },
  });
}

async function answerDirect(message: Message, origin: 'mention' | 'dm', context: BotContext): Promise<void> {
  await answerMessage(message, message.content, { origin, memberId: message.author.id }, (payload) => reply(message, payload), context, { quiet: false });
}

export async function handleMessage(message: Message, context: BotContext): Promise<void> {
  const route = routeMessage(message, context);
  if (route.kind === 'ignore') return;
  const where = { route: route.kind, userId: message.author.id, guildId: message.guildId ?? 'DM', channelId: message.channelId, messageId: message.id };
  try {
    switch (route.kind) {
      case 'direct':
        await answerDirect(message, route.origin, context);
        break;
      case 'answer-channel':
        await answerInChannel(message, context);
        break;
      case 'forum-post':
        await answerForumPost(message, route.thread, context);
        break;
      case 'follow-up':
        await answerFollowUp(message, route.thread, context);
        break;
    }
  } catch (error) {
    if (isExpectedRefusal(error)) {
      // An archived or locked thread, a missing permission, a message or thread deleted meanwhile.
      context.logger.warn('Discord refused the reply; nothing sent', { ...where, error: describeError(error) });
      return;
    }
    const userMessage = userFacingMessage(error);
    if (userMessage === undefined) {
      context.logger.error('answering a message failed', { ...where, error: describeError(error), stack: errorStack(error) });
    }
    await reply(message, { content: fitContent(userMessage ?? ERROR_MESSAGE) }).catch((replyError: unknown) =>
      context.logger.warn('could not reply to the message', { ...where, error: describeError(replyError) }),
    );
  }
}
