/**
 * Whether a message in an answer channel, a forum post or a thread is a question to search for.
 * Everything else ("thanks!", "lol", "+1", a bare link, a greeting, "help") gets no reply there:
 * in a channel the bot reads in full, conversation is between members. This is the one place the
 * decision is made; the classifier is the service's.
 */
import { classifyMessage } from '../service/intent.ts';

export function isQuestionToAnswer(text: string): boolean {
  return classifyMessage(text) === 'question';
}
