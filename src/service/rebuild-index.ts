/**
 * Rebuilding the index: leftovers of killed builds are removed, the build runs on a worker thread,
 * and the main thread writes the files it hands back (asynchronous I/O, off the event loop) and
 * swaps the index in. When the index folder cannot be written (read-only, full disk), the new
 * index is kept in memory and the write failure is returned for the service to report.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import { INDEX_FILES } from '../index/index-format.ts';
import { assembleIndex, type LoadedIndex } from '../index/index-load.ts';
import type { BuildProgress } from '../index/index-store.ts';
import {
  createBuildFolder,
  discardBuildFolder,
  IndexWriteError,
  realFileSystem,
  removeLeftoverBuilds,
  writeIndex,
  type IndexFileSystem,
} from '../index/index-write.ts';
import { VectorIndex } from '../index/vector-index.ts';
import type { Logger } from '../logging.ts';
import { buildInBackground } from './background-build.ts';
import { isLexicalOnly } from './model-fallback.ts';
import { modelThreadPort } from './model-host.ts';
import { summaryOptions } from './summaries.ts';
import type { ServiceNotice } from './types.ts';

export interface RebuildOptions {
  logger: Logger;
  onProgress?: (progress: BuildProgress) => void;
  onNotice?: (notice: ServiceNotice) => void;
  /** Where index files are written. Default: the real file system. */
  fileSystem?: IndexFileSystem;
  /** Stops the build. */
  signal?: AbortSignal;
}

export interface RebuildOutcome {
  index: LoadedIndex;
  /** Why the index could not be saved (it is in memory only), or null when it was. */
  writeFailure: IndexWriteError | null;
  /** The worker thread that built it. */
  builtOnThread: number;
}

/** Builds a new index from the documents folder, on a worker thread, and writes it when the folder allows. */
export async function rebuildIndex(config: AppConfig, options: RebuildOptions): Promise<RebuildOutcome> {
  const fileSystem = options.fileSystem ?? realFileSystem;
  const removed = await removeLeftoverBuilds(config.indexDir);
  if (removed.length > 0) options.logger.info('Removed the leftovers of interrupted builds', { folders: removed.join(', ') });

  let writeFailure: IndexWriteError | null = null;
  let buildFolder: string | null = null;
  try {
    buildFolder = await createBuildFolder(config.indexDir, fileSystem);
  } catch (error) {
    if (!(error instanceof IndexWriteError)) throw error;
    writeFailure = error;
  }
  const plannedVectorsFile = buildFolder
    ? path.join(buildFolder, INDEX_FILES.vectors)
    : path.join(os.tmpdir(), `docs-bot-vectors-${process.pid}-${randomBytes(4).toString('hex')}.hnsw`);

  let vectorsFile: string | null = null;
  try {
    const built = await buildInBackground(
      {
        docsDir: config.docsDir,
        maxDocumentBytes: config.maxDocumentBytes,
        model: config,
        modelPort: isLexicalOnly(config.embeddingModel) ? null : modelThreadPort(),
        summaryOptions: summaryOptions(config),
        vectorsFile: plannedVectorsFile,
      },
      { onProgress: options.onProgress, onNotice: options.onNotice, signal: options.signal },
    );
    vectorsFile = built.vectorsFile;
    const { manifest } = built;
    const files = new Map(built.files);
    // Read before writing: the write moves the build folder, and an unsaved index needs its vectors too.
    const vectors = vectorsFile && manifest.model ? await VectorIndex.load(vectorsFile, manifest.model.dimensions) : null;

    let folder = config.indexDir;
    if (buildFolder && !writeFailure) {
      if (vectorsFile !== null && vectorsFile !== plannedVectorsFile) {
        writeFailure = new IndexWriteError(
          `Could not write the index to ${config.indexDir}: the vectors could not be written there. The previous index, if any, is unchanged. Free space, fix the permissions, or set INDEX_DIR (or --index) to another folder.`,
        );
      } else {
        try {
          folder = await writeIndex(config.indexDir, buildFolder, { manifest, files }, fileSystem);
        } catch (error) {
          if (!(error instanceof IndexWriteError)) throw error;
          writeFailure = error;
        }
      }
    }
    options.onProgress?.({ phase: 'done', done: 1, total: 1, documents: manifest.counts.documents, passages: manifest.counts.passages });
    return { index: assembleIndex(folder, manifest, files, vectors), writeFailure, builtOnThread: built.threadId };
  } finally {
    if (buildFolder) await discardBuildFolder(buildFolder);
    if (vectorsFile && vectorsFile !== plannedVectorsFile) await fs.rm(vectorsFile, { force: true }).catch(() => undefined);
    if (!buildFolder) await fs.rm(plannedVectorsFile, { force: true }).catch(() => undefined);
  }
}
