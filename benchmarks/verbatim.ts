/**
 * The verbatim check: is an excerpt the document's own words, in order, never rewritten? The
 * protocol assumes it (an answer string found in an excerpt must be the document's text).
 *
 * A piece of an excerpt (between `…` cut marks) passes when it appears in the document's text with
 * whitespace folded, or, for documents kept with markup (Markdown, HTML), when its sequence of words
 * appears in the document's words once the markup that is not text is set aside: link targets, tags
 * and their attributes outside code (an image by its alt text; `<name>` in inline code is text), VitePress `[!code …]` annotations and `{#id}` anchors, inline-code ticks, code-fence and
 * container lines, ordered-list numbers, and punctuation between words (so `**Normans**` and `[France](https://…)` read as `Normans` and `France`).
 */

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The words of a text: runs of letters and digits, lower-cased. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Fenced code blocks and inline code spans: their text is literal, `<name>` in them is not a tag. */
const CODE_SPANS = /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[^\n]*$|`[^`\n]+`/gm;

/** Applies `edit` to the parts of `text` outside code (fenced blocks, inline spans), keeping code as written. */
function outsideCode(text: string, edit: (prose: string) => string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(CODE_SPANS)) {
    result += edit(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + edit(text.slice(last));
}

/** A document's text with what markup adds besides text removed (link targets, tags, annotations). */
function withoutMarkup(text: string): string {
  return outsideCode(text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ' '), (prose) =>
    prose
      .replace(/\]\([^)\s]*(\s+"[^"]*")?\)/g, '] ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<img\b[^<>]*?\balt="([^"]*)"[^<>]*>/gi, ' $1 ')
      .replace(/<\/?[A-Za-z][\w.:-]*(\s+[\w:@.-]+(=("[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/g, ' '),
  )
    .replace(/\[!code[^\]]*\]/g, ' ')
    .replace(/\{#[\w-]+\}/g, ' ')
    // Lines that are only markup: code fences with their info string (```ts [vitest.config.ts]),
    // container markers (::: code-group), and the numbers of ordered-list items.
    .replace(/^[ \t]*(```|~~~|:::).*$/gm, ' ')
    .replace(/^[ \t]*\d+[.)][ \t]/gm, ' ')
    // Inline-code ticks can sit inside a word (`await`ing): the reader sees one word.
    .replace(/`/g, '');
}

/** A document prepared once for many checks. */
export interface VerbatimDocument {
  folded: string;
  /** Its words without markup, joined by single spaces, with a space at both ends for whole-word search. */
  wordLine: string;
}

export function prepareDocument(text: string): VerbatimDocument {
  return { folded: fold(text), wordLine: ` ${words(withoutMarkup(text)).join(' ')} ` };
}

/** True when every piece of the excerpt is the document's text (see the module comment). */
export function isVerbatim(excerptText: string, document: VerbatimDocument): boolean {
  const pieces = excerptText
    .split(/…|\.\.\./)
    .map(fold)
    .filter((piece) => piece.length > 0);
  return pieces.every((piece) => {
    if (document.folded.includes(piece)) return true;
    const pieceWords = words(piece);
    return pieceWords.length > 0 && document.wordLine.includes(` ${pieceWords.join(' ')} `);
  });
}
