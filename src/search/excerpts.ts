/**
 * Chooses what the reader sees: the sentences of the best passages that match the question best,
 * widened with a neighbouring sentence when it fits, cut to the excerpt limit around the matching
 * words, with near-duplicates removed. Everything shown is verbatim document text.
 */
import type { SentenceSpan } from '../documents/sentences.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { tokenize } from '../index/text-analysis.ts';
import { expectedAnswerType, holdsAnswerType } from './answer-type.ts';
import type { RankedPassage } from './retrieve.ts';
import type { Excerpt } from './types.ts';

export interface ExcerptOptions {
  /** Most excerpts returned. Default: 3. */
  maxExcerpts?: number;
  /** Longest excerpt, in characters, ellipses included. Default: 300. */
  maxChars?: number;
  /** How many of the ranked passages have their sentences scored. Default: 12. */
  candidatePassages?: number;
}

/** How well a question is matched: the share of its term weight (idf) found. */
export interface QueryWeights {
  terms: Map<string, number>;
  total: number;
}

export interface ScoredSentence {
  passage: number;
  /** Index of the sentence in `sentences`. */
  position: number;
  /** All sentences of the sentence's paragraph. */
  sentences: SentenceSpan[];
  score: number;
  /** Share of the question's weight matched by the sentence alone (0..1). */
  coverage: number;
}

/** Each term's weight: its idf, scaled by `termWeights` (default 1). */
export function queryWeights(index: LoadedIndex, queryTerms: readonly string[], termWeights?: ReadonlyMap<string, number>): QueryWeights {
  const terms = new Map<string, number>();
  for (const term of queryTerms) terms.set(term, index.lexical.idf(term) * (termWeights?.get(term) ?? 1));
  let total = 0;
  for (const weight of terms.values()) total += weight;
  return { terms, total };
}

/** Terms of a span of text, in order. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) if (token.term !== undefined) terms.push(token.term);
  return terms;
}

/**
 * How tightly the question's distinct terms cluster in the sentence: the number of distinct terms
 * matched divided by the length (in terms) of the shortest run holding all of them; 0 below two.
 */
function proximityOf(sentenceTerms: readonly string[], weights: QueryWeights): number {
  const positions: { term: string; at: number }[] = [];
  sentenceTerms.forEach((term, at) => {
    if (weights.terms.has(term)) positions.push({ term, at });
  });
  const distinct = new Set(positions.map((position) => position.term)).size;
  if (distinct < 2) return 0;
  let best = Infinity;
  const counts = new Map<string, number>();
  let covered = 0;
  let left = 0;
  for (const position of positions) {
    counts.set(position.term, (counts.get(position.term) ?? 0) + 1);
    if (counts.get(position.term) === 1) covered += 1;
    while (covered === distinct) {
      const first = positions[left];
      if (!first) break;
      best = Math.min(best, position.at - first.at + 1);
      const remaining = (counts.get(first.term) ?? 1) - 1;
      counts.set(first.term, remaining);
      if (remaining === 0) covered -= 1;
      left += 1;
    }
  }
  return Number.isFinite(best) ? distinct / best : 0;
}

/** Share of the question's consecutive term pairs that also appear consecutively in the sentence. */
function phraseBonus(sentenceTerms: readonly string[], queryTerms: readonly string[]): number {
  if (queryTerms.length < 2) return 0;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < sentenceTerms.length; i += 1) pairs.add(`${sentenceTerms[i]} ${sentenceTerms[i + 1]}`);
  let found = 0;
  for (let i = 0; i + 1 < queryTerms.length; i += 1) if (pairs.has(`${queryTerms[i]} ${queryTerms[i + 1]}`)) found += 1;
  return found / (queryTerms.length - 1);
}

/** How the parts of a sentence's score are weighed; the defaults were chosen on the development benchmark. */
export interface SentenceScoring {
  /** Credit for a question word found only in the title or heading above the sentence (1 = as if in the sentence). Default: 0.8. */
  contextCredit: number;
  /** Weight of the whole passage's coverage of the question. Default: 0.25. */
  passageCoverage: number;
  /** Weight of the whole paragraph's coverage of the question: the context a sentence answers in. Default: 0.3. */
  paragraphCoverage: number;
  /** Weight of the whole document's coverage of the question: which article the question is about. Default: 0.3. */
  documentCoverage: number;
  /** Weight of the passage's retrieval rank (fused or BM25, 0..1). Default: 0.1. */
  passageRelevance: number;
  /** Weight of question word pairs found side by side. Default: 0.15. */
  phrase: number;
  /** Bonus for the first paragraphs, where articles state their main facts. Default: 0.1. */
  lead: number;
  /** Weight of how close together the question's words stand in the sentence (0..1). Default: 0.15. */
  proximity: number;
  /** Bonus for holding the kind of answer asked for (a date for "when", a number for "how many"...). Default: 0.15. */
  answerType: number;
}

export const DEFAULT_SENTENCE_SCORING: SentenceScoring = {
  contextCredit: 0.8,
  passageCoverage: 0.25,
  paragraphCoverage: 0.3,
  documentCoverage: 0.3,
  passageRelevance: 0.1,
  phrase: 0.15,
  lead: 0.1,
  answerType: 0.15,
  proximity: 0.15,
};

