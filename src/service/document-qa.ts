// PLACEHOLDER INTERFACE — implementation in progress (see below). Adapters code against this API.
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import type { Answer, Summary, SearchMode } from '../search/types.ts';

/** A file the loader could not use, and why (shown to admins after a reindex). */
export interface SkippedFile {
  /** Path relative to the documents folder. */
  source: string;
  reason: string;
}

export interface SourceInfo {
  source: string;
  title: string;
  passages: number;
}

export interface IndexInfo {
  mode: Exclude<SearchMode, 'dense'>;
  /** The embedding model of the index, or null for a lexical-only index. */
  model: string | null;
  /** ISO time the index was built. */
  builtAt: string;
  documents: SourceInfo[];
  passages: number;
  skipped: SkippedFile[];
}

export interface ReindexProgress {
  phase: 'reading' | 'embedding' | 'writing' | 'done';
  /** Items done and total in this phase (files for reading, passages for embedding). */
  done: number;
  total: number;
}

export interface ReindexReport {
  documents: number;
  passages: number;
  skipped: SkippedFile[];
  mode: IndexInfo['mode'];
  durationMs: number;
  /** Why there is no vector index, when mode is lexical (model missing, unreachable...). */
  modelWarning?: string;
}

/** The question cannot be asked as it is; `message` tells the asker what to change. */
export class InvalidQuestionError extends Error {
  override name = 'InvalidQuestionError';
  constructor(
    message: string,
    readonly reason: 'empty' | 'too-long' | 'no-words',
  ) {
    super(message);
  }
}

/** `/reindex` while another reindex runs. */
export class ReindexInProgressError extends Error {
  override name = 'ReindexInProgressError';
  constructor() {
    super('An index rebuild is already running. Questions are still answered from the current index; try again when it is done.');
  }
}

/** A summary was asked for a document that is not indexed. */
export class UnknownDocumentError extends Error {
  override name = 'UnknownDocumentError';
  constructor(readonly requested: string, readonly known: string[]) {
    super(`There is no document called "${requested}". Known documents: ${known.join(', ') || 'none'}.`);
  }
}

export interface DocumentQaOptions {
  logger?: Logger;
  /** Called while the index builds (at open, or on reindex). */
  onProgress?: (progress: ReindexProgress) => void;
}

/**
 * The core as one object: it owns the loaded index and the embedding model, answers questions,
 * summarises documents and rebuilds the index. Questions asked during a rebuild are answered from
 * the previous index; the new one is swapped in when it is complete.
 */
export declare class DocumentQa {
  /** Loads the index from `config.indexDir`, building it first when missing, corrupt or stale. */
  static open(config: AppConfig, options?: DocumentQaOptions): Promise<DocumentQa>;
  /** Throws InvalidQuestionError for an empty, too long or wordless question. */
  ask(question: string): Promise<Answer>;
  /** One document (by its source path, or a unique prefix/title), or all when undefined. Throws UnknownDocumentError. */
  summarize(source?: string): Promise<Summary>;
  /** Rebuilds from the documents folder. Throws ReindexInProgressError when one already runs. */
  reindex(onProgress?: (progress: ReindexProgress) => void): Promise<ReindexReport>;
  readonly reindexing: boolean;
  info(): IndexInfo;
  /** Releases the model; safe to call twice. */
  close(): Promise<void>;
}
