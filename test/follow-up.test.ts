/**
 * Follow-ups in a thread, with the real core on the seed article: a vague follow-up is searched
 * with the first question, a full question on its own (an off-topic one is declined, not rescued
 * by the first question's words).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentQa } from '../src/service/document-qa.ts';
import { answerFollowUp, isVagueFollowUp } from '../src/service/follow-up.ts';
import { seedFolder, tempDir, testConfig } from './support/temp.ts';

let qa: DocumentQa;
const ask = (question: string) => qa.ask(question);
const FIRST = 'Who was being commemorated when the bombs went off?';

beforeAll(async () => {
  qa = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' }));
});
afterAll(async () => {
  await qa.close();
});

describe('follow-ups', () => {
  it('tells vague follow-ups from full questions', () => {
    for (const vague of ['and how?', 'when was he killed?', 'which branch?', 'what about Afghanistan?', 'who said that?']) {
      expect(isVagueFollowUp(vague), vague).toBe(true);
    }
    for (const full of ['What is a sourdough starter?', 'Who rules Afghanistan?', 'How many people familiar with the intelligence spoke?']) {
      expect(isVagueFollowUp(full), full).toBe(false);
    }
  });

  it('searches a vague follow-up with the first question, titled as asked', async () => {
    expect((await qa.ask('and how?')).answered).toBe(false);
    const { answer, usedFirstQuestion } = await answerFollowUp(ask, 'and how?', FIRST);
    expect(usedFirstQuestion).toBe(true);
    expect(answer.question).toBe('and how?');
    expect(answer.answered).toBe(true);
    expect(answer.excerpts.map((excerpt) => excerpt.text).join(' ')).toContain('drone strike');
  });

  it('declines an off-topic full question instead of answering it with the first question', async () => {
    const { answer, usedFirstQuestion } = await answerFollowUp(ask, 'What is a sourdough starter?', FIRST);
    expect(usedFirstQuestion).toBe(false);
    expect(answer.answered).toBe(false);
  });
});
