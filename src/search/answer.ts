/**
 * From a question to an Answer: retrieve passages, score their sentences, pick the excerpts, and
 * decline when nothing clears the relevance bar rather than show unrelated text.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyzeQuery, tokenize } from '../index/text-analysis.ts';
import {
  contextualCoverage,
  DEFAULT_SENTENCE_SCORING,
  queryWeights,
  scoreSentences,
  selectExcerpts,
  passageTermSets,
  type SentenceScoring,
} from './excerpts.ts';
import { retrievePassages } from './retrieve.ts';
import type { Answer } from './types.ts';

export interface AnswerOptions {
  /** Most excerpts in an answer. Default: 3. */
  maxExcerpts?: number;
  /** Longest excerpt in characters. Default: 300. */
  excerptMaxChars?: number;
  /** Passages whose sentences are scored. Default: 12. */
  candidatePassages?: number;
  /**
   * Least share of the question's term weight (idf) that the best passage must contain for an
   * answer in lexical mode. Default: 0.2.
   */
  minLexicalCoverage?: number;
  /**
   * The same bar when the question names something the documents never mention (a capitalised
   * word such as "Australia" or "FIFA" found nowhere, even allowing for a typo): such a question
   * is most likely about something else. Default: 0.6.
   */
  minCoverageWithUnknownName?: number;
  /** Least cosine similarity of the nearest passage for an answer on vectors alone (the model preset's). Default: 0.6. */
  minSimilarity?: number;
  /** How sentence scores are weighed. Default: DEFAULT_SENTENCE_SCORING. */
  scoring?: SentenceScoring;
}

export const DECLINED_MESSAGE =
  "I couldn't find anything about that in the documents. Try other words, or ask about something the documents cover (/sources lists them).";

export function answerQuestion(index: LoadedIndex, question: string, queryVector: Float32Array | null, options: AnswerOptions = {}): Answer {
  const { terms: queryTerms, termWeights } = correctSpelling(index, analyzeQuery(question));
  const retrieval = retrievePassages(index, queryTerms, queryVector, { termWeights });
  const weights = queryWeights(index, queryTerms, termWeights);
  const declined: Answer = { question, answered: false, mode: retrieval.mode, excerpts: [], message: DECLINED_MESSAGE };
  if (retrieval.passages.length === 0) return declined;

  const candidatePassages = options.candidatePassages ?? 12;
  // The relevance bar: enough of the question's distinctive words in one passage (its title and
  // heading included), or, with a model, a passage close enough in meaning.
  let bestPassageCoverage = 0;
  for (const hit of retrieval.passages.slice(0, candidatePassages)) {
    const { text, context } = passageTermSets(index, hit.passage);
    bestPassageCoverage = Math.max(bestPassageCoverage, contextualCoverage(text, context, weights, 1));
  }
  const bestSimilarity = Math.max(0, ...retrieval.passages.map((hit) => hit.similarity ?? 0));
  const lexicalBar =
    unknownNames(index, question).length > 0 ? (options.minCoverageWithUnknownName ?? 0.6) : (options.minLexicalCoverage ?? 0.2);
  const relevant = bestPassageCoverage >= lexicalBar || (queryVector !== null && bestSimilarity >= (options.minSimilarity ?? 0.6));
  if (!relevant) return declined;

  const scored = scoreSentences(index, retrieval.passages, question, queryTerms, weights, candidatePassages, options.scoring ?? DEFAULT_SENTENCE_SCORING);
  const excerpts = selectExcerpts(index, scored, weights, {
    maxExcerpts: options.maxExcerpts,
    maxChars: options.excerptMaxChars,
  });
  if (excerpts.length === 0) return declined;
  return { question, answered: true, mode: retrieval.mode, excerpts };
}

/**
 * Capitalised words of the question, after its first word, that the documents never use and that
 * are no typo of a word they use: names of things the documents do not cover.
 */
export function unknownNames(index: LoadedIndex, question: string): string[] {
  return tokenize(question)
    .filter((token, position) => position > 0 && token.term !== undefined && /^\p{Lu}/u.test(question.slice(token.start, token.end)))
    .filter((token) => index.lexical.documentFrequency(token.term ?? '') === 0 && index.lexical.closestTerm(token.term ?? '') === undefined)
    .map((token) => question.slice(token.start, token.end));
}

/**
 * A guessed spelling weighs this much of a term the question really used: "contingent" is one
 * letter from "continu(e)" but means something else, while "purhcased" is just a typo.
 */
const CORRECTED_TERM_WEIGHT = 0.5;

/** Replaces each term the documents never use by the closest one they do, when one is close, at a lower weight. */
function correctSpelling(index: LoadedIndex, terms: string[]): { terms: string[]; termWeights: Map<string, number> } {
  const termWeights = new Map<string, number>();
  const corrected = terms.map((term) => {
    if (index.lexical.documentFrequency(term) > 0) return term;
    const closest = index.lexical.closestTerm(term);
    if (closest === undefined) return term;
    if (!terms.includes(closest)) termWeights.set(closest, CORRECTED_TERM_WEIGHT);
    return closest;
  });
  return { terms: corrected, termWeights };
}
