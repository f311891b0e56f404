/**
 * Links in text the bot did not write (document text, questions): none may become a masked link
 * (`[innocent words](https://elsewhere)`) and no bare URL may unfurl into a preview. Links the bot
 * shows come only from document metadata, through `citationUrl`.
 *
 * discord.js `escapeMarkdown` cannot be trusted with masked links: its pattern is greedy and
 * escapes only the first `[` of a line, so the second link of a line stays clickable. Here every
 * `[` and `]` is escaped (after the backslashes themselves), so no masked link survives whatever
 * their number or nesting.
 */

/**
 * Escapes every square bracket, so Discord parses no masked link in the text. Run it on text whose
 * backslashes are already escaped (escapeMarkdown does that first), so that a backslash written
 * before a bracket in the source cannot cancel this escape.
 */
export function neutraliseMaskedLinks(text: string): string {
  return text.replace(/[[\]]/g, (character) => `\\${character}`);
}

/** A bare http(s) URL, not already inside `<…>`; trailing sentence punctuation is not part of it. */
const BARE_URL = /(?<![<\w])https?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]}*_~`|\\]/giu;

/** Wraps bare URLs in `<…>`, so Discord shows them as links without a preview card. */
export function suppressUnfurling(text: string): string {
  return text.replace(BARE_URL, (url) => `<${url}>`);
}

/**
 * A document's URL as a citation link target, or undefined when it is not a plain http(s) URL.
 * Characters that would end a markdown link early are percent-encoded.
 */
export function citationUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href.replace(/[()<>\s]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
