/**
 * The database's tables, created or upgraded at open. A `meta` row keeps the schema version, so a
 * later version can add to it without losing what was stored.
 */
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS questions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  asked_at     INTEGER NOT NULL,
  question     TEXT    NOT NULL,
  question_key TEXT    NOT NULL,
  answered     INTEGER NOT NULL,
  mode         TEXT    NOT NULL,
  origin       TEXT    NOT NULL,
  latency_ms   INTEGER NOT NULL,
  member_hash  TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE INDEX IF NOT EXISTS questions_key ON questions (question_key);
CREATE TABLE IF NOT EXISTS citations (
  question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  rank        INTEGER NOT NULL,
  source      TEXT    NOT NULL,
  PRIMARY KEY (question_id, rank)
);
CREATE INDEX IF NOT EXISTS citations_source ON citations (source);
CREATE TABLE IF NOT EXISTS votes (
  question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  member_hash TEXT    NOT NULL,
  helpful     INTEGER NOT NULL,
  voted_at    INTEGER NOT NULL,
  PRIMARY KEY (question_id, member_hash)
);
`;

/** A database from a newer version of the bot: refused rather than misread. */
export class StatsSchemaError extends Error {
  override name = 'StatsSchemaError';
}

export function applySchema(db: Database.Database): void {
  db.exec(TABLES);
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const version = row ? Number(row.value) : 0;
  if (version > SCHEMA_VERSION) {
    throw new StatsSchemaError(
      `The stats database was written by a newer version of the bot (schema ${version}, this one knows ${SCHEMA_VERSION}). Update the bot, or point STATE_DIR at another folder.`,
    );
  }
  if (version < SCHEMA_VERSION) {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
  }
}
