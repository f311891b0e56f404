/**
 * Turns text into vectors with a local transformers.js (ONNX) model. The model is either a
 * Hugging Face hub id, downloaded once into `modelDir` and read from there afterwards, or a local
 * folder in the transformers.js layout (`config.json`, `tokenizer.json`, `tokenizer_config.json`,
 * `onnx/model_quantized.onnx` or `onnx/model.onnx`).
 *
 * transformers.js is imported lazily, on the first `loadEmbedder` call, so runs that never embed
 * (lexical-only indexes, tests of other parts) do not pay its start-up cost. Every way a model can
 * fail to load (offline, host unreachable, timeout, not found, broken files) becomes a
 * `ModelUnavailableError` whose message says what to do.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { formatPassage, formatQuery, resolveModelPreset, type Pooling, type ResolvedPreset } from './presets.ts';

export interface Embedder {
  /** The model as configured (hub id or folder). */
  readonly modelId: string;
  /** Length of every vector. */
  readonly dimensions: number;
  /** Cosine similarity from which a passage counts as on topic by meaning alone (from the model's preset). */
  readonly relevantSimilarity: number;
  /** Vectors are L2-normalised Float32Arrays, one per text, same order. */
  embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /** The vector of a question, with the model's query prefix applied. */
  embedQuery(text: string): Promise<Float32Array>;
  /** Frees the ONNX session; the embedder cannot be used afterwards. */
  dispose(): Promise<void>;
}

export interface EmbedderOptions {
  /** A Hugging Face model id (e.g. `Xenova/all-MiniLM-L6-v2`) or a local model folder. */
  model: string;
  /**
   * Cache dir (`env.cacheDir`) and local model root: hub models are downloaded to, and looked up
   * in, `<modelDir>/<model id>/`, so files put there by hand work offline.
   */
  modelDir: string;
  /** Never download: only `modelDir` and local folders are used. */
  offline: boolean;
  /** Bounded wait, in milliseconds, for download + load + the first embedding. */
  timeoutMs: number;
  /** Texts embedded per model call in `embedPassages`. Default: 32. */
  batchSize?: number;
  /**
   * Draw a cli-progress bar on stderr when it is a TTY and there are many texts (more than
   * `PROGRESS_BAR_MIN_TEXTS`). Default: true.
   */
  showProgress?: boolean;
}

/** Why a model could not be loaded. */
export type ModelUnavailableReason = 'offline' | 'unreachable' | 'timeout' | 'not-found' | 'broken';

