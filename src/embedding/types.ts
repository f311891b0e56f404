/** What an embedding model offers the rest of the code, and the options to load one. */

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
}
