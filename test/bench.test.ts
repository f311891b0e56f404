import { describe, expect, it } from 'vitest';
import {
  answerAtK,
  containsAnswer,
  firstHitRank,
  normalizeForMatch,
  parseQaFile,
  percentile,
  sameDocument,
  scoreRun,
} from '../benchmarks/protocol.ts';
import { cutExcerpt, splitParagraphs } from '../benchmarks/peers.ts';
import { createRandom, generateCorpus, generateQuestions } from '../benchmarks/synthetic.ts';
import { stepOf } from '../benchmarks/project-run.ts';

describe('normalizeForMatch', () => {
  it('lower-cases and folds runs of whitespace, including newlines and tabs', () => {
    expect(normalizeForMatch('  The  Duchy\n\tof NORMANDY ')).toBe('the duchy of normandy');
  });
});

describe('containsAnswer', () => {
  it('matches case-insensitively across folded whitespace', () => {
    expect(containsAnswer('…formed by treaty with the French\n crown, was…', ['french  CROWN'])).toBe(true);
  });
  it('accepts any of several answers and rejects text without them', () => {
    expect(containsAnswer('under their leader Rollo, agreed', ['Hrólfr', 'Rollo'])).toBe(true);
    expect(containsAnswer('under their leader, agreed', ['Rollo'])).toBe(false);
  });
  it('never matches an empty or blank answer', () => {
    expect(containsAnswer('anything at all', ['', '   '])).toBe(false);
  });
  it('does not fold punctuation: the answer must appear as written', () => {
    expect(containsAnswer('Denmark Iceland and Norway', ['Denmark, Iceland and Norway'])).toBe(false);
  });
});

describe('answer@k', () => {
  const excerpts = ['nothing here', 'still nothing', 'the 10th century', 'France'];
  it('finds the rank of the first excerpt holding an answer', () => {
    expect(firstHitRank(excerpts, ['10th century'])).toBe(3);
    expect(firstHitRank(excerpts, ['Rollo'])).toBeNull();
  });
  it('counts only the first k excerpts', () => {
    expect(answerAtK(excerpts, ['10th century'], 1)).toBe(false);
    expect(answerAtK(excerpts, ['10th century'], 3)).toBe(true);
    expect(answerAtK(excerpts, ['France'], 3)).toBe(false);
    expect(answerAtK([], ['France'], 3)).toBe(false);
  });
});

