/**
 * Reads the documents folder: every `.txt` and `.md` file, recursively. A file that cannot be used
 * (binary, empty, unreadable, not UTF-8, too large, another format) is skipped with a reason that
 * names it, and loading goes on: one bad file never stops an index build.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A document as read from disk, before it is split into passages. */
export interface SourceDocument {
  /** Path relative to the documents folder, with `/` separators: the citation users see. */
  source: string;
  /** The `# Title` of the document, its `title:` metadata, or a title made from the file name. */
  title: string;
  /** The whole file as text (byte-order mark removed): every offset refers to this string. */
  text: string;
  /** Offset where the answerable text starts, after any leading metadata. */
  bodyStart: number;
  /** Leading metadata such as `date 2024-01-05` or front matter. */
  metadata: Record<string, string>;
  /** SHA-256 of the file's bytes, to tell when the index is stale. */
  contentHash: string;
  bytes: number;
}

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
  /** A fingerprint of every .txt/.md file seen, skipped or not (see `fingerprintDocumentsFolder`). */
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

const SUPPORTED_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Lists files under `root`, skipping hidden files and folders (such as `.git`). Sorted for stable ids. */
async function listFiles(root: string, folder = root): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, full)));
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(full);
  }
  return files.sort();
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a too-large file counts as, without reading it. */
function oversizeFingerprint(size: number): string {
  return `oversize:${size}`;
}

/**
 * Fingerprints of the .txt/.md files of a folder (SHA-256 of their bytes), to tell whether an index
 * is stale. Equal to `loadDocuments(...).fingerprints` for an unchanged folder. A file whose size
 * and modification time equal its `known` stamp keeps its `known` fingerprint without being read,
 * so checking a large unchanged folder costs a `stat` per file.
 */
