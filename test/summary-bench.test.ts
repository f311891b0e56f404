import { describe, expect, it } from 'vitest';
import { rougeLsum, rougeN, rougeTokens, scoreRouge } from '../benchmarks/rouge.ts';
import { generateShape, parseShapes } from '../benchmarks/shapes.ts';
import { endsAtAbbreviation, parseReferences } from '../benchmarks/summary-bench.ts';
import { createLeadPeer, createTextRankPeer } from '../benchmarks/summary-peers.ts';

describe('ROUGE tokens', () => {
  it('lower-cases, splits at anything outside a-z0-9 and stems words longer than three letters', () => {
    expect(rougeTokens("The U.S. ran 3 races -- it's running!")).toEqual(['the', 'u', 's', 'ran', '3', 'race', 'it', 's', 'run']);
  });
});

describe('ROUGE-N', () => {
  it('is the F1 of clipped n-gram overlap', () => {
    const candidate = rougeTokens('the cat sat on the mat');
    const reference = rougeTokens('the cat was on the mat');
    // Unigrams: the x2, cat, on, mat shared: 5 of 6 on each side.
    expect(rougeN(candidate, reference, 1)).toBeCloseTo(5 / 6, 10);
    // Bigrams: "the cat", "on the", "the mat" shared: 3 of 5 on each side.
    expect(rougeN(candidate, reference, 2)).toBeCloseTo(3 / 5, 10);
  });

  it('counts a repeated candidate word only as often as the reference has it', () => {
    expect(rougeN(['the', 'the', 'the'], ['the', 'cat'], 1)).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2), 10);
  });

  it('is 0 when either side is empty', () => {
    expect(rougeN([], ['a'], 1)).toBe(0);
    expect(rougeN(['a'], [], 2)).toBe(0);
  });
});

describe('ROUGE-Lsum', () => {
  it('unites the longest common subsequences of each reference line with every candidate line', () => {
    // Reference line "a b c d": LCS with "a b x" is a b, with "y c d" is c d: all four hit.
    const score = rougeLsum([['a', 'b', 'x'], ['y', 'c', 'd']], [['a', 'b', 'c', 'd']]);
    const precision = 4 / 6;
    const recall = 4 / 4;
    expect(score).toBeCloseTo((2 * precision * recall) / (precision + recall), 10);
  });

  it('gives a perfect score to identical texts and reads lines as sentences', () => {
    expect(scoreRouge('One line here.\nAnother line.', 'One line here.\nAnother line.')).toEqual({ rouge1: 1, rouge2: 1, rougeLsum: 1 });
    expect(scoreRouge('a b c', 'x y z')).toEqual({ rouge1: 0, rouge2: 0, rougeLsum: 0 });
  });
});

describe('summary benchmark helpers', () => {
  it('reads references and refuses entries without a document or summary', () => {
    expect(parseReferences([{ document: '1.txt', summary: 'A.\nB.', id: 'x' }])).toEqual([{ document: '1.txt', summary: 'A.\nB.' }]);
    expect(() => parseReferences([{ document: '1.txt' }])).toThrow(/entry 0/);
    expect(() => parseReferences({})).toThrow(/array/);
  });

  it('flags sentences that end at an acronym, an initial or a title, and not ordinary ends', () => {
    expect(endsAtAbbreviation('The strike was carried out by the U.S.')).toBe(true);
    expect(endsAtAbbreviation('The meeting began at 5 p.m.')).toBe(true);
    expect(endsAtAbbreviation('It was written by J.')).toBe(true);
    expect(endsAtAbbreviation('He met Mr.')).toBe(true);
    expect(endsAtAbbreviation('The answer is yes or no.')).toBe(false);
    expect(endsAtAbbreviation('It happened in World War I.')).toBe(true);
    expect(endsAtAbbreviation('The storm passed.')).toBe(false);
  });

  it('LEAD-3 takes the first three sentences and TextRank three sentences in document order', () => {
    const text =
      'Storms hit the coast on Monday. Winds tore roofs from houses along the coast. Rescue teams searched the coast for survivors. ' +
      'A local bakery sold bread. The storms are expected to return to the coast next week.';
    expect(createLeadPeer(3).summarize(text)).toEqual([
      'Storms hit the coast on Monday.',
      'Winds tore roofs from houses along the coast.',
      'Rescue teams searched the coast for survivors.',
    ]);
    const picked = createTextRankPeer(3).summarize(text);
    expect(picked).toHaveLength(3);
    expect(picked.map((sentence) => text.indexOf(sentence))).toEqual([...picked.map((sentence) => text.indexOf(sentence))].sort((a, b) => a - b));
    expect(picked).not.toContain('A local bakery sold bread.');
  });
});

describe('document shapes', () => {
  it('parses shape:size lists and refuses unknown shapes or sizes', () => {
    expect(parseShapes('prose:10,list:0.5')).toEqual([
      { shape: 'prose', mebibytes: 10 },
      { shape: 'list', mebibytes: 0.5 },
    ]);
    expect(() => parseShapes('poem:3')).toThrow(/unknown shape/);
    expect(() => parseShapes('prose')).toThrow(/size in MiB/);
  });

  it('writes each shape within its size, the list as one block without a blank line', () => {
    for (const shape of ['prose', 'list', 'abbreviations'] as const) {
      const text = generateShape(shape, 20_000, { seed: 7 });
      expect(text.length).toBeLessThanOrEqual(20_000);
      expect(text.length).toBeGreaterThan(19_000);
      expect(generateShape(shape, 20_000, { seed: 7 })).toBe(text);
    }
    const list = generateShape('list', 20_000).split('\n\n');
    expect(list).toHaveLength(2);
    expect(list[1]!.split('\n').filter(Boolean).every((line) => /^( {2})?- /.test(line))).toBe(true);
    expect(generateShape('abbreviations', 20_000)).toMatch(/U\.S\.|p\.m\.|Mr\./);
  });
});
