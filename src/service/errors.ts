/**
 * Every error an adapter can meet, exported from one place, and the one function that turns any of
 * them into the sentence a user sees. The CLI, the terminal chat and the Discord bot all call
 * `explainError`, so a reason reads the same wherever it is shown.
 */
import { ConfigError } from '../config.ts';
import { DocumentsFolderError } from '../documents/load-documents.ts';
import { ModelUnavailableError } from '../embedding/embedder.ts';
import { IndexCorruptError, IndexWriteError } from '../index/index-store.ts';

export { ConfigError, DocumentsFolderError, IndexCorruptError, IndexWriteError, ModelUnavailableError };

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

/** `/reindex` while another rebuild runs. */
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
        ? `"${requested}" fits several documents: ${listNames(candidates)}. Give more of the name.`
        : `There is no document called "${requested}". Known documents: ${listNames(known) || 'none'}.`,
    );
  }
}

/** Names shown in a message: the first ten, and how many more (a corpus can hold thousands). */
function listNames(names: readonly string[], limit = 10): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown}, and ${names.length - limit} more` : shown;
}

/** The model could not be loaded and REQUIRE_MODEL is set. */
export class ModelRequiredError extends Error {
  override name = 'ModelRequiredError';
}

/** The service is shutting down and takes no new work. */
export class ServiceClosedError extends Error {
  override name = 'ServiceClosedError';
  constructor() {
    super('The bot is shutting down and takes no new questions; ask again in a moment.');
  }
}

/** A build was stopped before it finished (shutdown while the index was being built). */
export class BuildCancelledError extends Error {
  override name = 'BuildCancelledError';
  constructor() {
    super('The index build was stopped before it finished; the previous index, if any, is unchanged.');
  }
}

/**
 * What kind of trouble an error is, for exit codes and logs:
 * - `bad-input`: the user can fix the request or the settings (exit code 2);
 * - `unavailable`: something outside the request is in the way (disk, folder, model, a running
 *   rebuild, shutdown); the message says what (exit code 1);
 * - `unexpected`: a bug or an unforeseen failure; the sentence is generic and the details belong in
 *   the log (exit code 1).
 */
export type ErrorKind = 'bad-input' | 'unavailable' | 'unexpected';

export interface ExplainedError {
  kind: ErrorKind;
  /** The sentence a user sees. */
  message: string;
}

/** The sentence for an error nobody foresaw; the details go to the log, not to the user. */
export const UNEXPECTED_ERROR_MESSAGE = 'Something went wrong answering that; the details are in the log. The index is unchanged.';

/** Turns any error into the sentence a user sees, and what kind of trouble it is. */
export function explainError(error: unknown): ExplainedError {
  if (
    error instanceof ConfigError ||
    error instanceof InvalidQuestionError ||
    error instanceof UnknownDocumentError ||
    error instanceof DocumentsFolderError
  ) {
    return { kind: 'bad-input', message: error.message };
  }
  if (
    error instanceof ModelRequiredError ||
    error instanceof IndexWriteError ||
    error instanceof ReindexInProgressError ||
    error instanceof ModelUnavailableError ||
    error instanceof IndexCorruptError ||
    error instanceof ServiceClosedError ||
    error instanceof BuildCancelledError
  ) {
    return { kind: 'unavailable', message: error.message };
  }
  return { kind: 'unexpected', message: UNEXPECTED_ERROR_MESSAGE };
}
