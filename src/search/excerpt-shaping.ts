/**
 * Turns scored sentences into what the reader sees: the best sentence widened with a neighbouring
 * sentence when it fits, or cut to the excerpt limit around the question's words, without text
 * already shown and without near-duplicates. Everything shown is verbatim document text.
 */
import { blockAt, excerptKind, excerptParts, joinExcerptParts, passageLocation, passageUrl, type ExcerptPart } from '../documents/citations.ts';
import type { SourceDocument } from '../documents/model.ts';
import type { SentenceSpan } from '../documents/sentences.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { analyze, tokenize } from '../index/text-analysis.ts';
import { leansOnPrevious } from './anaphora.ts';
import type { QueryWeights } from './coverage.ts';
import { typedHeadingBefore } from './section-heading.ts';
import type { ScoredSentence } from './sentence-scoring.ts';
import type { SearchTuning } from './tuning.ts';
import type { Excerpt } from './types.ts';

export type ShapingOptions = Pick<
  SearchTuning,
  'maxExcerpts' | 'excerptMaxChars' | 'maxSentencesPerExcerpt' | 'cutLeadShare' | 'nearDuplicateJaccard' | 'docsBaseUrl' | 'widenBackFirst' | 'typedHeadings'
>;

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
function widen(
  document: SourceDocument,
  sentences: readonly SentenceSpan[],
  sentenceIndex: number,
  maxChars: number,
  maxSentences: number,
  backFirst: boolean,
): { from: number; to: number } {
  let from = sentenceIndex;
  let to = sentenceIndex;
  const length = (a: number, b: number) => (sentences[b]?.end ?? 0) - (sentences[a]?.start ?? 0);
  // A list is read item by item: its items do not count as sentences against the cap.
  const counts = (i: number) => {
    const kind = blockAt(document, sentences[i]?.start ?? 0)?.kind;
    return kind !== 'list-item' && kind !== 'table-row' ? 1 : 0;
  };
  let counted = counts(sentenceIndex);
  for (;;) {
    if (counted >= maxSentences) {
      // Only items may still be added.
      if (to + 1 < sentences.length && counts(to + 1) === 0 && length(from, to + 1) <= maxChars) to += 1;
      else break;
      continue;
    }
    const forward = to + 1 < sentences.length && length(from, to + 1) <= maxChars;
    const back = from > 0 && length(from - 1, to) <= maxChars;
    // A sentence that points back ("This suggests…") is read with the one it points to first.
    if (back && (backFirst || !forward) && from === sentenceIndex) counted += counts((from -= 1));
    else if (forward) counted += counts((to += 1));
    else if (back) counted += counts((from -= 1));
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
    let cutInCode = false;
    if (sentence.end - sentence.start > maxChars) {
      ({ start, end } = cutAroundMatches(document.text, sentence.start, sentence.end, weights, maxChars, options.cutLeadShare));
      if (blockAt(document, sentence.start)?.kind === 'code') ({ start, end } = wholeLines(document.text, sentence, { start, end }, maxChars));
    } else {
      const previous = candidate.sentences[candidate.sentenceIndex - 1];
      const backFirst =
        options.widenBackFirst &&
        leansOnPrevious(document.text.slice(sentence.start, sentence.end), blockAt(document, sentence.start)?.kind, previous && document.text.slice(previous.start, previous.end));
      const { from, to } = widen(document, candidate.sentences, candidate.sentenceIndex, maxChars, options.maxSentencesPerExcerpt, backFirst);
      start = candidate.sentences[from]?.start ?? sentence.start;
      end = candidate.sentences[to]?.end ?? sentence.end;
      // A lead-in is shown with the start of the code it introduces, in whole lines, when the whole block does not fit.
      const next = candidate.sentences[to + 1];
      if (next && next.end - start > maxChars && blockAt(document, next.start)?.kind === 'code') {
        const lastLineEnd = document.text.lastIndexOf('\n', start + maxChars - 2);
        if (lastLineEnd > next.start) {
          end = lastLineEnd;
          cutInCode = true;
        }
      }
      // A section named by what the reader types (`--run`, `vitest doctor`) is shown with its name.
      const heading = options.typedHeadings ? typedHeadingBefore(document, start) : undefined;
      if (heading && end - heading.start <= maxChars) start = heading.start;
      // Do not repeat text already shown in another excerpt.
      for (const shown of excerpts) {
        if (shown.source !== passage.source) continue;
        if (start < shown.end && end > shown.end && sentence.start >= shown.end) start = Math.max(start, shown.end);
        if (end > shown.start && start < shown.start && sentence.end <= shown.start) end = Math.min(end, shown.start);
      }
    }
    const parts = excerptParts(document, start, end);
    markCuts(parts, start > sentence.start, end < sentence.end || cutInCode, maxChars);
    const text = joinExcerptParts(parts);

    // Near-duplicates (the same sentence in two documents, boilerplate) are shown once.
    const terms = new Set(analyze(text));
    if (shownTerms.some((shown) => jaccard(shown, terms) > options.nearDuplicateJaccard)) continue;
    shownTerms.push(terms);
    const url = passageUrl(document, passage, options.docsBaseUrl);
    excerpts.push({
      text,
      kind: excerptKind(parts),
      parts,
      ...(url ? { url } : {}),
      ...(passage.page !== undefined ? { page: passage.page } : {}),
      source: passage.source,
      location: passageLocation(document, passage),
      score: Math.round(candidate.score * 1000) / 1000,
      title: passage.title,
      paragraph: passage.paragraph,
      start,
      end,
    });
  }
  return excerpts;
}

/**
 * A cut inside a code block moved to whole lines: from the first line starting in the window to the
 * last line ending in it, so code is never shown from the middle of a line (unless one line is longer than the limit).
 */
function wholeLines(text: string, sentence: SentenceSpan, window: { start: number; end: number }, maxChars: number): { start: number; end: number } {
  let start = window.start;
  if (start > sentence.start && text[start - 1] !== '\n') {
    const next = text.indexOf('\n', start);
    if (next !== -1 && next < window.end) start = next + 1;
  }
  let end = window.end;
  if (end < sentence.end && text[end] !== '\n') {
    const previous = text.lastIndexOf('\n', end);
    if (previous > start) end = previous;
  }
  return end - start <= maxChars && end > start ? { start, end } : window;
}

/** Marks cuts with `…` on the first and last part, and keeps the whole within `maxChars`. */
function markCuts(parts: ExcerptPart[], cutBefore: boolean, cutAfter: boolean, maxChars: number): void {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) return;
  if (cutBefore) first.text = `…${first.text}`;
  if (cutAfter) last.text = `${last.text}…`;
  let over = joinExcerptParts(parts).length - maxChars;
  while (over > 0 && parts.length > 0) {
    const tail = parts[parts.length - 1];
    if (!tail) break;
    if (tail.text.length - over >= 2) {
      tail.text = `${tail.text.slice(0, tail.text.length - over - 1).trimEnd()}…`;
      break;
    }
    parts.pop();
    over = joinExcerptParts(parts).length - maxChars;
  }
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}
