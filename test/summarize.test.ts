import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../src/index/index-load.ts';
import { isSummaryMaterial, summarizeDocuments, SUMMARY_DEFAULTS } from '../src/search/summarize.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { folderWith, tempDir, testConfig } from './support/temp.ts';

/** A news-like story: the gist first, then detail, a quote, a question, a duplicate and an abbreviation at a sentence's end. */
const STORY = [
  'Floods forced thousands of residents to leave the river town of Marlow on Tuesday after three days of heavy rain.',
  'Rescue crews in boats carried elderly residents from flooded homes near the river.',
  '"We have never seen the river this high," one rescue worker said.',
  'What happens next?',
  'Engineers warned that the old river levee could fail if the heavy rain continued through the week.',
  'Photo by staff.',
  'The town asked for help from the U.S. The request went to the federal government on Tuesday night.',
  'Schools in Marlow will stay closed until the flood water recedes from the town centre.',
  'Rescue crews in boats carried elderly residents from flooded homes near the river.',
  'The river is expected to crest on Thursday, and more residents may have to leave their homes before then.',
].join(' ');

const HERONS =
  'Herons nest in tall trees beside lakes and rivers across the region every spring. ' +
  'A heron stands still in shallow water for long stretches while it hunts for fish. ' +
  'Young herons leave the nest after about seven weeks and learn to fish alone.';

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('summaries', () => {
  let qa: DocumentQa;
  const docsDir = folderWith({ 'flood.txt': `${STORY}\n`, 'herons.txt': `# Herons\n\n${HERONS}\n` });
  beforeAll(async () => {
    qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' }));
  });
  afterAll(() => qa.close());

  it('are whole sentences of the document, verbatim and in document order', async () => {
    const summary = await qa.summarize('flood.txt');
    expect(summary.source).toBe('flood.txt');
    expect(summary.sentences.length).toBeGreaterThan(0);
    let last = -1;
    for (const sentence of summary.sentences) {
      expect(sentence.source).toBe('flood.txt');
      const at = STORY.indexOf(sentence.text);
      expect(at).toBeGreaterThan(last);
      // Whole: it starts where a sentence starts and ends with a sentence's end.
      expect(at === 0 || STORY[at - 2] === '.' || STORY[at - 2] === '?' || STORY[at - 2] === '"').toBe(true);
      expect(sentence.text).toMatch(/[.!?]["”]?$/);
      last = at;
    }
  });

  it('open with the lead sentence of a news story', async () => {
    const summary = await qa.summarize('flood.txt');
    expect(summary.sentences[0]?.text).toBe(
      'Floods forced thousands of residents to leave the river town of Marlow on Tuesday after three days of heavy rain.',
    );
  });

  it('stay within the default length: three sentences and a budget of words', async () => {
    const summary = await qa.summarize('flood.txt');
    expect(summary.sentences.length).toBeLessThanOrEqual(SUMMARY_DEFAULTS.maxSentences);
    const total = summary.sentences.reduce((sum, sentence) => sum + words(sentence.text), 0);
    expect(total).toBeLessThanOrEqual(SUMMARY_DEFAULTS.maxSentences * SUMMARY_DEFAULTS.wordsPerSentence);
  });

  it('leave out questions, fragments, repeats and sentences that end at an abbreviation', async () => {
    const texts = (await qa.summarize('flood.txt')).sentences.map((sentence) => sentence.text);
    expect(texts).not.toContain('What happens next?');
    expect(texts).not.toContain('Photo by staff.');
    expect(texts).not.toContain('The town asked for help from the U.S.');
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('summarise every document when none is named', async () => {
    const summary = await qa.summarize();
    expect(summary.source).toBeUndefined();
    expect(new Set(summary.sentences.map((sentence) => sentence.source))).toEqual(new Set(['flood.txt', 'herons.txt']));
  });

  it('take their length from SUMMARY_SENTENCES', async () => {
    const one = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none', SUMMARY_SENTENCES: '1' }));
    try {
      const summary = await one.summarize('herons.txt');
      expect(summary.sentences.map((sentence) => sentence.text)).toEqual(['Herons nest in tall trees beside lakes and rivers across the region every spring.']);
    } finally {
      await one.close();
    }
    const five = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none', SUMMARY_SENTENCES: '5' }));
    try {
      expect((await five.summarize('flood.txt')).sentences.length).toBeGreaterThan(3);
    } finally {
      await five.close();
    }
  });
});

describe('summaries of a Markdown page', () => {
  it('leave out code and table rows and cite the section', async () => {
    const page = [
      '# Install',
      '',
      '## Requirements',
      '',
      'The tool needs a recent runtime and about one gigabyte of free disk space on the machine.',
      '',
      '```sh',
      'echo "The tool installs itself globally and checks the runtime version for every user."',
      '```',
      '',
      '| Runtime | Version needed by the tool for every feature |',
      '| --- | --- |',
      '| Node | Version 20 or newer is needed for every single feature of the tool. |',
      '',
    ].join('\n');
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: folderWith({ 'install.md': page }), INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' }));
    try {
      const summary = await qa.summarize('install.md');
      expect(summary.sentences).toEqual([
        {
          text: 'The tool needs a recent runtime and about one gigabyte of free disk space on the machine.',
          source: 'install.md',
          location: 'Requirements',
        },
      ]);
    } finally {
      await qa.close();
    }
  });
});

describe('summaries of a long document', () => {
  it('read only the first sentencesPerDocument sentences', async () => {
    const indexDir = tempDir();
    const later = 'Lighthouse keepers recorded the weather, the ships and the tides in a logbook every night.';
    const text = `${HERONS} ${later} ${later.replace('logbook', 'journal')}\n`;
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: folderWith({ 'mixed.txt': text }), INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none' }));
    await qa.close();
    const index = await loadIndex(indexDir);
    const all = summarizeDocuments(index, ['mixed.txt'], { maxSentences: 5, wordsPerSentence: 100 });
    expect(all.sentences.map((sentence) => sentence.text)).toContain(later);
    const firstTwo = summarizeDocuments(index, ['mixed.txt'], { maxSentences: 5, wordsPerSentence: 100, sentencesPerDocument: 2 });
    expect(firstTwo.sentences.map((sentence) => sentence.text)).toEqual(HERONS.split(/(?<=\.) /).slice(0, 2));
  });
});

describe('summary material', () => {
  const limits = { minWords: 3, maxWords: 40 };
  it('is a whole statement: not a question, a fragment, unpunctuated text or an abbreviation at the end', () => {
    expect(isSummaryMaterial('The levee held through the night.', 6, limits)).toBe(true);
    expect(isSummaryMaterial('"The levee held," he said.', 5, limits)).toBe(true);
    expect(isSummaryMaterial('Will the levee hold?', 4, limits)).toBe(false);
    expect(isSummaryMaterial('Photo.', 1, limits)).toBe(false);
    expect(isSummaryMaterial('npm install --save levee', 4, limits)).toBe(false);
    expect(isSummaryMaterial('The request was sent to the U.S.', 7, limits)).toBe(false);
    expect(isSummaryMaterial('It began at 5 p.m.', 5, limits)).toBe(false);
    expect(isSummaryMaterial('The book was written by J.', 6, limits)).toBe(false);
  });
});
