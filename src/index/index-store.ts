/**
 * Building, writing, loading and swapping the index. A build writes a complete new folder and only
 * then points `CURRENT` at it with an atomic rename, so a crash, a kill or a full disk mid-build
 * leaves the previous index in use. Loading verifies checksums before parsing anything, so a
 * damaged file is reported (and rebuilt by the caller), never half-read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadDocuments, type SourceDocument } from '../documents/load-documents.ts';
import { splitPassages, type Passage } from '../documents/passages.ts';
import { LexicalIndex, type LexicalIndexData } from './lexical-index.ts';
import { INDEX_FORMAT_VERSION, manifestProblem, type IndexManifest } from './manifest.ts';
import { VectorIndex } from './vector-index.ts';

/** What the index needs of an embedding model. */
export interface PassageEmbedder {
  readonly modelId: string;
  readonly dimensions: number;
  embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

/** An index in memory, ready to search. */
export interface LoadedIndex {
  folder: string;
  manifest: IndexManifest;
  documents: SourceDocument[];
  /** The same documents by source path. */
  documentsBySource: Map<string, SourceDocument>;
  passages: Passage[];
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
}

function bySource(documents: SourceDocument[]): Map<string, SourceDocument> {
  return new Map(documents.map((document) => [document.source, document]));
}

export interface BuildProgress {
  phase: 'reading' | 'embedding' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  docsDir: string;
  indexDir: string;
  /** The model to embed passages with, or null for a lexical-only index. */
  embedder: PassageEmbedder | null;
  /** The configured model id, recorded so that changing the setting makes the index stale. */
  requestedModel: string;
  /** Why `embedder` is null although a model was asked for; recorded in the manifest. */
  modelWarning?: string | null;
  /** Files larger than this are skipped. Default: 10 MiB. */
  maxDocumentBytes?: number;
  /** Characters a passage grows to. Default: 500. */
  passageChars?: number;
  onProgress?: (progress: BuildProgress) => void;
}

/** There is no index yet in this folder. */
export class IndexMissingError extends Error {
  override name = 'IndexMissingError';
}

/** The new index could not be written (permissions, a full disk, a file where the folder should be). */
export class IndexWriteError extends Error {
  override name = 'IndexWriteError';
}

/** The index exists but cannot be used: damaged, from another version, or half-written. */
export class IndexCorruptError extends Error {
  override name = 'IndexCorruptError';
}

const CURRENT_POINTER = 'CURRENT';
const FILES = { manifest: 'manifest.json', documents: 'documents.json', passages: 'passages.json', lexical: 'lexical.json', vectors: 'vectors.hnsw' } as const;

/** Passages as stored: the text is a slice of the stored document, so it is not repeated. */
interface StoredPassage {
  id: string;
  document: number;
  heading?: string;
  /** Section path (headings above the passage, without the title); left out when empty. */
  section?: string[];
  /** Page of a PDF passage. */
  page?: number;
  paragraph: number;
  start: number;
  end: number;
  /** Sentence offsets, flattened: `[start0, end0, start1, end1, ...]`. */
  sentences: number[];
}

/** The document title and section heading of a passage: context its sentences leave implicit. */
export function passageContext(passage: Pick<Passage, 'title' | 'heading'>): string {
  return [passage.title, passage.heading].filter((part, i, all) => part && all.indexOf(part) === i).join(' - ');
}

/** Text embedded for a passage: its context, then its text. */
export function passageEmbeddingText(passage: Passage): string {
  const context = passageContext(passage);
  return context ? `${context}. ${passage.text}` : passage.text;
}

/** Text indexed by BM25 for a passage: words of the title or heading find every passage under it. */
function passageSearchText(passage: Passage): string {
  return `${passageContext(passage)} ${passage.text}`;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
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

/** Removes index folders that are no longer current, and build folders of processes that died. */
async function removeStaleFolders(indexDir: string, keep: string): Promise<void> {
  const entries = await fs.readdir(indexDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === keep) continue;
    const build = /^\.build-(\d+)-/.exec(entry.name);
    const obsolete = entry.name.startsWith('index-') || (build?.[1] !== undefined && (Number(build[1]) === process.pid ? false : !isProcessAlive(Number(build[1]))));
    if (obsolete) await fs.rm(path.join(indexDir, entry.name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Reads the documents, splits them, indexes them lexically and (with an embedder) as vectors,
 * writes everything to a new folder and makes it current. Returns the new index, loaded.
 */
export async function buildIndex(options: BuildIndexOptions): Promise<LoadedIndex> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const { documents, skipped, fingerprints, stamps } = await loadDocuments(options.docsDir, {
    maxBytes: options.maxDocumentBytes,
    onFile: (done, total) => progress({ phase: 'reading', done, total }),
  });
  const passages: Passage[] = [];
  for (const document of documents) {
    passages.push(...splitPassages(document, { targetChars: options.passageChars }));
    // Long builds run inside the bot's process: let it answer heartbeats and interactions.
    if (passages.length % 200 < 20) await yieldToEventLoop();
  }
  const lexical = await LexicalIndex.buildYielding(passages.map(passageSearchText));

  let vectors: VectorIndex | null = null;
  if (options.embedder && passages.length > 0) {
    const embedder = options.embedder;
    progress({ phase: 'embedding', done: 0, total: passages.length });
    const embedded = await embedder.embedPassages(passages.map(passageEmbeddingText), (done, total) =>
      progress({ phase: 'embedding', done, total }),
    );
    vectors = await VectorIndex.build(embedded, embedder.dimensions);
  }

  progress({ phase: 'writing', done: 0, total: 1 });
  const buildFolder = path.join(options.indexDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(options.indexDir, { recursive: true });
    await fs.mkdir(buildFolder);
  } catch (error) {
    throw writeError(options.indexDir, error);
  }
  try {
    const documentIndex = new Map(documents.map((document, i) => [document.source, i]));
    const stored: StoredPassage[] = passages.map((passage) => ({
      id: passage.id,
      document: documentIndex.get(passage.source) ?? -1,
      ...(passage.heading !== undefined ? { heading: passage.heading } : {}),
      ...(passage.section.length > 0 ? { section: passage.section } : {}),
      ...(passage.page !== undefined ? { page: passage.page } : {}),
      paragraph: passage.paragraph,
      start: passage.start,
      end: passage.end,
      sentences: passage.sentences.flatMap((sentence) => [sentence.start, sentence.end]),
    }));
    await writeDurable(path.join(buildFolder, FILES.documents), JSON.stringify(documents));
    await writeDurable(path.join(buildFolder, FILES.passages), JSON.stringify(stored));
    await writeDurable(path.join(buildFolder, FILES.lexical), JSON.stringify(lexical.toJSON()));
    const dataFiles: string[] = [FILES.documents, FILES.passages, FILES.lexical];
    if (vectors) {
      vectors.write(path.join(buildFolder, FILES.vectors));
      dataFiles.push(FILES.vectors);
    }
    const files: Record<string, string> = {};
    for (const name of dataFiles) files[name] = await sha256File(path.join(buildFolder, name));

    const passageCounts = new Map<string, number>();
    for (const passage of passages) passageCounts.set(passage.source, (passageCounts.get(passage.source) ?? 0) + 1);
    const manifest: IndexManifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      mode: vectors ? 'hybrid' : 'lexical',
      requestedModel: options.requestedModel,
      model: vectors && options.embedder ? { id: options.embedder.modelId, dimensions: options.embedder.dimensions } : null,
      modelWarning: vectors ? null : (options.modelWarning ?? null),
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
      counts: { documents: documents.length, passages: passages.length, skipped: skipped.length },
      documents: documents.map((document) => ({
        source: document.source,
        title: document.title,
        contentHash: document.contentHash,
        bytes: document.bytes,
        passages: passageCounts.get(document.source) ?? 0,
        metadata: document.metadata,
      })),
      skipped,
      fingerprints,
      stamps,
      files,
    };
    await writeDurable(path.join(buildFolder, FILES.manifest), JSON.stringify(manifest, null, 2));

    const finalName = `index-${manifest.builtAt.replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
    await fs.rename(buildFolder, path.join(options.indexDir, finalName));
    const pointerTemp = path.join(options.indexDir, `${CURRENT_POINTER}.${process.pid}.tmp`);
    await writeDurable(pointerTemp, `${finalName}\n`);
    await fs.rename(pointerTemp, path.join(options.indexDir, CURRENT_POINTER));
    await removeStaleFolders(options.indexDir, finalName);
    progress({ phase: 'done', done: 1, total: 1 });
    return { folder: path.join(options.indexDir, finalName), manifest, documents, documentsBySource: bySource(documents), passages, lexical, vectors };
  } catch (error) {
    await fs.rm(buildFolder, { recursive: true, force: true }).catch(() => undefined);
    throw writeError(options.indexDir, error);
  }
}

function writeError(indexDir: string, error: unknown): IndexWriteError {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way of the folder' : (error instanceof Error ? error.message : String(error));
  return new IndexWriteError(
    `Could not write the index to ${indexDir}: ${hint}. The previous index, if any, is unchanged. Free space, fix the permissions, or set INDEX_DIR (or --index) to another folder.`,
  );
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
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
  const folder = path.join(indexDir, pointer);
  const fail = (reason: string): never => {
    throw new IndexCorruptError(`The index in ${folder} cannot be used: ${reason}.`);
  };

  let manifest: IndexManifest;
  try {
    const parsed: unknown = await readJson(path.join(folder, FILES.manifest));
    const problem = manifestProblem(parsed);
    if (problem) fail(problem);
    manifest = parsed as IndexManifest;
  } catch (error) {
    if (error instanceof IndexCorruptError) throw error;
    return fail(`its manifest cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  // Each data file is read once: checked against the manifest, then parsed from the same bytes.
  const verified = new Map<string, Buffer>();
  for (const name of [FILES.documents, FILES.passages, FILES.lexical, ...(manifest.mode === 'hybrid' ? [FILES.vectors] : [])]) {
    const expected = manifest.files[name];
    if (!expected) fail(`the manifest has no checksum for ${name}`);
    const bytes = await fs.readFile(path.join(folder, name)).catch(() => undefined);
    if (bytes === undefined) return fail(`${name} is missing`);
    if (createHash('sha256').update(bytes).digest('hex') !== expected) fail(`${name} is damaged (its checksum does not match the manifest)`);
    verified.set(name, bytes);
  }
  const parseVerified = <T>(name: string): T => JSON.parse(verified.get(name)?.toString('utf8') ?? 'null') as T;

  try {
    const documents = parseVerified<SourceDocument[]>(FILES.documents);
    const stored = parseVerified<StoredPassage[]>(FILES.passages);
    const passages: Passage[] = stored.map((entry) => {
      const document = documents[entry.document];
      if (!document) throw new Error(`passage ${entry.id} names no document`);
      const sentences = [];
      for (let i = 0; i + 1 < entry.sentences.length; i += 2) sentences.push({ start: entry.sentences[i] ?? 0, end: entry.sentences[i + 1] ?? 0 });
      return {
        id: entry.id,
        source: document.source,
        title: document.title,
        heading: entry.heading,
        section: entry.section ?? [],
        ...(entry.page !== undefined ? { page: entry.page } : {}),
        paragraph: entry.paragraph,
        start: entry.start,
        end: entry.end,
        text: document.text.slice(entry.start, entry.end),
        sentences,
      };
    });
    const lexical = LexicalIndex.fromJSON(parseVerified<LexicalIndexData>(FILES.lexical));
    if (lexical.size !== passages.length) fail('the lexical index and the passages disagree');
    let vectors: VectorIndex | null = null;
    if (manifest.mode === 'hybrid' && manifest.model) {
      vectors = VectorIndex.read(path.join(folder, FILES.vectors), manifest.model.dimensions);
      if (vectors.size !== passages.length) fail('the vector index and the passages disagree');
    }
    return { folder, manifest, documents, documentsBySource: bySource(documents), passages, lexical, vectors };
  } catch (error) {
    if (error instanceof IndexCorruptError) throw error;
    return fail(error instanceof Error ? error.message : String(error));
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