export async function fingerprintDocumentsFolder(
  root: string,
  maxBytes = DEFAULT_MAX_BYTES,
  known?: { fingerprints: Record<string, string>; stamps: Record<string, FileStamp> },
): Promise<Record<string, string>> {
  const fingerprints: Record<string, string> = {};
  for (const file of await listFiles(root)) {
    if (!SUPPORTED_EXTENSIONS.has(path.extname(file).toLowerCase())) continue;
    try {
      const source = toSource(root, file);
      const stat = await fs.stat(file);
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

function toSource(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Why these bytes are not a usable text document, or undefined when they are. */
function rejectBytes(bytes: Buffer, maxBytes: number): string | undefined {
  if (bytes.length > maxBytes) return `too large (${bytes.length} bytes; the limit is ${maxBytes})`;
  if (bytes.length === 0) return 'empty file';
  if (bytes.subarray(0, 8192).includes(0)) return 'binary file (contains NUL bytes)';
  return undefined;
}

const KNOWN_METADATA_KEYS = ['title', 'date', 'author', 'source', 'url', 'tags', 'published', 'updated'];

/**
 * Finds leading metadata and where the body starts: YAML-style front matter between `---` lines,
 * `key: value` lines, or an inline `date 2024-01-05` before the first sentence (as in the seed).
 */
export function parseMetadata(text: string): { metadata: Record<string, string>; bodyStart: number } {
  const metadata: Record<string, string> = {};
  const frontMatter = /^\s*---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (frontMatter?.[1] !== undefined) {
    for (const line of frontMatter[1].split(/\r?\n/)) {
      const pair = /^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
      if (pair?.[1] && pair[2] !== undefined) metadata[pair[1].toLowerCase()] = pair[2].replace(/^["']|["']$/g, '');
    }
    return { metadata, bodyStart: frontMatter[0].length };
  }
  let offset = 0;
  const keys = KNOWN_METADATA_KEYS.join('|');
  const linePattern = new RegExp(`^[ \\t]*(${keys})[ \\t]*:[ \\t]*([^\\r\\n]+?)[ \\t]*(?:\\r?\\n|$)`, 'i');
  const inlineDate = /^\s*(date)[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)(?=\s)/i;
  for (;;) {
    const rest = text.slice(offset);
    const line = linePattern.exec(rest);
    if (line?.[1] && line[2]) {
      metadata[line[1].toLowerCase()] = line[2];
      offset += line[0].length;
      continue;
    }
    const inline = inlineDate.exec(rest);
    if (inline?.[1] && inline[2]) {
      metadata[inline[1].toLowerCase()] = inline[2];
      offset += inline[0].length;
      continue;
    }
    break;
  }
  while (offset < text.length && /\s/.test(text[offset] ?? '')) offset += 1;
  return { metadata, bodyStart: offset };
}

function titleFromFileName(source: string): string {
  const base = path.basename(source).replace(/\.[^.]+$/, '');
  const words = base.replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, '').replace(/[-_]+/g, ' ').trim();
  return words.length > 0 ? words.charAt(0).toUpperCase() + words.slice(1) : base;
}

function findTitle(text: string, bodyStart: number, metadata: Record<string, string>, source: string): string {
  const heading = /^[ \t]*#[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(bodyStart, bodyStart + 2000));
  return heading?.[1]?.trim() || metadata['title']?.trim() || titleFromFileName(source);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Loads every usable document under `root`. Throws DocumentsFolderError when `root` is not a readable folder. */
export async function loadDocuments(root: string, options: LoadDocumentsOptions = {}): Promise<LoadedDocuments> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let files: string[];
  try {
    const stat = await fs.stat(root);
    if (!stat.isDirectory()) throw new DocumentsFolderError(`The documents folder ${root} is a file, not a folder. Set DOCS_DIR (or --docs) to a folder of .txt or .md files.`);
    files = await listFiles(root);
  } catch (error) {
    if (error instanceof DocumentsFolderError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DocumentsFolderError(
      code === 'ENOENT'
        ? `The documents folder ${root} does not exist. Create it and put .txt or .md files in it, or set DOCS_DIR (or --docs).`
        : `The documents folder ${root} cannot be read (${code ?? String(error)}). Check its permissions.`,
    );
  }

  const documents: SourceDocument[] = [];
  const skipped: SkippedFile[] = [];
  const fingerprints: Record<string, string> = {};
  const stamps: Record<string, FileStamp> = {};
  let done = 0;
  for (const file of files) {
    const source = toSource(root, file);
    done += 1;
    if (!SUPPORTED_EXTENSIONS.has(path.extname(file).toLowerCase())) {
      skipped.push({ source, reason: `unsupported format (only .txt and .md files are indexed)` });
      options.onFile?.(done, files.length);
      continue;
    }
    let bytes: Buffer;
    try {
      const stat = await fs.stat(file);
      stamps[source] = { size: stat.size, mtimeMs: stat.mtimeMs };
      if (stat.size > maxBytes) {
        fingerprints[source] = oversizeFingerprint(stat.size);
        skipped.push({ source, reason: `too large (${stat.size} bytes; the limit is ${maxBytes})` });
        options.onFile?.(done, files.length);
        continue;
      }
      bytes = await fs.readFile(file);
      fingerprints[source] = sha256(bytes);
    } catch (error) {
      skipped.push({ source, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      options.onFile?.(done, files.length);
      continue;
    }
    const rejection = rejectBytes(bytes, maxBytes);
    let text = '';
    if (rejection === undefined) {
      try {
        text = utf8.decode(bytes);
      } catch {
        skipped.push({ source, reason: 'not UTF-8 text (save it as UTF-8)' });
        options.onFile?.(done, files.length);
        continue;
      }
    }
    if (rejection !== undefined) {
      skipped.push({ source, reason: rejection });
    } else {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const { metadata, bodyStart } = parseMetadata(text);
      if (text.slice(bodyStart).trim().length === 0) {
        skipped.push({ source, reason: 'no text (empty or whitespace only)' });
      } else {
        documents.push({
          source,
          title: findTitle(text, bodyStart, metadata, source),
          text,
          bodyStart,
          metadata,
          contentHash: fingerprints[source] ?? sha256(bytes),
          bytes: bytes.length,
        });
      }
    }
    options.onFile?.(done, files.length);
  }
  return { documents, skipped, fingerprints, stamps };
}
