/**
 * The adapters' door to the bot's database (`src/stats/`): recording each question answered on
 * Discord and each Helpful / Not helpful vote, and reading the report for `/stats` and
 * `npm run stats`. Storing is best effort by design: an unwritable `STATE_DIR` or a full disk is
 * said once, loudly, and the bot goes on answering; `STATS=off` stores nothing at all.
 */
import type { AppConfig } from '../config.ts';
import { silentLogger, type Logger } from '../logging.ts';
import type { Answer } from '../search/types.ts';
import { StatsDatabase } from '../stats/database.ts';
import { hashMemberId, loadInstallSecret } from '../stats/secret.ts';
import type { QuestionOrigin, StatsReport, VoteOutcome } from '../stats/types.ts';

export type { QuestionOrigin, StatsReport, VoteOutcome };

/** How the stats part behaves; every field has its default here. */
export interface QuestionStatsOptions {
  /** Logger for the one loud warning and the debug lines. Default: silent. */
  logger?: Logger;
  /** The clock, epoch ms. Default: `Date.now`. */
  now?: () => number;
  /** Least time between two prunes of old rows. Default: 6 hours. */
  pruneEveryMs?: number;
  /** Least time between two attempts to reopen a database that could not be opened. Default: 60 s. */
  retryOpenEveryMs?: number;
  /** Longest list in a report (most cited, most declined). Default: 10. */
  top?: number;
  /** Largest size of the database in bytes (writes past it fail as on a full disk). Default: no limit. */
  maxDatabaseBytes?: number;
}

const DEFAULTS = {
  pruneEveryMs: 6 * 60 * 60 * 1000,
  retryOpenEveryMs: 60 * 1000,
  top: 10,
} as const;

/** One question as an adapter saw it. */
export interface AskedQuestion {
  question: string;
  answer: Answer;
  origin: QuestionOrigin;
  /** The member's raw id: hashed before it is stored. */
  memberId: string;
  latencyMs: number;
}

/** The report shown by `/stats`: the last 7 days and all time (within the retention). */
export interface StatsOverview {
  lastWeek: StatsReport;
  allTime: StatsReport;
  retentionDays: number;
}

/** Why there is nothing to report. */
export class StatsUnavailableError extends Error {
  override name = 'StatsUnavailableError';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The settings the stats part reads. */
export type StatsSettings = Pick<AppConfig, 'stateDir' | 'statsEnabled' | 'statsRetentionDays'>;

export class QuestionStats {
  readonly #config: StatsSettings;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #pruneEveryMs: number;
  readonly #retryOpenEveryMs: number;
  readonly #top: number;
  readonly #maxDatabaseBytes: number | undefined;
  #db: StatsDatabase | null = null;
  #secret: Buffer | null = null;
  #lastOpenAttempt = Number.NEGATIVE_INFINITY;
  #lastPrune = Number.NEGATIVE_INFINITY;
  /** The last failure said loudly; cleared when storing works again, so a new failure is said again. */
  #failing: string | null = null;
  #closed = false;

  private constructor(config: StatsSettings, options: QuestionStatsOptions) {
    this.#config = config;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#pruneEveryMs = options.pruneEveryMs ?? DEFAULTS.pruneEveryMs;
    this.#retryOpenEveryMs = options.retryOpenEveryMs ?? DEFAULTS.retryOpenEveryMs;
    this.#top = options.top ?? DEFAULTS.top;
    this.#maxDatabaseBytes = options.maxDatabaseBytes;
  }

  /** Never throws: a database that cannot be opened is reported once and retried later. */
  static open(config: StatsSettings, options: QuestionStatsOptions = {}): QuestionStats {
    const stats = new QuestionStats(config, options);
    if (config.statsEnabled) stats.#ensureOpen();
    else stats.#logger.info('STATS=off: questions and feedback are not stored');
    return stats;
  }

  /** Whether questions are being stored (on, and the database is open). */
  get storing(): boolean {
    return this.#config.statsEnabled && this.#db !== null && this.#failing === null;
  }

  /** Stores a question; returns the answer's id for its feedback buttons, or undefined when nothing was stored. */
  record(asked: AskedQuestion): number | undefined {
    const db = this.#ensureOpen();
    if (!db || !this.#secret) return undefined;
    return this.#attempt('store a question', () => {
      const now = this.#now();
      this.#pruneIfDue(db, now);
      return db.recordQuestion({
        question: asked.question,
        answered: asked.answer.answered,
        mode: asked.answer.mode,
        origin: asked.origin,
        sources: asked.answer.answered ? asked.answer.excerpts.map((excerpt) => excerpt.source) : [],
        latencyMs: asked.latencyMs,
        memberHash: hashMemberId(this.#secret as Buffer, asked.memberId),
        askedAt: now,
      });
    });
  }

