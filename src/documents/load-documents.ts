/**
 * Reads the documents folder: every file of a format that is read (see `formats/index.ts`),
 * recursively, following symbolic links. A file that cannot be used (damaged, encrypted, binary,
 * empty, unreadable, too large, another format) is skipped with a reason that names it in words,
 * and loading goes on: one bad file never stops an index build.
 */
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { describeFileError } from './file-errors.ts';
import { describeSupportedFormats, readerFor, unsupportedReason } from './formats/index.ts';
import { UnreadableDocumentError } from './formats/unreadable.ts';
import { listFiles } from './list-files.ts';
import { assembleDocument, type SourceDocument } from './model.ts';

export type { SourceDocument } from './model.ts';

export interface SkippedFile {
  /** Path relative to the documents folder. */
  source: string;
  reason: string;
}

export interface LoadDocumentsOptions {
  /** Files larger than this are skipped. Default: 10 MiB. */
  maxBytes?: number;
  /** Called after each file, for progress. */
  onFile?: (done: number, total: number) => void;
}

export interface LoadedDocuments {
  documents: SourceDocument[];
  skipped: SkippedFile[];
  /** A fingerprint of every file of a format that is read, skipped or not (see `fingerprintDocumentsFolder`). */
  fingerprints: Record<string, string>;
  /** Size and modification time of the same files, so a later check can skip reading unchanged ones. */
  stamps: Record<string, FileStamp>;
}

