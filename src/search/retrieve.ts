/**
 * Finds the passages most likely to hold the answer: BM25 over passages, HNSW nearest neighbours
 * of the question's vector when a model is loaded, fused by reciprocal rank (RRF), which needs no
 * calibration between the two kinds of score.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import type { SearchMode } from './types.ts';

export interface RankedPassage {
  passage: number;
  /** Fused score, 0..1, the best passage scoring 1. */
  relevance: number;
  /** BM25 score (0 when only the vectors found it). */
  lexicalScore: number;
  /** Cosine similarity to the question (undefined without vectors). */
  similarity: number | undefined;
}

export interface RetrieveOptions {
  /** Scales a query term's BM25 weight (default 1 per term). */
  termWeights?: ReadonlyMap<string, number>;
  /** Passages taken from each ranking before fusion. Default: 50. */
  depth?: number;
  /** RRF constant: larger flattens the rank curve. Default: 60. */
  rrfK?: number;
}

export interface Retrieval {
  mode: SearchMode;
  passages: RankedPassage[];
}

export function retrievePassages(
  index: LoadedIndex,
  queryTerms: readonly string[],
  queryVector: Float32Array | null,
  options: RetrieveOptions = {},
): Retrieval {
  const depth = options.depth ?? 50;
  const rrfK = options.rrfK ?? 60;
  const lexicalHits = index.lexical.search(queryTerms, depth, options.termWeights);
  const vectorHits = queryVector && index.vectors ? index.vectors.search(queryVector, depth) : [];

  if (vectorHits.length === 0) {
    const best = lexicalHits[0]?.score ?? 0;
    return {
      mode: 'lexical',
      passages: lexicalHits.map((hit) => ({
        passage: hit.passage,
        relevance: best > 0 ? hit.score / best : 0,
        lexicalScore: hit.score,
        similarity: undefined,
      })),
    };
  }

  const fused = new Map<number, { rrf: number; lexicalScore: number; similarity: number | undefined }>();
  lexicalHits.forEach((hit, rank) => {
    fused.set(hit.passage, { rrf: 1 / (rrfK + rank + 1), lexicalScore: hit.score, similarity: undefined });
  });
  vectorHits.forEach((hit, rank) => {
    const entry = fused.get(hit.passage) ?? { rrf: 0, lexicalScore: 0, similarity: undefined };
    entry.rrf += 1 / (rrfK + rank + 1);
    entry.similarity = hit.similarity;
    fused.set(hit.passage, entry);
  });
  const ranked = [...fused.entries()].sort((a, b) => b[1].rrf - a[1].rrf || a[0] - b[0]);
  const best = ranked[0]?.[1].rrf ?? 1;
  return {
    mode: lexicalHits.length > 0 ? 'hybrid' : 'dense',
    passages: ranked.map(([passage, entry]) => ({
      passage,
      relevance: entry.rrf / best,
      lexicalScore: entry.lexicalScore,
      similarity: entry.similarity,
    })),
  };
}
