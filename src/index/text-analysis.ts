/**
 * Turns text into search terms: Unicode words, lower-cased, accents folded, English stop words
 * dropped and Porter-stemmed, so "bombings" finds "bombing" and "the" finds nothing. The same
 * analysis runs on passages at index time and on questions at query time.
 */
import { stemmer } from 'stemmer';

/** Common English function words, plus question words: they say what kind of answer, not what about. */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had has
  have having he her here hers herself him himself his how i if in into is it its itself just me more
  most my myself no nor not now of off on once only or other our ours ourselves out over own same she
  should so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was we were what when where which while who whom whose why will
  with would you your yours yourself yourselves s t don shall may might must upon via per within without
  whats whos wheres hows`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** A word as it appears in the text, with its offsets and its search term (undefined for stop words). */
export interface Token {
  start: number;
  end: number;
  /** Lower-cased, accent-folded, possessive removed. */
  word: string;
  /** The stemmed term, or undefined when the word is a stop word. */
  term: string | undefined;
}

const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{N}+$/u.test(word) ? word : stemmer(word);
    if (stemCache.size < 200_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

export function normalizeWord(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}

/** A word as written, normalised and stemmed: what a token is made of, apart from its offsets. */
interface AnalysedWord {
  word: string;
  term: string | undefined;
}

/**
 * Words as written -> normalised and stemmed. A corpus repeats a small vocabulary: normalising
 * (Unicode decomposition, four regular expressions) and stemming every occurrence again was most
 * of the time of an index build (12 of 28 s of CPU at 50 MB). Bounded, like the stem cache.
 */
const wordCache = new Map<string, AnalysedWord>();
const WORD_CACHE_LIMIT = 500_000;

function analyseWord(raw: string): AnalysedWord {
  let analysed = wordCache.get(raw);
  if (analysed === undefined) {
    const word = normalizeWord(raw);
    analysed = { word, term: word.length === 0 || STOP_WORDS.has(word) ? undefined : stem(word) };
    if (wordCache.size < WORD_CACHE_LIMIT) wordCache.set(raw, analysed);
  }
  return analysed;
}

/** Every word of `text` with offsets; stop words have no term. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const { word, term } = analyseWord(match[0]);
    if (word.length === 0) continue;
    const start = match.index;
    tokens.push({ start, end: start + match[0].length, word, term });
  }
  return tokens;
}

/** The search terms of `text`, in order, repeats kept. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const { term } = analyseWord(match[0]);
    if (term !== undefined) terms.push(term);
  }
  return terms;
}

/**
 * The terms of a question. A question made only of stop words ("Who is he?") falls back to its
 * stemmed words, so it is still searched rather than silently empty.
 */
export function analyzeQuery(text: string): string[] {
  const tokens = tokenize(text);
  const terms = tokens.flatMap((token) => (token.term === undefined ? [] : [token.term]));
  return terms.length > 0 ? terms : tokens.map((token) => stem(token.word));
}
