import { readFileSync, writeFileSync } from 'node:fs';
import { tokenize } from './src/index/text-analysis.ts';
const rows = JSON.parse(readFileSync('/tmp/x/subt/package/index.json', 'utf8')) as { word: string; count: number }[];
const m: Record<string, number> = {};
let total = 0;
for (const r of rows) { total += r.count; for (const t of tokenize(r.word)) if (t.term) m[t.term] = (m[t.term] ?? 0) + r.count; }
writeFileSync('/tmp/x/stemfreq.json', JSON.stringify({ total, m }));
console.log(Object.keys(m).length, total);
