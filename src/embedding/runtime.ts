/**
 * The transformers.js runtime: imported lazily (runs that never embed do not pay its start-up
 * cost), configured per load (its settings are one global `env`, so loads take turns), and every
 * load failure explained as a `ModelUnavailableError`.
 */
import path from 'node:path';
import { codedCause, LoadTimeout, messageOf, ModelUnavailableError, NETWORK_CODES } from './load-errors.ts';
import { FULL_ONNX, QUANTIZED_ONNX, type ModelSource } from './model-source.ts';
import type { Pooling } from './presets.ts';
import type { EmbedderOptions } from './types.ts';

/** Used when a model declares no usable input length. */
const FALLBACK_MAX_TOKENS = 512;

// --- The part of transformers.js 2.17 used here (its shipped types are mostly `any`). ---

export interface FeatureTensor {
  readonly data: ArrayLike<number>;
  readonly dims: readonly number[];
}

export interface FeatureExtractor {
  (texts: string | string[], options: { pooling: Pooling; normalize: boolean }): Promise<FeatureTensor>;
  tokenizer: { model_max_length?: unknown };
  model: { config?: { max_position_embeddings?: unknown } };
  dispose(): Promise<void>;
}

interface PretrainedOptions {
  quantized: boolean;
  local_files_only: boolean;
  cache_dir: string | null;
}

interface TransformersModule {
  env: {
    allowLocalModels: boolean;
    allowRemoteModels: boolean;
    localModelPath: string;
    cacheDir: string | null;
    useFSCache: boolean;
  };
  pipeline(task: 'feature-extraction', model: string, options: PretrainedOptions): Promise<FeatureExtractor>;
}

let transformersModule: Promise<TransformersModule> | undefined;

export function importTransformers(): Promise<TransformersModule> {
  transformersModule ??= import('@xenova/transformers').then((module) => module as unknown as TransformersModule);
  return transformersModule;
}

/**
 * transformers.js keeps its settings in one global `env`: loads take turns setting it. A turn ends
 * when the load settles or after `maxHoldMs`, so a download that hangs past its caller's timeout
 * does not block later loads.
 */
let loadQueue: Promise<void> = Promise.resolve();

export function serialised<T>(task: () => Promise<T>, maxHoldMs: number): Promise<T> {
  const run = loadQueue.then(task);
  let timer: NodeJS.Timeout | undefined;
  const turnOver = Promise.race([
    run.then(
      () => undefined,
      () => undefined,
    ),
    loadQueue.then(() => new Promise<void>((resolve) => (timer = setTimeout(resolve, maxHoldMs)))),
  ]).finally(() => clearTimeout(timer));
  loadQueue = turnOver;
  return run;
}

/** Maps whatever transformers.js or onnxruntime threw to a `ModelUnavailableError`. */
export function explainLoadError(error: unknown, source: ModelSource, options: EmbedderOptions): ModelUnavailableError {
  const { model } = options;
  if (error instanceof ModelUnavailableError) return error;
  if (error instanceof LoadTimeout) {
    return new ModelUnavailableError(
      model,
      'timeout',
      `loading did not finish within ${options.timeoutMs} ms${source.kind === 'hub' && !options.offline ? ' (a first download can be slow)' : ''}.`,
    );
  }
  const message = messageOf(error);
  const coded = codedCause(error);
  if ((coded !== undefined && NETWORK_CODES.has(coded.code)) || /fetch failed/i.test(message)) {
    return new ModelUnavailableError(
      model,
      'unreachable',
      `the model host could not be reached (${coded?.message ?? message}).`,
      { cause: error },
    );
  }
  if (/Could not locate file|Unauthorized access|Forbidden access/.test(message)) {
    return new ModelUnavailableError(
      model,
      'not-found',
      `the hub has no such model, or it is private or lacks ONNX weights (${message}).`,
      { cause: error },
    );
  }
  if (/allowRemoteModels=false|local_files_only=true/.test(message)) {
    return source.kind === 'hub'
      ? new ModelUnavailableError(model, 'offline', `offline mode is on and a file is missing (${message}).`, { cause: error })
      : new ModelUnavailableError(model, 'broken', `a file is missing (${message}).`, { cause: error });
  }
  const dir = source.kind === 'folder' ? source.dir : source.cachedDir;
  if (error instanceof SyntaxError) {
    return new ModelUnavailableError(
      model,
      'broken',
      `a JSON file in ${dir} (config.json, tokenizer.json or tokenizer_config.json) is damaged (${message}).`,
      { cause: error },
    );
  }
  if (/create a session|protobuf|Load model|onnx/i.test(message)) {
    const file = source.quantized === false ? FULL_ONNX : QUANTIZED_ONNX;
    return new ModelUnavailableError(
      model,
      'broken',
      `the ONNX runtime could not load ${path.join(dir, file)} (${message}).`,
      { cause: error },
    );
  }
  return new ModelUnavailableError(model, 'broken', `its files could not be loaded (${message}).`, { cause: error });
}

function configureEnvironment(transformers: TransformersModule, source: ModelSource, options: EmbedderOptions): string {
  const { env } = transformers;
  env.allowLocalModels = true;
  if (source.kind === 'folder') {
    // Read the folder itself and nothing else: no hub, no cache that could shadow its files.
    env.localModelPath = path.dirname(source.dir);
    env.allowRemoteModels = false;
    env.useFSCache = false;
    return path.basename(source.dir);
  }
  env.cacheDir = options.modelDir;
  env.localModelPath = options.modelDir;
  env.allowRemoteModels = !options.offline;
  env.useFSCache = true;
  return source.id;
}

export async function createExtractor(
  transformers: TransformersModule,
  source: ModelSource,
  options: EmbedderOptions,
): Promise<FeatureExtractor> {
  const name = configureEnvironment(transformers, source, options);
  const load = (quantized: boolean) =>
    transformers.pipeline('feature-extraction', name, {
      quantized,
      local_files_only: source.kind === 'folder' || options.offline,
      cache_dir: source.kind === 'folder' ? null : options.modelDir,
    });
  if (source.quantized !== undefined) return load(source.quantized);
  try {
    return await load(true);
  } catch (error) {
    // Some hub repositories only publish the full-precision onnx/model.onnx.
    if (/Could not locate file.*model_quantized\.onnx/.test(messageOf(error))) return load(false);
    throw error;
  }
}

/** The input length the model really accepts, so long texts are truncated instead of crashing. */
export function maxTokens(extractor: FeatureExtractor): number {
  const declared = extractor.tokenizer.model_max_length;
  const positions = extractor.model.config?.max_position_embeddings;
  const candidates = [declared, positions].filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 2,
  );
  // Some exports declare a huge `model_max_length` (1e30): the position table is the real limit.
  return candidates.length > 0 ? Math.min(...candidates) : FALLBACK_MAX_TOKENS;
}
