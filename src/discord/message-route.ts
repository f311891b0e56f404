/**
 * Which messages the bot answers, and how. In order:
 * - bots, webhooks, system messages and the bot itself: never;
 * - a DM: always, as a direct question;
 * - a new post in an answer forum (`ANSWER_CHANNEL_IDS`): answered inside the post's thread;
 * - a later message in a thread the bot answers in (a forum post of an answer forum, a thread the
 *   bot started, or one it answered in since it started): a follow-up, no mention needed;
 * - a message that mentions the bot: a direct question;
 * - a new message in an answer text channel: answered as a reply (or in a new thread).
 */
import { ChannelType, type AnyThreadChannel, type Message } from 'discord.js';
import type { BotContext } from './context.ts';
import { mentionsBot, type BotIdentity } from './question-text.ts';

export type MessageRoute =
  | { kind: 'ignore' }
  | { kind: 'direct'; origin: 'mention' | 'dm' }
  | { kind: 'answer-channel' }
  | { kind: 'forum-post'; thread: AnyThreadChannel }
  | { kind: 'follow-up'; thread: AnyThreadChannel };

export function botIdentity(message: Message): BotIdentity {
  const userId = message.client.user.id;
  const role = message.guild?.roles.botRoleFor(userId);
  return { userId, roleIds: role ? [role.id] : [] };
}

const TEXT_CHANNELS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

export function routeMessage(message: Message, context: Pick<BotContext, 'config' | 'threads'>): MessageRoute {
  if (message.author.bot || message.webhookId || message.system) return { kind: 'ignore' };
  if (message.author.id === message.client.user.id) return { kind: 'ignore' };
  if (!message.inGuild()) return { kind: 'direct', origin: 'dm' };
  const answerChannels = context.config.answerChannelIds;
  const channel = message.channel;
  if (channel.isThread()) {
    const inAnswerChannel = channel.parentId !== null && answerChannels.includes(channel.parentId);
    const inForum = channel.parent?.isThreadOnly() ?? false;
    // A forum post's first message has the thread's id.
    if (inAnswerChannel && inForum && message.id === channel.id) return { kind: 'forum-post', thread: channel };
    const botStarted = channel.ownerId === message.client.user.id;
    if ((inAnswerChannel && (inForum || botStarted)) || context.threads.has(channel.id)) return { kind: 'follow-up', thread: channel };
  }
  if (mentionsBot(message.content, botIdentity(message))) return { kind: 'direct', origin: 'mention' };
  if (answerChannels.includes(channel.id) && TEXT_CHANNELS.has(channel.type)) return { kind: 'answer-channel' };
  return { kind: 'ignore' };
}
