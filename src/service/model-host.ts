/**
 * The process's model thread, started on first use and kept for the life of the process (the ONNX
 * runtime cannot be loaded again by another thread). It never keeps the process alive by itself.
 */
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { Embedder, EmbedderOptions } from '../embedding/embedder.ts';
import { RemoteEmbedder } from './remote-embedder.ts';
import { startServiceWorker } from './worker-entry.ts';

let modelThread: Worker | undefined;

/** A new connection to the model thread, for this thread or to hand to a build worker. */
export function modelThreadPort(): MessagePort {
  if (!modelThread) {
    modelThread = startServiceWorker('model-thread');
    modelThread.unref();
    modelThread.on('error', () => {
      // A crashed model thread is replaced on the next connection; its clients see their requests fail.
      modelThread = undefined;
    });
    modelThread.on('exit', () => {
      modelThread = undefined;
    });
  }
  const { port1, port2 } = new MessageChannel();
  modelThread.postMessage({ port: port2 }, [port2]);
  return port1;
}

/** Loads a model on the model thread and returns an `Embedder` for it (as `loadEmbedder` would). */
export function loadModelOnModelThread(options: EmbedderOptions): Promise<Embedder> {
  return RemoteEmbedder.connect(modelThreadPort(), options);
}
