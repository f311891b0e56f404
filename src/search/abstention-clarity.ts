/**
 * How much a question is written in the documents' language rather than everyday English (the
 * "query clarity" of information retrieval), one of the relevance bar's signals (abstention.ts).
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyzeQuery } from '../index/text-analysis.ts';
import { englishProbability } from './english-frequency.ts';
import { DEFAULT_SEARCH_TUNING, type SearchTuning } from './tuning.ts';

export type ClarityOptions = Pick<SearchTuning, 'absentTermClarityCap'>;

/**
 * The mean, over the question's terms as asked, of log(share of passages holding the term / share
 * of everyday English words that are the term). A question about the documents uses their words
 * ("antibodies", "pandemic" in virology papers: high); one about something else uses words they
 * rarely use ("king", "warship": low). A word the documents never use is no sign that the question
 * is theirs, however rare it is in English ("turbine", "opentelemetry" asked of virology papers):
 * its part is capped at `absentTermClarityCap` (it can still lower the mean when it is an everyday
 * word). Independent of any particular set of documents or questions.
 */
export function questionClarity(index: LoadedIndex, question: string, options: ClarityOptions = DEFAULT_SEARCH_TUNING): number {
  const terms = new Set(analyzeQuery(question));
  if (terms.size === 0) return 0;
  const passages = index.passages.length;
  let sum = 0;
  for (const term of terms) {
    const frequency = index.lexical.documentFrequency(term);
    const part = Math.log((frequency + 0.5) / (passages + 1) / englishProbability(term));
    sum += frequency === 0 ? Math.min(part, options.absentTermClarityCap) : part;
  }
  return sum / terms.size;
}
