/**
 * How common a search term is in everyday English, to tell a question written in the documents'
 * language from one written about something else. The counts (`english-terms.json`, made by
 * `npm run make-english-terms`) are SUBTLEX-US word frequencies (51 million words of American film
 * and TV subtitles) merged by search term, the way the index analyses text.
 *
 * A question reads the counts of a handful of terms, so the file (60,000 terms) is not parsed: its
 * text is read once and each term's count found in it on first use. Parsing it into a Map cost
 * 0.1-0.17 s and 10 MB at every start of a CLI command.
 */
import { readFileSync } from 'node:fs';

export interface EnglishFrequencies {
  /** Occurrences of a search term (all its word forms together); 0 when unknown. */
  count(term: string): number;
  /** Occurrences of all words. */
  total: number;
}

/** The counts of a JSON text `{ ..., "total": N, "terms": { "term": count, ... } }`, looked up in the text itself. */
export function frequenciesFromJson(text: string): EnglishFrequencies {
  const totalMatch = /"total"\s*:\s*(\d+)/.exec(text);
  const termsStart = text.indexOf('"terms"');
  if (!totalMatch || termsStart < 0) throw new Error('english-terms.json is malformed: it has no "total" or no "terms"');
  const found = new Map<string, number>();
  return {
    total: Number(totalMatch[1]),
    count(term: string): number {
      let count = found.get(term);
      if (count !== undefined) return count;
      // The key as JSON.stringify wrote it, then its colon: a key cannot match inside another
      // string (keys hold no quotation marks), nor a value (a value is a number).
      const key = `${JSON.stringify(term)}:`;
      const at = text.indexOf(key, termsStart);
      count = at < 0 ? 0 : Number.parseInt(text.slice(at + key.length, at + key.length + 20), 10) || 0;
      found.set(term, count);
      return count;
    },
  };
}

let loaded: EnglishFrequencies | undefined;

/** The frequencies (read once per process, on first use). */
export function englishFrequencies(): EnglishFrequencies {
  loaded ??= frequenciesFromJson(readFileSync(new URL('./english-terms.json', import.meta.url), 'utf8'));
  return loaded;
}

/** The share of everyday English words that are `term` (add-one smoothed: never 0). */
export function englishProbability(term: string, frequencies: EnglishFrequencies = englishFrequencies()): number {
  return (frequencies.count(term) + 1) / frequencies.total;
}

/** Occurrences of `term` per million words of everyday English (0 for a term never seen there). */
export function englishPerMillion(term: string, frequencies: EnglishFrequencies = englishFrequencies()): number {
  return (frequencies.count(term) * 1e6) / frequencies.total;
}
