/**
 * An `Embedder` whose model runs on the model thread (`model-thread.ts`), reached over a
 * MessagePort. Passages go in batches, so questions from other clients take turns with them.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Embedder, EmbedderOptions } from '../embedding/embedder.ts';
import { ModelUnavailableError } from '../embedding/load-errors.ts';
import type { LoadedModelInfo, ModelFailure, ModelReply, ModelRequest } from './model-protocol.ts';

/** Texts per request while embedding passages: small enough that a question waits little behind one. */
const PASSAGES_PER_REQUEST = 32;

type RequestBody = ModelRequest extends infer R ? (R extends ModelRequest ? Omit<R, 'id'> : never) : never;

function restore(failure: ModelFailure): Error {
  if (failure.unavailable) return ModelUnavailableError.restore(failure.unavailable.model, failure.unavailable.reason, failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

function rows(flat: Float32Array, dimensions: number): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let start = 0; dimensions > 0 && start < flat.length; start += dimensions) vectors.push(flat.slice(start, start + dimensions));
  return vectors;
}

export class RemoteEmbedder implements Embedder {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ModelReply) => void>();
  private disposed = false;

  private constructor(
    private readonly port: MessagePort,
    readonly modelId: string,
    readonly dimensions: number,
    readonly relevantSimilarity: number,
  ) {}

  /**
   * Loads the model on the model thread, over `port` (which this embedder then owns). Throws
   * ModelUnavailableError as `loadEmbedder` does.
   */
  static async connect(port: MessagePort, options: EmbedderOptions): Promise<RemoteEmbedder> {
    const probe = new RemoteEmbedder(port, options.model, 0, 0);
    probe.listen();
    let info: LoadedModelInfo | undefined;
    try {
      info = (await probe.request({ op: 'load', options })).info;
    } catch (error) {
      port.close();
      throw error;
    }
    if (!info) throw new Error('The model thread answered a load without the model.');
    const embedder = new RemoteEmbedder(port, info.modelId, info.dimensions, info.relevantSimilarity);
    embedder.nextId = probe.nextId;
    port.removeAllListeners('message');
    embedder.listen();
    return embedder;
  }

  private listen(): void {
    this.port.on('message', (reply: ModelReply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle connection must not keep the process alive; one awaiting a reply must.
      if (this.pending.size === 0) this.port.unref();
      settle?.(reply);
    });
    this.port.unref();
  }

  private request(body: RequestBody): Promise<ModelReply & { ok: true }> {
    if (this.disposed) return Promise.reject(new Error(`Embedding model "${this.modelId}" was disposed; load it again to embed.`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.ok ? resolve(reply) : reject(restore(reply.failure))));
      this.port.ref();
      this.port.postMessage({ ...body, id });
    });
  }

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += PASSAGES_PER_REQUEST) {
      const reply = await this.request({ op: 'passages', texts: texts.slice(start, start + PASSAGES_PER_REQUEST) });
      vectors.push(...rows(reply.vectors ?? new Float32Array(), reply.dimensions ?? this.dimensions));
      onProgress?.(vectors.length, texts.length);
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const reply = await this.request({ op: 'query', text });
    const [vector] = rows(reply.vectors ?? new Float32Array(), reply.dimensions ?? this.dimensions);
    if (!vector) throw new Error(`Embedding model "${this.modelId}" returned no vector for the query.`);
    return vector;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.request({ op: 'dispose' }).catch(() => undefined);
    this.disposed = true;
    this.port.close();
  }
}
