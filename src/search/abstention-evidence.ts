/**
 * What the relevance bar (abstention.ts) counts as the question's words found in the documents.
 *
 * A spelling guess helps retrieval find "purchased" for "purhcased", but it is weak evidence that
 * the documents cover the question: "steam" asked of virology papers becomes "team", "Normans"
 * becomes "normal", "Kerman" becomes "German". So a guess counts as found only when the word asked
 * is no everyday English word (an everyday word the documents never use is a word they do not
 * use, not a typo) and keeps its first letter (typists rarely get the first letter wrong); a guess
 * that does not count weighs, for the bar, as the word asked: a word found nowhere.
 *
 * The bar then looks at how much of the question's weight one candidate passage holds, and at what
 * one sentence holds (its share of the weight, and how many of the question's words it holds
 * together, one of them a distinctive word): an answer is a sentence, and words of the question
 * scattered over a passage's sentences, one here and one there, or only its everyday words side by
 * side ("run" and "test", "result" and "one"), are what an unrelated passage shows.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { contextualCoverage, passageTermSets, queryWeights, sentenceTermSet, type QueryWeights } from './coverage.ts';
import { englishPerMillion } from './english-frequency.ts';
import type { RankedPassage } from './retrieve.ts';
import type { SearchTuning } from './tuning.ts';

/** The words searched for: as asked, and as retrieval used them. */
export interface SearchedTerms {
  /** The question's terms as asked (`analyzeQuery`). */
  askedTerms: readonly string[];
  /** The same terms, position by position, after spelling correction (a guess in place of a word the documents never use). */
  queryTerms: readonly string[];
  /** Weight of each guessed term (others weigh 1). */
  termWeights: ReadonlyMap<string, number>;
}

/** A word of the question the documents never use, and the indexed term guessed in its place. */
export interface SpellingGuess {
  asked: string;
  guessed: string;
}

export type EvidenceOptions = Pick<SearchTuning, 'maxEnglishPerMillionOfGuessedWord'>;

/**
 * Whether a spelling guess may count as the word asked being found: the word asked is rare in
 * everyday English (a typo, or a rare name) and the guess keeps its first letter.
 */
export function guessCounts(guess: SpellingGuess, options: EvidenceOptions): boolean {
  return englishPerMillion(guess.asked) < options.maxEnglishPerMillionOfGuessedWord && guess.asked[0] === guess.guessed[0];
}

/**
 * The question's terms and weights as the bar weighs them: the search terms, except that a guess
 * that does not count is replaced by the word asked (found nowhere, so it weighs the most and is
 * never matched).
 */
export function barWeights(index: LoadedIndex, searched: SearchedTerms, options: EvidenceOptions): QueryWeights {
  const terms = searched.queryTerms.map((term, position) => {
    const asked = searched.askedTerms[position] ?? term;
    return asked !== term && !guessCounts({ asked, guessed: term }, options) ? asked : term;
  });
  const weights = new Map([...searched.termWeights].filter(([term]) => terms.includes(term)));
  return queryWeights(index, terms, weights);
}

/** The largest share of `weights` that one of the first `candidatePassages` passages holds (its title and heading included). */
export function bestPassageCoverage(index: LoadedIndex, ranked: readonly RankedPassage[], weights: QueryWeights, candidatePassages: number): number {
  let best = 0;
  for (const hit of ranked.slice(0, candidatePassages)) {
    const { text, context } = passageTermSets(index, hit.passageIndex);
    best = Math.max(best, contextualCoverage(text, context, weights, 1));
  }
  return best;
}

/** What the best sentences of the candidate passages hold of the question (each figure the best over all sentences). */
export interface SentenceEvidence {
  /** The largest share of the question's weight in one sentence (with its passage's title and heading). */
  coverage: number;
  /** The most distinct question terms that one sentence holds in its own words. */
  termsTogether: number;
  /** The same, counting only sentences that hold at least one distinctive question term (see `isDistinctive`). */
  termsTogetherWithDistinctive: number;
}

export type SentenceEvidenceOptions = Pick<SearchTuning, 'candidatePassages' | 'distinctiveWordPerMillion'>;

/**
 * Whether a term is a distinctive word (a name, a technical word) rather than an everyday one:
 * seen less often than `distinctiveWordPerMillion` times per million words of everyday English.
 */
export function isDistinctive(term: string, options: Pick<SearchTuning, 'distinctiveWordPerMillion'>): boolean {
  return englishPerMillion(term) < options.distinctiveWordPerMillion;
}

/** The best sentence figures over the sentences of the first `candidatePassages` passages. */
export function sentenceEvidence(index: LoadedIndex, ranked: readonly RankedPassage[], weights: QueryWeights, options: SentenceEvidenceOptions): SentenceEvidence {
  const distinctive = new Set([...weights.terms.keys()].filter((term) => isDistinctive(term, options)));
  const best: SentenceEvidence = { coverage: 0, termsTogether: 0, termsTogetherWithDistinctive: 0 };
  for (const hit of ranked.slice(0, options.candidatePassages)) {
    const passage = index.passages[hit.passageIndex];
    if (!passage) continue;
    const { context } = passageTermSets(index, hit.passageIndex);
    passage.sentences.forEach((_, sentenceIndex) => {
      const terms = sentenceTermSet(index, hit.passageIndex, sentenceIndex);
      best.coverage = Math.max(best.coverage, contextualCoverage(terms, context, weights, 1));
      const held = [...weights.terms.keys()].filter((term) => terms.has(term));
      best.termsTogether = Math.max(best.termsTogether, held.length);
      if (held.some((term) => distinctive.has(term))) best.termsTogetherWithDistinctive = Math.max(best.termsTogetherWithDistinctive, held.length);
    });
  }
  return best;
}
