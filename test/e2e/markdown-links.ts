/** Reading Discord markdown the way Discord does, for assertions on what the bot sends. */

/**
 * The masked links Discord would render in `text`: `[label](target)` whose brackets are not
 * escaped (a backslash escapes the next character, so what counts is an odd run of them).
 */
export function liveMaskedLinks(text: string): string[] {
  const links: string[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i += 1) {
    const character = text[i];
    if (character === '\\') {
      i += 1; // the next character is escaped
      continue;
    }
    if (character === '[') open = i;
    else if (character === ']' && open >= 0 && text[i + 1] === '(') {
      const close = text.indexOf(')', i + 2);
      if (close > 0) links.push(text.slice(open, close + 1));
      open = -1;
    }
  }
  return links;
}
