/** The shapes every adapter (CLI, terminal chat, Discord, tests) receives from the core. */
import type { ConversationIntent } from './conversation.ts';

import type { ExcerptKind, ExcerptPart } from '../documents/citations.ts';

export type { ExcerptKind, ExcerptPart };

/** How an answer was retrieved: both indexes fused, BM25 alone (no model), or vectors alone. */
export type SearchMode = 'hybrid' | 'lexical' | 'dense';

/** One verbatim piece of a document shown to the reader, with where it comes from. */
export interface Excerpt {
  /**
   * What the reader sees of the document, its own words in order with no markup syntax: prose with
   * whitespace folded, code with its line breaks, each list item and code block on lines of its
   * own. A leading or trailing `…` marks a cut.
   */
  text: string;
  /** What the excerpt is: `code` when it holds a code block, `list`, `table`, `quote`, else `prose`. */
  kind: ExcerptKind;
  /** The blocks the excerpt covers, in order, so that a reply can show code as code and lists as lists. */
  parts: ExcerptPart[];
  /** Link to the excerpt's page (and section anchor, or `#page=N`), from the document's metadata or DOCS_BASE_URL. */
  url?: string;
  /** 1-based page (PDF). */
  page?: number;
  /** The document's path relative to the documents folder, with `/` separators. */
  source: string;
  /**
   * Where in the document, for people: the section path ("Embeds › Embed limits") in documents with
   * headings, "page 3" (with the section when known) in PDFs, "paragraph 3" in documents without headings.
   */
  location: string;
  /** Relevance, higher is better; only comparable within one answer. */
  score: number;
  /** The document's title (its `# Title` line, or its file name). */
  title: string;
  /** 1-based paragraph number in the document. */
  paragraph: number;
  /** Character offsets of the excerpt in the document's reader text (`SourceDocument.text`). */
  start: number;
  end: number;
}

export interface Answer {
  /** The question as asked, trimmed. */
  question: string;
  /** False when nothing in the documents clears the relevance bar. */
  answered: boolean;
  mode: SearchMode;
  /** Best first; empty when not answered. */
  excerpts: Excerpt[];
  /**
   * A kind sentence for the reader: why the answer is declined, or, when `conversation` is set,
   * the reply to a greeting, thanks, a request for help...
   */
  message?: string;
  /**
   * Set when the message was conversation, not a question (search/conversation.ts): `message` is
   * then a short reply saying what the documents cover and how to ask, `answered` is false and
   * `excerpts` empty. Adapters tell the three cases apart by it: an answer (`answered`), a
   * conversational reply (`conversation` set; not a decline, not to be counted as one), a decline
   * (neither). Where the bot answers every message unasked, it sends no reply for these.
   */
  conversation?: ConversationIntent;
}

export interface SummarySentence {
  text: string;
  source: string;
  location: string;
}

export interface Summary {
  /** The document summarised, or undefined for a summary of all documents. */
  source: string | undefined;
  /** At most SUMMARY_SENTENCES (default 3) verbatim sentences, in document order. */
  sentences: SummarySentence[];
}
