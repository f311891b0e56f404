/**
 * Opening an index: load the current one and decide whether it must be rebuilt (missing, damaged,
 * or stale against the documents folder and the configured model).
 */
import type { AppConfig } from '../config.ts';
import { fingerprintDocumentsFolder } from '../documents/load-documents.ts';
import { IndexCorruptError, IndexMissingError, loadIndex, stalenessReason, type LoadedIndex } from '../index/index-store.ts';
import { LexicalIndex } from '../index/lexical-index.ts';
import type { Logger } from '../logging.ts';
import { summariesStaleness, summaryOptions } from './summaries.ts';

export interface OpenedIndex {
  /** The index on disk, when it could be loaded (even if stale: it answers until a new one is ready). */
  index: LoadedIndex | null;
  /** Why it must be rebuilt, or null when it is fresh. */
  rebuildReason: string | null;
}

/** Loads the current index of `config.indexDir` and checks it against the documents and settings. */
export async function openIndex(config: AppConfig, logger: Logger, forceRebuild: boolean): Promise<OpenedIndex> {
  if (forceRebuild) return { index: null, rebuildReason: 'a rebuild was asked for' };
  let index: LoadedIndex;
  try {
    index = await loadIndex(config.indexDir);
  } catch (error) {
    if (error instanceof IndexMissingError) return { index: null, rebuildReason: 'there is no index yet' };
    if (error instanceof IndexCorruptError) {
      logger.warn(`${error.message} Rebuilding it from the documents.`);
      return { index: null, rebuildReason: 'the index was damaged' };
    }
    throw error;
  }
  const fingerprints = await fingerprintDocumentsFolder(config.docsDir, config.maxDocumentBytes, {
    fingerprints: index.manifest.fingerprints,
    stamps: index.manifest.stamps ?? {},
  });
  const reason =
    stalenessReason(index.manifest, fingerprints, config.embeddingModel) ?? summariesStaleness(index, summaryOptions(config)) ?? null;
  return { index, rebuildReason: reason };
}

/** A placeholder before the first build completes: no documents, so every question is declined. */
export function emptyIndex(config: AppConfig): LoadedIndex {
  return {
    folder: config.indexDir,
    manifest: {
      formatVersion: 0,
      mode: 'lexical',
      requestedModel: config.embeddingModel,
      model: null,
      modelWarning: null,
      builtAt: new Date(0).toISOString(),
      buildMs: 0,
      counts: { documents: 0, passages: 0, skipped: 0 },
      documents: [],
      skipped: [],
      fingerprints: {},
      files: {},
    },
    documents: [],
    documentsBySource: new Map(),
    passages: [],
    lexical: LexicalIndex.build([]),
    vectors: null,
  };
}
