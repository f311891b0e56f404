/** The description of a built index, written last into its folder as `manifest.json`. */
import type { FileStamp, SkippedFile } from '../documents/load-documents.ts';

/** Bumped whenever the files of an index change shape; an older index is rebuilt, not misread. */
export const INDEX_FORMAT_VERSION = 6;

export interface IndexedDocumentEntry {
  source: string;
  title: string;
  /** SHA-256 of the file's bytes. */
  contentHash: string;
  bytes: number;
  passages: number;
  metadata: Record<string, string>;
}

export interface IndexManifest {
  formatVersion: number;
  /** `hybrid` when passage vectors were built, `lexical` when the model was not available. */
  mode: 'hybrid' | 'lexical';
  /** The model the configuration asked for, whether or not it loaded: a change of setting makes the index stale. */
  requestedModel: string;
  /** The model that embedded the passages, or null for a lexical-only index. */
  model: { id: string; dimensions: number } | null;
  /** Why there are no vectors, for a lexical index built while a model was asked for. */
  modelWarning: string | null;
  /** ISO time the build finished. */
  builtAt: string;
  buildMs: number;
  counts: { documents: number; passages: number; skipped: number };
  documents: IndexedDocumentEntry[];
  skipped: SkippedFile[];
  /** Fingerprint of every .txt/.md file in the documents folder when built, to tell when the index is stale. */
  fingerprints: Record<string, string>;
  /** Size and modification time of the same files: an unchanged stamp spares reading the file to check it. */
  stamps?: Record<string, FileStamp>;
  /** Checksum of each data file of the index folder (`crc32:<hex>`, see checksum.ts), checked before anything is parsed. */
  files: Record<string, string>;
}

/** Checks the shape of a parsed manifest; returns what is wrong, or undefined. */
export function manifestProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'the manifest is not a JSON object';
  const manifest = value as Partial<IndexManifest>;
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    return `the index format is ${String(manifest.formatVersion)}, this version reads ${INDEX_FORMAT_VERSION}`;
  }
  if (manifest.mode !== 'hybrid' && manifest.mode !== 'lexical') return 'the manifest has no valid mode';
  if (manifest.mode === 'hybrid' && (typeof manifest.model?.dimensions !== 'number' || manifest.model.dimensions < 1)) {
    return 'the manifest of a hybrid index names no model dimensions';
  }
  if (typeof manifest.files !== 'object' || manifest.files === null) return 'the manifest lists no files';
  if (!Array.isArray(manifest.documents) || typeof manifest.fingerprints !== 'object' || manifest.fingerprints === null) {
    return 'the manifest lists no documents';
  }
  if (typeof manifest.requestedModel !== 'string' || typeof manifest.builtAt !== 'string') return 'the manifest is incomplete';
  return undefined;
}
