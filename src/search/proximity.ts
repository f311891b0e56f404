/**
 * How closely a sentence follows the question's wording: the question's words standing close
 * together, and the question's word pairs found side by side. Both work on term sequences
 * (stemmed, stop words dropped), so "bombings in Kerman" and "Kerman bombings" are near.
 */
import type { QueryWeights } from './coverage.ts';

/**
 * How tightly the question's distinct terms cluster in the sentence: the number of distinct terms
 * matched divided by the length (in terms) of the shortest run holding all of them; 0 below two.
 */
export function proximityOf(sentenceTerms: readonly string[], weights: QueryWeights): number {
  const positions: { term: string; at: number }[] = [];
  sentenceTerms.forEach((term, at) => {
    if (weights.terms.has(term)) positions.push({ term, at });
  });
  const distinct = new Set(positions.map((position) => position.term)).size;
  if (distinct < 2) return 0;
  let best = Infinity;
  const counts = new Map<string, number>();
  let covered = 0;
  let left = 0;
  for (const position of positions) {
    counts.set(position.term, (counts.get(position.term) ?? 0) + 1);
    if (counts.get(position.term) === 1) covered += 1;
    while (covered === distinct) {
      const first = positions[left];
      if (!first) break;
      best = Math.min(best, position.at - first.at + 1);
      const remaining = (counts.get(first.term) ?? 1) - 1;
      counts.set(first.term, remaining);
      if (remaining === 0) covered -= 1;
      left += 1;
    }
  }
  return Number.isFinite(best) ? distinct / best : 0;
}

/** Share of the question's consecutive term pairs that also appear consecutively in the sentence. */
export function phraseBonus(sentenceTerms: readonly string[], queryTerms: readonly string[]): number {
  if (queryTerms.length < 2) return 0;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < sentenceTerms.length; i += 1) pairs.add(`${sentenceTerms[i]} ${sentenceTerms[i + 1]}`);
  let found = 0;
  for (let i = 0; i + 1 < queryTerms.length; i += 1) if (pairs.has(`${queryTerms[i]} ${queryTerms[i + 1]}`)) found += 1;
  return found / (queryTerms.length - 1);
}
