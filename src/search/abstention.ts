/**
 * Whether to answer at all: a question is answered only when something in the documents clears
 * the relevance bar; otherwise the reader gets a kind decline rather than unrelated text.
 * The signals live beside this file: which of the question's words count as found
 * (abstention-evidence.ts) and how much the question is in the documents' language
 * (abstention-clarity.ts).
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { tokenize } from '../index/text-analysis.ts';
import { questionClarity } from './abstention-clarity.ts';
import { barWeights, bestPassageCoverage, sentenceEvidence, type SearchedTerms, type SentenceEvidence } from './abstention-evidence.ts';
import type { RankedPassage } from './retrieve.ts';
import type { SearchTuning } from './tuning.ts';

export { questionClarity } from './abstention-clarity.ts';
export type { SearchedTerms } from './abstention-evidence.ts';

export const DECLINED_MESSAGE =
  "I couldn't find anything about that in the documents. Try other words, or ask about something the documents cover (/sources lists them).";

export type AbstentionOptions = Pick<
  SearchTuning,
  | 'candidatePassages'
  | 'minLexicalCoverage'
  | 'minSentenceCoverage'
  | 'minTermsTogether'
  | 'termsTogetherFrom'
  | 'distinctiveWordPerMillion'
  | 'minCoverageWithUnknownName'
  | 'clarityWeight'
  | 'absentTermClarityCap'
  | 'minLexicalRelevance'
  | 'maxEnglishPerMillionOfGuessedWord'
  | 'minSimilarity'
>;

/**
 * The relevance bar. Lexically: one candidate passage (its title and heading included) holds
 * enough of the question's weight, one of its sentences holds enough of it too (and, for a question
 * of several words, at least two of them in one sentence, one of them a distinctive word rather than
 * an everyday one), and the passage's
 * share plus the question's clarity (see `questionClarity`) is high enough, so a question in the
 * documents' own words needs less and one in other words more. Spelling guesses count only as
 * abstention-evidence.ts allows. With a model, a passage close enough in meaning also clears it.
 */
export function clearsRelevanceBar(
  index: LoadedIndex,
  question: string,
  /** The words searched for: the question, or a broad question's topic (its framing words left out). */
  searchText: string,
  searched: SearchedTerms,
  ranked: readonly RankedPassage[],
  withVectors: boolean,
  options: AbstentionOptions,
): boolean {
  const weights = barWeights(index, searched, options);
  const passageCoverage = bestPassageCoverage(index, ranked, weights, options.candidatePassages);
  const coverageBar = unknownNames(index, question).length > 0 ? options.minCoverageWithUnknownName : options.minLexicalCoverage;
  const lexicallyRelevant =
    passageCoverage >= coverageBar &&
    passageCoverage + options.clarityWeight * questionClarity(index, searchText, options) >= options.minLexicalRelevance &&
    sentenceClearsBar(sentenceEvidence(index, ranked, weights, options), weights.terms.size, options);
  if (lexicallyRelevant) return true;
  const bestSimilarity = Math.max(0, ...ranked.map((hit) => hit.similarity ?? 0));
  return withVectors && bestSimilarity >= options.minSimilarity;
}

/**
 * One sentence holds enough of the question's weight, and, for a question of several words, enough
 * of them together, one of them distinctive (see abstention-evidence.ts `isDistinctive`).
 */
function sentenceClearsBar(best: SentenceEvidence, questionTerms: number, options: AbstentionOptions): boolean {
  if (best.coverage < options.minSentenceCoverage) return false;
  if (questionTerms < options.termsTogetherFrom) return best.termsTogether >= 1;
  return best.termsTogetherWithDistinctive >= Math.min(options.minTermsTogether, questionTerms);
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
