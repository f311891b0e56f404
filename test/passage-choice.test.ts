import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/index/index-store.ts';
import { LexicalIndex } from '../src/index/lexical-index.ts';
import { leansOnPrevious, pointsBack } from '../src/search/anaphora.ts';
import { answerQuestion } from '../src/search/answer.ts';
import { expectedAnswerType, holdsAnswerType } from '../src/search/answer-type.ts';
import { holdsTypedText, isHowToQuestion } from '../src/search/how-to.ts';
import { namesTypedThing } from '../src/search/section-heading.ts';
import { folderWith, tempDir } from './support/temp.ts';

async function indexOf(files: Record<string, string>) {
  return buildIndex({ docsDir: folderWith(files), indexDir: tempDir(), embedder: null, requestedModel: 'none' });
}

describe('sentences that point back', () => {
  it.each([
    'It can be used to calculate the relatedness of objects.',
    'This suggests that the viruses have low genetic diversity.',
    'These results show a strong effect.',
    'However, they were not protected from infection.',
    'In addition, this keeps the cache on disk.',
  ])('"%s" points back', (sentence) => {
    expect(pointsBack(sentence)).toBe(true);
  });

  it.each([
    'The HeteSim measure was proposed in 2014.',
    'Italy reported its first case in February.',
    'However, the vaccine was not approved.',
    'Thistle is a plant.',
  ])('"%s" stands on its own', (sentence) => {
    expect(pointsBack(sentence)).toBe(false);
  });

  it('a code block leans on the sentence that introduces it with a colon, and only then', () => {
    expect(leansOnPrevious("import { loadEnv } from 'vite'", 'code', 'To load every variable, use loadEnv imported from vite:')).toBe(true);
    expect(leansOnPrevious("import { loadEnv } from 'vite'", 'code', 'Variables are loaded from .env files.')).toBe(false);
    expect(leansOnPrevious('This keeps the cache.', 'paragraph', undefined)).toBe(false);
  });

  const paper = {
    'paper.txt': [
      '# Prediction of interactions in heterogeneous networks',
      'The measure named HeteSim was introduced for heterogeneous networks by Shi and colleagues. It can be used to calculate the relatedness of objects of the same or different types. The HeteSim scores used in our tables come from the second network.',
      'Results for HeteSim on the third network are in Table 3.',
    ].join('\n\n'),
  };

  it('a sentence that points back counts the question words of the sentence before it', async () => {
    const index = await indexOf(paper);
    const question = 'How is the HeteSim measure used?';
    const isolated = { maxSentencesPerExcerpt: 1, widenBackFirst: false };
    const answer = answerQuestion(index, question, null, isolated);
    expect(answer.excerpts[0]?.text).toContain('calculate the relatedness');
    const without = answerQuestion(index, question, null, { ...isolated, scoring: { backReference: 0 } });
    expect(without.excerpts[0]?.text).not.toContain('calculate the relatedness');
  });

  it('an excerpt whose best sentence points back is widened with the sentence it points to', async () => {
    const index = await indexOf({
      'horses.txt': [
        '# Equine coronavirus in Ireland',
        'Samples were taken from a donkey and a horse in two provinces. Sequence analysis demonstrated a high level of homology between the viruses. This suggests that Irish equine coronaviruses may have low genetic diversity. Compared with other countries, the genes were highly conserved.',
        'The horses recovered within a week.',
      ].join('\n\n'),
    });
    const question = 'What suggests that Irish equine coronaviruses may have low genetic diversity?';
    const answer = answerQuestion(index, question, null, { maxSentencesPerExcerpt: 2 });
    expect(answer.excerpts[0]?.text).toMatch(/^Sequence analysis demonstrated a high level of homology/);
    const forward = answerQuestion(index, question, null, { maxSentencesPerExcerpt: 2, widenBackFirst: false });
    expect(forward.excerpts[0]?.text).not.toContain('high level of homology');
  });
});

