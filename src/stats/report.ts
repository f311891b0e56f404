/**
 * The report's queries: counts, votes, the most cited documents and the most asked questions that
 * were declined or voted not helpful, over the questions asked since a given time.
 */
import type Database from 'better-sqlite3';
import type { CountedQuestion, CountedSource, StatsReport } from './types.ts';

export function buildReport(db: Database.Database, since: number, top: number): StatsReport {
  const totals = db
    .prepare<[number], { questions: number; answered: number | null }>(
      'SELECT COUNT(*) AS questions, SUM(answered) AS answered FROM questions WHERE asked_at >= ?',
    )
    .get(since) ?? { questions: 0, answered: 0 };
  const votes = db
    .prepare<[number], { helpful: number | null; unhelpful: number | null }>(
      `SELECT SUM(v.helpful) AS helpful, SUM(1 - v.helpful) AS unhelpful
       FROM votes v JOIN questions q ON q.id = v.question_id WHERE q.asked_at >= ?`,
    )
    .get(since) ?? { helpful: 0, unhelpful: 0 };
  // A question "needs writing" when it was declined, or when more members found it not helpful than helpful.
  const topDeclined = db
    .prepare<[number, number], CountedQuestion>(
      `WITH needing AS (
         SELECT q.id, q.question_key, q.question, q.asked_at FROM questions q
         WHERE q.asked_at >= ?
           AND (q.answered = 0 OR (SELECT COALESCE(SUM(1 - 2 * v.helpful), 0) FROM votes v WHERE v.question_id = q.id) > 0)
       )
       SELECT
         (SELECT n2.question FROM needing n2 WHERE n2.question_key = n.question_key ORDER BY n2.asked_at DESC, n2.id DESC LIMIT 1) AS question,
         COUNT(*) AS count
       FROM needing n
       GROUP BY n.question_key
       ORDER BY count DESC, MAX(n.asked_at) DESC
       LIMIT ?`,
    )
    .all(since, top);
  const topSources = db
    .prepare<[number, number], CountedSource>(
      `SELECT c.source AS source, COUNT(DISTINCT c.question_id) AS count
       FROM citations c JOIN questions q ON q.id = c.question_id
       WHERE q.asked_at >= ? AND q.answered = 1
       GROUP BY c.source ORDER BY count DESC, c.source ASC LIMIT ?`,
    )
    .all(since, top);
  const answered = totals.answered ?? 0;
  return {
    questions: totals.questions,
    answered,
    declined: totals.questions - answered,
    helpful: votes.helpful ?? 0,
    unhelpful: votes.unhelpful ?? 0,
    topDeclined,
    topSources,
  };
}
