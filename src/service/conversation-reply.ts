/**
 * The short reply to a message that is conversation rather than a question (a greeting, thanks,
 * "help", "what can you do?", "which documents do you have?", chatter): what the bot covers, named
 * by a few document titles, and how to ask. Never a decline: the person did not ask about anything.
 */
import type { ConversationIntent } from '../search/conversation.ts';
import type { Answer, SearchMode } from '../search/types.ts';
import type { SourceInfo } from './types.ts';

/** How many document titles a reply names (the documents intent names a few more). */
const TITLES_NAMED = 3;
const TITLES_NAMED_FOR_DOCUMENTS = 8;

function listTitles(documents: readonly SourceInfo[], most: number): string {
  const titles = documents.slice(0, most).map((document) => `“${document.title}”`);
  const more = documents.length - titles.length;
  if (more > 0) return `${titles.join(', ')} and ${more} more`;
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
}

function coverage(documents: readonly SourceInfo[], most: number): string {
  const count = documents.length === 1 ? 'one document' : `${documents.length} documents`;
  return `I answer questions about ${count}: ${listTitles(documents, most)}.`;
}

const HOW_TO_ASK =
  'Ask a question in plain words and I reply with the passages of the documents that answer it, quoted and cited. /sources lists the documents, /summary sums one up.';

/** The reply text for `intent`, given the documents indexed. */
export function conversationReplyText(intent: ConversationIntent, documents: readonly SourceInfo[]): string {
  if (documents.length === 0) {
    return 'I answer questions about a folder of documents, but none is indexed yet. Add documents and rebuild the index (/reindex), then ask away.';
  }
  const example = `For example: “Tell me about ${documents[0]?.title ?? 'a document'}”.`;
  switch (intent) {
    case 'greeting':
      return `Hi! ${coverage(documents, TITLES_NAMED)} ${example}`;
    case 'thanks':
      return `You're welcome! Ask again any time. ${coverage(documents, TITLES_NAMED)}`;
    case 'documents':
      return `${coverage(documents, TITLES_NAMED_FOR_DOCUMENTS)} ${HOW_TO_ASK}`;
    case 'help':
    case 'capabilities':
      return `${coverage(documents, TITLES_NAMED)} ${HOW_TO_ASK} ${example}`;
    case 'chatter':
      return `${coverage(documents, TITLES_NAMED)} ${example}`;
  }
}

/** The Answer for a conversational message: nothing answered, nothing declined, `conversation` set. */
export function conversationAnswer(question: string, intent: ConversationIntent, mode: SearchMode, documents: readonly SourceInfo[]): Answer {
  return { question, answered: false, mode, excerpts: [], message: conversationReplyText(intent, documents), conversation: intent };
}