describe('how-to questions', () => {
  it.each(['how do I run the tests once?', 'How can we turn off isolation?', 'how to pass a flag', 'is there a way to skip a file?', 'which option sets the port?', 'can I run tests in parallel?'])(
    '"%s" asks how to do something',
    (question) => {
      expect(isHowToQuestion(question)).toBe(true);
    },
  );

  it('a how-to clause after a symptom counts too', () => {
    expect(isHowToQuestion('my .env variables are undefined in tests, how do I load all of them?')).toBe(true);
    expect(isHowToQuestion('tests crash with a segfault - how can I avoid it?')).toBe(true);
  });

  it.each(['How did the Normans reach Italy?', 'How many people died?', 'What is hepcidin?', 'Why are cotton rats a good model?'])('"%s" is not a how-to question', (question) => {
    expect(isHowToQuestion(question)).toBe(false);
  });

  it.each(['Pass --no-isolate to the CLI.', 'Call vi.mock before the import.', "Set pool: 'forks' in the config.", 'Use the testNamePattern option.', 'Include src/**/*.ts files.'])(
    '"%s" holds something a reader types',
    (sentence) => {
      expect(holdsTypedText(sentence, 'paragraph')).toBe(true);
    },
  );

  it('prose without anything to type is not an instruction, and a line of code always is', () => {
    expect(holdsTypedText('Isolation makes every test file run in a fresh environment.', 'paragraph')).toBe(false);
    expect(holdsTypedText('npm install', 'code')).toBe(true);
  });

  it('a how-to question is answered with the sentence that says what to type', async () => {
    const index = await indexOf({
      'guide.md': [
        '# Guide',
        '## Isolation',
        'Turning isolation off makes test files run faster, but files may then share state. Pass --no-isolate, turning isolation off makes test files run.',
        '## Pools',
        'Threads start faster than forks.',
      ].join('\n\n'),
    });
    const question = 'how do I turn off isolation to make test files run faster?';
    const answer = answerQuestion(index, question, null, { maxSentencesPerExcerpt: 1 });
    expect(answer.excerpts[0]?.text).toContain('--no-isolate');
    const without = answerQuestion(index, question, null, { maxSentencesPerExcerpt: 1, scoring: { howTo: 0 } });
    expect(without.excerpts[0]?.text).not.toContain('--no-isolate');
  });
});

describe('section headings named by what the reader types', () => {
  it.each(['--run', 'vitest doctor', 'sequence.concurrent', 'fsModuleCache'])('"%s" names something typed', (heading) => {
    expect(namesTypedThing(heading)).toBe(true);
  });

  it.each(['Environment Variables', 'Getting Started', 'Why Vitest'])('"%s" is a title', (heading) => {
    expect(namesTypedThing(heading)).toBe(false);
  });

  const reference = {
    'cli.md': [
      '# Command Line Interface',
      '## Options',
      '### --run',
      'Perform a single run without watch mode.',
      '### Watch Mode',
      'Watch mode reruns the tests when a file changes.',
    ].join('\n\n'),
  };

  it('an excerpt that opens such a section shows its heading first', async () => {
    const index = await indexOf(reference);
    const answer = answerQuestion(index, 'how do I do a single run without watch mode?', null);
    expect(answer.excerpts[0]?.text).toBe('--run\nPerform a single run without watch mode.');
    expect(answer.excerpts[0]?.parts[0]).toEqual({ kind: 'heading', text: '--run' });
    const without = answerQuestion(index, 'how do I do a single run without watch mode?', null, { typedHeadings: false });
    expect(without.excerpts[0]?.text).toBe('Perform a single run without watch mode.');
  });

  it('a heading that is a title stays in the citation only', async () => {
    const index = await indexOf(reference);
    const answer = answerQuestion(index, 'when are the tests rerun in watch mode?', null);
    expect(answer.excerpts[0]?.text).toBe('Watch mode reruns the tests when a file changes.');
    expect(answer.excerpts[0]?.location).toContain('Watch Mode');
  });
});

describe('quantities named by the head noun', () => {
  it.each([
    'What was the reported H1N1 vaccination rate in China?',
    'What is the doubling time of the pandemic?',
    'What was the population of the Dutch Republic before this emigration?',
    'What is the approximate turbine entry temperature of a gas turbine?',
  ])('"%s" asks for a number', (question) => {
    expect(expectedAnswerType(question)).toBe('number');
  });

  it.each(['What is the expression used to denote a worst case?', 'What time of day did they gather?', 'What is the rate-limiting enzyme called?'])(
    '"%s" does not',
    (question) => {
      expect(expectedAnswerType(question)).not.toBe('number');
    },
  );
});

