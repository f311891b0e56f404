// scratch analysis (not committed)
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os'; import path from 'node:path';
import { loadConfig } from './src/config.ts';
import { DocumentQa } from './src/service/document-qa.ts';
import type { LoadedIndex } from './src/index/index-store.ts';
import { analyzeQuery, analyze } from './src/index/text-analysis.ts';
import { correctSpelling } from './src/search/spelling.ts';
import { queryWeights, contextualCoverage, passageTermSets, documentTermSet } from './src/search/coverage.ts';
import { retrievePassages } from './src/search/retrieve.ts';
import { DEFAULT_SEARCH_TUNING } from './src/search/tuning.ts';
import { unknownNames } from './src/search/abstention.ts';
import { answerQuestion } from './src/search/answer.ts';

const sets: Record<string, [string, string]> = {
  shared: ['/work/shared/bench/docs', '/work/shared/bench/qa.json'],
  papers: ['/work/shared/bench/papers/docs', '/work/shared/bench/papers/qa.json'],
  squad: ['benchmarks/data/squad2-dev-sample/docs', 'benchmarks/data/squad2-dev-sample/qa.json'],
  seeds: ['seeds', 'benchmarks/data/seed-questions.json'],
};
const out: unknown[] = [];
for (const [corpus, [docs]] of Object.entries(sets)) {
  const config = loadConfig({ docsDir: docs, indexDir: mkdtempSync(path.join(os.tmpdir(), 'feat-')) }, { env: { EMBEDDING_MODEL: '/nonexistent' }, cwd: process.cwd() });
  const qa = await DocumentQa.open(config);
  const index = (qa as unknown as { index: LoadedIndex }).index;
  for (const [qset, [, qaFile]] of Object.entries(sets)) {
    const items = JSON.parse(readFileSync(qaFile, 'utf8')) as { question: string; answers: string[] }[];
    for (const item of items) {
      const origTerms = analyzeQuery(item.question);
      const { terms, termWeights } = correctSpelling(index, origTerms, 0.5);
      const origOf: Record<string, string> = {}; terms.forEach((t, i) => { if (t !== origTerms[i]) origOf[t] = origTerms[i]!; });
      const weights = queryWeights(index, terms, termWeights);
      const r = retrievePassages(index, terms, null, { ...DEFAULT_SEARCH_TUNING, termWeights });
      let cov = 0, sentCov = 0;
      let best = -1;
      for (const hit of r.passages.slice(0, 12)) {
        const { text, context } = passageTermSets(index, hit.passageIndex);
        const c = contextualCoverage(text, context, weights, 1);
        if (c > cov) { cov = c; best = hit.passageIndex; }
        const p = index.passages[hit.passageIndex]!; const d = index.documentsBySource.get(p.source)!;
        for (const s of p.sentences) sentCov = Math.max(sentCov, contextualCoverage(new Set(analyze(d.text.slice(s.start, s.end))), context, weights, 1));
      }
      let docCov = 0;
      for (const d of index.documents) docCov = Math.max(docCov, contextualCoverage(documentTermSet(index, d.source), new Set(), weights, 1));
      const termInfo = [...weights.terms].map(([t, w]) => ({ t, w, df: index.lexical.documentFrequency(t), corrected: termWeights.has(t), orig: origOf[t] ?? t, capital: new RegExp(`\\b${(origOf[t] ?? t).slice(0, 3)}`, 'i').test(item.question) && /[A-Z]/.test(item.question.split(/\s+/).slice(1).find((wd) => wd.toLowerCase().startsWith((origOf[t] ?? t).slice(0, 3))) ?? '') }));
      const ans = answerQuestion(index, item.question, null);
      const first = ans.excerpts[0]?.text.toLowerCase() ?? '';
      const hit1 = item.answers.some((a) => first.includes(a.toLowerCase().replace(/\s+/g, ' ')));
      const tops = r.passages.slice(0, 12).map((hit) => {
        const p = index.passages[hit.passageIndex]!; const d = index.documentsBySource.get(p.source)!;
        const { text, context } = passageTermSets(index, hit.passageIndex);
        const qt = [...weights.terms.keys()];
        return { inText: qt.filter((t) => text.has(t)), inContext: qt.filter((t) => !text.has(t) && context.has(t)),
          sentences: p.sentences.map((s) => { const st = new Set(analyze(d.text.slice(s.start, s.end))); return qt.filter((t) => st.has(t)); }),
          source: p.source, rel: hit.relevance };
      });
      const docs = index.documents.map((d) => { const dt = documentTermSet(index, d.source); return [...weights.terms.keys()].filter((t) => dt.has(t)); });
      out.push({ tops, docs: docs.map((x) => x.length).reduce((a, b) => Math.max(a, b), 0), nDocs: index.documents.length, corpus, qset, on: corpus === qset, q: item.question, cov, sentCov, docCov, total: weights.total, n: index.passages.length, unknown: unknownNames(index, item.question).length, termInfo, answered: ans.answered, hit1 });
    }
  }
  await qa.close();
}
writeFileSync('/tmp/x/features.json', JSON.stringify(out));
