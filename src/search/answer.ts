/**
 * From a question to an Answer: retrieve passages (retrieve.ts), decline when nothing clears the
 * relevance bar (abstention.ts), score the sentences of the best passages (sentence-scoring.ts)
 * and shape the excerpts the reader sees (excerpt-shaping.ts). Every weight is in tuning.ts.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyzeQuery } from '../index/text-analysis.ts';
import { clearsRelevanceBar, DECLINED_MESSAGE } from './abstention.ts';
import { findOpeningTarget, holdsAllTerms, readBroadQuestion, type OpeningTarget } from './broad-question.ts';
import { queryWeights } from './coverage.ts';
import { selectExcerpts } from './excerpt-shaping.ts';
import { retrievePassages } from './retrieve.ts';
import { paragraphSentences, scoreSentences, type ScoredSentence } from './sentence-scoring.ts';
import { correctSpelling } from './spelling.ts';
import { searchTuning, type SearchTuning, type SearchTuningOverrides } from './tuning.ts';
import type { Answer } from './types.ts';

export { DECLINED_MESSAGE };

/** Answers `question` from `index`; `overrides` change fields of DEFAULT_SEARCH_TUNING. */
export function answerQuestion(index: LoadedIndex, question: string, queryVector: Float32Array | null, overrides: SearchTuningOverrides = {}): Answer {
  const tuning = searchTuning(overrides);
  // A broad question ("Tell me about X") is searched by its topic alone when the topic names a
  // document or section (the answer then opens with its opening) or when the topic's words all
  // occur together in one passage; otherwise by the whole question, as any other.
  const broad = readBroadQuestion(question);
  const opening = broad && broad.kind !== 'place' ? findOpeningTarget(index, broad.topic, broad.kind === 'definition') : undefined;
  let search = searchFor(index, broad?.topic ?? question, queryVector, tuning);
  if (broad && !opening && !holdsAllTerms(index, search.retrieval.passages.slice(0, tuning.candidatePassages), search.queryTerms)) {
    search = searchFor(index, question, queryVector, tuning);
  }
  const { searchText, queryTerms, retrieval, weights } = search;

  const declined: Answer = { question, answered: false, mode: retrieval.mode, excerpts: [], message: DECLINED_MESSAGE };
  if (!opening) {
    if (retrieval.passages.length === 0) return declined;
    if (!clearsRelevanceBar(index, question, searchText, search, retrieval.passages, queryVector !== null, tuning)) return declined;
  }

  const scored = scoreSentences(index, retrieval.passages, question, queryTerms, weights, tuning.candidatePassages, tuning.scoring);
  const excerpts = selectExcerpts(index, opening ? [openingSentence(index, opening, scored), ...scored] : scored, weights, tuning);
  if (excerpts.length === 0) return declined;
  return { question, answered: true, mode: retrieval.mode, excerpts };
}

/** The terms of `searchText` (typos corrected), their weights, and the passages they retrieve. */
function searchFor(index: LoadedIndex, searchText: string, queryVector: Float32Array | null, tuning: SearchTuning) {
  const askedTerms = analyzeQuery(searchText);
  const { terms: queryTerms, termWeights } = correctSpelling(index, askedTerms, tuning.correctedTermWeight);
  const retrieval = retrievePassages(index, queryTerms, queryVector, { ...tuning, termWeights });
  return { searchText, askedTerms, queryTerms, termWeights, retrieval, weights: queryWeights(index, queryTerms, termWeights) };
}

/** The first sentence of a document's body or a section, ranked above every scored sentence. */
function openingSentence(index: LoadedIndex, target: OpeningTarget, scored: readonly ScoredSentence[]): ScoredSentence {
  const paragraph = paragraphSentences(index, target.passageIndex);
  return { passageIndex: target.passageIndex, sentences: paragraph.sentences, sentenceIndex: paragraph.offset, score: Math.max(1, scored[0]?.score ?? 0) };
}
