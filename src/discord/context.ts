/** What every handler receives: the configuration, the core, a logger and the shared bot state. */
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import type { DocumentQa } from '../service/document-qa.ts';
import type { Cooldowns } from './cooldown.ts';

/** The part of the core the bot uses (tests may wrap the real one). */
export type QaService = Pick<DocumentQa, 'ask' | 'summarize' | 'matchDocuments' | 'reindex' | 'reindexing' | 'info'>;

export interface BotContext {
  config: AppConfig;
  qa: QaService;
  logger: Logger;
  cooldowns: Cooldowns;
  /** Least time between two progress edits of a `/reindex` reply. */
  progressIntervalMs: number;
}
