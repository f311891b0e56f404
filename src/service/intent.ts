/**
 * What a message is (a question about the documents, or conversation: a greeting, thanks, help,
 * chatter), for adapters that must decide before asking, such as the Discord bot in channels where
 * it reads every message and answers only questions. The classifier itself is the core's.
 */
export { classifyMessage, type MessageIntent } from '../search/conversation.ts';
