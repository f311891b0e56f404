/** The shapes the service hands to adapters: what is indexed, how a rebuild goes, what it reports. */
import type { SkippedFile } from '../documents/load-documents.ts';
import type { BuildProgress } from '../index/index-store.ts';
import type { IndexFileSystem } from '../index/index-write.ts';
import type { Logger } from '../logging.ts';
import type { SearchMode } from '../search/types.ts';

export type { SkippedFile };

export interface SourceInfo {
  source: string;
  title: string;
  passages: number;
}

export interface IndexInfo {
  mode: Exclude<SearchMode, 'dense'>;
  /** The embedding model of the index, or null for a lexical-only index. */
  model: string | null;
  /** Why questions are matched by words only although a model is configured, or null. */
  modelWarning: string | null;
  /** Why the index in use is not the one on disk (it could not be written), or null. */
  indexWarning?: string | null;
  /** ISO time the index was built. */
  builtAt: string;
  documents: SourceInfo[];
  passages: number;
  skipped: SkippedFile[];
}

/** How a rebuild goes: its phase, items done of the phase's total, documents read and passages made. */
export type ReindexProgress = BuildProgress;

export interface ReindexReport {
  documents: number;
  passages: number;
  skipped: SkippedFile[];
  mode: IndexInfo['mode'];
  durationMs: number;
  /** Why there is no vector index, when mode is lexical (model missing, unreachable...). */
  modelWarning?: string;
  /** Why the new index is kept in memory only (it could not be written), when so. */
  indexWarning?: string;
  /** The worker thread the index was built on (never the main thread's 0). */
  builtOnThread?: number;
}

/**
 * Something the user should be told once, loudly: the adapter decides how (the CLI draws a banner,
 * the bot logs it). Without an `onNotice` handler the service logs it as a warning.
 */
export type ServiceNotice =
  | {
      kind: 'model-unavailable';
      /** Why the model could not be loaded, and how to fix it. */
      reason: string;
      /** What happens instead (a lexical-only index, or questions matched by words). */
      consequence: string;
    }
  | {
      kind: 'index-not-saved';
      /** Why the index could not be written, and how to fix it. */
      reason: string;
      /** Which index answers meanwhile. */
      consequence: string;
    };

export interface DocumentQaOptions {
  /** Default: a logger that drops everything. */
  logger?: Logger;
  /** Called while the index builds (at open, or on reindex). Default: nothing. */
  onProgress?: (progress: ReindexProgress) => void;
  /** Called once per loud warning (see `ServiceNotice`). Default: logged as a warning. */
  onNotice?: (notice: ServiceNotice) => void;
  /** Rebuild at open even when the index is fresh (`npm run index`). Default: false. */
  forceRebuild?: boolean;
  /**
   * Where index files are written. Default: the real file system, every file flushed. Tests pass
   * one that fails like a full disk or a read-only folder.
   */
  fileSystem?: IndexFileSystem;
  /** Stops a build that `open` started (shutdown while building): `open` rejects with BuildCancelledError. */
  signal?: AbortSignal;
}
