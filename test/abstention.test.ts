import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/index/index-store.ts';
import { questionClarity } from '../src/search/abstention.ts';
import { answerQuestion } from '../src/search/answer.ts';
import { offTopicSetName, summarizeOffTopic } from '../benchmarks/off-topic.ts';
import { folderWith, tempDir } from './support/temp.ts';

const VIROLOGY = [
  '# Antibodies and coronaviruses',
  'Neutralizing antibodies bind the spike protein of the coronavirus and block its entry into host cells.',
  'Monoclonal antibodies are produced by clones of a single B cell and target one epitope of the spike protein.',
  'The receptor binding domain of the spike protein attaches to the ACE2 receptor on epithelial cells.',
  'Serum antibody titres were measured by a plaque reduction neutralization assay in infected patients.',
  'Viral replication in the respiratory epithelium peaks before symptoms in most infected patients.',
  'Patients with severe infection had higher antibody titres than patients with mild infection.',
].join('\n\n');

async function virologyIndex() {
  return buildIndex({ docsDir: folderWith({ 'antibodies.md': VIROLOGY }), indexDir: tempDir(), embedder: null, requestedModel: 'none' });
}

describe('question clarity', () => {
  it('is higher for a question in the documents’ own words than for one in everyday or other words', async () => {
    const index = await virologyIndex();
    const onTopic = questionClarity(index, 'Which receptor does the spike protein bind?');
    const everyday = questionClarity(index, 'Who became king after the war?');
    const otherField = questionClarity(index, 'What did the Normans build in England?');
    expect(onTopic).toBeGreaterThan(everyday);
    expect(onTopic).toBeGreaterThan(otherField);
  });

  it('is high enough for a question in the documents’ words to be answered on a small corpus', async () => {
    // Few passages make every word's share of passages large: the clarity term then never raises
    // the bar above the coverage floor, so small collections are not over-declined.
    const index = await virologyIndex();
    expect(answerQuestion(index, 'What do neutralizing antibodies bind?', null).answered).toBe(true);
    expect(answerQuestion(index, 'Which receptor does the spike protein attach to?', null).answered).toBe(true);
  });
});

describe('off-topic benchmark', () => {
  it('names a set after the folder of its qa.json, or after its file', () => {
    expect(offTopicSetName('/data/papers/qa.json')).toBe('papers');
    expect(offTopicSetName('benchmarks/data/seed-questions.json')).toBe('seed-questions');
  });

  it('sums the share declined over every set and gives each set’s own share', () => {
    const summary = summarizeOffTopic([
      { name: 'a', questions: 10, declined: 9 },
      { name: 'b', questions: 30, declined: 15 },
    ]);
    expect(summary?.questions).toBe(40);
    expect(summary?.declined).toBeCloseTo(24 / 40, 12);
    expect(summary?.sets.map((set) => set.declined)).toEqual([0.9, 0.5]);
    expect(summarizeOffTopic([])).toBeNull();
  });
});
