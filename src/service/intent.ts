/**
 * What a message is, for adapters that must decide before asking: whether it can be asked at all
 * (empty, too long, no words), and whether it is a question about the documents or conversation (a
 * greeting, thanks, help, chatter), as the Discord bot needs in channels where it reads every
 * message and answers only questions. Both checks are the core's.
 */
export { classifyMessage, type MessageIntent } from '../search/conversation.ts';
export { validateQuestion, type QuestionCheck } from '../search/question.ts';
