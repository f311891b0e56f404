/**
 * How a person names a document: by its source path, its file name or its title, in any case, or
 * by a part of one of them. Shared by every adapter (the CLI's `summary`, the chat, `/summary`).
 */
import { UnknownDocumentError } from './errors.ts';
import type { SourceInfo } from './types.ts';

/** True when the words mean "every document" rather than one (nothing, or `all`). */
export function meansAllDocuments(requested: string | undefined): boolean {
  const wanted = requested?.trim().toLowerCase() ?? '';
  return wanted === '' || wanted === 'all';
}

/**
 * The documents a name can mean: the one whose source path, file name or title equals it
 * (ignoring case), else every one whose source or title contains it.
 */
export function matchDocuments(documents: readonly SourceInfo[], requested: string): SourceInfo[] {
  const wanted = requested.trim().toLowerCase();
  const exact = documents.find(
    (document) =>
      document.source.toLowerCase() === wanted ||
      document.title.toLowerCase() === wanted ||
      (document.source.split('/').pop() ?? '').toLowerCase() === wanted,
  );
  if (exact) return [exact];
  return documents.filter((document) => document.source.toLowerCase().includes(wanted) || document.title.toLowerCase().includes(wanted));
}

/**
 * The one document a name means, `undefined` when it means all of them; throws
 * UnknownDocumentError (with the candidates) when it fits none or several.
 */
export function resolveDocument(documents: readonly SourceInfo[], requested: string | undefined): SourceInfo | undefined {
  if (requested === undefined || meansAllDocuments(requested)) return undefined;
  const matches = matchDocuments(documents, requested);
  if (matches.length === 1 && matches[0]) return matches[0];
  throw new UnknownDocumentError(
    requested.trim(),
    documents.map((document) => document.source),
    matches.map((document) => document.source),
  );
}
