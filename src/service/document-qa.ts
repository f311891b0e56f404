/**
 * The core as one object for every adapter (CLI, terminal chat, Discord, benchmarks): it owns the
 * loaded index and the embedding model, answers questions, summarises documents and rebuilds the
 * index. The policies live in their own files: opening an index (`open-index.ts`), the missing
 * model (`model-fallback.ts`), document names (`document-names.ts`), errors (`errors.ts`).
 */
import type { AppConfig } from '../config.ts';
import type { Embedder } from '../embedding/embedder.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import type { IndexFileSystem } from '../index/index-write.ts';
import { silentLogger, type Logger } from '../logging.ts';
import { answerQuestion } from '../search/answer.ts';
import { validateQuestion } from '../search/question.ts';
import { classifyMessage } from '../search/conversation.ts';
import type { Answer, Summary } from '../search/types.ts';
import { noDocumentsMessage } from '../documents/load-documents.ts';
import { conversationAnswer } from './conversation-reply.ts';
import { matchDocuments, resolveDocument } from './document-names.ts';
import { InvalidQuestionError, ReindexInProgressError, ServiceClosedError } from './errors.ts';
import { InFlight } from './in-flight.ts';
import { loadModelOrFallBack } from './model-fallback.ts';
import { loadModelOnModelThread } from './model-host.ts';
import { noticeText } from './notices.ts';
import { emptyIndex, openIndex } from './open-index.ts';
import { rebuildIndex } from './rebuild-index.ts';
import { storedSummary } from './summaries.ts';
import type { DocumentQaOptions, IndexInfo, ReindexProgress, ReindexReport, ServiceNotice, SourceInfo } from './types.ts';

export * from './errors.ts';
export * from './types.ts';
export { isLexicalOnly } from './model-fallback.ts';
export { noticeHeadline, noticeText } from './notices.ts';
export { matchDocuments, meansAllDocuments, resolveDocument } from './document-names.ts';

/**
 * The core as one object: it owns the loaded index and the embedding model, answers questions,
 * summarises documents and rebuilds the index. Questions asked during a rebuild are answered from
 * the previous index; the new one is swapped in when it is complete.
 */
export class DocumentQa {
  private index: LoadedIndex;
  private embedder: Embedder | null;
  private modelFailure: string | null;
  /** The one guard against concurrent rebuilds: set synchronously when a rebuild is accepted. */
  private rebuilding: Promise<ReindexReport> | null = null;
  private closed = false;
  private readonly noticesGiven = new Set<string>();
  private sources: SourceInfo[] | null = null;
  /** Why the index in use is not saved on disk, or null. */
  private indexFailure: string | null = null;
  /** Questions being answered, so that shutdown can let them finish. */
  private readonly inFlight = new InFlight();
  private accepting = true;

  private constructor(
    private readonly config: AppConfig,
    private readonly logger: Logger,
    private readonly onNotice: ((notice: ServiceNotice) => void) | undefined,
    private readonly fileSystem: IndexFileSystem | undefined,
    state: { index: LoadedIndex; embedder: Embedder | null; modelFailure: string | null },
  ) {
    this.index = state.index;
    this.embedder = state.embedder;
    this.modelFailure = state.modelFailure;
  }

  /** Loads the index from `config.indexDir`, building it first when missing, corrupt or stale. */
  static async open(config: AppConfig, options: DocumentQaOptions = {}): Promise<DocumentQa> {
    const logger = options.logger ?? silentLogger;
    const opened = await openIndex(config, logger, options.forceRebuild ?? false);
    let rebuildReason = opened.rebuildReason;
    const qa = new DocumentQa(config, logger, options.onNotice, options.fileSystem, {
      index: opened.index ?? emptyIndex(config),
      embedder: null,
      modelFailure: opened.index?.manifest.modelWarning ?? null,
    });

    if (opened.index && !rebuildReason && opened.index.manifest.mode === 'hybrid') {
      // A hybrid index needs its model to embed questions; without it, questions are matched by words.
      const loaded = await loadModelOrFallBack(config, 'question', loadModelOnModelThread);
      qa.embedder = loaded.embedder;
      qa.modelFailure = loaded.failure;
      if (loaded.notice) qa.notify(loaded.notice);
      const dimensions = opened.index.manifest.model?.dimensions;
      if (loaded.embedder && dimensions !== undefined && loaded.embedder.dimensions !== dimensions) {
        logger.warn('The model gives vectors of another size than the index; rebuilding.', { model: loaded.embedder.dimensions, index: dimensions });
        rebuildReason = 'the model changed';
      }
    }
    if (!rebuildReason) {
      logger.debug('Index loaded', { folder: qa.index.folder, mode: qa.index.manifest.mode, passages: qa.index.passages.length });
      return qa;
    }
    logger.info(`Building the index: ${rebuildReason}.`, { docs: config.docsDir });
    await qa.runRebuild(options.onProgress, options.signal);
    return qa;
  }

  /** Gives a loud warning once per kind and reason: to the adapter's handler, or to the log. */
  private notify(notice: ServiceNotice): void {
    const key = `${notice.kind}:${notice.reason}`;
    if (this.noticesGiven.has(key)) return;
    this.noticesGiven.add(key);
    if (this.onNotice) this.onNotice(notice);
    else this.logger.warn(noticeText(notice));
  }

  /**
   * Answers a question from the index in use, or replies to conversation (`Answer.conversation`
   * set). Throws InvalidQuestionError for an empty, too long or wordless question, and
   * ServiceClosedError once shutdown has begun.
   */
  ask(question: string): Promise<Answer> {
    if (!this.accepting) return Promise.reject(new ServiceClosedError());
    return this.inFlight.track(this.answer(question));
  }

