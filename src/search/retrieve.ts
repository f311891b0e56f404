/**
 * Finds the passages most likely to hold the answer: BM25 over passages, HNSW nearest neighbours
 * of the question's vector when a model is loaded, fused by reciprocal rank (search/rank-fusion.ts),
 * which needs no calibration between the two kinds of score.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { fuseRankings } from './rank-fusion.ts';
import type { SearchTuning } from './tuning.ts';
import type { SearchMode } from './types.ts';

export interface RankedPassage {
  /** Index of the passage in the index's passage list. */
  passageIndex: number;
  /** Fused score, 0..1, the best passage scoring 1. */
  relevance: number;
  /** BM25 score (0 when only the vectors found it). */
  lexicalScore: number;
  /** Cosine similarity to the question (undefined without vectors). */
  similarity: number | undefined;
}

export type RetrieveOptions = Pick<SearchTuning, 'retrievalDepth' | 'rrfK'> & {
  /** Scales a query term's BM25 weight (default 1 per term). */
  termWeights?: ReadonlyMap<string, number>;
};

export interface Retrieval {
  mode: SearchMode;
  passages: RankedPassage[];
}

export function retrievePassages(index: LoadedIndex, queryTerms: readonly string[], queryVector: Float32Array | null, options: RetrieveOptions): Retrieval {
  const lexicalHits = index.lexical.search(queryTerms, options.retrievalDepth, options.termWeights);
  const vectorHits = queryVector && index.vectors ? index.vectors.search(queryVector, options.retrievalDepth) : [];

  if (vectorHits.length === 0) {
    const best = lexicalHits[0]?.score ?? 0;
    return {
      mode: 'lexical',
      passages: lexicalHits.map((hit) => ({
        passageIndex: hit.passage,
        relevance: best > 0 ? hit.score / best : 0,
        lexicalScore: hit.score,
        similarity: undefined,
      })),
    };
  }

  const lexicalScores = new Map(lexicalHits.map((hit) => [hit.passage, hit.score]));
  const similarities = new Map(vectorHits.map((hit) => [hit.passage, hit.similarity]));
  const fused = fuseRankings(
    [lexicalHits.map((hit) => ({ passageIndex: hit.passage })), vectorHits.map((hit) => ({ passageIndex: hit.passage }))],
    options.rrfK,
  );
  const best = fused[0]?.score ?? 1;
  return {
    mode: lexicalHits.length > 0 ? 'hybrid' : 'dense',
    passages: fused.map((hit) => ({
      passageIndex: hit.passageIndex,
      relevance: hit.score / best,
      lexicalScore: lexicalScores.get(hit.passageIndex) ?? 0,
      similarity: similarities.get(hit.passageIndex),
    })),
  };
}
