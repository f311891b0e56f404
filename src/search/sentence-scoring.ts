/**
 * Scores every sentence of the best passages against the question. A sentence's score adds its
 * own coverage of the question's weight to weighted parts from its surroundings (passage,
 * paragraph, document coverage, the passage's retrieval rank), its wording (word pairs, proximity),
 * its place (a lead bonus) and whether it holds the kind of answer asked for. The weights are in
 * `SentenceScoring` (search/tuning.ts).
 */
import { blockAt } from '../documents/citations.ts';
import type { SentenceSpan } from '../documents/sentences.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { analyze, tokenize } from '../index/text-analysis.ts';
import { leansOnPrevious } from './anaphora.ts';
import { expectedAnswerType, holdsAnswerType } from './answer-type.ts';
import { contextualCoverage, documentTermSet, paragraphTermSet, passageTermSets, type QueryWeights } from './coverage.ts';
import { definesTopic, definitionTopic } from './definition.ts';
import { holdsTypedText, isHowToQuestion } from './how-to.ts';
import { phraseBonus, proximityOf } from './proximity.ts';
import type { RankedPassage } from './retrieve.ts';
import type { SentenceScoring } from './tuning.ts';

export interface ScoredSentence {
  /** Index of the passage (in the index's passage list) the sentence belongs to. */
  passageIndex: number;
  /** All sentences of the sentence's paragraph (which may span several passages). */
  sentences: SentenceSpan[];
  /** Index of the sentence in `sentences`. */
  sentenceIndex: number;
  score: number;
}

/**
 * The sentences of the whole paragraph a passage belongs to, and where the passage's first
 * sentence is among them: excerpts may widen into a neighbouring passage of the same paragraph.
 */
export function paragraphSentences(index: LoadedIndex, passageIndex: number): { sentences: SentenceSpan[]; offset: number } {
  const passage = index.passages[passageIndex];
  if (!passage) return { sentences: [], offset: 0 };
  const sameParagraph = (other: number) => {
    const candidate = index.passages[other];
    return candidate !== undefined && candidate.source === passage.source && candidate.paragraph === passage.paragraph;
  };
  let first = passageIndex;
  while (sameParagraph(first - 1)) first -= 1;
  let last = passageIndex;
  while (sameParagraph(last + 1)) last += 1;
  if (first === last) return { sentences: passage.sentences, offset: 0 };
  const sentences: SentenceSpan[] = [];
  let offset = 0;
  for (let i = first; i <= last; i += 1) {
    if (i === passageIndex) offset = sentences.length;
    sentences.push(...(index.passages[i]?.sentences ?? []));
  }
  return { sentences, offset };
}

/** All sentences of the first `candidatePassages` ranked passages, scored against the question, best first. */
export function scoreSentences(
  index: LoadedIndex,
  ranked: readonly RankedPassage[],
  question: string,
  queryTerms: readonly string[],
  weights: QueryWeights,
  candidatePassages: number,
  scoring: SentenceScoring,
): ScoredSentence[] {
  const scored: ScoredSentence[] = [];
  const answerType = expectedAnswerType(question);
  const questionWords = new Set(tokenize(question).map((token) => token.word));
  const defined = definitionTopic(question);
  const howTo = scoring.howTo > 0 && isHowToQuestion(question);
  for (const hit of ranked.slice(0, candidatePassages)) {
    const passage = index.passages[hit.passageIndex];
    if (!passage) continue;
    const document = index.documentsBySource.get(passage.source);
    if (!document) continue;
    const { text: passageTerms, context } = passageTermSets(index, hit.passageIndex);
    const passageCoverage = contextualCoverage(passageTerms, context, weights, scoring.contextCredit);
    const documentCoverage = contextualCoverage(documentTermSet(index, passage.source), context, weights, 1);
    const lead = scoring.lead / passage.paragraph;
    const paragraph = paragraphSentences(index, hit.passageIndex);
    const paragraphTerms = paragraphTermSet(index, passage.source, passage.paragraph, () =>
      document.text.slice(paragraph.sentences[0]?.start ?? passage.start, paragraph.sentences.at(-1)?.end ?? passage.end),
    );
    const paragraphCoverage = contextualCoverage(paragraphTerms, context, weights, scoring.contextCredit);
    passage.sentences.forEach((sentence, sentenceInPassage) => {
      const sentenceIndex = paragraph.offset + sentenceInPassage;
      const sentenceText = document.text.slice(sentence.start, sentence.end);
      const terms = analyze(sentenceText);
      const termSet = new Set(terms);
      let coverage = contextualCoverage(termSet, context, weights, scoring.contextCredit);
      const previous = paragraph.sentences[sentenceIndex - 1];
      const previousText = previous && document.text.slice(previous.start, previous.end);
      const kind = blockAt(document, sentence.start)?.kind;
      if (scoring.backReference > 0 && previousText !== undefined && leansOnPrevious(sentenceText, kind, previousText)) {
        const withPrevious = new Set([...termSet, ...analyze(previousText)]);
        coverage += scoring.backReference * (contextualCoverage(withPrevious, context, weights, scoring.contextCredit) - coverage);
      }
      const score =
        coverage +
        scoring.passageCoverage * passageCoverage +
        scoring.paragraphCoverage * paragraphCoverage +
        scoring.documentCoverage * documentCoverage +
        scoring.passageRelevance * hit.relevance +
        scoring.phrase * phraseBonus(terms, queryTerms) +
        scoring.proximity * proximityOf(terms, weights) +
        (holdsAnswerType(sentenceText, answerType, questionWords) ? scoring.answerType : 0) +
        (defined !== undefined && definesTopic(sentenceText, defined) ? scoring.definition : 0) +
        (howTo && holdsTypedText(sentenceText, kind) ? scoring.howTo : 0) +
        lead;
      scored.push({ passageIndex: hit.passageIndex, sentences: paragraph.sentences, sentenceIndex, score });
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.passageIndex - b.passageIndex || a.sentenceIndex - b.sentenceIndex);
}

