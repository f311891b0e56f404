import { describe, expect, it } from 'vitest';
import { editDistance, LexicalIndex } from '../src/index/lexical-index.ts';
import { analyze, analyzeQuery, tokenize } from '../src/index/text-analysis.ts';
import { expectedAnswerType, holdsAnswerType } from '../src/search/answer-type.ts';
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

describe('answer types', () => {
  it('are read from the question', () => {
    expect(expectedAnswerType('When did the Normans reach Sicily?')).toBe('date');
    expect(expectedAnswerType('In what year was the tapestry made?')).toBe('date');
    expect(expectedAnswerType('How many people were killed?')).toBe('number');
    expect(expectedAnswerType('Who claimed responsibility?')).toBe('person');
    expect(expectedAnswerType('Where is Kerman?')).toBe('place');
    expect(expectedAnswerType('What did the CIA say?')).toBe('other');
  });

  it('are found in a sentence only when they are not the question’s own words', () => {
    const asked = (question: string) => new Set(tokenize(question).map((token) => token.word));
    expect(holdsAnswerType('The abbey was founded in 1066.', 'date', asked('When was the abbey founded?'))).toBe(true);
    expect(holdsAnswerType('The abbey was founded in 1066.', 'date', asked('What happened in 1066?'))).toBe(false);
    expect(holdsAnswerType('Nearly 100 people died.', 'number', asked('How many died?'))).toBe(true);
    expect(holdsAnswerType('The group was led by Rollo.', 'person', asked('Who led the group?'))).toBe(true);
    expect(holdsAnswerType('The group was led by a chief.', 'person', asked('Who led the group?'))).toBe(false);
    expect(holdsAnswerType('Operatives went to the city of Kerman in southeastern Iran.', 'place', asked('Where is Kerman?'))).toBe(true);
  });
});

describe('abstention', () => {
  it('names in the question that the documents never mention raise the bar', async () => {
    const qa = await DocumentQa.open(
      testConfig({
        DOCS_DIR: folderWith({
          'coast.txt': [
            'The capital city of the coast province holds the harbour and the lighthouse.',
            'Fishing boats leave before dawn.',
            'The keeper trims the wick every night.',
            'Storms close the harbour in winter.',
            'Tourists visit the cliffs in summer.',
            'The ferry crosses twice a day.',
          ].join('\n\n'),
        }),
        INDEX_DIR: tempDir(),
        EMBEDDING_MODEL: 'none',
      }),
    );
    expect((await qa.ask('What is the capital of Australia?')).answered).toBe(false);
    expect((await qa.ask('What is the capital city of the province?')).answered).toBe(true);
    await qa.close();
  });
});