  /** Records a member's vote on an answer; `not-stored` when stats are off or unavailable. */
  vote(answerId: number, memberId: string, helpful: boolean): VoteOutcome | 'not-stored' {
    const db = this.#ensureOpen();
    if (!db || !this.#secret) return 'not-stored';
    const outcome = this.#attempt('store a vote', () =>
      db.recordVote(answerId, hashMemberId(this.#secret as Buffer, memberId), helpful, this.#now()),
    );
    return outcome ?? 'not-stored';
  }

  /** The last 7 days and all time. Throws StatsUnavailableError when there is no database to read. */
  overview(): StatsOverview {
    if (!this.#config.statsEnabled) throw new StatsUnavailableError('Stats are off (STATS=off): no questions or feedback are stored.');
    const db = this.#ensureOpen();
    if (!db) {
      throw new StatsUnavailableError(`The stats database in ${this.#config.stateDir} cannot be opened: ${this.#failing ?? 'unknown reason'}.`);
    }
    const now = this.#now();
    return {
      lastWeek: db.report(now - 7 * DAY_MS, this.#top),
      allTime: db.report(0, this.#top),
      retentionDays: this.#config.statsRetentionDays,
    };
  }

  close(): void {
    this.#closed = true;
    this.#db?.close();
    this.#db = null;
  }

  #ensureOpen(): StatsDatabase | null {
    if (!this.#config.statsEnabled || this.#closed) return null;
    if (this.#db) return this.#db;
    const now = this.#now();
    if (now - this.#lastOpenAttempt < this.#retryOpenEveryMs) return null;
    this.#lastOpenAttempt = now;
    try {
      const db = StatsDatabase.open(this.#config.stateDir, this.#maxDatabaseBytes === undefined ? {} : { maxBytes: this.#maxDatabaseBytes });
      this.#secret = loadInstallSecret(this.#config.stateDir);
      this.#db = db;
      this.#recovered();
      this.#pruneIfDue(db, now);
      this.#logger.debug('stats database open', { file: db.file });
      return db;
    } catch (error) {
      this.#fail('open the stats database', error);
      return null;
    }
  }

  #pruneIfDue(db: StatsDatabase, now: number): void {
    if (now - this.#lastPrune < this.#pruneEveryMs) return;
    this.#lastPrune = now;
    const removed = db.pruneOlderThan(this.#config.statsRetentionDays, now);
    if (removed > 0) this.#logger.info('pruned old questions from the stats database', { removed, retentionDays: this.#config.statsRetentionDays });
  }

  #attempt<T>(what: string, work: () => T): T | undefined {
    try {
      const result = work();
      this.#recovered();
      return result;
    } catch (error) {
      this.#fail(what, error);
      return undefined;
    }
  }

  #recovered(): void {
    if (this.#failing === null) return;
    this.#failing = null;
    this.#logger.info('the stats database works again; questions and feedback are stored', { folder: this.#config.stateDir });
  }

  #fail(what: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const first = this.#failing === null;
    this.#failing = reason;
    if (!first) {
      this.#logger.debug(`could not ${what}`, { reason });
      return;
    }
    this.#logger.error(
      [
        '',
        '!!! ======================================================================',
        `!!! Could not ${what} in STATE_DIR (${this.#config.stateDir}): ${reason}`,
        '!!! Questions are still answered, but they and their feedback are NOT being recorded.',
        '!!! Free disk space or make STATE_DIR writable (or set STATS=off to store nothing).',
        '!!! ======================================================================',
      ].join('\n'),
    );
  }
}

/**
 * Reads the report from the database on disk without writing to it (`npm run stats`): zeros when
 * no question was ever stored there. `days` limits it to the questions of the last days.
 */
export function readStatsReport(
  config: Pick<AppConfig, 'stateDir'>,
  options: { days?: number; top?: number; now?: number } = {},
): { report: StatsReport; file: string; found: boolean } {
  let db: StatsDatabase;
  try {
    db = StatsDatabase.open(config.stateDir, { readonly: true });
  } catch (error) {
    if (error instanceof Error && /unable to open|does not exist|SQLITE_CANTOPEN/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`)) {
      return { report: emptyReport(), file: config.stateDir, found: false };
    }
    throw error;
  }
  try {
    const since = options.days === undefined ? 0 : (options.now ?? Date.now()) - options.days * DAY_MS;
    return { report: db.report(since, options.top ?? DEFAULTS.top), file: db.file, found: true };
  } finally {
    db.close();
  }
}

export function emptyReport(): StatsReport {
  return { questions: 0, answered: 0, declined: 0, helpful: 0, unhelpful: 0, topDeclined: [], topSources: [] };
}
