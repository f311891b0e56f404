/**
 * The data files of an index, and how they turn into an index in memory. What is large and
 * numeric is stored as typed arrays that load as views (passage offsets and sentences, BM25
 * postings); document texts are one UTF-8 file decoded per document on first use; passages are
 * made on first access. Whatever else a document or passage carries (title, heading, metadata,
 * fields added later) is plain data stored as JSON, field by field, so a new field passes through
 * without a format change.
 *
 * Files (all but the manifest and the vectors are made here):
 *   texts.bin       every document's text, UTF-8, one after the other
 *   documents.json  the documents without their text and lists, and where each is in the .bin files
 *   document-fields.bin  each document's list fields (blocks, sections...) as JSON, read on first use
 *   passages.bin    per passage: document, paragraph, start, end, and its sentences' offsets
 *   passages.json   the other passage fields, one column per field (or taken from the document),
 *                   each in its most compact form (passage-columns.ts)
 *   lexical.bin     the BM25 index as flat typed arrays
 *   attachment-<name>.json  data computed at build time by later stages (summaries)
 */
import type { SourceDocument } from '../documents/load-documents.ts';
import type { Passage } from '../documents/passages.ts';
import { bundleArray, decodeBundle, encodeBundle } from './binary-bundle.ts';
import { lazyArray } from './lazy-array.ts';
import { LexicalIndex } from './lexical-index.ts';
import { columnReader, encodeColumn, type ColumnReader, type StoredColumn } from './passage-columns.ts';
import { outlineOf, type OutlineEntry } from './passage-outline.ts';

export const INDEX_FILES = {
  manifest: 'manifest.json',
  texts: 'texts.bin',
  documents: 'documents.json',
  documentFields: 'document-fields.bin',
  passages: 'passages.bin',
  passageFields: 'passages.json',
  lexical: 'lexical.bin',
  vectors: 'vectors.hnsw',
} as const;

/** The data files every index has, whatever its mode. */
export const CORE_FILES: readonly string[] = [
  INDEX_FILES.texts,
  INDEX_FILES.documents,
  INDEX_FILES.documentFields,
  INDEX_FILES.passages,
  INDEX_FILES.passageFields,
  INDEX_FILES.lexical,
];

const ATTACHMENT_PREFIX = 'attachment-';

/** The file of an attachment (names are plain words: letters, digits, dashes). */
export function attachmentFile(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new RangeError(`attachment names are lower-case words, got "${name}"`);
  return `${ATTACHMENT_PREFIX}${name}.json`;
}

export function isAttachmentFile(file: string): boolean {
  return file.startsWith(ATTACHMENT_PREFIX) && file.endsWith('.json');
}

/** What an index holds, before it is written or after it is read. */
export interface IndexContent {
  documents: SourceDocument[];
  passages: Passage[];
  lexical: LexicalIndex;
}

/** Data files by name. */
export type IndexFiles = ReadonlyMap<string, Uint8Array>;

/** Passage fields stored as numbers in passages.bin (the text is a slice of the document's). */
const NUMERIC_PASSAGE_FIELDS = new Set(['paragraph', 'start', 'end', 'sentences', 'text']);

interface StoredDocuments {
  /** The documents without their text and list fields. */
  documents: Record<string, unknown>[];
  /** UTF-8 byte ranges of each document's text in texts.bin: `[start0, end0, start1, end1, ...]`. */
  textRanges: number[];
  /** Per list field (blocks, sections...), the byte range of each document's value (JSON) in document-fields.bin; -1 when absent. */
  lazyRanges: Record<string, number[]>;
}

interface StoredPassageFields {
  /** Fields equal to the same field of the passage's document in every passage. */
  inherited: string[];
  /** Other fields, one column per field (see `passage-columns.ts`). */
  columns: Record<string, StoredColumn>;
}

function json(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function parseJson<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
}