describe('percentile (nearest rank)', () => {
  it('returns a measured value: ceil(p/100 * n)-th smallest', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 95)).toBe(50);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([1, 2, 3, 4], 60)).toBe(3);
  });
  it('does not interpolate between values', () => {
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  });
  it('does not depend on input order and does not sort its input in place', () => {
    const values = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(values[0]).toBe(9);
  });
  it('handles one value, no value and bad p', () => {
    expect(percentile([4.2], 95)).toBe(4.2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('scoreRun', () => {
  it('gives fractions of questions answered at 1 and at 3, and latency percentiles', () => {
    const items = parseQaFile([
      { question: 'q1', answers: ['alpha'], document: 'a.txt' },
      { question: 'q2', answers: ['beta'], document: 'a.txt' },
      { question: 'q3', answers: ['gamma', 'delta'], document: 'b.txt' },
      { question: 'q4', answers: ['omega'], document: 'b.txt' },
    ]);
    const score = scoreRun(items, [
      { excerptTexts: ['Alpha first'], latencyMs: 1 },
      { excerptTexts: ['x', 'y', 'BETA third'], latencyMs: 2 },
      { excerptTexts: ['x', 'y', 'z', 'delta fourth'], latencyMs: 3 },
      { excerptTexts: [], latencyMs: 10 },
    ]);
    expect(score).toEqual({ questions: 4, answerAt1: 0.25, answerAt3: 0.5, p50Ms: 2, p95Ms: 10 });
  });
  it('refuses results that do not line up with the questions', () => {
    expect(() => scoreRun(parseQaFile([{ question: 'q', answers: ['a'], document: 'd' }]), [])).toThrow();
  });
});

describe('parseQaFile', () => {
  it('rejects entries without a question or with non-string answers', () => {
    expect(() => parseQaFile({})).toThrow();
    expect(() => parseQaFile([{ answers: ['a'] }])).toThrow(/entry 0/);
    expect(() => parseQaFile([{ question: 'q', answers: [1] }])).toThrow(/entry 0/);
  });
});

describe('peer document handling', () => {
  it('splits at blank lines, leaves out the # Title line and numbers paragraphs from 1', () => {
    const paragraphs = splitParagraphs('doc.txt', '# Title\n\nFirst para\nstill first.\n\n  \n\nSecond para.\r\n\r\nThird.');
    expect(paragraphs.map((p) => [p.paragraph, p.text])).toEqual([
      [1, 'First para\nstill first.'],
      [2, 'Second para.'],
      [3, 'Third.'],
    ]);
  });
  it('cuts an excerpt to its first N characters after folding whitespace', () => {
    expect(cutExcerpt('a  b\nc d e', 5)).toBe('a b c');
  });
});

describe('synthetic corpus', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = generateCorpus({ passages: 40, seed: 7 });
    const b = generateCorpus({ passages: 40, seed: 7 });
    const c = generateCorpus({ passages: 40, seed: 8 });
    expect(a.documents).toEqual(b.documents);
    expect(a.documents).not.toEqual(c.documents);
    expect(createRandom(1)()).toBe(createRandom(1)());
  });
  it('writes N passages as documents of 20 paragraphs with a title', () => {
    const corpus = generateCorpus({ passages: 45, seed: 1 });
    expect(corpus.documents).toHaveLength(3);
    const total = corpus.documents.reduce((sum, doc) => sum + splitParagraphs(doc.name, doc.text).length, 0);
    expect(total).toBe(45);
    expect(corpus.documents[0]!.text.startsWith('# ')).toBe(true);
  });
  it('draws its vocabulary from the given real words after the function words, made-up words after', () => {
    const corpus = generateCorpus({ passages: 20, seed: 5, vocabularySize: 120, words: ['harbour', 'lantern', 'Bad-Word', 'the'] });
    expect(corpus.vocabulary).toHaveLength(120);
    expect(corpus.vocabulary[0]).toBe('the');
    expect(corpus.vocabulary.slice(0, 70)).toEqual(expect.arrayContaining(['harbour', 'lantern']));
    expect(corpus.vocabulary).not.toContain('Bad-Word');
    expect(new Set(corpus.vocabulary).size).toBe(120);
  });
  it('asks questions whose answer phrase is in the passage they were drawn from', () => {
    const corpus = generateCorpus({ passages: 60, seed: 3 });
    const questions = generateQuestions(corpus, { count: 20, seed: 4 });
    expect(questions).toHaveLength(20);
    for (const q of questions) {
      const doc = corpus.documents.find((d) => d.name === q.document)!;
      const passage = splitParagraphs(doc.name, doc.text)[q.paragraph - 1]!;
      expect(containsAnswer(passage.text, q.answers)).toBe(true);
      expect(q.question.endsWith('?')).toBe(true);
    }
  });
});

describe('build steps from progress events', () => {
  it('names the work after the last file and after the last embedded passage', () => {
    expect(stepOf({ phase: 'reading', done: 3, total: 10 })).toBe('reading');
    expect(stepOf({ phase: 'reading', done: 10, total: 10 })).toBe('split+bm25');
    expect(stepOf({ phase: 'embedding', done: 0, total: 10 })).toBe('embedding');
    expect(stepOf({ phase: 'embedding', done: 10, total: 10 })).toBe('hnsw');
    expect(stepOf({ phase: 'embedding', done: 0, total: 0 })).toBe('embedding');
    expect(stepOf({ phase: 'writing', done: 0, total: 1 })).toBe('writing');
  });
});

describe('sameDocument', () => {
  it('matches a qa.json document name to the same base name in another format or folder', () => {
    expect(sameDocument('Normans.txt', 'Normans.pdf')).toBe(true);
    expect(sameDocument('Normans.txt', 'md/Normans.md')).toBe(true);
    expect(sameDocument('Normans.txt', 'Norman.txt')).toBe(false);
    expect(sameDocument('', 'Normans.txt')).toBe(false);
  });
});
