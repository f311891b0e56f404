/**
 * The core as one object for every adapter (CLI, terminal chat, Discord, benchmarks): it owns the
 * loaded index and the embedding model, answers questions, summarises documents and rebuilds the
 * index. This is where the policies live: when to rebuild, what to do when the model is missing.
 */
import type { AppConfig } from '../config.ts';
import { fingerprintDocumentsFolder, type SkippedFile } from '../documents/load-documents.ts';
import { loadEmbedder, ModelUnavailableError, type Embedder } from '../embedding/embedder.ts';
import {
  buildIndex,
  IndexCorruptError,
  IndexMissingError,
  loadIndex,
  stalenessReason,
  type LoadedIndex,
} from '../index/index-store.ts';
import { LexicalIndex } from '../index/lexical-index.ts';
import { silentLogger, type Logger } from '../logging.ts';
import { answerQuestion } from '../search/answer.ts';
import { validateQuestion } from '../search/question.ts';
import { summarizeDocuments } from '../search/summarize.ts';
import type { Answer, Summary, SearchMode } from '../search/types.ts';

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

/** A summary was asked for a document that is not indexed, or for a name that fits several. */
export class UnknownDocumentError extends Error {
  override name = 'UnknownDocumentError';
  constructor(
    readonly requested: string,
    readonly known: string[],
    /** Documents the name fits, when it fits more than one. */
    readonly candidates: string[] = [],
  ) {
    super(
      candidates.length > 1
        ? `"${requested}" fits several documents: ${candidates.join(', ')}. Give more of the name.`
        : `There is no document called "${requested}". Known documents: ${known.join(', ') || 'none'}.`,
    );
  }
}

export interface DocumentQaOptions {
  /** Default: a logger that drops everything. */
  logger?: Logger;
  /** Called while the index builds (at open, or on reindex). */
  onProgress?: (progress: ReindexProgress) => void;
  /**
   * Rebuild at open even when the index is fresh (`npm run index`). Default: false.
   */
  forceRebuild?: boolean;
  /** Draw a progress bar on a terminal while embedding. Default: false. */
  showProgress?: boolean;
}

/** The model could not be loaded and REQUIRE_MODEL is set. */
export class ModelRequiredError extends Error {
  override name = 'ModelRequiredError';
}

/**
 * The core as one object: it owns the loaded index and the embedding model, answers questions,
 * summarises documents and rebuilds the index. Questions asked during a rebuild are answered from
 * the previous index; the new one is swapped in when it is complete.
 */
export class DocumentQa {
  private index: LoadedIndex;
  private embedder: Embedder | null;
  private modelFailure: string | null;
  private rebuilding: Promise<ReindexReport> | null = null;
  private closed = false;

  private constructor(
    private readonly config: AppConfig,
    private readonly logger: Logger,
    private readonly showProgress: boolean,
    state: { index: LoadedIndex; embedder: Embedder | null; modelFailure: string | null },
  ) {
    this.index = state.index;
    this.embedder = state.embedder;
    this.modelFailure = state.modelFailure;
  }