function encodeDocuments(documents: readonly SourceDocument[]): { texts: Uint8Array; documents: Uint8Array; documentFields: Uint8Array } {
  const textChunks: Buffer[] = [];
  const fieldChunks: Buffer[] = [];
  const textRanges: number[] = [];
  const lazyRanges: Record<string, number[]> = {};
  let textAt = 0;
  let fieldAt = 0;
  const stored = documents.map((document, i) => {
    const bytes = Buffer.from(document.text, 'utf8');
    textChunks.push(bytes);
    textRanges.push(textAt, textAt + bytes.length);
    textAt += bytes.length;
    const eager: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(document)) {
      if (key === 'text') continue;
      if (!Array.isArray(value)) {
        eager[key] = value;
        continue;
      }
      // Lists (blocks, sections...) can be large: each is read on first use, document by document.
      const json = Buffer.from(JSON.stringify(value), 'utf8');
      fieldChunks.push(json);
      (lazyRanges[key] ??= new Array<number>(documents.length * 2).fill(-1)).splice(2 * i, 2, fieldAt, fieldAt + json.length);
      fieldAt += json.length;
    }
    return eager;
  });
  return {
    texts: Buffer.concat(textChunks),
    documents: json({ documents: stored, textRanges, lazyRanges } satisfies StoredDocuments),
    documentFields: Buffer.concat(fieldChunks),
  };
}

function encodePassages(documents: readonly SourceDocument[], passages: readonly Passage[]): { passages: Uint8Array; passageFields: Uint8Array } {
  const documentNumber = new Map(documents.map((document, i) => [document.source, i]));
  const count = passages.length;
  const document = new Uint32Array(count);
  const paragraph = new Uint32Array(count);
  const start = new Uint32Array(count);
  const end = new Uint32Array(count);
  const sentenceOffsets = new Uint32Array(count + 1);
  let sentenceCount = 0;
  for (const passage of passages) sentenceCount += passage.sentences.length;
  const sentences = new Uint32Array(sentenceCount * 2);

  const fieldNames = new Set<string>();
  for (const passage of passages) for (const key of Object.keys(passage)) if (!NUMERIC_PASSAGE_FIELDS.has(key)) fieldNames.add(key);
  const inherited = new Set(fieldNames);
  let at = 0;
  passages.forEach((passage, i) => {
    const owner = documentNumber.get(passage.source);
    if (owner === undefined) throw new Error(`passage ${passage.id} belongs to no indexed document`);
    document[i] = owner;
    paragraph[i] = passage.paragraph;
    start[i] = passage.start;
    end[i] = passage.end;
    sentenceOffsets[i] = at / 2;
    for (const sentence of passage.sentences) {
      sentences[at++] = sentence.start;
      sentences[at++] = sentence.end;
    }
    const ownerFields = documents[owner] as unknown as Record<string, unknown>;
    const fields = passage as unknown as Record<string, unknown>;
    for (const key of inherited) if (!Object.is(fields[key], ownerFields[key])) inherited.delete(key);
  });
  sentenceOffsets[count] = at / 2;

  const columns: Record<string, StoredColumn> = {};
  for (const key of fieldNames) {
    if (inherited.has(key)) continue;
    columns[key] = encodeColumn(passages.map((passage) => (passage as unknown as Record<string, unknown>)[key]));
  }
  return {
    passages: encodeBundle({ document, paragraph, start, end, sentenceOffsets, sentences }),
    passageFields: json({ inherited: [...inherited], columns } satisfies StoredPassageFields),
  };
}

function encodeLexical(lexical: LexicalIndex): Uint8Array {
  const parts = lexical.toParts();
  return encodeBundle({
    parameters: Float64Array.of(parts.k1, parts.b),
    // Terms are words (letters and digits): a newline never occurs in one.
    terms: Buffer.from(parts.terms.join('\n'), 'utf8'),
    sortedTerms: parts.sortedTerms,
    offsets: parts.offsets,
    passages: parts.passages,
    frequencies: parts.frequencies,
    lengths: parts.lengths,
  });
}

/** The data files of an index (all but the manifest and the vectors), plus its attachments as JSON. */
export function encodeIndex(content: IndexContent, attachments: Record<string, unknown> = {}): Map<string, Uint8Array> {
  const documents = encodeDocuments(content.documents);
  const passages = encodePassages(content.documents, content.passages);
  const files = new Map<string, Uint8Array>([
    [INDEX_FILES.texts, documents.texts],
    [INDEX_FILES.documents, documents.documents],
    [INDEX_FILES.documentFields, documents.documentFields],
    [INDEX_FILES.passages, passages.passages],
    [INDEX_FILES.passageFields, passages.passageFields],
    [INDEX_FILES.lexical, encodeLexical(content.lexical)],
  ]);
  for (const [name, value] of Object.entries(attachments)) files.set(attachmentFile(name), json(value));
  return files;
}

