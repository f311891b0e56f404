/**
 * The bot's own database (SQLite through better-sqlite3) in `STATE_DIR/stats.sqlite`: every
 * question asked on Discord, whether it was answered, the search mode, the documents cited, the
 * latency, the hashed member, and the Helpful / Not helpful votes. It lives apart from the index,
 * so reindexing never touches it. Write-ahead logging lets `npm run stats` read while the bot writes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { questionKey } from './question-key.ts';
import { buildReport } from './report.ts';
import { applySchema } from './schema.ts';
import type { QuestionRecord, StatsReport, VoteOutcome } from './types.ts';

export const DATABASE_FILE = 'stats.sqlite';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StatsDatabaseOptions {
  /** Open for reading only (the `stats` command); the file must exist. Default: false. */
  readonly?: boolean;
  /**
   * Largest size the database may grow to, in bytes; past it a write fails as on a full disk
   * (SQLITE_FULL). Default: no limit but the disk's.
   */
  maxBytes?: number;
}

export class StatsDatabase {
  readonly file: string;
  readonly #db: Database.Database;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.#db = db;
  }

  /**
   * Opens (creating when writable) `stats.sqlite` in `stateDir`. Throws the file system's or
   * SQLite's error when the folder cannot be created or the file cannot be opened.
   */
  static open(stateDir: string, options: StatsDatabaseOptions = {}): StatsDatabase {
    const file = path.join(stateDir, DATABASE_FILE);
    if (options.readonly) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      return new StatsDatabase(file, db);
    }
    mkdirSync(stateDir, { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (options.maxBytes !== undefined) {
        const pageSize = Number(db.pragma('page_size', { simple: true }));
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
      }
      applySchema(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new StatsDatabase(file, db);
  }

  /** Stores one question and its citations; returns its id (the answer's id on its buttons). */
  recordQuestion(record: QuestionRecord): number {
    const insert = this.#db.transaction((entry: QuestionRecord) => {
      const result = this.#db
        .prepare(
          `INSERT INTO questions (asked_at, question, question_key, answered, mode, origin, latency_ms, member_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.askedAt,
          entry.question,
          questionKey(entry.question),
          entry.answered ? 1 : 0,
          entry.mode,
          entry.origin,
          Math.max(0, Math.round(entry.latencyMs)),
          entry.memberHash,
        );
      const id = Number(result.lastInsertRowid);
      const cite = this.#db.prepare('INSERT INTO citations (question_id, rank, source) VALUES (?, ?, ?)');
      // A document cited twice in one answer counts once.
      [...new Set(entry.sources)].forEach((source, rank) => cite.run(id, rank, source));
      return id;
    });
    return insert(record);
  }

  /** One vote per member per answer: a second click replaces the first. */
  recordVote(questionId: number, memberHash: string, helpful: boolean, votedAt: number): VoteOutcome {
    const vote = this.#db.transaction((): VoteOutcome => {
      const exists = this.#db.prepare('SELECT 1 FROM questions WHERE id = ?').get(questionId);
      if (!exists) return 'unknown-answer';
      const previous = this.#db
        .prepare<[number, string], { helpful: number }>('SELECT helpful FROM votes WHERE question_id = ? AND member_hash = ?')
        .get(questionId, memberHash);
      if (previous && previous.helpful === (helpful ? 1 : 0)) return 'unchanged';
      this.#db
        .prepare(
          `INSERT INTO votes (question_id, member_hash, helpful, voted_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (question_id, member_hash) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at`,
        )
        .run(questionId, memberHash, helpful ? 1 : 0, votedAt);
      return previous ? 'changed' : 'recorded';
    });
    return vote();
  }

  /** Deletes questions (with their citations and votes) asked more than `days` days before `now`. */
  pruneOlderThan(days: number, now: number): number {
    const cutoff = now - days * DAY_MS;
    return this.#db.prepare('DELETE FROM questions WHERE asked_at < ?').run(cutoff).changes;
  }

  /** The figures for questions asked since `since` (epoch ms; 0 for all time), lists at most `top` long. */
  report(since: number, top: number): StatsReport {
    return buildReport(this.#db, since, top);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
