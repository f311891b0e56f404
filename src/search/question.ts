/**
 * Checks a question before any search: adapters call it to answer bad input with a clear message
 * (privately, in Discord) instead of running a search that cannot help.
 */

export type QuestionCheck =
  | { ok: true; question: string }
  | { ok: false; reason: 'empty' | 'too-long' | 'no-words'; message: string };

/** Letters or digits in any script: a question needs at least one word to search for. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Trims and folds whitespace, then rejects a question that is empty, longer than `maxChars`, or
 * has no letters or digits (only emoji or punctuation).
 */
export function validateQuestion(raw: string, maxChars: number): QuestionCheck {
  const question = raw.replace(/\s+/g, ' ').trim();
  if (question.length === 0) {
    return { ok: false, reason: 'empty', message: 'Please ask a question: the message was empty.' };
  }
  if (question.length > maxChars) {
    return {
      ok: false,
      reason: 'too-long',
      message: `That question is ${question.length} characters long; please keep it under ${maxChars}.`,
    };
  }
  if (!WORD_CHARACTER.test(question)) {
    return {
      ok: false,
      reason: 'no-words',
      message: 'I could not find any words to search for. Please ask your question in words.',
    };
  }
  return { ok: true, question };
}