describe('questions that ask for the kinds of something', () => {
  it.each(['What types of viruses can be diagnosed through serological testing?', 'Which kinds of tests were run?', 'What are the main types of vaccines?'])(
    '"%s" asks for a list',
    (question) => {
      expect(expectedAnswerType(question)).toBe('list');
    },
  );

  it('a sentence naming three or more kinds holds a list; one with citations or two items does not', () => {
    const words = new Set<string>();
    expect(holdsAnswerType('Multiplex PCR detects influenza and parainfluenza viruses, RSV, adenovirus and rhinovirus.', 'list', words)).toBe(true);
    expect(holdsAnswerType('Serology covered herpes simplex virus (HSV) I-II, varicella zoster virus (VZV), and West Nile virus.', 'list', words)).toBe(true);
    expect(holdsAnswerType('Viruses were tested as described before [1, 2, 3].', 'list', words)).toBe(false);
    expect(holdsAnswerType('Influenza and RSV were tested.', 'list', words)).toBe(false);
  });

  it('a "what types of" question is answered with the sentence that lists them', async () => {
    const index = await indexOf({
      'panel.txt': [
        '# Rapid testing',
        'Respiratory infections diagnosed by multiplex PCR rose last year. Multiplex PCR can diagnose respiratory infections such as influenza viruses, RSV, adenovirus, rhinovirus and coronavirus.',
        'Some other paragraph about culture methods.',
      ].join('\n\n'),
    });
    const question = 'What types of respiratory infections can be diagnosed with multiplex PCR?';
    const answer = answerQuestion(index, question, null, { maxSentencesPerExcerpt: 1 });
    expect(answer.excerpts[0]?.text).toContain('influenza viruses, RSV, adenovirus');
    const without = answerQuestion(index, question, null, { maxSentencesPerExcerpt: 1, scoring: { answerType: 0 } });
    expect(without.excerpts[0]?.text).not.toContain('influenza viruses, RSV, adenovirus');
  });
});

describe('long sentences cut to the excerpt limit', () => {
  it('show more of what follows the question words than of what leads up to them', async () => {
    const lead = 'In the years after the war the town council argued at length about money, about the old ferry, about the roads to the north and about the many plans that engineers sent in from the capital, and ';
    const answerPart = 'the bridge over the river was completed, after long delays caused by floods, by strikes of the builders, by a shortage of steel and by two changes of the city government and its mayors and by a long quarrel over the tolls, only in the spring of 1932';
    const tail = ', when the first trams crossed it to the applause of crowds that had waited on both banks since the early morning of that cold and windy day.';
    const index = await indexOf({ 'town.txt': ['# The town', `${lead}${answerPart}${tail}`].join('\n\n') });
    const answer = answerQuestion(index, 'When was the bridge over the river completed?', null);
    expect(answer.excerpts[0]?.text).toContain('1932');
    const leadingMore = answerQuestion(index, 'When was the bridge over the river completed?', null, { cutLeadShare: 0.25 });
    expect(leadingMore.excerpts[0]?.text).not.toContain('1932');
  });
});

describe('passage length in BM25', () => {
  it('a short passage naming the word once outranks a long one that mentions it three times among many others', () => {
    const filler = (count: number, from: number) => Array.from({ length: count }, (_, i) => `word${from + i}x`).join(' ');
    const short = `hepcidin ${filler(9, 0)}`;
    const long = `hepcidin ${filler(14, 100)} hepcidin ${filler(14, 200)} hepcidin ${filler(14, 300)}`;
    expect(LexicalIndex.build([long, short]).search(['hepcidin'], 2).map((hit) => hit.passage)).toEqual([1, 0]);
    expect(LexicalIndex.build([long, short], { b: 0.75 }).search(['hepcidin'], 2).map((hit) => hit.passage)).toEqual([0, 1]);
  });
});
