import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/index/index-store.ts';
import { answerQuestion } from '../src/search/answer.ts';
import { definesTopic, definitionTopic } from '../src/search/definition.ts';
import { folderWith, tempDir } from './support/temp.ts';

describe('definition questions', () => {
  it.each([
    ['What is hepcidin?', 'hepcidin'],
    ['What does MERS-CoV stand for?', 'MERS-CoV'],
    ['What is the acronym SARS-CoV-2?', 'SARS-CoV-2'],
    ['What are inovirus-associated vectors?', 'inovirus-associated vectors'],
    ['Define sporulation', 'sporulation'],
  ])('"%s" asks to define "%s"', (question, topic) => {
    expect(definitionTopic(question)).toBe(topic);
  });

  it.each(['Who claimed responsibility?', 'What is the capital of the province of Ontario in Canada?', 'How is hepcidin made?'])('"%s" is not a definition question', (question) => {
    expect(definitionTopic(question)).toBeUndefined();
  });

  it.each([
    ['Hepcidin is a peptide hormone made by the liver.', 'hepcidin'],
    ['A physician in full Personal Protective Equipment (PPE) entered the plane.', 'PPE'],
    ['Middle East respiratory syndrome coronavirus (MERS-CoV) was first reported in 2012.', 'MERS-CoV'],
    ['Workers wore PPE, or personal protective equipment, at all times.', 'PPE'],
    ['The liver makes a hormone called hepcidin.', 'hepcidin'],
  ])('"%s" defines %s', (sentence, topic) => {
    expect(definesTopic(sentence, topic)).toBe(true);
  });

  it.each([
    ['The PPE was uncomfortable.', 'PPE'],
    ['MERS-CoV infections rose in 2014.', 'MERS-CoV'],
    ['Hepcidin levels fell after treatment with hepcidin antagonists.', 'hepcidin'],
  ])('"%s" only uses %s', (sentence, topic) => {
    expect(definesTopic(sentence, topic)).toBe(false);
  });

  it('answer with the defining sentence before sentences that use the term more', async () => {
    const docs = folderWith({
      'iron.md': [
        '# Iron regulation',
        'Hepcidin levels rise in inflammation, and hepcidin blocks iron export; hepcidin excess causes anaemia.',
        'Serum hepcidin was measured in every patient, and hepcidin fell after treatment.',
        'The liver secretes hepcidin, a peptide hormone that controls how much iron enters the blood.',
        'Ferroportin is the only known iron exporter of cells.',
      ].join('\n\n'),
    });
    const index = await buildIndex({ docsDir: docs, indexDir: tempDir(), embedder: null, requestedModel: 'none' });
    const answer = answerQuestion(index, 'What is hepcidin?', null, { maxSentencesPerExcerpt: 1 });
    expect(answer.excerpts[0]?.text).toContain('a peptide hormone');
    const without = answerQuestion(index, 'What is hepcidin?', null, { maxSentencesPerExcerpt: 1, scoring: { definition: 0 } });
    expect(without.excerpts[0]?.text).not.toContain('a peptide hormone');
  });
});
