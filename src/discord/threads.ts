/**
 * Threads: starting one from a question (ANSWER_IN_THREADS), finding the first question of a thread
 * the bot answers in, and telling apart the Discord refusals that are expected (an archived or
 * locked thread, a missing permission, a deleted message or thread) from real failures.
 */
import { DiscordAPIError, ThreadAutoArchiveDuration, type AnyThreadChannel, type Message } from 'discord.js';
import type { BotContext } from './context.ts';
import { describeError } from './errors.ts';
import { cut } from './format.ts';
import { cleanQuestionText } from './question-text.ts';

/** Discord's JSON error codes the bot expects in threads and answers without failing. */
export const EXPECTED_REFUSALS = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  missingAccess: 50001,
  missingPermissions: 50013,
  archivedThread: 50083,
  threadLocked: 160005,
} as const;

const EXPECTED_CODES = new Set<number | string>(Object.values(EXPECTED_REFUSALS));

/** True for a refusal the bot expects (see EXPECTED_REFUSALS); such a failure is logged, not raised. */
export function isExpectedRefusal(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError && EXPECTED_CODES.has(error.code);
}

/** A thread name from a question: Discord allows 1 to 100 characters. */
export function threadName(question: string): string {
  return cut(question.replace(/\s+/g, ' ').trim(), 100) || 'Question';
}

export type StartedThread = { ok: true; thread: AnyThreadChannel } | { ok: false; reason: 'deleted' | 'no-permission' };

/** Starts a public thread from `message`; says why not when Discord refuses. */
export async function startThreadFrom(message: Message, question: string, context: BotContext): Promise<StartedThread> {
  try {
    const thread = await message.startThread({ name: threadName(question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
    return { ok: true, thread };
  } catch (error) {
    if (!isExpectedRefusal(error)) throw error;
    if (error.code === EXPECTED_REFUSALS.unknownMessage || error.code === EXPECTED_REFUSALS.unknownChannel) {
      return { ok: false, reason: 'deleted' };
    }
    if (context.threads.firstRefusalIn(message.channelId)) {
      context.logger.warn(
        'could not start a thread for an answer: give the bot the Create Public Threads and Send Messages in Threads permissions in that channel (answering in the channel instead)',
        { channelId: message.channelId, error: describeError(error) },
      );
    }
    return { ok: false, reason: 'no-permission' };
  }
}

/**
 * The first question of a thread: remembered when the bot answered it, else read from the thread's
 * starter message (the forum post, or the message the thread was started from); undefined when it
 * was deleted.
 */
export async function firstQuestionOf(thread: AnyThreadChannel, context: BotContext): Promise<string | undefined> {
  const remembered = context.threads.firstQuestion(thread.id);
  if (remembered !== undefined) return remembered;
  try {
    const starter = await thread.fetchStarterMessage();
    if (!starter) return undefined;
    const question = forumPostQuestion(thread, starter.content);
    if (question) context.threads.remember(thread.id, question);
    return question || undefined;
  } catch (error) {
    context.logger.debug('no starter message for the thread', { threadId: thread.id, error: describeError(error) });
    return undefined;
  }
}

/**
 * The question of a forum post: its title and its text (a post's title is often the question
 * itself). For a thread started from a message, the message alone.
 */
export function forumPostQuestion(thread: AnyThreadChannel, content: string): string {
  const body = cleanQuestionText(content);
  const isForum = thread.parent?.isThreadOnly() ?? false;
  if (!isForum) return body;
  const title = thread.name.trim();
  if (body === '' || body.toLowerCase().includes(title.toLowerCase())) return body || title;
  return `${title}${/[?.!]$/.test(title) ? '' : '.'} ${body}`;
}
