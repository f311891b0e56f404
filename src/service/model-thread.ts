/**
 * The model thread: the one thread of the process that runs the embedding model. The ONNX runtime
 * (onnxruntime-node 1.14) can be loaded by one thread per process only, so questions (from the main
 * thread) and passages (from a build worker) all come here, each client over its own MessagePort.
 * Models are shared between clients with the same options and freed when the last one lets go;
 * requests take turns per model, so a question waits for at most one batch of a build.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { loadEmbedder, ModelUnavailableError, type Embedder, type EmbedderOptions } from '../embedding/embedder.ts';
import type { ModelFailure, ModelReply, ModelRequest } from './model-protocol.ts';

interface SharedModel {
  embedder: Promise<Embedder>;
  users: number;
  /** The end of the last request: the next one starts after it. */
  turn: Promise<unknown>;
}

const models = new Map<string, SharedModel>();

function failure(error: unknown): ModelFailure {
  if (error instanceof ModelUnavailableError) {
    return { name: error.name, message: error.message, unavailable: { model: error.model, reason: error.reason } };
  }
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

function acquire(options: EmbedderOptions): { key: string; model: SharedModel } {
  const key = JSON.stringify(options);
  let model = models.get(key);
  if (!model) {
    const embedder = loadEmbedder(options);
    model = { embedder, users: 0, turn: embedder.catch(() => undefined) };
    models.set(key, model);
    // A model that failed to load is forgotten, so a later attempt loads it again.
    embedder.catch(() => models.delete(key));
  }
  model.users += 1;
  return { key, model };
}

async function release(key: string): Promise<void> {
  const model = models.get(key);
  if (!model) return;
  model.users -= 1;
  if (model.users > 0) return;
  models.delete(key);
  await model.turn.catch(() => undefined);
  await (await model.embedder.catch(() => null))?.dispose();
}

/** Runs `work` on the model after the requests before it. */
function inTurn<T>(model: SharedModel, work: (embedder: Embedder) => Promise<T>): Promise<T> {
  const run = model.turn.then(async () => work(await model.embedder));
  model.turn = run.catch(() => undefined);
  return run;
}

function flatten(vectors: Float32Array[], dimensions: number): Float32Array {
  const flat = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, i) => flat.set(vector, i * dimensions));
  return flat;
}

/** Serves one client. */
function serve(port: MessagePort): void {
  let held: { key: string; model: SharedModel } | undefined;
  const reply = (message: ModelReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  port.on('message', (request: ModelRequest) => {
    void (async () => {
      try {
        switch (request.op) {
          case 'load': {
            if (held) await release(held.key);
            held = acquire(request.options);
            const embedder = await held.model.embedder;
            reply({ id: request.id, ok: true, info: { modelId: embedder.modelId, dimensions: embedder.dimensions, relevantSimilarity: embedder.relevantSimilarity } });
            return;
          }
          case 'passages':
          case 'query': {
            if (!held) throw new Error('No model was loaded on this connection.');
            const vectors = await inTurn(held.model, (embedder) =>
              request.op === 'query' ? embedder.embedQuery(request.text).then((vector) => [vector]) : embedder.embedPassages(request.texts),
            );
            const dimensions = vectors[0]?.length ?? 0;
            const flat = flatten(vectors, dimensions);
            reply({ id: request.id, ok: true, vectors: flat, dimensions }, [flat.buffer as ArrayBuffer]);
            return;
          }
          case 'dispose': {
            if (held) await release(held.key);
            held = undefined;
            reply({ id: request.id, ok: true });
            port.close();
            return;
          }
        }
      } catch (error) {
        if (request.op === 'load' && held) {
          await release(held.key);
          held = undefined;
        }
        reply({ id: request.id, ok: false, failure: failure(error) });
      }
    })();
  });
  port.on('close', () => {
    if (held) void release(held.key);
    held = undefined;
  });
}

parentPort?.on('message', (message: { port: MessagePort }) => serve(message.port));