  private async answer(question: string): Promise<Answer> {
    const check = validateQuestion(question, this.config.maxQuestionChars);
    if (!check.ok) throw new InvalidQuestionError(check.message, check.reason);
    // Greetings, thanks, "help"... get a short reply about what the documents cover, not a search.
    const intent = classifyMessage(check.question);
    if (intent !== 'question') return conversationAnswer(check.question, intent, this.info().mode, this.info().documents);
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
      docsBaseUrl: this.config.docsBaseUrl,
      ...(embedder ? { minSimilarity: embedder.relevantSimilarity } : {}),
    });
  }

  /** One document (by its source path, or a unique prefix/title), or all when undefined. Throws UnknownDocumentError. */
  async summarize(source?: string): Promise<Summary> {
    if (!this.accepting) throw new ServiceClosedError();
    const document = resolveDocument(this.info().documents, source);
    // Computed when the index was built: a lookup, whatever the size of the corpus.
    return storedSummary(this.index, document?.source);
  }

  /**
   * The documents a name can mean: the one whose source path, file name or title equals it
   * (ignoring case), else every one whose source or title contains it.
   */
  matchDocuments(requested: string): SourceInfo[] {
    return matchDocuments(this.info().documents, requested);
  }

  /**
   * Rebuilds from the documents folder. The rebuild is claimed synchronously, before the returned
   * promise settles, so a second call in the same tick is refused too: it rejects with
   * ReindexInProgressError.
   */
  reindex(onProgress?: (progress: ReindexProgress) => void): Promise<ReindexReport> {
    return this.runRebuild(onProgress);
  }

  private runRebuild(onProgress?: (progress: ReindexProgress) => void, signal?: AbortSignal): Promise<ReindexReport> {
    if (this.rebuilding) return Promise.reject(new ReindexInProgressError());
    const rebuilding = this.rebuild(onProgress, signal).finally(() => {
      this.rebuilding = null;
    });
    this.rebuilding = rebuilding;
    return rebuilding;
  }

  private async rebuild(onProgress?: (progress: ReindexProgress) => void, signal?: AbortSignal): Promise<ReindexReport> {
    const started = performance.now();
    const outcome = await rebuildIndex(this.config, {
      logger: this.logger,
      signal,
      onProgress,
      onNotice: (notice) => this.notify(notice),
      fileSystem: this.fileSystem,
    });
    const { index } = outcome;
    for (const file of index.manifest.skipped) this.logger.warn(`Skipped ${file.source}: ${file.reason}`);
    this.modelFailure = index.manifest.modelWarning;
    if (index.manifest.mode === 'hybrid' && !this.embedder) {
      // Questions need the model too; the build's copy lived on the worker.
      const loaded = await loadModelOrFallBack(this.config, 'question', loadModelOnModelThread);
      this.embedder = loaded.embedder;
      this.modelFailure = loaded.failure;
      if (loaded.notice) this.notify(loaded.notice);
    }
    if (index.manifest.counts.documents === 0) this.logger.warn(noDocumentsMessage(this.config.docsDir));
    this.indexFailure = outcome.writeFailure?.message ?? null;
    if (outcome.writeFailure) {
      this.notify({
        kind: 'index-not-saved',
        reason: outcome.writeFailure.message,
        consequence: 'Questions are answered from a new index kept in memory only; it is built again at the next start.',
      });
    }
    this.swapIn(index);
    const report: ReindexReport = {
      documents: index.manifest.counts.documents,
      passages: index.manifest.counts.passages,
      skipped: index.manifest.skipped,
      mode: index.manifest.mode,
      durationMs: Math.round(performance.now() - started),
      builtOnThread: outcome.builtOnThread,
      ...(index.manifest.modelWarning ? { modelWarning: index.manifest.modelWarning } : {}),
      ...(this.indexFailure ? { indexWarning: this.indexFailure } : {}),
    };
    this.logger.info('Index built', {
      documents: report.documents,
      passages: report.passages,
      skipped: report.skipped.length,
      mode: report.mode,
      ms: report.durationMs,
      saved: !outcome.writeFailure,
    });
    return report;
  }

  private swapIn(index: LoadedIndex): void {
    this.index = index;
    this.sources = null;
  }

  get reindexing(): boolean {
    return this.rebuilding !== null;
  }

  info(): IndexInfo {
    const { manifest } = this.index;
    this.sources ??= manifest.documents.map((document) => ({ source: document.source, title: document.title, passages: document.passages }));
    return {
      mode: manifest.mode,
      model: manifest.model?.id ?? null,
      modelWarning: this.modelWarning,
      indexWarning: this.indexFailure,
      builtAt: manifest.builtAt,
      documents: this.sources,
      passages: manifest.counts.passages,
      skipped: manifest.skipped,
    };
  }

  /** Why answers use words only although a model is configured, or null. */
  get modelWarning(): string | null {
    return this.index.manifest.mode === 'lexical' || !this.embedder ? this.modelFailure : null;
  }

  /** Why the index in use is not saved on disk (it is kept in memory), or null. */
  get indexWarning(): string | null {
    return this.indexFailure;
  }

  /**
   * Stops taking new questions (they get ServiceClosedError) and waits for those being answered,
   * at most `timeoutMs`. Resolves to the number still unanswered when the wait ended.
   */
  async drain(timeoutMs: number): Promise<number> {
    this.accepting = false;
    return this.inFlight.settle(timeoutMs);
  }

  /** Waits for a running rebuild, then releases the model; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.accepting = false;
    await this.rebuilding?.catch(() => undefined);
    await this.embedder?.dispose();
    this.embedder = null;
  }
}
