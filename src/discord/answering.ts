/**
 * One question, from whichever door it came in (`/ask`, a mention, a DM, an answer channel, a
 * forum post, a thread follow-up): ask the service (with the thread's first question for a
 * follow-up), record it in the bot's database, and build the reply with its feedback buttons.
 */
import type { Answer } from '../search/types.ts';
import { answerFollowUp } from '../service/follow-up.ts';
import type { QuestionOrigin } from '../service/stats.ts';
import type { BotContext } from './context.ts';
import { feedbackRow } from './feedback.ts';
import { formatAnswer, type ReplyPayload } from './format.ts';

export interface IncomingQuestion {
  /** The question as validated (mentions and markup stripped). */
  question: string;
  origin: QuestionOrigin;
  /** The asker's Discord id (hashed before it is stored). */
  memberId: string;
  /** For a follow-up in a thread: the thread's first question. */
  firstQuestion?: string | undefined;
}

export interface AnsweredQuestion {
  answer: Answer;
  /** The answer's id in the database, when it was stored. */
  answerId: number | undefined;
  /** The reply: the cited excerpts with Helpful / Not helpful buttons, or the decline. */
  payload: ReplyPayload;
}

export async function answerIncoming(incoming: IncomingQuestion, context: BotContext): Promise<AnsweredQuestion> {
  const started = performance.now();
  const ask = (question: string) => context.qa.ask(question);
  const answer =
    incoming.origin === 'thread'
      ? (await answerFollowUp(ask, incoming.question, incoming.firstQuestion, { maxQuestionChars: context.config.maxQuestionChars })).answer
      : await ask(incoming.question);
  const latencyMs = performance.now() - started;
  // Conversation (a greeting, thanks, "help" to a mention) is replied to but is not a question to count.
  const answerId =
    answer.conversation === undefined
      ? context.stats.record({ question: incoming.question, answer, origin: incoming.origin, memberId: incoming.memberId, latencyMs })
      : undefined;
  const formatted = formatAnswer(answer);
  // Declines carry no buttons: they are already counted as what the documents are missing.
  const payload: ReplyPayload = answer.answered && answerId !== undefined ? { ...formatted, components: [feedbackRow(answerId)] } : formatted;
  context.logger.debug('question answered', { origin: incoming.origin, answered: answer.answered, answerId, ms: Math.round(latencyMs) });
  return { answer, answerId, payload };
}