/** Share of the question's weight in `terms`, with words found only in `context` earning `contextCredit`. */
export function contextualCoverage(terms: ReadonlySet<string>, context: ReadonlySet<string>, weights: QueryWeights, contextCredit: number): number {
  if (weights.total <= 0) return 0;
  let matched = 0;
  for (const [term, weight] of weights.terms) {
    if (terms.has(term)) matched += weight;
    else if (context.has(term)) matched += contextCredit * weight;
  }
  return matched / weights.total;
}

/**
 * Term sets of the parts of an index (a passage's text and its context, a paragraph, a document),
 * computed on first use and kept with the index they belong to: the relevance check and the
 * sentence scores of every question read the same passages.
 */
const termSetCache = new WeakMap<LoadedIndex, Map<string, Set<string>>>();

function cachedTermSet(index: LoadedIndex, key: string, text: () => string): Set<string> {
  let byKey = termSetCache.get(index);
  if (!byKey) termSetCache.set(index, (byKey = new Map()));
  let terms = byKey.get(key);
  if (!terms) byKey.set(key, (terms = new Set(termsOf(text()))));
  return terms;
}

function documentTerms(index: LoadedIndex, source: string): Set<string> {
  return cachedTermSet(index, `document:${source}`, () => {
    const document = index.documentsBySource.get(source);
    return document ? `${document.title} ${document.text.slice(document.bodyStart)}` : '';
  });
}

/** The terms of a passage's text, and of its context (document title and section heading). */
export function passageTermSets(index: LoadedIndex, passageNumber: number): { text: Set<string>; context: Set<string> } {
  const passage = index.passages[passageNumber];
  return {
    text: cachedTermSet(index, `passage:${passageNumber}`, () => passage?.text ?? ''),
    context: cachedTermSet(index, `context:${passageNumber}`, () => (passage ? `${passage.title} ${passage.heading ?? ''}` : '')),
  };
}

/**
 * The sentences of the whole paragraph a passage belongs to, and where the passage's first
 * sentence is among them: excerpts may widen into a neighbouring passage of the same paragraph.
 */
function paragraphSentences(index: LoadedIndex, passageNumber: number): { sentences: SentenceSpan[]; offset: number } {
  const passage = index.passages[passageNumber];
  if (!passage) return { sentences: [], offset: 0 };
  const sameParagraph = (other: number) => {
    const candidate = index.passages[other];
    return candidate !== undefined && candidate.source === passage.source && candidate.paragraph === passage.paragraph;
  };
  let first = passageNumber;
  while (sameParagraph(first - 1)) first -= 1;
  let last = passageNumber;
  while (sameParagraph(last + 1)) last += 1;
  if (first === last) return { sentences: passage.sentences, offset: 0 };
  const sentences: SentenceSpan[] = [];
  let offset = 0;
  for (let i = first; i <= last; i += 1) {
    if (i === passageNumber) offset = sentences.length;
    sentences.push(...(index.passages[i]?.sentences ?? []));
  }
  return { sentences, offset };
}

