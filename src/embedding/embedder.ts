/**
 * Turns text into vectors with a local transformers.js (ONNX) model. The model is either a
 * Hugging Face hub id, downloaded once into `modelDir` and read from there afterwards, or a local
 * folder in the transformers.js layout (`config.json`, `tokenizer.json`, `tokenizer_config.json`,
 * `onnx/model_quantized.onnx` or `onnx/model.onnx`).
 *
 * Where the model comes from is `model-source.ts`, the runtime and its failures `runtime.ts` and
 * `load-errors.ts`. Progress is reported through callbacks; drawing it is the caller's business.
 */
import { ModelUnavailableError, withTimeout } from './load-errors.ts';
import { locateModel } from './model-source.ts';
import { formatPassage, formatQuery, resolveModelPreset, type ResolvedPreset } from './presets.ts';
import { createExtractor, explainLoadError, importTransformers, maxTokens, serialised, type FeatureExtractor } from './runtime.ts';
import type { Embedder, EmbedderOptions } from './types.ts';

export { ModelUnavailableError, type ModelUnavailableReason } from './load-errors.ts';
export type { Embedder, EmbedderOptions } from './types.ts';

const DEFAULT_BATCH_SIZE = 32;

/**
 * Texts are cut to this many characters per allowed token before tokenising (after folding
 * whitespace): far more than the model reads, but it bounds the tokeniser's work on huge inputs.
 */
const CHARS_PER_TOKEN_BOUND = 32;

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
    for (let start = 0; start < total; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((text) => formatPassage(this.preset, text));
      vectors.push(...(await this.embed(batch)));
      onProgress?.(vectors.length, total);
      // The model runs synchronously inside its promise: let timers and messages run between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
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
      tokenLimit,
    );
  } catch (error) {
    // A load that finishes after the timeout must not keep its session alive.
    if (extractor !== undefined) void extractor.dispose().catch(() => undefined);
    else void loading.then((late) => late.dispose()).catch(() => undefined);
    throw explainLoadError(error, source, options);
  }
}
