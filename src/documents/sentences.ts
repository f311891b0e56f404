/**
 * Sentence boundaries with exact character offsets, in one left-to-right pass (linear in the
 * text: every character is looked at a bounded number of times, whatever the shape of the text).
 *
 * A sentence ends at a line break, or at a run of terminators (. ! ? …) with any closing quotes
 * or brackets, followed by a space and then something that is not a lower-case letter. A single
 * period after an abbreviation ends nothing when the abbreviation is a title ("Dr. Watson"), a
 * number abbreviation before a digit ("No. 5", "Jan. 5"), or an acronym, initial or company
 * suffix ("U.S.", "p.m.", "J.", "Inc.") unless the next word plainly starts a sentence ("...in
 * the U.S. The move"). CJK full stops end a sentence with or without a space.
 *
 * (The ICU segmenter behind `Intl.Segmenter` is superlinear on one long string on Node 20, and
 * mending its breaks after abbreviations re-scanned a growing slice; hence this scanner.)
 */
import { AMBIGUOUS_ABBREVIATIONS, NUMBER_ABBREVIATIONS, SENTENCE_STARTERS, TITLES } from './sentence-abbreviations.ts';

export interface SentenceSpan {
  /** Offset of the first non-space character, relative to the text given. */
  start: number;
  /** Offset just after the last non-space character. */
  end: number;
}

const TERMINATORS = new Set(['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉']);
/** Full stops of scripts written without spaces: they end a sentence even when text follows at once. */
const UNSPACED_TERMINATORS = new Set(['。', '！', '？', '｡']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', '›', ')', ']', '}', '*', '_']);
/** Emoji and other symbols right after a sentence's end belong to it ("...not mean.💗"). */
const isCloser = (char: string): boolean => CLOSERS.has(char) || /[\p{So}\p{Extended_Pictographic}\uFE0F\u200D]/u.test(char);
const isUpperCase = (char: string): boolean => /\p{Lu}/u.test(char);
const OPENERS = new Set(['"', "'", '“', '‘', '«', '‹', '(', '[', '{', '*', '_']);
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c']);
/** The characters the scan stops at: terminators and line breaks (a regex finds the next one fast). */
const STOPS = /[.!?…‼⁇⁈⁉。！？｡\n\r\u2028\u2029\u0085\v\f]/gu;
/** Enough of the next word to recognise a sentence starter. */
const NEXT_WORD_LIMIT = 24;

const isLineBreak = (char: string): boolean => LINE_BREAKS.has(char);
const isSpace = (char: string): boolean => {
  const code = char.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/u.test(char);
};
const isLowerCase = (char: string): boolean => {
  const code = char.charCodeAt(0);
  if (code < 128) return code >= 97 && code <= 122;
  return /\p{Ll}/u.test(char);
};
const isDigit = (char: string): boolean => /\p{Nd}/u.test(char);
const isLetter = (char: string): boolean => /\p{L}/u.test(char);

/** "U.S", "p.m", "e.g", "Ph.D" (the final period already stripped). */
const DOTTED_ACRONYM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
/** "J." in "J. R. R. Tolkien"; not "I.", which is mostly a Roman numeral ("World War I."). */
const CAPITAL_INITIAL = /^(?!I$)\p{Lu}$/u;

/** The word ending just before `periodAt`, without opening punctuation; empty after a space. */
function wordBefore(text: string, periodAt: number, floor: number): string {
  let from = periodAt;
  while (from > floor && !isSpace(text[from - 1]!)) from -= 1;
  while (from < periodAt && OPENERS.has(text[from]!)) from += 1;
  return text.slice(from, periodAt);
}

/** The first letters of the word starting at `at` (after any opening punctuation), lower-cased. */
function wordAfter(text: string, at: number): string {
  let from = at;
  while (from < text.length && OPENERS.has(text[from]!)) from += 1;
  let to = from;
  while (to < text.length && to - from < NEXT_WORD_LIMIT && isLetter(text[to]!)) to += 1;
  return text.slice(from, to).toLowerCase();
}

/**
 * Whether a single period ends the sentence, given the word before it and the text after the
 * following space (`nextAt`, which holds neither a space nor a lower-case letter).
 */
function periodEndsSentence(text: string, periodAt: number, nextAt: number, wordFloor: number): boolean {
  const word = wordBefore(text, periodAt, wordFloor);
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return false;
  // "No. 5", "Jan. 5", "p. 12", "(d. 1742)".
  if ((NUMBER_ABBREVIATIONS.has(lower) || lower.length === 1) && isDigit(text[nextAt]!)) return false;
  if (AMBIGUOUS_ABBREVIATIONS.has(lower) || DOTTED_ACRONYM.test(word) || CAPITAL_INITIAL.test(word)) {
    return SENTENCE_STARTERS.has(wordAfter(text, nextAt));
  }
  return true;
}

/** Splits `text` into sentences; offsets are relative to `text` and trimmed of whitespace. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let sentenceStart = 0;
  const close = (end: number, nextStart: number): void => {
    let start = sentenceStart;
    let stop = end;
    while (start < stop && isSpace(text[start]!)) start += 1;
    while (stop > start && isSpace(text[stop - 1]!)) stop -= 1;
    if (stop > start) spans.push({ start, end: stop });
    sentenceStart = nextStart;
  };
  // Where the last possible boundary's closers ended: looking back for a word never passes it, so
  // no character is scanned backwards twice.
  let scannedTo = 0;
  const stops = new RegExp(STOPS.source, STOPS.flags);
  for (let match = stops.exec(text); match; match = stops.exec(text)) {
    const at = match.index;
    const char = text[at]!;
    if (isLineBreak(char)) {
      close(at, at + 1);
      continue;
    }
    if (UNSPACED_TERMINATORS.has(char)) {
      let after = at + 1;
      while (after < text.length && (UNSPACED_TERMINATORS.has(text[after]!) || CLOSERS.has(text[after]!))) after += 1;
      close(after, after);
      stops.lastIndex = after;
      continue;
    }
    let runEnd = at + 1;
    while (runEnd < text.length && TERMINATORS.has(text[runEnd]!)) runEnd += 1;
    let after = runEnd;
    while (after < text.length && isCloser(text[after]!)) after += 1;
    let nextAt = after;
    while (nextAt < text.length && isSpace(text[nextAt]!) && !isLineBreak(text[nextAt]!)) nextAt += 1;
    stops.lastIndex = nextAt;
    // "3.14", "example.com", "U.S.-led": no space, no boundary; but a closing quote or bracket
    // followed at once by a capital is a missing space ('...century."More').
    const unspacedAfterCloser = nextAt === after && after > runEnd && after < text.length && isUpperCase(text[after]!);
    if (nextAt === after && !unspacedAfterCloser) continue;
    const wordFloor = Math.max(sentenceStart, scannedTo);
    scannedTo = after;
    // At a line's end the line break closes the sentence; before more terminators ("guys. ...") the last run does.
    if (nextAt >= text.length || isLineBreak(text[nextAt]!) || TERMINATORS.has(text[nextAt]!)) continue;
    const isSinglePeriod = runEnd === at + 1 && char === '.';
    if (!isLowerCase(text[nextAt]!) && (!isSinglePeriod || periodEndsSentence(text, at, nextAt, wordFloor))) close(after, after);
  }
  close(text.length, text.length);
  return spans;
}
