/**
 * The bot's database through its service door: what is stored (and what never is), one vote per
 * member per answer, survival across restarts and reindexing, pruning by age, STATS=off, and an
 * unwritable STATE_DIR that must not stop answering.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { QuestionStats, readStatsReport, type StatsSettings } from '../src/service/stats.ts';
import type { Answer } from '../src/search/types.ts';
import { DATABASE_FILE } from '../src/stats/database.ts';
import { SECRET_FILE } from '../src/stats/secret.ts';
import { seedFolder, tempDir, testConfig } from './support/temp.ts';

const DAY = 24 * 60 * 60 * 1000;
const MEMBER = '123456789012345678';

function answered(question: string, sources: string[]): Answer {
  return {
    question,
    answered: true,
    mode: 'lexical',
    excerpts: sources.map((source, i) => ({ text: 'x', kind: 'prose' as const, parts: [{ kind: 'paragraph' as const, text: 'x' }], source, location: 'paragraph 1', score: 1 - i / 10, title: source, paragraph: 1, start: 0, end: 1 })),
  };
}

function declined(question: string): Answer {
  return { question, answered: false, mode: 'lexical', excerpts: [], message: 'Not in the documents.' };
}

function settings(overrides: Partial<StatsSettings> = {}): StatsSettings {
  return { stateDir: path.join(tempDir(), 'state'), statsEnabled: true, statsRetentionDays: 90, ...overrides };
}

describe('the stats database', () => {
  it('stores each question with answered, mode, sources and latency, and the member only as a keyed hash', () => {
    const config = settings();
    const stats = QuestionStats.open(config);
    const id = stats.record({ question: 'Who lit the lamp?', answer: answered('Who lit the lamp?', ['a.md', 'b.md', 'a.md']), origin: 'channel', memberId: MEMBER, latencyMs: 12.4 });
    stats.record({ question: 'zebra?', answer: declined('zebra?'), origin: 'slash', memberId: MEMBER, latencyMs: 3 });
    expect(id).toBeGreaterThan(0);
    const { allTime } = stats.overview();
    expect(allTime).toMatchObject({ questions: 2, answered: 1, declined: 1, topDeclined: [{ question: 'zebra?', count: 1 }] });
    expect(allTime.topSources).toEqual([
      { source: 'a.md', count: 1 },
      { source: 'b.md', count: 1 },
    ]);
    stats.close();
    const bytes = readFileSync(path.join(config.stateDir, DATABASE_FILE)).toString('latin1');
    expect(bytes).not.toContain(MEMBER);
    expect(statSync(path.join(config.stateDir, SECRET_FILE)).mode & 0o077).toBe(0);
  });

  it('keeps one vote per member per answer: a second click changes it, the same click changes nothing', () => {
    const stats = QuestionStats.open(settings());
    const id = stats.record({ question: 'q one', answer: answered('q one', ['a.md']), origin: 'forum', memberId: MEMBER, latencyMs: 1 }) ?? 0;
    expect(stats.vote(id, MEMBER, true)).toBe('recorded');
    expect(stats.vote(id, MEMBER, true)).toBe('unchanged');
    expect(stats.vote(id, MEMBER, false)).toBe('changed');
    expect(stats.vote(id, '999999999999999999', true)).toBe('recorded');
    expect(stats.vote(id + 1000, MEMBER, true)).toBe('unknown-answer');
    expect(stats.overview().allTime).toMatchObject({ helpful: 1, unhelpful: 1 });
    stats.close();
  });

  it('counts the same question asked differently together, and lists answers voted not helpful as things to write', () => {
    const stats = QuestionStats.open(settings());
    for (const asked of ['How do I reset it?', 'how do I reset it', 'HOW DO I RESET IT ?']) {
      stats.record({ question: asked, answer: declined(asked), origin: 'channel', memberId: MEMBER, latencyMs: 1 });
    }
    const id = stats.record({ question: 'Where is the map?', answer: answered('Where is the map?', ['map.md']), origin: 'channel', memberId: MEMBER, latencyMs: 1 }) ?? 0;
    stats.vote(id, MEMBER, false);
    expect(stats.overview().allTime.topDeclined).toEqual([
      { question: 'HOW DO I RESET IT ?', count: 3 },
      { question: 'Where is the map?', count: 1 },
    ]);
    stats.close();
  });

  it('survives a restart and a reindex', async () => {
    const docsDir = seedFolder();
    const root = tempDir();
    const config = testConfig({ DOCS_DIR: docsDir, INDEX_DIR: path.join(root, 'index'), STATE_DIR: path.join(root, 'state'), EMBEDDING_MODEL: 'none' });
    const qa = await DocumentQa.open(config);
    const first = QuestionStats.open(config);
    const question = 'Who claimed responsibility for the Kerman bombings?';
    const id = first.record({ question, answer: await qa.ask(question), origin: 'slash', memberId: MEMBER, latencyMs: 5 }) ?? 0;
    first.close();
    await qa.reindex();
    await qa.close();
    const second = QuestionStats.open(config);
    expect(second.vote(id, MEMBER, true)).toBe('recorded');
    expect(second.overview().allTime).toMatchObject({ questions: 1, answered: 1, helpful: 1, topSources: [{ source: '2024-01-05-kerman-bombings.txt', count: 1 }] });
    second.close();
    expect(readStatsReport(config).report.questions).toBe(1);
  });

  it('prunes questions, with their votes, older than STATS_RETENTION_DAYS', () => {
    let now = Date.UTC(2026, 0, 1);
    const config = settings({ statsRetentionDays: 30 });
    const stats = QuestionStats.open(config, { now: () => now, pruneEveryMs: 0 });
    const old = stats.record({ question: 'old one', answer: declined('old one'), origin: 'channel', memberId: MEMBER, latencyMs: 1 }) ?? 0;
    stats.vote(old, MEMBER, false);
    now += 20 * DAY;
    stats.record({ question: 'recent one', answer: declined('recent one'), origin: 'channel', memberId: MEMBER, latencyMs: 1 });
    expect(stats.overview().allTime.questions).toBe(2);
    now += 15 * DAY; // the first is now 35 days old, the second 15
    stats.record({ question: 'newest', answer: declined('newest'), origin: 'channel', memberId: MEMBER, latencyMs: 1 });
    const { allTime, lastWeek } = stats.overview();
    expect(allTime.questions).toBe(2);
    expect(allTime.unhelpful).toBe(0);
    expect(allTime.topDeclined.map((entry) => entry.question)).not.toContain('old one');
    expect(lastWeek.questions).toBe(1);
    stats.close();
  });

  it('stores nothing at all with STATS=off', () => {
    const config = settings({ statsEnabled: false });
    const stats = QuestionStats.open(config);
    expect(stats.record({ question: 'q', answer: declined('q'), origin: 'dm', memberId: MEMBER, latencyMs: 1 })).toBeUndefined();
    expect(stats.vote(1, MEMBER, true)).toBe('not-stored');
    expect(() => stats.overview()).toThrow(/STATS=off/);
    expect(() => readdirSync(config.stateDir)).toThrow();
    stats.close();
  });

  it('goes on without storing when the database is full, says so once, loudly, and says when it works again', () => {
    let now = Date.UTC(2026, 0, 1);
    const lines: string[] = [];
    const stats = QuestionStats.open(settings({ statsRetentionDays: 1 }), {
      logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
      now: () => now,
      pruneEveryMs: 0,
      maxDatabaseBytes: 64 * 1024,
    });
    const long = (i: number) => `question ${i} ${'about the harbour and its lamps '.repeat(60)}`;
    const ids: (number | undefined)[] = [];
    for (let i = 0; i < 60; i += 1) ids.push(stats.record({ question: long(i), answer: declined(long(i)), origin: 'channel', memberId: MEMBER, latencyMs: 1 }));
    expect(ids[0]).toBeGreaterThan(0);
    expect(ids.at(-1)).toBeUndefined(); // the database is full: nothing more is stored…
    const loud = lines.filter((line) => line.includes('NOT being recorded'));
    expect(loud).toHaveLength(1); // …and it is said once
    expect(loud[0]).toMatch(/full/i);
    // Two days later the old rows are pruned, which frees room: storing works again, and the log says so.
    now += 2 * 24 * 60 * 60 * 1000;
    expect(stats.record({ question: 'after', answer: declined('after'), origin: 'channel', memberId: MEMBER, latencyMs: 1 })).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('works again'))).toBe(true);
    stats.close();
  });

  it('goes on without storing when STATE_DIR cannot be written, and says so once, loudly', () => {
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const lines: string[] = [];
    const stats = QuestionStats.open(settings({ stateDir: path.join(blocker, 'state') }), {
      logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
      retryOpenEveryMs: 0,
    });
    for (let i = 0; i < 3; i += 1) {
      expect(stats.record({ question: 'q', answer: declined('q'), origin: 'channel', memberId: MEMBER, latencyMs: 1 })).toBeUndefined();
    }
    expect(stats.vote(1, MEMBER, true)).toBe('not-stored');
    const loud = lines.filter((line) => line.includes('NOT being recorded'));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toContain('STATE_DIR');
    expect(() => stats.overview()).toThrow(/cannot be opened/);
    stats.close();
  });
});
