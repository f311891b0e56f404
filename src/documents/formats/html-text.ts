/**
 * Text of HTML fragments embedded in other formats (Markdown's raw HTML, Vue and JSX components):
 * tags are dropped and their text kept; scripts, styles and comments are dropped whole; character
 * references are decoded.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©', reg: '®', trade: '™', middot: '·', times: '×',
};

/** Decodes `&amp;`, `&#39;`, `&#x2014;` and the common named references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(parseInt(name.slice(2), 16)) ?? whole;
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10)) ?? whole;
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The reader text of an HTML fragment: elements' text kept, tags, scripts, styles and comments dropped. */
export function htmlFragmentText(html: string): string {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<img\b[^>]*?\balt\s*=\s*("([^"]*)"|'([^']*)')[^>]*>/gi, (_whole, _quoted, double?: string, single?: string) => ` ${double ?? single ?? ''} `);
  return decodeEntities(withoutHidden.replace(/<\/?[A-Za-z][^>]*>/g, ' '));
}
