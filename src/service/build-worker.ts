/**
 * The build worker: a worker thread that connects to the embedding model (on the model thread), reads and indexes the
 * documents, summarises them, encodes the index files and writes the vectors graph, then hands the
 * files to the main thread (transferred, not copied). The main thread only receives progress and
 * swaps the finished index in, so a bot keeps its heartbeat and answers while this runs.
 */
import os from 'node:os';
import path from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import { computeIndex, type BuildProgress } from '../index/index-build.ts';
import { INDEX_FILES } from '../index/index-format.ts';
import { addAttachment, IndexWriteError, prepareIndex, writeVectorsFile } from '../index/index-write.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import type { BuildJob, WorkerMessage } from './build-job.ts';
import { transferError } from './build-job.ts';
import { loadModelOrFallBack } from './model-fallback.ts';
import { RemoteEmbedder } from './remote-embedder.ts';
import { computeSummaries, summaryAttachments } from './summaries.ts';

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

/**
 * Progress within a phase is posted at most this often (a phase's first and last step always):
 * a message per file read cost 0.7 s of a 50 MB build, and nobody reads 7,000 updates a second.
 */
const PROGRESS_INTERVAL_MS = 100;

function progressPoster(): (progress: BuildProgress) => void {
  let lastPhase: BuildProgress['phase'] | undefined;
  let lastPostedAt = 0;
  return (progress) => {
    const now = performance.now();
    const step = progress.phase === lastPhase && progress.done > 0 && progress.done < progress.total;
    if (step && now - lastPostedAt < PROGRESS_INTERVAL_MS) return;
    lastPhase = progress.phase;
    lastPostedAt = now;
    post({ kind: 'progress', progress });
  };
}

/** Writes the vectors where asked, or to a temporary file when that fails (the index is then kept in memory). */
async function writeVectors(vectors: { write(file: string): void }, file: string): Promise<{ file: string; checksum: string }> {
  try {
    return { file, checksum: await writeVectorsFile(vectors, file) };
  } catch (error) {
    const fallback = path.join(os.tmpdir(), `docs-bot-vectors-${process.pid}-${threadId}-${Date.now()}.hnsw`);
    try {
      return { file: fallback, checksum: await writeVectorsFile(vectors, fallback) };
    } catch {
      throw new IndexWriteError(`The vectors could not be written to ${file} nor to ${fallback}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function build(job: BuildJob): Promise<void> {
  const modelPort = job.modelPort;
  const model = await loadModelOrFallBack(job.model, 'index', (options) =>
    modelPort ? RemoteEmbedder.connect(modelPort, options) : Promise.reject(new Error('The build was given no connection to the model thread.')),
  );
  if (model.notice) post({ kind: 'notice', notice: model.notice });
  try {
    const computed = await computeIndex({
      docsDir: job.docsDir,
      embedder: model.embedder,
      maxDocumentBytes: job.maxDocumentBytes,
      onProgress: progressPoster(),
    });
    const counts = { documents: computed.documents.length, passages: computed.passages.length };
    post({ kind: 'progress', progress: { phase: 'summarizing', done: 0, total: computed.documents.length, ...counts } });
    const prepared = prepareIndex(computed, { requestedModel: job.model.embeddingModel, modelWarning: model.failure });
    const built: LoadedIndex = {
      folder: '',
      manifest: prepared.manifest,
      documents: computed.documents,
      documentsBySource: new Map(computed.documents.map((document) => [document.source, document])),
      passages: computed.passages,
      lexical: computed.lexical,
      vectors: computed.vectors,
    };
    for (const [name, value] of Object.entries(summaryAttachments(computeSummaries(built, job.summaryOptions)))) addAttachment(prepared, name, value);
    post({ kind: 'progress', progress: { phase: 'writing', done: 0, total: 1, ...counts } });
    let vectorsFile: string | null = null;
    if (computed.vectors) {
      const written = await writeVectors(computed.vectors, job.vectorsFile);
      vectorsFile = written.file;
      prepared.manifest.files[INDEX_FILES.vectors] = written.checksum;
    }
    // Each file gets an ArrayBuffer of its own, so that transferring it moves nothing else.
    const files = [...prepared.files.entries()].map(([name, bytes]): [string, Uint8Array] => [
      name,
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes),
    ]);
    const buffers = [...new Set(files.map(([, bytes]) => bytes.buffer as ArrayBuffer))];
    post({ kind: 'built', manifest: prepared.manifest, files, vectorsFile, threadId }, buffers);
  } finally {
    await model.embedder?.dispose();
  }
}

parentPort?.once('message', (job: BuildJob) => {
  build(job).catch((error: unknown) => post({ kind: 'failed', error: transferError(error) }));
});
