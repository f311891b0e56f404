/** Why a file could not be read as its format, in words a person can act on. Indexing goes on without it. */
export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';
}
