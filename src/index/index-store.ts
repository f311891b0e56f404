/**
 * The index on disk, as one entry point: build (`index-build.ts`), encode (`index-format.ts`),
 * write and swap (`index-write.ts`), load and verify (`index-load.ts`). A build writes a complete
 * new folder and only then points `CURRENT` at it with an atomic rename, so a crash, a kill or a
 * full disk mid-build leaves the previous index in use. Loading verifies checksums before parsing
 * anything, so a damaged file is reported (and rebuilt by the caller), never half-read.
 */
import type { IndexManifest } from './manifest.ts';
import { computeIndex, type ComputeIndexOptions } from './index-build.ts';
import { assembleIndex, type LoadedIndex } from './index-load.ts';
import { INDEX_FILES } from './index-format.ts';
import { createBuildFolder, discardBuildFolder, prepareIndex, removeLeftoverBuilds, writeIndex, writeVectorsFile } from './index-write.ts';
import path from 'node:path';

export { passageContext, passageEmbeddingText, type BuildProgress, type PassageEmbedder } from './index-build.ts';
export { IndexCorruptError, IndexMissingError, loadIndex, loadIndexFolder, type LoadedIndex } from './index-load.ts';
export { IndexWriteError } from './index-write.ts';

export interface BuildIndexOptions extends ComputeIndexOptions {
  indexDir: string;
  /** The configured model id, recorded so that changing the setting makes the index stale. */
  requestedModel: string;
  /** Why `embedder` is null although a model was asked for; recorded in the manifest. */
  modelWarning?: string | null;
  /** Data computed from the index and stored with it, by name. Default: none. */
  attachments?: Record<string, unknown>;
}

/**
 * Reads the documents, splits them, indexes them lexically and (with an embedder) as vectors,
 * writes everything to a new folder and makes it current, all on the calling thread. Returns the
 * new index. (The service builds on a worker thread with the same parts.)
 */
export async function buildIndex(options: BuildIndexOptions): Promise<LoadedIndex> {
  await removeLeftoverBuilds(options.indexDir);
  const computed = await computeIndex(options);
  options.onProgress?.({ phase: 'writing', done: 0, total: 1 });
  const prepared = prepareIndex(computed, { requestedModel: options.requestedModel, modelWarning: options.modelWarning }, options.attachments);
  const buildFolder = await createBuildFolder(options.indexDir);
  try {
    if (computed.vectors) {
      prepared.manifest.files[INDEX_FILES.vectors] = await writeVectorsFile(computed.vectors, path.join(buildFolder, INDEX_FILES.vectors));
    }
    const folder = await writeIndex(options.indexDir, buildFolder, prepared);
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    return assembleIndex(folder, prepared.manifest, prepared.files, computed.vectors);
  } finally {
    await discardBuildFolder(buildFolder);
  }
}

/** Why the index no longer matches the documents folder or the configured model, or undefined when it is fresh. */
export function stalenessReason(manifest: IndexManifest, fingerprints: Record<string, string>, requestedModel: string): string | undefined {
  if (manifest.requestedModel !== requestedModel) return `the embedding model changed (${manifest.requestedModel} -> ${requestedModel})`;
  const before = manifest.fingerprints;
  const added = Object.keys(fingerprints).filter((source) => !(source in before));
  const removed = Object.keys(before).filter((source) => !(source in fingerprints));
  const changed = Object.keys(fingerprints).filter((source) => source in before && before[source] !== fingerprints[source]);
  const parts = [
    added.length ? `${added.length} added` : '',
    removed.length ? `${removed.length} removed` : '',
    changed.length ? `${changed.length} changed` : '',
  ].filter(Boolean);
  return parts.length ? `documents changed since the last build (${parts.join(', ')})` : undefined;
}

