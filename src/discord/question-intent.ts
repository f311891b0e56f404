/**
 * Whether a message in an answer channel or a thread is a question to search for. Everything that
 * is not ("thanks!", "lol", "+1", a bare link, a greeting) gets no reply there. This is the one
 * place the decision is made.
 */

/** Words that make up acknowledgements and small talk, not questions. */
const SMALL_TALK = new Set(
  'thanks thank thx ty tysm you u so much very lot lol lmao haha hah ok okay k kk cool nice great awesome perfect ' +
    'yes yep yeah no nope np got it gotcha hi hello hey hiya yo bye cya good morning evening night cheers +1 -1 wow ' +
    'indeed true agreed same sure fine welcome appreciate appreciated that this works worked'.split(/\s+/),
);

const URL_ONLY = /^(?:<?https?:\/\/\S+>?\s*)+$/iu;

/** True for a message that asks something of the documents; false for acknowledgements, chatter and bare links. */
export function isQuestionToAnswer(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || URL_ONLY.test(trimmed)) return false;
  const words = trimmed.toLowerCase().match(/[+-]1|[\p{L}\p{N}']+/gu) ?? [];
  if (words.length === 0) return false;
  if (words.every((word) => SMALL_TALK.has(word.replace(/'/g, '')))) return false;
  // One or two words without a question mark ("lol ok", "nice one") are chatter, not questions.
  return trimmed.includes('?') || words.length >= 3;
}
