import { readFileSync } from 'node:fs';
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { DocumentQa, InvalidQuestionError, UnknownDocumentError } from '../src/service/document-qa.ts';
import { tinyModelDir } from './support/tiny-model.ts';
import { folderWith, SEED_FILE, seedFolder, tempDir, testConfig } from './support/temp.ts';

const SEED_SOURCE = '2024-01-05-kerman-bombings.txt';
const seedText = readFileSync(SEED_FILE, 'utf8').replace(/\s+/g, ' ');

/** An excerpt is verbatim when, without the ellipses that mark cuts, it is a piece of the source. */
function expectVerbatim(text: string) {
  expect(seedText).toContain(text.replace(/^…/, '').replace(/…$/, ''));
}

describe('answers about the seed article (lexical mode)', () => {
  let qa: DocumentQa;
  beforeAll(async () => {
    qa = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model' }));
  });
  afterAll(() => qa.close());

  it.each([
    ['Who claimed responsibility for the Kerman bombings?', 'ISIS claimed responsibility'],
    ['How many people were killed in the Kerman bombings?', 'nearly 100'],
    ['Which branch of ISIS was behind the explosions?', 'ISIS-K'],
    ['What were the operatives wearing?', 'suicide belts'],
    ['What did the CIA say?', 'CIA declined to comment'],
    ['Who is Shashank Joshi?', 'Economist defense editor'],
  ])('answers "%s" with the right excerpt first', async (question, expected) => {
    const answer = await qa.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.mode).toBe('lexical');
    expect(answer.excerpts[0]?.text).toContain(expected);
    expect(answer.excerpts[0]?.source).toBe(SEED_SOURCE);
    expect(answer.excerpts[0]?.location).toMatch(/^paragraph \d+$/);
  });

  it('declines questions the article does not cover, kindly', async () => {
    for (const question of ['Who won the 2018 FIFA World Cup?', 'How do I bake sourdough bread?', 'What is the capital of Australia?']) {
      const answer = await qa.ask(question);
      expect(answer.answered, question).toBe(false);
      expect(answer.excerpts).toEqual([]);
      expect(answer.message).toMatch(/couldn't find/);
    }
  });

  it('shows at most three verbatim excerpts of at most 300 characters, without repeats', async () => {
    for (const question of ['What did U.S. intelligence find about ISIS and the attacks in Iran?', 'Who claimed responsibility?', 'Reuters']) {
      const answer = await qa.ask(question);
      expect(answer.excerpts.length).toBeLessThanOrEqual(3);
      const ranges = answer.excerpts.map((excerpt) => [excerpt.start, excerpt.end] as const);
      for (const excerpt of answer.excerpts) {
        expect(excerpt.text.length).toBeLessThanOrEqual(300);
        expectVerbatim(excerpt.text);
      }
      for (let i = 0; i < ranges.length; i += 1) {
        for (let j = i + 1; j < ranges.length; j += 1) {
          const [a, b] = [ranges[i]!, ranges[j]!];
          expect(a[0] < b[1] && b[0] < a[1], 'excerpts overlap').toBe(false);
        }
      }
    }
  });

  it('rejects empty, wordless and over-long questions with a message to act on', async () => {
    await expect(qa.ask('   ')).rejects.toThrow(InvalidQuestionError);
    await expect(qa.ask('🎉🎉 ??')).rejects.toThrow(/words/);
    await expect(qa.ask('why '.repeat(200))).rejects.toThrow(/under 500/);
  });

  it('summarises with at most three verbatim sentences (the default SUMMARY_SENTENCES) in document order', async () => {
    const summary = await qa.summarize('kerman');
    expect(summary.sentences.length).toBeGreaterThanOrEqual(2);
    expect(summary.sentences.length).toBeLessThanOrEqual(3);
    let last = -1;
    for (const sentence of summary.sentences) {
      expectVerbatim(sentence.text);
      expect(sentence.source).toBe(SEED_SOURCE);
      const at = seedText.indexOf(sentence.text);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(summary.sentences[0]?.text).toMatch(/^U\.S\. intelligence|^ISIS claimed/);
  });

  it('names the known documents when asked to summarise an unknown one', async () => {
    await expect(qa.summarize('recipes')).rejects.toThrow(UnknownDocumentError);
    await expect(qa.summarize('recipes')).rejects.toThrow(SEED_SOURCE);
  });
});

describe('answers across several documents', () => {
  it('cites the right document and summarises all documents', async () => {
    const docsDir = folderWith({
      'bees.md': '# Beekeeping\n\nBeekeepers harvest honey in late summer. A hive holds one queen.\n\nSmoke calms the bees during an inspection.',
      'lighthouses/history.txt': 'The first lighthouse stood at Alexandria. Its fire was visible for miles.\n\nKeepers trimmed the wick every night.',
    });
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model' }));
    const answer = await qa.ask('What calms the bees?');
    expect(answer.excerpts[0]).toMatchObject({ source: 'bees.md', location: 'paragraph 2', title: 'Beekeeping' });
    expect(answer.excerpts[0]?.text).toContain('Smoke calms the bees');
    expect((await qa.ask('Where was the first lighthouse?')).excerpts[0]?.source).toBe('lighthouses/history.txt');
    const all = await qa.summarize();
    expect(new Set(all.sentences.map((sentence) => sentence.source))).toEqual(new Set(['bees.md', 'lighthouses/history.txt']));
    await qa.close();
  });
});

describe('naming a document', () => {
  it('matches by path, file name or title, exactly first, else by part; an ambiguous name is refused with the candidates', async () => {
    const docsDir = folderWith({
      'guide/lighthouse.md': '# Lighthouse Manual\n\nKeepers trim the wick every night.',
      'bread.txt': '# Sourdough\n\nThe starter needs flour and water every day.',
    });
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' }));
    const sources = (name: string) => qa.matchDocuments(name).map((document) => document.source);
    expect(sources('lighthouse.md')).toEqual(['guide/lighthouse.md']);
    expect(sources('SOURDOUGH')).toEqual(['bread.txt']);
    expect(sources('light')).toEqual(['guide/lighthouse.md']);
    expect(sources('e')).toHaveLength(2);
    expect(sources('nope')).toEqual([]);
    await expect(qa.summarize('e')).rejects.toThrow(/fits several documents: .*bread\.txt/);
    expect((await qa.summarize('bread')).sentences[0]?.text).toBe('The starter needs flour and water every day.');
    await qa.close();
  });
});

describe('hybrid answers with the real embedding pipeline (tiny model)', () => {
  it('fuses vectors and BM25 and reports the hybrid mode', async () => {
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: await tinyModelDir() }));
    expect(qa.info()).toMatchObject({ mode: 'hybrid' });
    const answer = await qa.ask('Who claimed responsibility for the Kerman bombings?');
    expect(answer.mode).toBe('hybrid');
    expect(answer.excerpts[0]?.text).toContain('ISIS claimed responsibility');
    expect((await qa.ask('Who won the 2018 FIFA World Cup?')).answered).toBe(false);
    await qa.close();
  });
});
