/**
 * How common a search term is in everyday English, to tell a question written in the documents'
 * language from one written about something else. The counts (`english-terms.json`, made by
 * `npm run make-english-terms`) are SUBTLEX-US word frequencies (51 million words of American film
 * and TV subtitles) merged by search term, the way the index analyses text. Read when this module
 * is first imported (about 0.1 s), so that no question waits for it.
 */
import { readFileSync } from 'node:fs';

export interface EnglishFrequencies {
  /** Occurrences of each search term (all its word forms together). */
  counts: Map<string, number>;
  /** Occurrences of all words. */
  total: number;
}

function load(): EnglishFrequencies {
  const data = JSON.parse(readFileSync(new URL('./english-terms.json', import.meta.url), 'utf8')) as { total: number; terms: Record<string, number> };
  return { counts: new Map(Object.entries(data.terms)), total: data.total };
}

const loaded = load();

/** The frequencies (read once per process). */
export function englishFrequencies(): EnglishFrequencies {
  return loaded;
}

/** The share of everyday English words that are `term` (add-one smoothed: never 0). */
export function englishProbability(term: string, frequencies: EnglishFrequencies = englishFrequencies()): number {
  return ((frequencies.counts.get(term) ?? 0) + 1) / frequencies.total;
}

/** Occurrences of `term` per million words of everyday English (0 for a term never seen there). */
export function englishPerMillion(term: string, frequencies: EnglishFrequencies = englishFrequencies()): number {
  return ((frequencies.counts.get(term) ?? 0) * 1e6) / frequencies.total;
}
