/**
 * The policy for a missing model: build a lexical-only index (or match questions by words) and
 * say so once, loudly; or stop, when REQUIRE_MODEL is set. `EMBEDDING_MODEL=none` asks for words
 * alone on purpose: no model, no warning.
 */
import type { AppConfig } from '../config.ts';
import { ModelUnavailableError, type Embedder, type EmbedderOptions } from '../embedding/embedder.ts';
import { ModelRequiredError } from './errors.ts';
import type { ServiceNotice } from './types.ts';

/** `EMBEDDING_MODEL=none` asks for BM25 alone, on purpose: no model, no warning. */
export function isLexicalOnly(model: string): boolean {
  return model.trim().toLowerCase() === 'none';
}

export type ModelSettings = Pick<AppConfig, 'embeddingModel' | 'modelDir' | 'offline' | 'modelLoadTimeoutMs' | 'requireModel'>;

export interface LoadedModel {
  embedder: Embedder | null;
  /** Why there is no embedder although one was asked for, or null. */
  failure: string | null;
  /** The loud warning to give, when the model could not be loaded. */
  notice: ServiceNotice | null;
}

/** Loads a model, throwing ModelUnavailableError when it cannot (`loadEmbedder`, or its model-thread twin). */
export type ModelLoader = (options: EmbedderOptions) => Promise<Embedder>;

/**
 * Loads the configured model for building an index (`index`) or for embedding questions
 * (`question`) with `load`. Throws ModelRequiredError when the model is missing and required.
 */
export async function loadModelOrFallBack(settings: ModelSettings, purpose: 'index' | 'question', load: ModelLoader): Promise<LoadedModel> {
  if (isLexicalOnly(settings.embeddingModel)) return { embedder: null, failure: null, notice: null };
  try {
    const embedder = await load({
      model: settings.embeddingModel,
      modelDir: settings.modelDir,
      offline: settings.offline,
      timeoutMs: settings.modelLoadTimeoutMs,
    });
    return { embedder, failure: null, notice: null };
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    if (settings.requireModel) {
      throw new ModelRequiredError(`${error.message} REQUIRE_MODEL is set, so indexing stops here.`);
    }
    const consequence =
      purpose === 'index'
        ? 'Building a LEXICAL-ONLY index: answers match words (BM25), not meaning. Set REQUIRE_MODEL=true to make this an error instead.'
        : 'Questions are matched by words only (BM25) until the model can be loaded. Set REQUIRE_MODEL=true to make this an error instead.';
    return { embedder: null, failure: error.message, notice: { kind: 'model-unavailable', reason: error.message, consequence } };
  }
}