/** All sentences of the candidate passages, scored against the question. */
export function scoreSentences(
  index: LoadedIndex,
  ranked: readonly RankedPassage[],
  question: string,
  queryTerms: readonly string[],
  weights: QueryWeights,
  candidatePassages: number,
  scoring: SentenceScoring = DEFAULT_SENTENCE_SCORING,
): ScoredSentence[] {
  const scored: ScoredSentence[] = [];
  const answerType = expectedAnswerType(question);
  const questionWords = new Set(tokenize(question).map((token) => token.word));
  for (const hit of ranked.slice(0, candidatePassages)) {
    const passage = index.passages[hit.passage];
    if (!passage) continue;
    const document = index.documentsBySource.get(passage.source);
    if (!document) continue;
    const { text: passageTerms, context } = passageTermSets(index, hit.passage);
    const passageCoverage = contextualCoverage(passageTerms, context, weights, scoring.contextCredit);
    const documentCoverage = contextualCoverage(documentTerms(index, passage.source), context, weights, 1);
    const lead = scoring.lead / passage.paragraph;
    const paragraph = paragraphSentences(index, hit.passage);
    const paragraphText = document.text.slice(paragraph.sentences[0]?.start ?? passage.start, paragraph.sentences.at(-1)?.end ?? passage.end);
    const paragraphTerms = cachedTermSet(index, `paragraph:${passage.source}:${passage.paragraph}`, () => paragraphText);
    const paragraphCoverage = contextualCoverage(paragraphTerms, context, weights, scoring.contextCredit);
    passage.sentences.forEach((sentence, position) => {
      const sentenceText = document.text.slice(sentence.start, sentence.end);
      const terms = termsOf(sentenceText);
      const coverage = contextualCoverage(new Set(terms), context, weights, scoring.contextCredit);
      const score =
        coverage +
        scoring.passageCoverage * passageCoverage +
        scoring.paragraphCoverage * paragraphCoverage +
        scoring.documentCoverage * documentCoverage +
        scoring.passageRelevance * hit.relevance +
        scoring.phrase * phraseBonus(terms, queryTerms) +
        scoring.proximity * proximityOf(terms, weights) +
        (holdsAnswerType(sentenceText, answerType, questionWords) ? scoring.answerType : 0) +
        lead;
      scored.push({ passage: hit.passage, position: paragraph.offset + position, sentences: paragraph.sentences, score, coverage });
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.passage - b.passage || a.position - b.position);
}

/** Folds runs of whitespace, as the reader sees the text. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a span longer than `maxChars` to a window around the words of the question, at word
 * boundaries, marking each cut with `…`. Returns offsets in the document text.
 */
function cutAroundMatches(text: string, start: number, end: number, weights: QueryWeights, maxChars: number): { start: number; end: number } {
  const tokens = tokenize(text.slice(start, end));
  const matched = tokens.filter((token) => token.term !== undefined && weights.terms.has(token.term));
  // Centre the window on the densest run of matched words.
  const budget = maxChars - 2;
  let bestFrom = 0;
  let bestCount = -1;
  for (let i = 0; i < matched.length; i += 1) {
    let count = 0;
    for (let j = i; j < matched.length && (matched[j]?.end ?? 0) - (matched[i]?.start ?? 0) <= budget; j += 1) count += 1;
    if (count > bestCount) {
      bestCount = count;
      bestFrom = i;
    }
  }
  const anchor = matched[bestFrom];
  let windowStart = anchor ? Math.max(0, anchor.start - Math.floor(budget / 4)) : 0;
  let windowEnd = Math.min(end - start, windowStart + budget);
  windowStart = Math.max(0, windowEnd - budget);
  // Snap to word boundaries.
  const first = tokens.find((token) => token.start >= windowStart);
  const last = [...tokens].reverse().find((token) => token.end <= windowEnd);
  if (first && windowStart > 0) windowStart = first.start;
  if (last && windowEnd < end - start) windowEnd = last.end;
  return { start: start + windowStart, end: start + windowEnd };
}

/** Widens a sentence with its neighbours while the result fits in `maxChars` (next sentence first). */
function widen(sentences: readonly SentenceSpan[], position: number, maxChars: number): { from: number; to: number } {
  let from = position;
  let to = position;
  const length = (a: number, b: number) => (sentences[b]?.end ?? 0) - (sentences[a]?.start ?? 0);
  for (;;) {
    if (to + 1 < sentences.length && length(from, to + 1) <= maxChars) to += 1;
    else if (from > 0 && length(from - 1, to) <= maxChars) from -= 1;
    else break;
    if (to - from >= 2) break;
  }
  return { from, to };
}

export function selectExcerpts(
  index: LoadedIndex,
  scored: readonly ScoredSentence[],
  weights: QueryWeights,
  options: ExcerptOptions = {},
): Excerpt[] {
  const maxExcerpts = options.maxExcerpts ?? 3;
  const maxChars = options.maxChars ?? 300;
  const excerpts: Excerpt[] = [];
  const shownTerms: Set<string>[] = [];
  for (const candidate of scored) {
    if (excerpts.length >= maxExcerpts) break;
    const passage = index.passages[candidate.passage];
    const document = passage && index.documentsBySource.get(passage.source);
    if (!passage || !document) continue;
    const sentence = candidate.sentences[candidate.position];
    if (!sentence) continue;
    // Skip a sentence already inside an excerpt shown.
    if (excerpts.some((shown) => shown.source === passage.source && sentence.start < shown.end && sentence.end > shown.start)) continue;

    let start: number;
    let end: number;
    if (sentence.end - sentence.start > maxChars) {
      ({ start, end } = cutAroundMatches(document.text, sentence.start, sentence.end, weights, maxChars));
    } else {
      const { from, to } = widen(candidate.sentences, candidate.position, maxChars);
      start = candidate.sentences[from]?.start ?? sentence.start;
      end = candidate.sentences[to]?.end ?? sentence.end;
      // Do not repeat text already shown in another excerpt.
      for (const shown of excerpts) {
        if (shown.source !== passage.source) continue;
        if (start < shown.end && end > shown.end && sentence.start >= shown.end) start = Math.max(start, shown.end);
        if (end > shown.start && start < shown.start && sentence.end <= shown.start) end = Math.min(end, shown.start);
      }
    }
    let text = foldWhitespace(document.text.slice(start, end));
    if (start > sentence.start) text = `…${text}`;
    if (end < sentence.end) text = `${text}…`;
    if (text.length > maxChars) text = `${text.slice(0, maxChars - 1).trimEnd()}…`;

    // Near-duplicates (the same sentence in two documents, boilerplate) are shown once.
    const terms = new Set(termsOf(text));
    const duplicate = shownTerms.some((shown) => jaccard(shown, terms) > 0.8);
    if (duplicate) continue;
    shownTerms.push(terms);
    excerpts.push({
      text,
      source: passage.source,
      location: `paragraph ${passage.paragraph}`,
      score: Math.round(candidate.score * 1000) / 1000,
      title: passage.title,
      paragraph: passage.paragraph,
      start,
      end,
    });
  }
  return excerpts;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}
