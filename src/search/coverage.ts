/**
 * How much of a question a piece of text covers: each question term weighs its idf, and coverage
 * is the share of the question's total weight found in the text (words found only in the title or
 * heading above it may earn partial credit). The term sets of an index's passages, paragraphs and
 * documents are computed once per index and shared by the relevance bar and the sentence scores.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyze } from '../index/text-analysis.ts';

/** The question's terms with their weights (idf, scaled down for guessed spellings), and their sum. */
export interface QueryWeights {
  terms: Map<string, number>;
  total: number;
}

/** Each term's weight: its idf, scaled by `termWeights` (default 1). */
export function queryWeights(index: LoadedIndex, queryTerms: readonly string[], termWeights?: ReadonlyMap<string, number>): QueryWeights {
  const terms = new Map<string, number>();
  for (const term of queryTerms) terms.set(term, index.lexical.idf(term) * (termWeights?.get(term) ?? 1));
  let total = 0;
  for (const weight of terms.values()) total += weight;
  return { terms, total };
}

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
  if (!terms) byKey.set(key, (terms = new Set(analyze(text()))));
  return terms;
}

/** The terms of a whole document: its title and body. */
export function documentTermSet(index: LoadedIndex, source: string): Set<string> {
  return cachedTermSet(index, `document:${source}`, () => {
    const document = index.documentsBySource.get(source);
    return document ? `${document.title} ${document.text.slice(document.bodyStart)}` : '';
  });
}

/** The terms of a paragraph, given its text (read only the first time). */
export function paragraphTermSet(index: LoadedIndex, source: string, paragraph: number, text: () => string): Set<string> {
  return cachedTermSet(index, `paragraph:${source}:${paragraph}`, text);
}

/** The terms of a passage's text, and of its context (document title and section heading). */
export function passageTermSets(index: LoadedIndex, passageIndex: number): { text: Set<string>; context: Set<string> } {
  const passage = index.passages[passageIndex];
  return {
    text: cachedTermSet(index, `passage:${passageIndex}`, () => passage?.text ?? ''),
    context: cachedTermSet(index, `context:${passageIndex}`, () => (passage ? `${passage.title} ${passage.heading ?? ''}` : '')),
  };
}

/** The terms of one sentence of a passage (`sentenceIndex` counts within the passage). */
export function sentenceTermSet(index: LoadedIndex, passageIndex: number, sentenceIndex: number): Set<string> {
  return cachedTermSet(index, `sentence:${passageIndex}:${sentenceIndex}`, () => {
    const passage = index.passages[passageIndex];
    const sentence = passage?.sentences[sentenceIndex];
    const document = passage ? index.documentsBySource.get(passage.source) : undefined;
    return sentence && document ? document.text.slice(sentence.start, sentence.end) : '';
  });
}