  /** Loads the index from `config.indexDir`, building it first when missing, corrupt or stale. */
  static async open(config: AppConfig, options: DocumentQaOptions = {}): Promise<DocumentQa> {
    const logger = options.logger ?? silentLogger;
    let index: LoadedIndex | null = null;
    let rebuildReason: string | null = options.forceRebuild ? 'a rebuild was asked for' : null;
    if (!rebuildReason) {
      try {
        index = await loadIndex(config.indexDir);
        const fingerprints = await fingerprintDocumentsFolder(config.docsDir, config.maxDocumentBytes, {
          fingerprints: index.manifest.fingerprints,
          stamps: index.manifest.stamps ?? {},
        });
        const stale = stalenessReason(index.manifest, fingerprints, config.embeddingModel);
        if (stale) rebuildReason = stale;
      } catch (error) {
        if (error instanceof IndexMissingError) rebuildReason = 'there is no index yet';
        else if (error instanceof IndexCorruptError) {
          logger.warn(`${error.message} Rebuilding it from the documents.`);
          rebuildReason = 'the index was damaged';
        } else throw error;
      }
    }

    if (index && !rebuildReason) {
      // A hybrid index needs its model to embed questions; without it, questions are matched by words.
      let embedder: Embedder | null = null;
      let modelFailure: string | null = index.manifest.modelWarning;
      if (index.manifest.mode === 'hybrid') {
        const loaded = await DocumentQa.tryLoadEmbedder(config, logger, options.showProgress ?? false, 'question');
        embedder = loaded.embedder;
        modelFailure = loaded.failure;
        if (embedder && index.manifest.model && embedder.dimensions !== index.manifest.model.dimensions) {
          logger.warn('The model gives vectors of another size than the index; rebuilding.', {
            model: embedder.dimensions,
            index: index.manifest.model.dimensions,
          });
          rebuildReason = 'the model changed';
        }
      }
      if (!rebuildReason) {
        logger.debug('Index loaded', { folder: index.folder, mode: index.manifest.mode, passages: index.passages.length });
        return new DocumentQa(config, logger, options.showProgress ?? false, { index, embedder, modelFailure });
      }
      await embedder?.dispose();
    }

    logger.info(`Building the index: ${rebuildReason}.`, { docs: config.docsDir });
    const qa = new DocumentQa(config, logger, options.showProgress ?? false, {
      index: index ?? emptyIndex(config),
      embedder: null,
      modelFailure: null,
    });
    await qa.reindex(options.onProgress);
    return qa;
  }

  /** Loads the configured model, or explains why not (once, loudly, when building). */
  private static async tryLoadEmbedder(
    config: AppConfig,
    logger: Logger,
    showProgress: boolean,
    purpose: 'index' | 'question',
  ): Promise<{ embedder: Embedder | null; failure: string | null }> {
    if (isLexicalOnly(config.embeddingModel)) return { embedder: null, failure: null };
    try {
      const embedder = await loadEmbedder({
        model: config.embeddingModel,
        modelDir: config.modelDir,
        offline: config.offline,
        timeoutMs: config.modelLoadTimeoutMs,
        showProgress,
      });
      return { embedder, failure: null };
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      if (config.requireModel) {
        throw new ModelRequiredError(`${error.message} REQUIRE_MODEL is set, so indexing stops here.`);
      }
      const consequence =
        purpose === 'index'
          ? 'Building a LEXICAL-ONLY index: answers match words (BM25), not meaning.'
          : 'Questions are matched by words only (BM25) until the model can be loaded.';
      logger.warn(
        [
          '',
          '!!! ======================================================================',
          `!!! The embedding model could not be loaded: ${error.message}`,
          `!!! ${consequence}`,
          '!!! Set REQUIRE_MODEL=true to make this an error instead.',
          '!!! ======================================================================',
        ].join('\n'),
      );
      return { embedder: null, failure: error.message };
    }
  }

  /** Throws InvalidQuestionError for an empty, too long or wordless question. */
  async ask(question: string): Promise<Answer> {
    const check = validateQuestion(question, this.config.maxQuestionChars);
    if (!check.ok) throw new InvalidQuestionError(check.message, check.reason);
    const index = this.index;
    const embedder = index.vectors ? this.embedder : null;
    let queryVector: Float32Array | null = null;
    if (embedder) {
      try {
        queryVector = await embedder.embedQuery(check.question);
      } catch (error) {
        this.logger.warn('Embedding the question failed; answering from the lexical index alone.', { error });
      }
    }
    return answerQuestion(index, check.question, queryVector, {
      maxExcerpts: this.config.maxExcerpts,
      excerptMaxChars: this.config.excerptMaxChars,
      ...(embedder ? { minSimilarity: embedder.relevantSimilarity } : {}),
    });
  }

