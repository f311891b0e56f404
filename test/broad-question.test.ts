import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBroadQuestion } from '../src/search/broad-question.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { folderWith, seedFolder, tempDir, testConfig } from './support/temp.ts';

describe('reading a broad question', () => {
  it.each([
    ['Tell me about the Kerman bombings', 'the Kerman bombings', 'opening'],
    ['Can you tell me more about snapshot testing?', 'snapshot testing', 'opening'],
    ['What happened in Kerman?', 'Kerman', 'opening'],
    ['Overview of the garden', 'the garden', 'opening'],
    ['Give me a summary of watering', 'watering', 'opening'],
    ['Describe the lighthouse.', 'the lighthouse', 'opening'],
    ['Where is Kerman located?', 'Kerman', 'place'],
    ['What is hepcidin?', 'hepcidin', 'definition'],
  ])('"%s" is about "%s" (%s)', (question, topic, kind) => {
    expect(readBroadQuestion(question)).toEqual({ topic, kind });
  });

  it.each(['Who claimed responsibility for the Kerman bombings?', 'How many people were killed?', 'When did it happen?', 'Tell me'])(
    '"%s" is not a broad question',
    (question) => {
      expect(readBroadQuestion(question)).toBeUndefined();
    },
  );
});

describe('answers to broad questions', () => {
  let seeds: DocumentQa;
  beforeAll(async () => {
    seeds = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model' }));
  });
  afterAll(() => seeds.close());

  it.each(['Tell me about the Kerman bombings', 'What happened in Kerman?', 'Give me an overview of the Kerman bombings'])(
    '"%s", naming the document, opens with the document’s opening',
    async (question) => {
      const answer = await seeds.ask(question);
      expect(answer.answered).toBe(true);
      expect(answer.excerpts[0]?.text).toMatch(/^U\.S\. intelligence obtained and analyzed communication intercepts/);
      expect(answer.excerpts[0]?.location).toMatch(/paragraph 1$/);
    },
  );

  it('answers "Where is Kerman located?" with the place, like "Where is Kerman?"', async () => {
    const answer = await seeds.ask('Where is Kerman located?');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.text).toContain('southeastern Iran');
  });

  it('opens with the section a heading names, and with the document for "What is <title>?"', async () => {
    const docs = folderWith({
      'garden.md': [
        '# Kitchen garden',
        'A kitchen garden grows vegetables and herbs for the house.',
        '## Watering',
        'Water early in the morning so the leaves dry before night. Tomatoes want deep watering twice a week.',
        '## Compost',
        'Compost turns kitchen scraps into soil. Turn the heap every few weeks.',
      ].join('\n\n'),
      'orchard.md': ['# Orchard', 'The orchard holds apple and pear trees planted in rows.', 'Pruning happens in late winter.'].join('\n\n'),
    });
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docs, INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model' }));
    try {
      const watering = await qa.ask('Tell me about watering');
      expect(watering.excerpts[0]?.text).toMatch(/^Water early in the morning/);
      const compost = await qa.ask('Overview of compost');
      expect(compost.excerpts[0]?.text).toMatch(/^Compost turns kitchen scraps into soil/);
      const orchard = await qa.ask('What is the orchard?');
      expect(orchard.excerpts[0]?.text).toMatch(/^The orchard holds apple and pear trees/);
    } finally {
      await qa.close();
    }
  });
});
