import { describe, expect, it } from 'vitest';
import { editDistance, LexicalIndex } from '../src/index/lexical-index.ts';
import { analyze, analyzeQuery } from '../src/index/text-analysis.ts';
import { validateQuestion } from '../src/search/question.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { folderWith, tempDir, testConfig } from './support/temp.ts';

describe('text analysis', () => {
  it('drops stop words, folds case, accents and possessives, and stems', () => {
    expect(analyze("The Bombings of Kerman's shrines, café")).toEqual(['bomb', 'kerman', 'shrine', 'cafe']);
  });

  it('keeps a question of only stop words searchable', () => {
    expect(analyzeQuery('Who is he?')).toEqual(['who', 'is', 'he']);
  });
});

describe('BM25', () => {
  const index = LexicalIndex.build([
    'Bees make honey in the hive.',
    'The lighthouse keeper lights the lamp at dusk.',
    'Honey bees and bumble bees pollinate flowers; bees dance.',
  ]);

  it('ranks by term weight and frequency, and round-trips through JSON', () => {
    const hits = index.search(['bee', 'honey'], 10);
    expect(hits.map((hit) => hit.passage)).toEqual([2, 0]);
    expect(index.search(['lighthous'], 10).map((hit) => hit.passage)).toEqual([1]);
    expect(LexicalIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON()))).search(['bee', 'honey'], 10)).toEqual(hits);
  });

  it('corrects a misspelt term to the closest indexed one, but leaves short words alone', () => {
    expect(index.closestTerm('lighthuose')).toBe('lighthous');
    expect(index.closestTerm('pollinat')).toBe('pollin');
    expect(index.closestTerm('hivv')).toBeUndefined();
    expect(index.closestTerm('submarin')).toBeUndefined();
  });

  it('measures edits with swaps of neighbouring letters as one', () => {
    expect(editDistance('purhcase', 'purchase', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('questions', () => {
  it('are trimmed and checked before any search', () => {
    expect(validateQuestion('  Who   won? ', 100)).toEqual({ ok: true, question: 'Who won?' });
    expect(validateQuestion(' \n\t ', 100)).toMatchObject({ ok: false, reason: 'empty' });
    expect(validateQuestion('x'.repeat(101), 100)).toMatchObject({ ok: false, reason: 'too-long' });
    expect(validateQuestion('🎉 ?! 🎉', 100)).toMatchObject({ ok: false, reason: 'no-words' });
    expect(validateQuestion('Что такое HNSW?', 100)).toMatchObject({ ok: true });
  });

  it('with typos still find their answer', async () => {
    const qa = await DocumentQa.open(
      testConfig({
        DOCS_DIR: folderWith({ 'tv.txt': 'Sky purchased the remaining four packages available to broadcasters for £1.3bn.\n\nThe lighthouse is old.' }),
        INDEX_DIR: tempDir(),
        EMBEDDING_MODEL: '/nonexistent/model',
      }),
    );
    const answer = await qa.ask('Who purhcased the remaining 4 pacakages available?');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.text).toContain('Sky purchased');
    await qa.close();
  });
});
