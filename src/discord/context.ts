/** What every handler receives: the configuration, the core, a logger and the shared bot state. */
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import type { DocumentQa } from '../service/document-qa.ts';
import type { QuestionStats } from '../service/stats.ts';
import type { Cooldowns } from './cooldown.ts';
import type { ThreadMemory } from './thread-memory.ts';

/** The part of the core the bot uses (tests may wrap the real one). */
export type QaService = Pick<DocumentQa, 'ask' | 'summarize' | 'matchDocuments' | 'reindex' | 'reindexing' | 'info'>;

export interface BotContext {
  config: AppConfig;
  qa: QaService;
  logger: Logger;
  cooldowns: Cooldowns;
  /** The bot's database of questions and feedback (stores nothing when STATS=off). */
  stats: Pick<QuestionStats, 'record' | 'vote' | 'overview' | 'storing'>;
  /** The first question of each thread the bot answers in (follow-ups are searched with it), and the channels that refused a thread. */
  threads: ThreadMemory;
  /** Least time between two progress edits of a `/reindex` reply. */
  progressIntervalMs: number;
}