/** What `stat` says of a file: when size and time are unchanged, its fingerprint is assumed unchanged. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The documents folder itself is missing or unreadable. */
export class DocumentsFolderError extends Error {
  override name = 'DocumentsFolderError';
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;


/** What to tell a person whose documents folder holds nothing to index. */
export function noDocumentsMessage(root: string): string {
  return `The documents folder ${root} has no documents to answer from. Put files in it; read are ${describeSupportedFormats()}.`;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a too-large file counts as, without reading it. */
function oversizeFingerprint(size: number): string {
  return `oversize:${size}`;
}

/** A path as users see it: relative, `/` separators, control characters (a newline in a file name) shown as spaces. */
function toSource(root: string, file: string): string {
  // eslint-disable-next-line no-control-regex
  return path.relative(root, file).split(path.sep).join('/').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

async function listFolder(root: string): Promise<Awaited<ReturnType<typeof listFiles>>> {
  try {
    const stat = await fs.stat(root);
    if (!stat.isDirectory()) throw new DocumentsFolderError(`The documents folder ${root} is a file, not a folder. Set DOCS_DIR (or --docs) to a folder of documents.`);
    return await listFiles(root);
  } catch (error) {
    if (error instanceof DocumentsFolderError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DocumentsFolderError(
      code === 'ENOENT'
        ? `The documents folder ${root} does not exist. Create it and put documents in it (${describeSupportedFormats()}), or set DOCS_DIR (or --docs).`
        : `The documents folder ${root} cannot be read: ${describeFileError(error)}. Check its permissions.`,
    );
  }
}

/**
 * Fingerprints of the files of a folder that are read (SHA-256 of their bytes), to tell whether an
 * index is stale. Equal to `loadDocuments(...).fingerprints` for an unchanged folder. A file whose
 * size and modification time equal its `known` stamp keeps its `known` fingerprint without being
 * read, so checking a large unchanged folder costs a `stat` per file.
 */
export async function fingerprintDocumentsFolder(
  root: string,
  maxBytes = DEFAULT_MAX_BYTES,
  known?: { fingerprints: Record<string, string>; stamps: Record<string, FileStamp> },
): Promise<Record<string, string>> {
  const fingerprints: Record<string, string> = {};
  for (const file of (await listFiles(root)).files) {
    if (!readerFor(file)) continue;
    try {
      const source = toSource(root, file);
      // statSync: this runs once, when an index is opened, before anything is served; one awaited
      // `stat` after another cost 4× more (0.16 s against 0.04 s for 7,576 files).
      const stat = statSync(file);
      const stamp = known?.stamps[source];
      const previous = known?.fingerprints[source];
      if (stamp && previous !== undefined && stamp.size === stat.size && stamp.mtimeMs === stat.mtimeMs) {
        fingerprints[source] = previous;
        continue;
      }
      fingerprints[source] = stat.size > maxBytes ? oversizeFingerprint(stat.size) : sha256(await fs.readFile(file));
    } catch {
      // Unreadable files have no fingerprint here nor in loadDocuments.
    }
  }
  return fingerprints;
}

function titleFromFileName(source: string): string {
  const base = path.basename(source).replace(/\.[^.]+$/, '');
  const words = base.replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, '').replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.length > 0 ? words.charAt(0).toUpperCase() + words.slice(1) : base;
}

/** Loads every usable document under `root`. Throws DocumentsFolderError when `root` is not a readable folder. */
export async function loadDocuments(root: string, options: LoadDocumentsOptions = {}): Promise<LoadedDocuments> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const listing = await listFolder(root);
  const { files } = listing;
  const documents: SourceDocument[] = [];
  const skipped: SkippedFile[] = listing.problems.map((problem) => ({ source: toSource(root, problem.file), reason: problem.reason }));
  const fingerprints: Record<string, string> = {};
  const stamps: Record<string, FileStamp> = {};
  // Files are read a few ahead of the one being parsed: one read after another left the thread
  // idle for each round trip (a third of the reading phase on 7,576 small files).
  const reads: (Promise<FileRead> | undefined)[] = new Array(files.length);
  const readAhead = (from: number): void => {
    for (let i = from; i < Math.min(files.length, from + READ_AHEAD); i += 1) {
      const file = files[i] as string;
      if (reads[i] === undefined && readerFor(file)) reads[i] = readFile(file, maxBytes);
    }
  };
  let done = 0;
  for (const [i, file] of files.entries()) {
    const source = toSource(root, file);
    done += 1;
    readAhead(i);
    const read = reads[i];
    reads[i] = undefined;
    const outcome = await loadFile(file, source, read && (await read), maxBytes, fingerprints, stamps);
    if ('reason' in outcome) skipped.push({ source, reason: outcome.reason });
    else documents.push(outcome);
    options.onFile?.(done, files.length);
  }
  return { documents, skipped, fingerprints, stamps };
}

/** A file's size and time, and its bytes unless it is too large; or why it could not be read. */
type FileRead = { stat: { size: number; mtimeMs: number }; bytes: Buffer | undefined } | { error: unknown };

/** Files read ahead of the one being parsed. */
const READ_AHEAD = 8;

async function readFile(file: string, maxBytes: number): Promise<FileRead> {
  try {
    const stat = await fs.stat(file);
    return { stat, bytes: stat.size > maxBytes ? undefined : await fs.readFile(file) };
  } catch (error) {
    return { error };
  }
}

async function loadFile(
  file: string,
  source: string,
  read: FileRead | undefined,
  maxBytes: number,
  fingerprints: Record<string, string>,
  stamps: Record<string, FileStamp>,
): Promise<SourceDocument | { reason: string }> {
  const reader = readerFor(file);
  if (!reader || !read) return { reason: unsupportedReason(path.basename(file)) };
  if ('error' in read) return { reason: `unreadable: ${describeFileError(read.error)}` };
  const { stat } = read;
  stamps[source] = { size: stat.size, mtimeMs: stat.mtimeMs };
  if (read.bytes === undefined) {
    fingerprints[source] = oversizeFingerprint(stat.size);
    return { reason: `too large (${stat.size} bytes; the limit is ${maxBytes})` };
  }
  const bytes = read.bytes;
  fingerprints[source] = sha256(bytes);
  if (bytes.length === 0) return { reason: 'empty file' };
  let document: SourceDocument;
  try {
    const parsed = await reader.read(bytes);
    document = assembleDocument(parsed, { source, contentHash: fingerprints[source] ?? sha256(bytes), bytes: bytes.length, fallbackTitle: titleFromFileName(source) });
  } catch (error) {
    if (error instanceof UnreadableDocumentError) return { reason: error.message };
    return { reason: `could not be read as ${reader.name} (${error instanceof Error ? error.message : String(error)})` };
  }
  if (document.text.slice(document.bodyStart).trim().length === 0) return { reason: 'no text (empty or whitespace only)' };
  return document;
}
