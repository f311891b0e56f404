/**
 * What clients (the main thread's questions, a build worker's passages) and the model thread say
 * over a MessagePort. Requests carry an id; each gets one reply with the same id.
 */
import type { EmbedderOptions } from '../embedding/embedder.ts';
import type { ModelUnavailableReason } from '../embedding/load-errors.ts';

export type ModelRequest =
  | { id: number; op: 'load'; options: EmbedderOptions }
  | { id: number; op: 'passages'; texts: string[] }
  | { id: number; op: 'query'; text: string }
  | { id: number; op: 'dispose' };

export interface LoadedModelInfo {
  modelId: string;
  dimensions: number;
  relevantSimilarity: number;
}

export interface ModelFailure {
  name: string;
  message: string;
  /** Set for a ModelUnavailableError. */
  unavailable?: { model: string; reason: ModelUnavailableReason };
}

export type ModelReply =
  | { id: number; ok: true; info?: LoadedModelInfo; vectors?: Float32Array; dimensions?: number }
  | { id: number; ok: false; failure: ModelFailure };
