/**
 * Tells a question about the documents from conversation: greetings, thanks, asking for help,
 * asking what the bot can do or which documents it has, and chatter ("lol", "+1", a bare link,
 * emoji). A message is a question as soon as it holds a word that is none of these: "hi, who
 * claimed the attack?" is a question, "hi there!" a greeting.
 *
 * The word classes below are closed classes of English (greetings, thanks, interjections, words
 * about the bot and about documents), not phrasings of any question set; the rules combine them.
 */
import { tokenize } from '../index/text-analysis.ts';

export type MessageIntent = 'question' | 'greeting' | 'thanks' | 'help' | 'capabilities' | 'documents' | 'chatter';

/** What a message is when it is not a question: what the reply to it should be. */
export type ConversationIntent = Exclude<MessageIntent, 'question'>;

const words = (list: string) => new Set(list.split(/\s+/).filter((word) => word.length > 0));

const GREETING = words(`hi hello hey heya hiya hullo howdy greetings yo sup wassup whatsup gm morning afternoon evening
  hola bonjour hallo ciao salut namaste`);
const THANKS = words(`thanks thank thx thnx tx ty tysm thankyou cheers appreciate appreciated grateful kudos merci danke gracias`);
const HELP = words(`help helping usage instructions instruction guide manual commands command tutorial howto`);
/** Words about the bot itself and what it does. */
const ABOUT_THE_BOT = words(`you your yours yourself u ur bot`);
/** Words of a question about capabilities that say nothing about a topic. */
const CAPABILITY = words(`can could able capable do does know work works use using ask asking answer answers tell me about
  purpose features feature abilities capabilities kind kinds sort type types things stuff questions question anything
  everything else support supported understand good for made built meant exist`);
/** Words that ask which documents there are. */
const DOCUMENTS = words(`documents docs files sources topics subjects articles papers pages library corpus collection
  contents materials cover covers covered coverage indexed knowledge list available information info data`);
/** Interjections, acknowledgements, addressees and politeness: they carry no topic. */
const FILLER = words(`ok okay k kk sure yes yeah yep yup no nope nah lol lmao lmfao rofl nice cool great awesome wow same
  agreed indeed true right fine good perfect brb gg np idk hm hmm oops ugh meh oh ah aha well anyway please pls plz
  there everyone everybody all folks guys team friend friends buddy mate again much very really just so lot day
  have got show give see going doing`);
const LAUGHTER = /^(?:a?(?:ha)+h?|(?:he)+|(?:hi){2,}|l+o+l+|x+d+|lo+l(?:ol)*)$/;
/** A vote or reaction: "+1", "-1", "^", "^^^". */
const REACTION = /^\s*(?:[+-]\d+|\^+)\s*$/;
/** Discord mentions, channel links and custom emoji: `<@123>`, `<#123>`, `<:name:123>`. */
const DISCORD_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|:[a-z0-9_+-]+:/gi;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
/** Words that open a question in English. */
const QUESTION_OPENER = words(`what whats which who whos whom whose when where why how hows can could do does did is are was
  were will would should shall may might have has tell list show`);

/** Classifies a message (as typed, mentions and links included). Pure: the same text, the same intent. */
export function classifyMessage(text: string): MessageIntent {
  if (REACTION.test(text)) return 'chatter';
  const cleaned = text.replace(DISCORD_MARKUP, ' ').replace(URL, ' ');
  const tokens = tokenize(cleaned);
  if (tokens.length === 0) return 'chatter'; // emoji, punctuation, a bare link

  const all = tokens.map((token) => token.word);
  const has = (set: ReadonlySet<string>) => all.some((word) => set.has(word));
  const isTopicWord = (word: string, stopWord: boolean) =>
    !stopWord &&
    !GREETING.has(word) &&
    !THANKS.has(word) &&
    !HELP.has(word) &&
    !ABOUT_THE_BOT.has(word) &&
    !CAPABILITY.has(word) &&
    !DOCUMENTS.has(word) &&
    !FILLER.has(word) &&
    !LAUGHTER.test(word);
  const asksSomething = /\?\s*$/.test(cleaned) || QUESTION_OPENER.has(all[0] ?? '');
  if (tokens.some((token) => isTopicWord(token.word, token.term === undefined))) {
    // A topic word makes it a question, unless it is a thank-you or a greeting that does not ask.
    if (!asksSomething && has(THANKS)) return 'thanks';
    return 'question';
  }

  if (has(DOCUMENTS)) return 'documents';
  if (has(HELP) || (all[0] === 'how' && all.some((word) => word === 'use' || word === 'ask' || word === 'work'))) return 'help';
  const aboutTheBot = has(ABOUT_THE_BOT);
  if (has(THANKS)) return 'thanks';
  if (aboutTheBot && asksSomething && !isSmallTalk(all)) return 'capabilities';
  if (has(GREETING) || isSmallTalk(all)) return 'greeting';
  // "Who is he?": only function words, but a question all the same (the search may decline it).
  if (asksSomething && !all.every((word) => FILLER.has(word) || LAUGHTER.test(word))) return 'question';
  return 'chatter';
}

/** "How are you?", "how's it going": a greeting in the form of a question. */
function isSmallTalk(all: readonly string[]): boolean {
  return (all[0] === 'how' || all[0] === 'hows') && all.length <= 4 && (all.includes('going') || all.includes('you') || all.includes('u'));
}