  /** One document (by its source path, or a unique prefix/title), or all when undefined. Throws UnknownDocumentError. */
  async summarize(source?: string): Promise<Summary> {
    const index = this.index;
    if (source === undefined || source.trim() === '' || source.trim().toLowerCase() === 'all') {
      return summarizeDocuments(index, []);
    }
    const requested = source.trim();
    const matches = this.matchDocuments(requested);
    if (matches.length !== 1 || !matches[0]) {
      throw new UnknownDocumentError(
        requested,
        index.manifest.documents.map((document) => document.source),
        matches.map((document) => document.source),
      );
    }
    return summarizeDocuments(index, [matches[0].source]);
  }

  /**
   * The documents a name can mean: the one whose source path, file name or title equals it
   * (ignoring case), else every one whose source or title contains it.
   */
  matchDocuments(requested: string): SourceInfo[] {
    const wanted = requested.trim().toLowerCase();
    const documents = this.info().documents;
    const exact = documents.find(
      (document) =>
        document.source.toLowerCase() === wanted ||
        document.title.toLowerCase() === wanted ||
        (document.source.split('/').pop() ?? '').toLowerCase() === wanted,
    );
    if (exact) return [exact];
    return documents.filter((document) => document.source.toLowerCase().includes(wanted) || document.title.toLowerCase().includes(wanted));
  }

  /** Rebuilds from the documents folder. Throws ReindexInProgressError when one already runs. */
  async reindex(onProgress?: (progress: ReindexProgress) => void): Promise<ReindexReport> {
    if (this.rebuilding) throw new ReindexInProgressError();
    this.rebuilding = this.rebuild(onProgress);
    try {
      return await this.rebuilding;
    } finally {
      this.rebuilding = null;
    }
  }

  private async rebuild(onProgress?: (progress: ReindexProgress) => void): Promise<ReindexReport> {
    const started = performance.now();
    if (!this.embedder) {
      const loaded = await DocumentQa.tryLoadEmbedder(this.config, this.logger, this.showProgress, 'index');
      this.embedder = loaded.embedder;
      this.modelFailure = loaded.failure;
    }
    const index = await buildIndex({
      docsDir: this.config.docsDir,
      indexDir: this.config.indexDir,
      embedder: this.embedder,
      requestedModel: this.config.embeddingModel,
      modelWarning: this.modelFailure,
      maxDocumentBytes: this.config.maxDocumentBytes,
      onProgress,
    });
    for (const file of index.manifest.skipped) this.logger.warn(`Skipped ${file.source}: ${file.reason}`);
    this.index = index;
    const report: ReindexReport = {
      documents: index.manifest.counts.documents,
      passages: index.manifest.counts.passages,
      skipped: index.manifest.skipped,
      mode: index.manifest.mode,
      durationMs: Math.round(performance.now() - started),
      ...(index.manifest.modelWarning ? { modelWarning: index.manifest.modelWarning } : {}),
    };
    this.logger.info('Index built', {
      documents: report.documents,
      passages: report.passages,
      skipped: report.skipped.length,
      mode: report.mode,
      ms: report.durationMs,
    });
    return report;
  }

  get reindexing(): boolean {
    return this.rebuilding !== null;
  }

  info(): IndexInfo {
    const { manifest } = this.index;
    return {
      mode: manifest.mode,
      model: manifest.model?.id ?? null,
      modelWarning: this.modelWarning,
      builtAt: manifest.builtAt,
      documents: manifest.documents.map((document) => ({ source: document.source, title: document.title, passages: document.passages })),
      passages: manifest.counts.passages,
      skipped: manifest.skipped,
    };
  }

  /** Why answers use words only although a model is configured, or null. */
  get modelWarning(): string | null {
    return this.index.manifest.mode === 'lexical' || !this.embedder ? this.modelFailure : null;
  }

  /** Releases the model; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.rebuilding?.catch(() => undefined);
    await this.embedder?.dispose();
    this.embedder = null;
  }
}

/** `EMBEDDING_MODEL=none` asks for BM25 alone, on purpose: no model, no warning. */
export function isLexicalOnly(model: string): boolean {
  return model.trim().toLowerCase() === 'none';
}

/** A placeholder state before the first build completes; never searched (open() builds before returning). */
function emptyIndex(config: AppConfig): LoadedIndex {
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
