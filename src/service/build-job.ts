/**
 * What the main thread and the build worker say to each other: the job, then progress, notices and
 * one result. Everything here is plain data (structured-clone safe); errors cross as their name,
 * message and code and are rebuilt on the main thread as the same classes.
 */
import type { MessagePort } from 'node:worker_threads';
import { DocumentsFolderError } from '../documents/load-documents.ts';
import type { BuildProgress } from '../index/index-store.ts';
import { IndexWriteError } from '../index/index-store.ts';
import type { IndexManifest } from '../index/manifest.ts';
import type { SummaryOptions } from '../search/summarize.ts';
import { ModelRequiredError } from './errors.ts';
import type { ModelSettings } from './model-fallback.ts';
import type { ServiceNotice } from './types.ts';

export interface BuildJob {
  docsDir: string;
  maxDocumentBytes: number;
  model: ModelSettings;
  summaryOptions: Partial<SummaryOptions>;
  /** A connection to the model thread (transferred), or null for a lexical-only build. */
  modelPort: MessagePort | null;
  /** Where to write the vectors graph (in the build folder, or a temporary file when the index folder cannot be written). */
  vectorsFile: string;
}

export interface BuiltMessage {
  kind: 'built';
  /** The manifest, the vectors' checksum included. */
  manifest: IndexManifest;
  /** The data files, their buffers transferred (not copied). */
  files: [string, Uint8Array][];
  /** The vectors file written, or null for a lexical-only index. */
  vectorsFile: string | null;
  /** The thread that did the work: not the main thread's 0. */
  threadId: number;
}

export interface TransferredError {
  name: string;
  message: string;
  code?: string;
}

export type WorkerMessage =
  | { kind: 'progress'; progress: BuildProgress }
  | { kind: 'notice'; notice: ServiceNotice }
  | BuiltMessage
  | { kind: 'failed'; error: TransferredError };

export function transferError(error: unknown): TransferredError {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/** The error as the main thread knows it: the service's own classes where the name says so. */
export function restoreError(error: TransferredError): Error {
  switch (error.name) {
    case 'ModelRequiredError':
      return new ModelRequiredError(error.message);
    case 'DocumentsFolderError':
      return new DocumentsFolderError(error.message);
    case 'IndexWriteError':
      return new IndexWriteError(error.message, error.code);
    default: {
      const restored = new Error(error.message);
      restored.name = error.name;
      return restored;
    }
  }
}
