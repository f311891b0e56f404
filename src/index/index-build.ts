/**
 * Building an index in memory: read the documents, split them into passages, index them with
 * BM25 and (with a model) as vectors. Nothing is written here (see `index-write.ts`). This is the
 * heavy part of a rebuild: the service runs it on a worker thread.
 */
import { loadDocuments, type FileStamp, type SkippedFile } from '../documents/load-documents.ts';
import { splitPassages, type Passage } from '../documents/passages.ts';
import type { IndexContent } from './index-format.ts';
import { LexicalIndex } from './lexical-index.ts';
import { VectorIndex } from './vector-index.ts';

/** What the index needs of an embedding model. */
export interface PassageEmbedder {
  readonly modelId: string;
  readonly dimensions: number;
  embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

export interface BuildProgress {
  phase: 'reading' | 'splitting' | 'indexing' | 'embedding' | 'summarizing' | 'writing' | 'done';
  /** Items done and total in this phase (files for reading, documents for splitting, passages for embedding). */
  done: number;
  total: number;
  /** Documents read so far, and passages made of them (from the splitting phase on). */
  documents?: number;
  passages?: number;
}

export interface ComputeIndexOptions {
  docsDir: string;
  /** The model to embed passages with, or null for a lexical-only index. */
  embedder: PassageEmbedder | null;
  /** Files larger than this are skipped. Default: 10 MiB. */
  maxDocumentBytes?: number;
  /** Characters a passage grows to. Default: 500. */
  passageChars?: number;
  onProgress?: (progress: BuildProgress) => void;
}

/** An index built in memory, with what the manifest records of its sources. */
export interface ComputedIndex extends IndexContent {
  vectors: VectorIndex | null;
  /** The model that embedded the passages, or null for a lexical-only index. */
  model: { id: string; dimensions: number } | null;
  skipped: SkippedFile[];
  fingerprints: Record<string, string>;
  stamps: Record<string, FileStamp>;
  startedAt: number;
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

/** Reads, splits and indexes the documents folder. */
export async function computeIndex(options: ComputeIndexOptions): Promise<ComputedIndex> {
  const startedAt = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const { documents, skipped, fingerprints, stamps } = await loadDocuments(options.docsDir, {
    maxBytes: options.maxDocumentBytes,
    onFile: (done, total) => progress({ phase: 'reading', done, total, documents: done }),
  });
  const passages: Passage[] = [];
  documents.forEach((document, i) => {
    passages.push(...splitPassages(document, { targetChars: options.passageChars }));
    if (i % 50 === 49 || i === documents.length - 1) {
      progress({ phase: 'splitting', done: i + 1, total: documents.length, documents: documents.length, passages: passages.length });
    }
  });
  const counts = { documents: documents.length, passages: passages.length };
  progress({ phase: 'indexing', done: 0, total: passages.length, ...counts });
  const lexical = LexicalIndex.build(passages.map(passageSearchText));

  let vectors: VectorIndex | null = null;
  let model: ComputedIndex['model'] = null;
  if (options.embedder && passages.length > 0) {
    const embedder = options.embedder;
    progress({ phase: 'embedding', done: 0, total: passages.length, ...counts });
    const embedded = await embedder.embedPassages(passages.map(passageEmbeddingText), (done, total) =>
      progress({ phase: 'embedding', done, total, ...counts }),
    );
    vectors = await VectorIndex.build(embedded, embedder.dimensions);
    model = { id: embedder.modelId, dimensions: embedder.dimensions };
  }
  return { documents, passages, lexical, vectors, model, skipped, fingerprints, stamps, startedAt };
}