/**
 * The embedding model cannot be used. The message names the model, says why and how to fix it;
 * `reason` tells callers (e.g. to fall back to a lexical-only index) and `cause` keeps the original
 * error.
 */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
  constructor(
    readonly model: string,
    readonly reason: ModelUnavailableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Embedding model "${model}" is unavailable: ${detail} ${FIXES[reason]}`, options);
  }
}

const FIXES: Record<ModelUnavailableReason, string> = {
  offline:
    'To fix: connect to the internet once without OFFLINE so the model is downloaded into MODEL_DIR, ' +
    'or put its files under MODEL_DIR/<model id>/, or set EMBEDDING_MODEL to a local model folder.',
  unreachable:
    'To fix: check the internet connection (or proxy) and try again so the model can be downloaded once, ' +
    'or put its files under MODEL_DIR/<model id>/, or set EMBEDDING_MODEL to a local model folder.',
  timeout:
    'To fix: try again on a faster connection, raise MODEL_LOAD_TIMEOUT_MS, ' +
    'or put the model files under MODEL_DIR/<model id>/ or set EMBEDDING_MODEL to a local model folder.',
  'not-found':
    'To fix: check EMBEDDING_MODEL: it must be a transformers.js model id with ONNX weights (such as Xenova/all-MiniLM-L6-v2) ' +
    'or an existing local model folder.',
  broken:
    'To fix: delete the model folder under MODEL_DIR so it is downloaded again, or point EMBEDDING_MODEL at a complete model folder ' +
    '(config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx or onnx/model.onnx).',
};

/** `embedPassages` draws a progress bar (on a TTY) from this many texts up. */
export const PROGRESS_BAR_MIN_TEXTS = 256;

const DEFAULT_BATCH_SIZE = 32;

/** Used when a model declares no usable input length. */
const FALLBACK_MAX_TOKENS = 512;

/**
 * Texts are cut to this many characters per allowed token before tokenising (after folding
 * whitespace): far more than the model reads, but it bounds the tokeniser's work on huge inputs.
 */
const CHARS_PER_TOKEN_BOUND = 32;

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
const QUANTIZED_ONNX = path.join('onnx', 'model_quantized.onnx');
const FULL_ONNX = path.join('onnx', 'model.onnx');

// --- The part of transformers.js 2.17 used here (its shipped types are mostly `any`). ---

interface FeatureTensor {
  readonly data: ArrayLike<number>;
  readonly dims: readonly number[];
}

interface FeatureExtractor {
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

function importTransformers(): Promise<TransformersModule> {
  transformersModule ??= import('@xenova/transformers').then((module) => module as unknown as TransformersModule);
  return transformersModule;
}

/**
 * transformers.js keeps its settings in one global `env`: loads take turns setting it. A turn ends
 * when the load settles or after `maxHoldMs`, so a download that hangs past its caller's timeout
 * does not block later loads.
 */
let loadQueue: Promise<void> = Promise.resolve();

function serialised<T>(task: () => Promise<T>, maxHoldMs: number): Promise<T> {
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

// --- Where the model comes from. ---

type ModelSource =
  | { kind: 'folder'; dir: string; quantized: boolean }
  | { kind: 'hub'; id: string; cachedDir: string; quantized: boolean | undefined };

const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

function looksLikePath(model: string): boolean {
  return path.isAbsolute(model) || /^(\.{1,2}|~)([\\/]|$)/.test(model) || model.includes('\\');
}

/** Which ONNX file a folder offers: quantized first, like transformers.js; undefined if neither. */
function onnxChoice(dir: string): boolean | undefined {
  if (existsSync(path.join(dir, QUANTIZED_ONNX))) return true;
  if (existsSync(path.join(dir, FULL_ONNX))) return false;
  return undefined;
}

function missingFiles(dir: string): string[] {
  const missing: string[] = REQUIRED_FILES.filter((file) => !existsSync(path.join(dir, file)));
  if (onnxChoice(dir) === undefined) missing.push(`${QUANTIZED_ONNX} (or ${FULL_ONNX})`);
  return missing;
}

function locateModel(options: EmbedderOptions): ModelSource {
  const { model, modelDir, offline } = options;
  const asFolder = path.resolve(model);
  if (isDirectory(asFolder)) {
    const missing = missingFiles(asFolder);
    if (missing.length > 0) {
      throw new ModelUnavailableError(model, 'broken', `the folder ${asFolder} lacks ${missing.join(', ')}.`);
    }
    return { kind: 'folder', dir: asFolder, quantized: onnxChoice(asFolder) ?? true };
  }
  if (looksLikePath(model) || !HUB_ID.test(model)) {
    throw new ModelUnavailableError(model, 'not-found', `there is no model folder at ${asFolder}.`);
  }
  const cachedDir = path.join(modelDir, ...model.split('/'));
  const missing = missingFiles(cachedDir);
  if (offline && missing.length > 0) {
    throw new ModelUnavailableError(
      model,
      'offline',
      `offline mode is on and ${cachedDir} lacks ${missing.join(', ')}.`,
    );
  }
  return { kind: 'hub', id: model, cachedDir, quantized: onnxChoice(cachedDir) };
}

// --- Loading, bounded in time, with errors explained. ---

class LoadTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoadTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The first error in the `cause` chain with a string `code` (undici hides DNS errors there). */
function codedCause(error: unknown): { code: string; message: string } | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: current.message };
    current = current.cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps whatever transformers.js or onnxruntime threw to a `ModelUnavailableError`. */
function explainLoadError(error: unknown, source: ModelSource, options: EmbedderOptions): ModelUnavailableError {
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

async function createExtractor(
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
function maxTokens(extractor: FeatureExtractor): number {
  const declared = extractor.tokenizer.model_max_length;
  const positions = extractor.model.config?.max_position_embeddings;
  const candidates = [declared, positions].filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 2,
  );
  // Some exports declare a huge `model_max_length` (1e30): the position table is the real limit.
  return candidates.length > 0 ? Math.min(...candidates) : FALLBACK_MAX_TOKENS;
}

// --- The embedder. ---

/** Copies row `row` of a `[rows, dimensions]` tensor and L2-normalises it (zeros stay zeros). */
function normalisedRow(data: ArrayLike<number>, row: number, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let d = 0; d < dimensions; d++) {
    const value = Number(data[row * dimensions + d] ?? 0);
    vector[d] = value;
    norm += value * value;
  }
  norm = Math.sqrt(norm);
  if (Number.isFinite(norm) && norm > 0 && Math.abs(norm - 1) > 1e-6) {
    for (let d = 0; d < dimensions; d++) vector[d] = (vector[d] ?? 0) / norm;
  } else if (!Number.isFinite(norm)) {
    vector.fill(0);
  }
  return vector;
}

class TransformersEmbedder implements Embedder {
  private disposed = false;
  private readonly maxChars: number;

  constructor(
    readonly modelId: string,
    readonly dimensions: number,
    private readonly extractor: FeatureExtractor,
    private readonly preset: ResolvedPreset,
    private readonly batchSize: number,
    private readonly showProgress: boolean,
    tokenLimit: number,
  ) {
    this.maxChars = tokenLimit * CHARS_PER_TOKEN_BOUND;
  }

  get relevantSimilarity(): number {
    return this.preset.relevantSimilarity;
  }

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const total = texts.length;
    const vectors: Float32Array[] = [];
    if (total === 0) return vectors;
    const bar =
      this.showProgress && process.stderr.isTTY === true && total >= PROGRESS_BAR_MIN_TEXTS
        ? new cliProgress.SingleBar(
            { stream: process.stderr, format: 'Embedding {bar} {value}/{total} passages | {eta_formatted} left', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    bar?.start(total, 0);
    try {
      for (let start = 0; start < total; start += this.batchSize) {
        const batch = texts.slice(start, start + this.batchSize).map((text) => formatPassage(this.preset, text));
        vectors.push(...(await this.embed(batch)));
        bar?.update(vectors.length);
        onProgress?.(vectors.length, total);
        // The model runs synchronously inside its promise: let timers and sockets (a Discord
        // heartbeat, an interaction to acknowledge) run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      bar?.stop();
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.embed([formatQuery(this.preset, text)]);
    if (vector === undefined) throw new Error(`Embedding model "${this.modelId}" returned no vector for the query.`);
    return vector;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.extractor.dispose();
  }

  /** Runs one batch: whitespace folded, cut to a bounded length, then the model's own truncation. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error(`Embedding model "${this.modelId}" was disposed; load it again to embed.`);
    const inputs = texts.map((text) => text.replace(/\s+/g, ' ').trim().slice(0, this.maxChars));
    const output = await this.extractor(inputs, { pooling: this.preset.pooling, normalize: this.preset.normalize });
    const dimensions = output.dims[output.dims.length - 1] ?? 0;
    if (output.dims.length !== 2 || output.dims[0] !== inputs.length || dimensions <= 0) {
      throw new Error(
        `Embedding model "${this.modelId}" returned a tensor of shape [${output.dims.join(', ')}] for ${inputs.length} texts; expected [${inputs.length}, dimensions].`,
      );
    }
    return inputs.map((_, row) => normalisedRow(output.data, row, dimensions));
  }
}

/**
 * Loads the model (downloading it into `modelDir` first when allowed and needed), checks it with
 * one probe embedding, and returns an `Embedder`. Everything happens within `timeoutMs`. Throws
 * `ModelUnavailableError` when the model cannot be used, and `RangeError` for bad options.
 */
export async function loadEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive whole number, got ${batchSize}.`);
  }
  if (!(options.timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${options.timeoutMs}.`);
  if (options.model.trim() === '') {
    throw new ModelUnavailableError(options.model, 'not-found', 'no model was named.');
  }

  const source = locateModel(options);
  const preset = resolveModelPreset(options.model);
  const started = Date.now();

  let extractor: FeatureExtractor | undefined;
  const loading = serialised(async () => {
    const transformers = await importTransformers();
    return createExtractor(transformers, source, options);
  }, options.timeoutMs);
  try {
    extractor = await withTimeout(loading, options.timeoutMs);
    const remaining = Math.max(1, options.timeoutMs - (Date.now() - started));
    const tokenLimit = maxTokens(extractor);
    // Make the pipeline's built-in truncation (always on in 2.17) cut at a length the model accepts.
    extractor.tokenizer.model_max_length = tokenLimit;
    const probe = await withTimeout(extractor(['dimension probe'], { pooling: preset.pooling, normalize: true }), remaining);
    const dimensions = probe.dims[probe.dims.length - 1] ?? 0;
    if (probe.dims.length !== 2 || dimensions <= 0) {
      throw new Error(`the model returned a tensor of shape [${probe.dims.join(', ')}] instead of [1, dimensions]`);
    }
    return new TransformersEmbedder(
      options.model,
      dimensions,
      extractor,
      preset,
      batchSize,
      options.showProgress ?? true,
      tokenLimit,
    );
  } catch (error) {
    // A load that finishes after the timeout must not keep its session alive.
    if (extractor !== undefined) void extractor.dispose().catch(() => undefined);
    else void loading.then((late) => late.dispose()).catch(() => undefined);
    throw explainLoadError(error, source, options);
  }
}
