/**
 * Reciprocal rank fusion (RRF): each ranking contributes 1 / (k + rank) to a passage's score, so
 * BM25 scores and cosine similarities are combined without calibrating one against the other.
 */

/** A passage's place in one ranking. */
export interface RankedHit {
  passageIndex: number;
}

export interface FusedHit {
  passageIndex: number;
  /** Sum of 1 / (k + rank) over the rankings that hold the passage (rank 1-based). */
  score: number;
}

/** The passages of all `rankings`, best fused score first; ties go to the lower passage index. */
export function fuseRankings(rankings: readonly (readonly RankedHit[])[], k: number): FusedHit[] {
  const fused = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((hit, rank) => fused.set(hit.passageIndex, (fused.get(hit.passageIndex) ?? 0) + 1 / (k + rank + 1)));
  }
  return [...fused.entries()]
    .map(([passageIndex, score]) => ({ passageIndex, score }))
    .sort((a, b) => b.score - a.score || a.passageIndex - b.passageIndex);
}
