/**
 * Which reader reads which file, by extension. Each format lives in its own file beside this one;
 * a reader turns a file's bytes into a `ParsedDocument` or throws `UnreadableDocumentError` with a
 * reason a person understands.
 */
import type { ParsedDocument } from '../model.ts';
import { decodeText } from './decode-text.ts';

// Readers are imported on first use: their parsers (mdast, linkedom, mammoth, PDF.js) take a
// second or more to load, which a command that only checks the folder (`ask` on a fresh index)
// should not pay.

export interface FormatReader {
  /** What the format is called in messages. */
  name: string;
  extensions: readonly string[];
  read(bytes: Buffer): Promise<ParsedDocument>;
}

export const FORMAT_READERS: readonly FormatReader[] = [
  { name: 'Markdown', extensions: ['.md', '.markdown'], read: async (bytes) => (await import('./markdown.ts')).parseMarkdown(decodeText(bytes)) },
  { name: 'MDX', extensions: ['.mdx'], read: async (bytes) => (await import('./markdown.ts')).parseMarkdown(decodeText(bytes), { mdx: true }) },
  { name: 'HTML', extensions: ['.html', '.htm'], read: async (bytes) => (await import('./html.ts')).parseHtml(decodeText(bytes)) },
  { name: 'PDF', extensions: ['.pdf'], read: async (bytes) => (await import('./pdf.ts')).parsePdf(bytes) },
  { name: 'Word', extensions: ['.docx'], read: async (bytes) => (await import('./docx.ts')).parseDocx(bytes) },
  { name: 'text', extensions: ['.txt'], read: async (bytes) => (await import('./text.ts')).parseText(decodeText(bytes)) },
];

const BY_EXTENSION = new Map(FORMAT_READERS.flatMap((reader) => reader.extensions.map((extension) => [extension, reader] as const)));

/** The extensions that are read, lower case with their dot. */
export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(BY_EXTENSION.keys());

/** The reader for a file name's extension (case-insensitive), or undefined. */
export function readerFor(fileName: string): FormatReader | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION.get(fileName.slice(dot).toLowerCase());
}

/** "Markdown (.md, .markdown), text (.txt)": the formats that are read, for messages. */
export function describeSupportedFormats(): string {
  return FORMAT_READERS.map((reader) => `${reader.name} (${reader.extensions.join(', ')})`).join(', ');
}

/** Why a file of another extension is not read, with the advice that fits the common cases. */
export function unsupportedReason(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot).toLowerCase();
  if (extension === '.doc') return 'old Word format (.doc) is not read: save it as .docx';
  if (extension === '.rtf' || extension === '.odt' || extension === '.pages') return `${extension} files are not read: save it as .docx or PDF`;
  return `not a format that is read (${extension || 'no extension'}); read are ${describeSupportedFormats()}`;
}
