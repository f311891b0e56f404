/**
 * Follow-up questions in a conversation (a Discord thread): a follow-up that says too little on its
 * own ("and on Windows?", "when was that?") is searched together with the conversation's first
 * question; a full question is searched on its own. (Retrying a declined full question with the
 * first question's words would "answer" an off-topic question with the first question's passage.)
 */
import { analyze, tokenize } from '../index/text-analysis.ts';
import type { Answer } from '../search/types.ts';

/** How follow-ups are read; every field has its default here. */
export interface FollowUpOptions {
  /** A follow-up with fewer search terms than this is vague. Default: 2. */
  minOwnTerms?: number;
  /** Longest question the service accepts (the first question is shortened to fit). Default: 500. */
  maxQuestionChars?: number;
}

const DEFAULTS = { minOwnTerms: 2, maxQuestionChars: 500 } as const;

/** Words that open a continuation rather than a new question. */
const CONTINUATION = /^(?:and|or|but|also|so|then|what about|how about|same)\b/iu;

/** Pronouns that point back to something said before ("when was he killed?", "who said that?"). */
const POINTING_BACK = new Set('he him his she her hers it its they them their theirs that this those these there'.split(' '));

/**
 * Whether `followUp` needs the conversation's first question to be understood: it opens as a
 * continuation, points back with a pronoun, or has almost no search terms of its own.
 */
export function isVagueFollowUp(followUp: string, options: FollowUpOptions = {}): boolean {
  const minOwnTerms = options.minOwnTerms ?? DEFAULTS.minOwnTerms;
  if (CONTINUATION.test(followUp.trim())) return true;
  if (tokenize(followUp).some((token) => POINTING_BACK.has(token.word))) return true;
  return new Set(analyze(followUp)).size < minOwnTerms;
}

export interface FollowUpAnswer {
  /** The answer, titled with the follow-up as asked. */
  answer: Answer;
  /** Whether the first question was searched along with it. */
  usedFirstQuestion: boolean;
}

/** The follow-up and the first question as one search, within the length the service accepts. */
function withContext(followUp: string, firstQuestion: string, maxChars: number): string {
  const room = maxChars - followUp.length - 1;
  if (room < 20) return followUp;
  const context = firstQuestion.length <= room ? firstQuestion : firstQuestion.slice(0, room).replace(/\s+\S*$/u, '');
  return `${context} ${followUp}`;
}

/** Answers a follow-up, with the first question as context when it needs it (see the file's comment). */
export async function answerFollowUp(
  ask: (question: string) => Promise<Answer>,
  followUp: string,
  firstQuestion: string | undefined,
  options: FollowUpOptions = {},
): Promise<FollowUpAnswer> {
  const maxChars = options.maxQuestionChars ?? DEFAULTS.maxQuestionChars;
  const hasContext = firstQuestion !== undefined && firstQuestion.trim() !== '' && firstQuestion.trim() !== followUp.trim();
  if (hasContext && isVagueFollowUp(followUp, options)) {
    const answer = await ask(withContext(followUp, firstQuestion, maxChars));
    return { answer: { ...answer, question: followUp }, usedFirstQuestion: true };
  }
  return { answer: await ask(followUp), usedFirstQuestion: false };
}
