/**
 * Writing an index: every file into a new `.build-*` folder, flushed, the folder renamed to
 * `index-…`, then `CURRENT` pointed at it with an atomic rename. A crash, a kill or a full disk
 * before that last rename leaves the previous index in use; leftover build folders are removed
 * when the next build starts.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileChecksum } from './checksum.ts';
import type { ComputedIndex } from './index-build.ts';
import { attachmentFile, encodeIndex, INDEX_FILES } from './index-format.ts';
import { INDEX_FORMAT_VERSION, type IndexManifest } from './manifest.ts';

export const CURRENT_POINTER = 'CURRENT';

/** The new index could not be written (permissions, a full disk, a file where the folder should be). */
export class IndexWriteError extends Error {
  override name = 'IndexWriteError';
  constructor(
    message: string,
    /** The file system's error code (ENOSPC, EACCES, EROFS...), when there is one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface IndexRecord {
  /** The configured model id, recorded so that changing the setting makes the index stale. */
  requestedModel: string;
  /** Why there are no vectors although a model was asked for; recorded in the manifest. */
  modelWarning?: string | null;
}

/** An index ready to be written: its manifest (without the vectors' checksum yet) and its data files. */
export interface PreparedIndex {
  manifest: IndexManifest;
  files: Map<string, Uint8Array>;
}



/** Encodes the data files and describes them in a manifest. */
export function prepareIndex(computed: ComputedIndex, record: IndexRecord, attachments: Record<string, unknown> = {}): PreparedIndex {
  const files = encodeIndex(computed, attachments);
  const checksums: Record<string, string> = {};
  for (const [name, bytes] of files) checksums[name] = fileChecksum(bytes);
  const passageCounts = new Map<string, number>();
  for (const passage of computed.passages) passageCounts.set(passage.source, (passageCounts.get(passage.source) ?? 0) + 1);
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    mode: computed.vectors ? 'hybrid' : 'lexical',
    requestedModel: record.requestedModel,
    model: computed.vectors ? computed.model : null,
    modelWarning: computed.vectors ? null : (record.modelWarning ?? null),
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - computed.startedAt),
    counts: { documents: computed.documents.length, passages: computed.passages.length, skipped: computed.skipped.length },
    documents: computed.documents.map((document) => ({
      source: document.source,
      title: document.title,
      contentHash: document.contentHash,
      bytes: document.bytes,
      passages: passageCounts.get(document.source) ?? 0,
      metadata: document.metadata,
    })),
    skipped: computed.skipped,
    fingerprints: computed.fingerprints,
    stamps: computed.stamps,
    files: checksums,
  };
  return { manifest, files };
}

/** Adds data computed from the index (summaries) to a prepared index, with its checksum. */
export function addAttachment(prepared: PreparedIndex, name: string, value: unknown): void {
  const file = attachmentFile(name);
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  prepared.files.set(file, bytes);
  prepared.manifest.files[file] = fileChecksum(bytes);
}

/** Writes and flushes a file, so that a rename after it never points at missing bytes. */
async function writeDurable(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the build folders a killed or failed build left behind: those of processes that are
 * gone, and this process's own (the service runs one build at a time per index folder).
 * Called when a build starts; a folder that cannot be removed is left for the next one.
 */
export async function removeLeftoverBuilds(indexDir: string): Promise<string[]> {
  const entries = await fs.readdir(indexDir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const build = /^\.build-(\d+)-/.exec(entry.name);
    if (!entry.isDirectory() || !build?.[1]) continue;
    const pid = Number(build[1]);
    if (pid !== process.pid && isProcessAlive(pid)) continue;
    const ok = await fs.rm(path.join(indexDir, entry.name), { recursive: true, force: true }).then(
      () => true,
      () => false,
    );
    if (ok) removed.push(entry.name);
  }
  return removed;
}

/** Removes index folders that are no longer current. */
async function removeOldIndexes(indexDir: string, keep: string): Promise<void> {
  const entries = await fs.readdir(indexDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name !== keep && entry.name.startsWith('index-')) {
      await fs.rm(path.join(indexDir, entry.name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

export function writeError(indexDir: string, error: unknown): IndexWriteError {
  if (error instanceof IndexWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'EEXIST' || code === 'ENOTDIR'
            ? 'a file is in the way of the folder'
            : error instanceof Error
              ? error.message
              : String(error);
  return new IndexWriteError(
    `Could not write the index to ${indexDir}: ${hint}. The previous index, if any, is unchanged. Free space, fix the permissions, or set INDEX_DIR (or --index) to another folder.`,
    code,
  );
}

/**
 * The file operations of a write. The real one flushes every file; tests pass one that fails like
 * a full disk or a read-only folder (no root-only mounts needed).
 */
export interface IndexFileSystem {
  mkdir(folder: string): Promise<void>;
  writeFile(file: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export const realFileSystem: IndexFileSystem = {
  mkdir: async (folder) => {
    await fs.mkdir(folder, { recursive: true });
  },
  writeFile: writeDurable,
  rename: (from, to) => fs.rename(from, to),
};

/** Creates a new build folder in `indexDir`. Throws IndexWriteError when the folder cannot be written. */
export async function createBuildFolder(indexDir: string, fileSystem: IndexFileSystem = realFileSystem): Promise<string> {
  const buildFolder = path.join(indexDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fileSystem.mkdir(indexDir);
    await fileSystem.mkdir(buildFolder);
    return buildFolder;
  } catch (error) {
    throw writeError(indexDir, error);
  }
}

/** Removes a build folder that will not become an index (best effort). */
export async function discardBuildFolder(buildFolder: string): Promise<void> {
  await fs.rm(buildFolder, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Writes a prepared index into `buildFolder` (where its vectors, if any, already are, with their
 * checksum in the manifest), renames the folder to `index-…` and makes it current. Returns the
 * folder. Throws IndexWriteError, leaving the previous index current and the build folder for the
 * caller to discard.
 */
export async function writeIndex(indexDir: string, buildFolder: string, prepared: PreparedIndex, fileSystem: IndexFileSystem = realFileSystem): Promise<string> {
  try {
    for (const [name, bytes] of prepared.files) await fileSystem.writeFile(path.join(buildFolder, name), bytes);
    const { manifest } = prepared;
    await fileSystem.writeFile(path.join(buildFolder, INDEX_FILES.manifest), JSON.stringify(manifest, null, 2));
    const finalName = `index-${manifest.builtAt.replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
    await fileSystem.rename(buildFolder, path.join(indexDir, finalName));
    const pointerTemp = path.join(indexDir, `${CURRENT_POINTER}.${process.pid}.tmp`);
    await fileSystem.writeFile(pointerTemp, `${finalName}\n`);
    await fileSystem.rename(pointerTemp, path.join(indexDir, CURRENT_POINTER));
    await removeOldIndexes(indexDir, finalName);
    return path.join(indexDir, finalName);
  } catch (error) {
    throw writeError(indexDir, error);
  }
}

/** Writes the vectors graph to `file` and returns its checksum. */
export async function writeVectorsFile(vectors: { write(file: string): void }, file: string): Promise<string> {
  vectors.write(file);
  return fileChecksum(await fs.readFile(file));
}
