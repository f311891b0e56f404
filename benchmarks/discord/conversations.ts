/**
 * The conversation file of `npm run bench:discord`: a JSON object `{ "conversations": [...] }` (or
 * the array alone). Each conversation is played by one member in one deployment mode:
 *
 *   { "mode": "channel", "member": "ana", "turns": [
 *       { "say": "Who claimed the attack?", "expect": "answer", "vote": "helpful" },
 *       { "say": "thanks!", "expect": "silent" } ] }
 *
 * - `mode`: `slash` (`/ask`), `mention` (a message in #general that mentions the bot), `dm`,
 *   `channel` (the #help answer channel, answered as replies), `thread` (#help with
 *   ANSWER_IN_THREADS=true: the first turn starts a thread, later turns are follow-ups in it),
 *   `forum` (a post in the #questions forum: the first turn is the post, later turns follow-ups).
 * - `member` (optional): the member's name; the same name is the same member. Default: one per conversation.
 * - `title` (optional, forum only): the post's title. Default: the first turn.
 * - each turn: `say` (the message), `expect` (optional: `answer` = cited excerpts, `decline` =
 *   a short text reply, `reply` = a conversational text reply, `silent` = no reply), `vote`
 *   (optional: `helpful` or `unhelpful`, clicked on the answer's buttons).
 */
export const MODES = ['slash', 'mention', 'dm', 'channel', 'thread', 'forum'] as const;
export type Mode = (typeof MODES)[number];
export type Expectation = 'answer' | 'decline' | 'reply' | 'silent';

export interface Turn {
  say: string;
  expect?: Expectation;
  vote?: 'helpful' | 'unhelpful';
}

export interface Conversation {
  mode: Mode;
  member: string;
  title?: string;
  turns: Turn[];
}

/** The file cannot be played; the message says which entry and what is wrong. */
export class ConversationFileError extends Error {
  override name = 'ConversationFileError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const EXPECTATIONS = new Set(['answer', 'decline', 'reply', 'silent']);

function parseTurn(value: unknown, where: string): Turn {
  if (typeof value === 'string') return { say: value };
  // An empty `say` is allowed: a message of only an attachment reaches the bot with empty content.
  if (!isRecord(value) || typeof value.say !== 'string') throw new ConversationFileError(`${where}: a turn needs "say" (text)`);
  const turn: Turn = { say: value.say };
  if (value.expect !== undefined) {
    if (typeof value.expect !== 'string' || !EXPECTATIONS.has(value.expect)) throw new ConversationFileError(`${where}: "expect" must be answer, decline, reply or silent`);
    turn.expect = value.expect as Expectation;
  }
  if (value.vote !== undefined) {
    if (value.vote !== 'helpful' && value.vote !== 'unhelpful') throw new ConversationFileError(`${where}: "vote" must be helpful or unhelpful`);
    turn.vote = value.vote;
  }
  return turn;
}

export function parseConversations(json: unknown): Conversation[] {
  const list = Array.isArray(json) ? json : isRecord(json) ? json.conversations : undefined;
  if (!Array.isArray(list) || list.length === 0) throw new ConversationFileError('expected { "conversations": [ ... ] } with at least one conversation');
  return list.map((value, index) => {
    const where = `conversation ${index + 1}`;
    if (!isRecord(value)) throw new ConversationFileError(`${where}: not an object`);
    if (typeof value.mode !== 'string' || !(MODES as readonly string[]).includes(value.mode)) {
      throw new ConversationFileError(`${where}: "mode" must be one of ${MODES.join(', ')}`);
    }
    if (!Array.isArray(value.turns) || value.turns.length === 0) throw new ConversationFileError(`${where}: "turns" must be a non-empty list`);
    const conversation: Conversation = {
      mode: value.mode as Mode,
      member: typeof value.member === 'string' && value.member.trim() !== '' ? value.member : `member-${index + 1}`,
      turns: value.turns.map((turn, t) => parseTurn(turn, `${where}, turn ${t + 1}`)),
    };
    if (typeof value.title === 'string' && value.title.trim() !== '') conversation.title = value.title;
    return conversation;
  });
}
