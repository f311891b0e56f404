/**
 * Extractive summaries: the sentences that best represent a document (or all documents), chosen
 * by closeness to the document's overall term profile (TF-IDF centroid), a lead bonus (openings
 * carry the gist in articles), and maximal marginal relevance so that no two say the same thing.
 * Shown verbatim, in document order.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { analyze } from '../index/text-analysis.ts';
import type { Summary, SummarySentence } from './types.ts';

export interface SummaryOptions {
  /** Most sentences in a summary. Default: 5. */
  maxSentences?: number;
  /** Sentences shorter than this are not summary material (captions, fragments). Default: 40. */
  minChars?: number;
  /** Sentences longer than this are too long to show whole. Default: 400. */
  maxChars?: number;
}

interface Candidate {
  source: string;
  paragraph: number;
  /** Position in reading order across the documents summarised. */
  order: number;
  /** Position of the sentence in its document (0 for the first). */
  rank: number;
  start: number;
  end: number;
  text: string;
  vector: Map<string, number>;
}

function norm(vector: Map<string, number>): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) dot += value * (large.get(term) ?? 0);
  const denominator = norm(a) * norm(b);
  return denominator > 0 ? dot / denominator : 0;
}

/** Summarises the documents whose sources are given (all documents of the index when empty). */
export function summarizeDocuments(index: LoadedIndex, sources: readonly string[], options: SummaryOptions = {}): Summary {
  const maxSentences = options.maxSentences ?? 5;
  const minChars = options.minChars ?? 40;
  const maxChars = options.maxChars ?? 400;
  const wanted = new Set(sources.length > 0 ? sources : index.documents.map((document) => document.source));
  const texts = new Map(index.documents.map((document) => [document.source, document.text]));

  const candidates: Candidate[] = [];
  const ranks = new Map<string, number>();
  for (const passage of index.passages) {
    if (!wanted.has(passage.source)) continue;
    const text = texts.get(passage.source) ?? '';
    for (const sentence of passage.sentences) {
      const rank = ranks.get(passage.source) ?? 0;
      ranks.set(passage.source, rank + 1);
      const sentenceText = text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ');
      const vector = new Map<string, number>();
      for (const term of analyze(sentenceText)) vector.set(term, (vector.get(term) ?? 0) + index.lexical.idf(term));
      candidates.push({ source: passage.source, paragraph: passage.paragraph, order: candidates.length, rank, start: sentence.start, end: sentence.end, text: sentenceText, vector });
    }
  }

  const centroid = new Map<string, number>();
  for (const candidate of candidates) {
    const length = norm(candidate.vector) || 1;
    for (const [term, value] of candidate.vector) centroid.set(term, (centroid.get(term) ?? 0) + value / length);
  }

  const usable = candidates.filter((candidate) => candidate.text.length >= minChars && candidate.text.length <= maxChars && candidate.vector.size >= 4);
  const pool = usable.length > 0 ? usable : candidates;
  const relevance = new Map(pool.map((candidate) => [candidate, cosine(candidate.vector, centroid) + 0.15 / (1 + candidate.rank)]));

  const chosen: Candidate[] = [];
  while (chosen.length < maxSentences && chosen.length < pool.length) {
    let best: Candidate | undefined;
    let bestScore = -Infinity;
    for (const candidate of pool) {
      if (chosen.includes(candidate)) continue;
      const redundancy = Math.max(0, ...chosen.map((picked) => cosine(candidate.vector, picked.vector)));
      const score = 0.7 * (relevance.get(candidate) ?? 0) - 0.3 * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    if (!best) break;
    chosen.push(best);
  }

  const sentences: SummarySentence[] = chosen
    .sort((a, b) => a.order - b.order)
    .map((candidate) => ({ text: candidate.text, source: candidate.source, location: `paragraph ${candidate.paragraph}` }));
  return { source: sources.length === 1 ? sources[0] : undefined, sentences };
}
