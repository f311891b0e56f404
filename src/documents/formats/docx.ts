/**
 * Word (`.docx`), converted by mammoth (a well-kept reader of Word's XML that maps paragraph
 * styles to meaning: "Heading 1" to `<h1>`, lists to `<ul>`/`<ol>`, tables to `<table>`), then
 * read by the HTML path with every element kept (a Word document has no site chrome).
 */
import mammoth from 'mammoth';
import type { ParsedDocument } from '../model.ts';
import { parseHtml } from './html.ts';
import { UnreadableDocumentError } from './unreadable.ts';

/** A .docx file is a zip archive: it starts with `PK`. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

export async function parseDocx(bytes: Buffer): Promise<ParsedDocument> {
  if (!looksLikeZip(bytes)) {
    const oldWord = bytes[0] === 0xd0 && bytes[1] === 0xcf;
    throw new UnreadableDocumentError(
      oldWord ? 'an old Word (.doc) or password-protected file saved as .docx: open it in Word and save it as .docx without a password' : 'not a valid Word document (damaged, or not a .docx file)',
    );
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"] })).value;
  } catch {
    throw new UnreadableDocumentError('not a valid Word document (damaged: its parts could not be read)');
  }
  return { ...parseHtml(html, { mainContentOnly: false }), format: 'docx' };
}
