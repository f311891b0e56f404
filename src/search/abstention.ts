/**
 * Whether to answer at all: a question is answered only when something in the documents clears
 * the relevance bar; otherwise the reader gets a kind decline rather than unrelated text.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { tokenize } from '../index/text-analysis.ts';
import { contextualCoverage, passageTermSets, type QueryWeights } from './coverage.ts';
import type { RankedPassage } from './retrieve.ts';
import type { SearchTuning } from './tuning.ts';

export const DECLINED_MESSAGE =
  "I couldn't find anything about that in the documents. Try other words, or ask about something the documents cover (/sources lists them).";

export type AbstentionOptions = Pick<SearchTuning, 'candidatePassages' | 'minLexicalCoverage' | 'minCoverageWithUnknownName' | 'minSimilarity'>;

/**
 * The relevance bar: enough of the question's distinctive words in one candidate passage (its
 * title and heading included), or, with a model, a passage close enough in meaning.
 */
export function clearsRelevanceBar(
  index: LoadedIndex,
  question: string,
  ranked: readonly RankedPassage[],
  weights: QueryWeights,
  withVectors: boolean,
  options: AbstentionOptions,
): boolean {
  let bestPassageCoverage = 0;
  for (const hit of ranked.slice(0, options.candidatePassages)) {
    const { text, context } = passageTermSets(index, hit.passageIndex);
    bestPassageCoverage = Math.max(bestPassageCoverage, contextualCoverage(text, context, weights, 1));
  }
  const bestSimilarity = Math.max(0, ...ranked.map((hit) => hit.similarity ?? 0));
  const lexicalBar = unknownNames(index, question).length > 0 ? options.minCoverageWithUnknownName : options.minLexicalCoverage;
  return bestPassageCoverage >= lexicalBar || (withVectors && bestSimilarity >= options.minSimilarity);
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
