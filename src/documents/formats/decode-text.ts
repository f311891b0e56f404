/**
 * Bytes to text for the text-based formats: UTF-8 (a byte-order mark removed) and UTF-16 with a
 * byte-order mark (offsets stay those of the decoded file, line endings as they are). Anything else is refused with a reason, never guessed.
 */
import { UnreadableDocumentError } from './unreadable.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  else {
    if (bytes.subarray(0, 8192).includes(0)) throw new UnreadableDocumentError('binary file (contains NUL bytes)');
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new UnreadableDocumentError('not UTF-8 text (save it as UTF-8)');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}