function requiredFile(files: IndexFiles, name: string): Uint8Array {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} is missing`);
  return bytes;
}

/** Defines `key` on `target` as a value computed on first read (then kept as a plain property). */
function defineLazy(target: object, key: string, compute: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

function utf8Slice(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/** Documents whose text and list fields are decoded the first time they are read. */
function decodeDocuments(files: IndexFiles): SourceDocument[] {
  const texts = requiredFile(files, INDEX_FILES.texts);
  const fields = requiredFile(files, INDEX_FILES.documentFields);
  const stored = parseJson<StoredDocuments>(requiredFile(files, INDEX_FILES.documents));
  const count = Array.isArray(stored.documents) ? stored.documents.length : -1;
  if (count < 0 || !Array.isArray(stored.textRanges) || stored.textRanges.length !== count * 2 || typeof stored.lazyRanges !== 'object') {
    throw new Error(`${INDEX_FILES.documents} is malformed`);
  }
  const inRange = (ranges: readonly number[], i: number, limit: number): [number, number] | undefined => {
    const start = ranges[2 * i] ?? -1;
    const end = ranges[2 * i + 1] ?? -1;
    if (start < 0) return undefined;
    if (end < start || end > limit) throw new Error(`${INDEX_FILES.documents} points outside its data files`);
    return [start, end];
  };
  return stored.documents.map((eager, i) => {
    const document = { ...eager } as unknown as SourceDocument;
    const text = inRange(stored.textRanges, i, texts.length) ?? [0, 0];
    defineLazy(document, 'text', () => utf8Slice(texts, text[0], text[1]));
    for (const [key, ranges] of Object.entries(stored.lazyRanges)) {
      const range = inRange(ranges, i, fields.length);
      if (range) defineLazy(document, key, () => JSON.parse(utf8Slice(fields, range[0], range[1])) as unknown);
    }
    return document;
  });
}

/**
 * Passages made on first access from passages.bin and passages.json, and their outline (where
 * each document and section begins), read from the same columns without making any passage.
 */
function decodePassages(files: IndexFiles, documents: readonly SourceDocument[]): { passages: Passage[]; outline: () => readonly OutlineEntry[] } {
  const arrays = decodeBundle(requiredFile(files, INDEX_FILES.passages));
  const document = bundleArray(arrays, 'document', Uint32Array);
  const paragraph = bundleArray(arrays, 'paragraph', Uint32Array);
  const start = bundleArray(arrays, 'start', Uint32Array);
  const end = bundleArray(arrays, 'end', Uint32Array);
  const sentenceOffsets = bundleArray(arrays, 'sentenceOffsets', Uint32Array);
  const sentences = bundleArray(arrays, 'sentences', Uint32Array);
  const count = document.length;
  if ([paragraph, start, end].some((array) => array.length !== count) || sentenceOffsets.length !== count + 1) {
    throw new Error(`${INDEX_FILES.passages} is malformed`);
  }
  for (const owner of document) if (owner >= documents.length) throw new Error(`${INDEX_FILES.passages} names a document that is not indexed`);
  if ((sentenceOffsets[count] ?? 0) * 2 !== sentences.length) throw new Error(`${INDEX_FILES.passages} is malformed`);

  // The field columns are parsed on the first passage made, not at load.
  const fieldsBytes = requiredFile(files, INDEX_FILES.passageFields);
  let fields: { inherited: string[]; columns: [string, ColumnReader][] } | undefined;
  const storedFields = (): { inherited: string[]; columns: [string, ColumnReader][] } => {
    if (fields) return fields;
    const stored = parseJson<StoredPassageFields>(fieldsBytes);
    if (!Array.isArray(stored.inherited) || typeof stored.columns !== 'object' || stored.columns === null) {
      throw new Error(`${INDEX_FILES.passageFields} is malformed`);
    }
    fields = {
      inherited: stored.inherited,
      columns: Object.entries(stored.columns).map(([key, column]) => [key, columnReader(column, count, key)]),
    };
    return fields;
  };

  const passages = lazyArray(count, (i) => {
    const owner = documents[document[i] ?? 0] as SourceDocument;
    const ownerFields = owner as unknown as Record<string, unknown>;
    const { inherited, columns } = storedFields();
    const passage: Record<string, unknown> = {};
    for (const key of inherited) passage[key] = ownerFields[key];
    for (const [key, column] of columns) passage[key] = column.value(i);
    const passageStart = start[i] ?? 0;
    const passageEnd = end[i] ?? 0;
    const spans = [];
    for (let s = sentenceOffsets[i] ?? 0; s < (sentenceOffsets[i + 1] ?? 0); s += 1) {
      spans.push({ start: sentences[2 * s] ?? 0, end: sentences[2 * s + 1] ?? 0 });
    }
    Object.assign(passage, { paragraph: paragraph[i] ?? 0, start: passageStart, end: passageEnd, text: owner.text.slice(passageStart, passageEnd), sentences: spans });
    return passage as unknown as Passage;
  });

  let outline: readonly OutlineEntry[] | undefined;
  const outlineOnce = (): readonly OutlineEntry[] => {
    if (outline) return outline;
    const { inherited, columns } = storedFields();
    const byName = new Map(columns);
    // Read only (the outline keeps them): values may be shared between passages.
    const fieldOf = (i: number, key: string): unknown =>
      inherited.includes(key) ? (documents[document[i] ?? 0] as unknown as Record<string, unknown>)[key] : byName.get(key)?.peek(i);
    outline = outlineOf(count, (i) => ({
      source: String(fieldOf(i, 'source')),
      title: String(fieldOf(i, 'title') ?? ''),
      section: (fieldOf(i, 'section') as string[] | undefined) ?? [],
    }));
    return outline;
  };
  return { passages, outline: outlineOnce };
}

function decodeLexical(files: IndexFiles): LexicalIndex {
  const arrays = decodeBundle(requiredFile(files, INDEX_FILES.lexical));
  const parameters = bundleArray(arrays, 'parameters', Float64Array);
  const termBytes = bundleArray(arrays, 'terms', Uint8Array);
  const termText = Buffer.from(termBytes.buffer, termBytes.byteOffset, termBytes.byteLength).toString('utf8');
  return LexicalIndex.fromParts({
    k1: parameters[0] ?? 1.2,
    b: parameters[1] ?? 0.75,
    terms: termText === '' ? [] : termText.split('\n'),
    sortedTerms: bundleArray(arrays, 'sortedTerms', Uint32Array),
    offsets: bundleArray(arrays, 'offsets', Uint32Array),
    passages: bundleArray(arrays, 'passages', Uint32Array),
    frequencies: bundleArray(arrays, 'frequencies', Uint16Array),
    lengths: bundleArray(arrays, 'lengths', Uint32Array),
  });
}

/** Reads attachments on demand, parsing each once. */
export class Attachments {
  private readonly parsed = new Map<string, unknown>();

  constructor(private readonly files: IndexFiles) {}

  /** Whether the index has an attachment of that name (without parsing it). */
  has(name: string): boolean {
    return this.files.has(attachmentFile(name));
  }

  /** The attachment's value, or undefined when the index has none of that name. */
  get(name: string): unknown {
    if (this.parsed.has(name)) return this.parsed.get(name);
    const bytes = this.files.get(attachmentFile(name));
    const value = bytes ? parseJson<unknown>(bytes) : undefined;
    this.parsed.set(name, value);
    return value;
  }
}

/** An index in memory from its data files (already verified). Throws an Error naming what is malformed. */
export function decodeIndex(files: IndexFiles): IndexContent & { attachments: Attachments; outline: () => readonly OutlineEntry[] } {
  const documents = decodeDocuments(files);
  const { passages, outline } = decodePassages(files, documents);
  const lexical = decodeLexical(files);
  if (lexical.size !== passages.length) throw new Error('the lexical index and the passages disagree');
  return { documents, passages, lexical, attachments: new Attachments(files), outline };
}
