/**
 * Sentence boundaries with exact character offsets. Built on the ICU sentence segmenter that
 * ships with Node (Unicode UAX #29), then mended where UAX #29 breaks after a title or initial
 * followed by a capital ("Gen. Qassem", "St. Lawrence", "J. R. R. Tolkien").
 */

export interface SentenceSpan {
  /** Offset of the first non-space character, relative to the text given. */
  start: number;
  /** Offset just after the last non-space character. */
  end: number;
}

/** Titles and Latin abbreviations: a period after them rarely ends a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr',
  'adm', 'sgt', 'cpl', 'gov', 'sen', 'rep', 'pres', 'rev', 'hon', 'fr', 'msgr', 'vs', 'cf', 'ca', 'approx',
  'al', 'e.g', 'i.e', 'ave', 'blvd', 'dept', 'univ',
]);

/**
 * Abbreviations that stand before a number ("No. 5", "p. 12", "Jan. 1990"): the period ends no
 * sentence only when a digit follows, since "no." and "art." also end sentences.
 */
const NUMBER_ABBREVIATIONS = new Set([
  'no', 'nos', 'vol', 'vols', 'fig', 'figs', 'p', 'pp', 'ch', 'art', 'sec', 'op', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** True when the segment ends with an abbreviation or a single-letter initial and its period, given what follows. */
function endsWithAbbreviation(segment: string, next: string): boolean {
  const match = /(?:^|[\s(“"'‘])([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  if (NUMBER_ABBREVIATIONS.has(word)) return /^\d/.test(next);
  // A lone capital initial such as "J." (but not the pronoun "I.").
  return /^\p{Lu}$/u.test(match[1]) && match[1] !== 'I';
}

/** Splits `text` into sentences; offsets are relative to `text` and trimmed of whitespace. */
export function splitSentences(text: string): SentenceSpan[] {
  const raw: SentenceSpan[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const leading = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed.length === 0) continue;
    const span = { start: index + leading, end: index + leading + trimmed.length };
    const previous = raw[raw.length - 1];
    if (previous && endsWithAbbreviation(text.slice(previous.start, previous.end), trimmed)) {
      previous.end = span.end;
    } else {
      raw.push(span);
    }
  }
  return raw;
}
