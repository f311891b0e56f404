/** Runs a build on a worker thread (`build-worker.ts`) and resolves with what it made. */
import type { BuildProgress } from '../index/index-store.ts';
import { BuildCancelledError } from './errors.ts';
import { restoreError, type BuildJob, type BuiltMessage, type WorkerMessage } from './build-job.ts';
import type { ServiceNotice } from './types.ts';
import { startServiceWorker } from './worker-entry.ts';

export interface BackgroundBuildHandlers {
  onProgress?: (progress: BuildProgress) => void;
  onNotice?: (notice: ServiceNotice) => void;
  /** Stops the build (the worker is terminated; its build folder is removed by the next build). */
  signal?: AbortSignal;
}

/** Builds on a worker thread; rejects with the worker's error (restored to the service's classes). */
export function buildInBackground(job: BuildJob, handlers: BackgroundBuildHandlers = {}): Promise<BuiltMessage> {
  const worker = startServiceWorker('build-worker');
  return new Promise<BuiltMessage>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'progress':
          handlers.onProgress?.(message.progress);
          return;
        case 'notice':
          handlers.onNotice?.(message.notice);
          return;
        case 'built':
          settle(() => resolve(message));
          return;
        case 'failed':
          settle(() => reject(restoreError(message.error)));
          return;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    const abort = () => settle(() => reject(new BuildCancelledError()));
    if (handlers.signal?.aborted) abort();
    handlers.signal?.addEventListener('abort', abort, { once: true });
    worker.on('exit', (code) => settle(() => reject(new Error(`The index build stopped unexpectedly (worker exit code ${code}).`))));
    worker.postMessage(job, job.modelPort ? [job.modelPort] : []);
  });
}
