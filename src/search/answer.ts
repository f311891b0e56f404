/**
 * From a question to an Answer: retrieve passages (retrieve.ts), decline when nothing clears the
 * relevance bar (abstention.ts), score the sentences of the best passages (sentence-scoring.ts)
 * and shape the excerpts the reader sees (excerpt-shaping.ts). Every weight is in tuning.ts.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyzeQuery } from '../index/text-analysis.ts';
import { clearsRelevanceBar, DECLINED_MESSAGE } from './abstention.ts';
import { queryWeights } from './coverage.ts';
import { selectExcerpts } from './excerpt-shaping.ts';
import { retrievePassages } from './retrieve.ts';
import { scoreSentences } from './sentence-scoring.ts';
import { correctSpelling } from './spelling.ts';
import { searchTuning, type SearchTuningOverrides } from './tuning.ts';
import type { Answer } from './types.ts';

export { DECLINED_MESSAGE };

/** Answers `question` from `index`; `overrides` change fields of DEFAULT_SEARCH_TUNING. */
export function answerQuestion(index: LoadedIndex, question: string, queryVector: Float32Array | null, overrides: SearchTuningOverrides = {}): Answer {
  const tuning = searchTuning(overrides);
  const { terms: queryTerms, termWeights } = correctSpelling(index, analyzeQuery(question), tuning.correctedTermWeight);
  const retrieval = retrievePassages(index, queryTerms, queryVector, { ...tuning, termWeights });
  const weights = queryWeights(index, queryTerms, termWeights);
  const declined: Answer = { question, answered: false, mode: retrieval.mode, excerpts: [], message: DECLINED_MESSAGE };
  if (retrieval.passages.length === 0) return declined;
  if (!clearsRelevanceBar(index, question, retrieval.passages, weights, queryVector !== null, tuning)) return declined;

  const scored = scoreSentences(index, retrieval.passages, question, queryTerms, weights, tuning.candidatePassages, tuning.scoring);
  const excerpts = selectExcerpts(index, scored, weights, tuning);
  if (excerpts.length === 0) return declined;
  return { question, answered: true, mode: retrieval.mode, excerpts };
}
