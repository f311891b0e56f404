/**
 * Whether to answer at all: a question is answered only when something in the documents clears
 * the relevance bar; otherwise the reader gets a kind decline rather than unrelated text.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyzeQuery, tokenize } from '../index/text-analysis.ts';
import { contextualCoverage, passageTermSets, type QueryWeights } from './coverage.ts';
import { englishProbability } from './english-frequency.ts';
import type { RankedPassage } from './retrieve.ts';
import type { SearchTuning } from './tuning.ts';

export const DECLINED_MESSAGE =
  "I couldn't find anything about that in the documents. Try other words, or ask about something the documents cover (/sources lists them).";

export type AbstentionOptions = Pick<
  SearchTuning,
  'candidatePassages' | 'minLexicalCoverage' | 'minCoverageWithUnknownName' | 'clarityWeight' | 'minLexicalRelevance' | 'minSimilarity'
>;

/**
 * The relevance bar: enough of the question's distinctive words in one candidate passage (its
 * title and heading included), in a question written in the documents' language rather than about
 * something else (see `questionClarity`), or, with a model, a passage close enough in meaning.
 */
export function clearsRelevanceBar(
  index: LoadedIndex,
  question: string,
  /** The words searched for: the question, or a broad question's topic (its framing words left out). */
  searchText: string,
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
  const lexicallyRelevant =
    bestPassageCoverage >= lexicalBar && bestPassageCoverage + options.clarityWeight * questionClarity(index, searchText) >= options.minLexicalRelevance;
  return lexicallyRelevant || (withVectors && bestSimilarity >= options.minSimilarity);
}

/**
 * How much the question is written in the documents' language rather than everyday English (the
 * "query clarity" of information retrieval): the mean, over the question's terms as asked, of
 * log(share of passages holding the term / share of everyday English words that are the term).
 * A question about the documents uses their words ("antibodies", "pandemic" in virology papers:
 * high); one about something else uses words they rarely or never use, common in English or not
 * ("king", "warship": low). Independent of any particular set of documents or questions.
 */
export function questionClarity(index: LoadedIndex, question: string): number {
  const terms = new Set(analyzeQuery(question));
  if (terms.size === 0) return 0;
  const passages = index.passages.length;
  let sum = 0;
  for (const term of terms) {
    const inDocuments = (index.lexical.documentFrequency(term) + 0.5) / (passages + 1);
    sum += Math.log(inDocuments / englishProbability(term));
  }
  return sum / terms.size;
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
