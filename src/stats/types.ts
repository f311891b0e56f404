/** The shapes of the bot's own database: what is stored per question, and what is reported. */

/** Where a question came from. */
export type QuestionOrigin = 'slash' | 'mention' | 'dm' | 'channel' | 'forum' | 'thread';

/** One question as stored. The member is only ever stored hashed. */
export interface QuestionRecord {
  /** The question as searched (after mentions and markup were stripped). */
  question: string;
  answered: boolean;
  /** The search mode of the answer (`hybrid`, `lexical`, `dense`). */
  mode: string;
  origin: QuestionOrigin;
  /** Document sources cited, best first (empty when declined). */
  sources: string[];
  /** Time from receiving the question to having the answer, in milliseconds. */
  latencyMs: number;
  /** HMAC of the member's id with the install's secret (never the raw id). */
  memberHash: string;
  /** When it was asked, epoch milliseconds. */
  askedAt: number;
}

/** What a click on Helpful / Not helpful did. */
export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'unknown-answer';

export interface CountedQuestion {
  question: string;
  count: number;
}

export interface CountedSource {
  source: string;
  count: number;
}

/** Figures over one window of time (`npm run stats -- --json` prints exactly these fields). */
export interface StatsReport {
  questions: number;
  answered: number;
  declined: number;
  helpful: number;
  unhelpful: number;
  /** The most asked questions that were declined or voted not helpful: what to write next. */
  topDeclined: CountedQuestion[];
  /** The documents cited by the most answered questions. */
  topSources: CountedSource[];
}
