/**
 * Loading an index: read the manifest, check its version and shape, check the checksum (CRC-32) of
 * every data file before anything is parsed (the native HNSW reader must never see a damaged file), then
 * decode: typed arrays are views, texts and lists are decoded per document on first use, passages
 * made on first access. The vectors are read on the thread pool.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileChecksum } from './checksum.ts';
import type { SourceDocument } from '../documents/load-documents.ts';
import type { Passage } from '../documents/passages.ts';
import { Attachments, CORE_FILES, decodeIndex, INDEX_FILES, isAttachmentFile, type IndexFiles } from './index-format.ts';
import { CURRENT_POINTER } from './index-write.ts';
import type { LexicalIndex } from './lexical-index.ts';
import { manifestProblem, type IndexManifest } from './manifest.ts';
import type { OutlineEntry } from './passage-outline.ts';
import { VectorIndex } from './vector-index.ts';

/** An index in memory, ready to search. */
export interface LoadedIndex {
  /** Its folder; for an index kept in memory only (it could not be written), the index folder it was meant for. */
  folder: string;
  manifest: IndexManifest;
  documents: SourceDocument[];
  /** The same documents by source path. */
  documentsBySource: Map<string, SourceDocument>;
  passages: Passage[];
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
  /** Data computed at build time by later stages (summaries), read on demand. */
  attachments?: Attachments;
  /**
   * Where each document and section begins among `passages` (see `passage-outline.ts`), computed on
   * first call without making the passages. Absent on an index assembled otherwise (read
   * `passages` then, with `outlineOfPassages`).
   */
  passageOutline?: () => readonly OutlineEntry[];
}

/** There is no index yet in this folder. */
export class IndexMissingError extends Error {
  override name = 'IndexMissingError';
}

/** The index exists but cannot be used: damaged, from another version, or half-written. */
export class IndexCorruptError extends Error {
  override name = 'IndexCorruptError';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}


/** An index from data files already in memory and its vectors (already loaded), e.g. fresh from a build. */
export function assembleIndex(folder: string, manifest: IndexManifest, files: IndexFiles, vectors: VectorIndex | null): LoadedIndex {
  const { documents, passages, lexical, attachments, outline } = decodeIndex(files);
  if (vectors && vectors.size !== passages.length) throw new Error('the vector index and the passages disagree');
  return {
    folder,
    manifest,
    documents,
    documentsBySource: new Map(documents.map((document) => [document.source, document])),
    passages,
    lexical,
    vectors,
    attachments,
    passageOutline: outline,
  };
}

/** Loads the index in `folder` (an `index-…` folder). Throws IndexCorruptError with the reason. */
export async function loadIndexFolder(folder: string): Promise<LoadedIndex> {
  const fail = (reason: string): never => {
    throw new IndexCorruptError(`The index in ${folder} cannot be used: ${reason}.`);
  };
  let manifest: IndexManifest;
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path.join(folder, INDEX_FILES.manifest), 'utf8'));
    const problem = manifestProblem(parsed);
    if (problem) fail(problem);
    manifest = parsed as IndexManifest;
  } catch (error) {
    if (error instanceof IndexCorruptError) throw error;
    return fail(`its manifest cannot be read (${message(error)})`);
  }

  const hybrid = manifest.mode === 'hybrid';
  const names = [...CORE_FILES, ...Object.keys(manifest.files).filter(isAttachmentFile), ...(hybrid ? [INDEX_FILES.vectors] : [])];
  // Each file is read once, checked against the manifest, then parsed from the same bytes.
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    names.map(async (name) => {
      const expected = manifest.files[name];
      if (!expected) fail(`the manifest has no checksum for ${name}`);
      const bytes = await fs.readFile(path.join(folder, name)).catch(() => undefined);
      if (bytes === undefined) return fail(`${name} is missing`);
      if (fileChecksum(bytes) !== expected) fail(`${name} is damaged (its checksum does not match the manifest)`);
      if (name !== INDEX_FILES.vectors) files.set(name, bytes);
    }),
  );
  try {
    const vectors = hybrid && manifest.model ? await VectorIndex.load(path.join(folder, INDEX_FILES.vectors), manifest.model.dimensions) : null;
    return assembleIndex(folder, manifest, files, vectors);
  } catch (error) {
    return fail(message(error));
  }
}

/** Loads the current index of `indexDir`. Throws IndexMissingError or IndexCorruptError (with the reason). */
export async function loadIndex(indexDir: string): Promise<LoadedIndex> {
  let pointer: string;
  try {
    pointer = (await fs.readFile(path.join(indexDir, CURRENT_POINTER), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IndexMissingError(`No index has been built in ${indexDir} yet.`);
    throw new IndexCorruptError(`The index pointer ${path.join(indexDir, CURRENT_POINTER)} cannot be read: ${String(error)}`);
  }
  if (!/^index-[\w-]+$/.test(pointer)) throw new IndexCorruptError(`The index pointer in ${indexDir} is damaged ("${pointer.slice(0, 40)}").`);
  return loadIndexFolder(path.join(indexDir, pointer));
}
