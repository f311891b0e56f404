/**
 * Summaries computed once, when the index is built (on the build's worker thread), and stored with
 * it, so that `/summary` is a lookup whatever the size of the corpus.
 */
import type { AppConfig } from '../config.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { summarizeEveryDocument, type SummaryOptions } from '../search/summarize.ts';
import type { Summary } from '../search/types.ts';

/** The attachment of the index holding its summaries. */
export const SUMMARIES_ATTACHMENT = 'summaries';

/**
 * The attachment holding only the options the summaries were made with: checking them when an
 * index is opened must not parse every stored summary (megabytes on a large corpus).
 */
export const SUMMARY_OPTIONS_ATTACHMENT = 'summary-options';

export interface StoredSummaries {
  /** The options they were made with: other options make them stale. */
  options: Partial<SummaryOptions>;
  /** The summary of all documents. */
  all: Summary;
  /** The summary of each document, by source. */
  bySource: Record<string, Summary>;
}

/** The summary options the configuration asks for (SUMMARY_SENTENCES). */
export function summaryOptions(config: AppConfig): Partial<SummaryOptions> {
  return { maxSentences: config.summarySentences };
}

/** Summarises every document, and all of them together. The cost grows with the corpus: run it at build time. */
export function computeSummaries(index: LoadedIndex, options: Partial<SummaryOptions>): StoredSummaries {
  return { options, ...summarizeEveryDocument(index, options) };
}

function isStoredSummaries(value: unknown): value is StoredSummaries {
  if (typeof value !== 'object' || value === null) return false;
  const stored = value as Partial<StoredSummaries>;
  return typeof stored.options === 'object' && typeof stored.all === 'object' && typeof stored.bySource === 'object';
}

function storedSummaries(index: LoadedIndex): StoredSummaries | undefined {
  const value = index.attachments?.get(SUMMARIES_ATTACHMENT);
  return isStoredSummaries(value) ? value : undefined;
}

/** The attachments of an index's summaries: all of them, and their options alone. */
export function summaryAttachments(summaries: StoredSummaries): Record<string, unknown> {
  return { [SUMMARIES_ATTACHMENT]: summaries, [SUMMARY_OPTIONS_ATTACHMENT]: { options: summaries.options } };
}

/** Why the stored summaries cannot be used with these options (missing, or made otherwise), or undefined. */
export function summariesStaleness(index: LoadedIndex, options: Partial<SummaryOptions>): string | undefined {
  const attachments = index.attachments;
  if (!attachments?.has(SUMMARIES_ATTACHMENT)) return 'the index has no stored summaries';
  const optionsOnly = attachments.get(SUMMARY_OPTIONS_ATTACHMENT) as { options?: unknown } | undefined;
  const storedOptions = optionsOnly?.options ?? storedSummaries(index)?.options;
  if (storedOptions === undefined) return 'the index has no stored summaries';
  return JSON.stringify(storedOptions) === JSON.stringify(options) ? undefined : 'the summary settings changed';
}

/**
 * The stored summary of one document (by source) or of all documents (undefined). An index with
 * nothing stored (the empty placeholder before the first build) summarises to no sentences.
 */
export function storedSummary(index: LoadedIndex, source: string | undefined): Summary {
  const stored = storedSummaries(index);
  const summary = source === undefined ? stored?.all : stored?.bySource[source];
  return summary ?? { source, sentences: [] };
}
