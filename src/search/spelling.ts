/**
 * Question terms the documents never use are replaced by the closest term they do use (one or two
 * edits, see LexicalIndex.closestTerm), at a lower weight: a guess should not outweigh the words
 * the question really used.
 */
import type { LoadedIndex } from '../index/index-store.ts';

/** The corrected terms, and the weight of each guessed one (terms not listed weigh 1). */
export function correctSpelling(index: LoadedIndex, terms: readonly string[], correctedTermWeight: number): { terms: string[]; termWeights: Map<string, number> } {
  const termWeights = new Map<string, number>();
  const corrected = terms.map((term) => {
    if (index.lexical.documentFrequency(term) > 0) return term;
    const closest = index.lexical.closestTerm(term);
    if (closest === undefined) return term;
    if (!terms.includes(closest)) termWeights.set(closest, correctedTermWeight);
    return closest;
  });
  return { terms: corrected, termWeights };
}
