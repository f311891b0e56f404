/**
 * Turns scored sentences into what the reader sees: the best sentence widened with a neighbouring
 * sentence when it fits, or cut to the excerpt limit around the question's words, without text
 * already shown and without near-duplicates. Everything shown is verbatim document text.
 */
import type { SentenceSpan } from '../documents/sentences.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { analyze, tokenize } from '../index/text-analysis.ts';
import type { QueryWeights } from './coverage.ts';
import type { ScoredSentence } from './sentence-scoring.ts';
import type { SearchTuning } from './tuning.ts';
import type { Excerpt } from './types.ts';

export type ShapingOptions = Pick<SearchTuning, 'maxExcerpts' | 'excerptMaxChars' | 'maxSentencesPerExcerpt' | 'cutLeadShare' | 'nearDuplicateJaccard'>;

/** Folds runs of whitespace, as the reader sees the text. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a span longer than `maxChars` to a window around the words of the question, at word
 * boundaries, marking each cut with `…`. Returns offsets in the document text.
 */
function cutAroundMatches(
  text: string,
  start: number,
  end: number,
  weights: QueryWeights,
  maxChars: number,
  leadShare: number,
): { start: number; end: number } {
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
  let windowStart = anchor ? Math.max(0, anchor.start - Math.floor(budget * leadShare)) : 0;
  let windowEnd = Math.min(end - start, windowStart + budget);
  windowStart = Math.max(0, windowEnd - budget);
  // Snap to word boundaries.
  const first = tokens.find((token) => token.start >= windowStart);
  const last = [...tokens].reverse().find((token) => token.end <= windowEnd);
  if (first && windowStart > 0) windowStart = first.start;
  if (last && windowEnd < end - start) windowEnd = last.end;
  return { start: start + windowStart, end: start + windowEnd };
}

/**
 * Widens the sentence at `sentenceIndex` with its neighbours while the result fits in `maxChars`
 * and holds at most `maxSentences` (next sentence first). Returns the first and last sentence index.
 */
function widen(sentences: readonly SentenceSpan[], sentenceIndex: number, maxChars: number, maxSentences: number): { from: number; to: number } {
  let from = sentenceIndex;
  let to = sentenceIndex;
  const length = (a: number, b: number) => (sentences[b]?.end ?? 0) - (sentences[a]?.start ?? 0);
  while (to - from + 1 < maxSentences) {
    if (to + 1 < sentences.length && length(from, to + 1) <= maxChars) to += 1;
    else if (from > 0 && length(from - 1, to) <= maxChars) from -= 1;
    else break;
  }
  return { from, to };
}

/** The excerpts for the scored sentences, best first, at most `maxExcerpts`. */
export function selectExcerpts(index: LoadedIndex, scored: readonly ScoredSentence[], weights: QueryWeights, options: ShapingOptions): Excerpt[] {
  const { maxExcerpts, excerptMaxChars: maxChars } = options;
  const excerpts: Excerpt[] = [];
  const shownTerms: Set<string>[] = [];
  for (const candidate of scored) {
    if (excerpts.length >= maxExcerpts) break;
    const passage = index.passages[candidate.passageIndex];
    const document = passage && index.documentsBySource.get(passage.source);
    if (!passage || !document) continue;
    const sentence = candidate.sentences[candidate.sentenceIndex];
    if (!sentence) continue;
    // Skip a sentence already inside an excerpt shown.
    if (excerpts.some((shown) => shown.source === passage.source && sentence.start < shown.end && sentence.end > shown.start)) continue;

    let start: number;
    let end: number;
    if (sentence.end - sentence.start > maxChars) {
      ({ start, end } = cutAroundMatches(document.text, sentence.start, sentence.end, weights, maxChars, options.cutLeadShare));
    } else {
      const { from, to } = widen(candidate.sentences, candidate.sentenceIndex, maxChars, options.maxSentencesPerExcerpt);
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
    const terms = new Set(analyze(text));
    if (shownTerms.some((shown) => jaccard(shown, terms) > options.nearDuplicateJaccard)) continue;
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
