import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index/text-analysis.ts';
import type { QueryWeights } from '../src/search/coverage.ts';
import { phraseBonus, proximityOf } from '../src/search/proximity.ts';
import { fuseRankings } from '../src/search/rank-fusion.ts';
import { DEFAULT_SEARCH_TUNING, searchTuning } from '../src/search/tuning.ts';

const ranking = (...passages: number[]) => passages.map((passageIndex) => ({ passageIndex }));

describe('reciprocal rank fusion', () => {
  it('scores each passage 1 / (k + rank) per ranking and adds the rankings up', () => {
    const fused = fuseRankings([ranking(7, 3), ranking(3, 9)], 60);
    expect(fused.map((hit) => hit.passageIndex)).toEqual([3, 7, 9]);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]?.score).toBeCloseTo(1 / 61, 12);
    expect(fused[2]?.score).toBeCloseTo(1 / 62, 12);
  });

  it('puts a passage both rankings agree on above the first of either one alone', () => {
    const fused = fuseRankings([ranking(1, 2, 5), ranking(4, 6, 5)], 60);
    // 5 is third in both: 2/63 beats 1/61.
    expect(fused[0]?.passageIndex).toBe(5);
  });

  it('breaks ties by the lower passage index, so results are stable', () => {
    expect(fuseRankings([ranking(8), ranking(2)], 60).map((hit) => hit.passageIndex)).toEqual([2, 8]);
  });

  it('flattens the rank curve as k grows', () => {
    const gap = (k: number) => {
      const [first, second] = fuseRankings([ranking(0, 1)], k);
      return (first?.score ?? 0) / (second?.score ?? 1);
    };
    expect(gap(1)).toBeGreaterThan(gap(60));
    expect(gap(60)).toBeGreaterThan(1);
  });

  it('returns nothing for no rankings', () => {
    expect(fuseRankings([], 60)).toEqual([]);
    expect(fuseRankings([[], []], 60)).toEqual([]);
  });
});

function weightsOf(question: string): QueryWeights {
  const terms = new Map(analyze(question).map((term) => [term, 1]));
  return { terms, total: terms.size };
}

describe('proximity of the question words in a sentence', () => {
  const weights = weightsOf('bombing Kerman cemetery');

  it('is 1 when the distinct question words stand side by side', () => {
    expect(proximityOf(analyze('The Kerman cemetery bombing shocked Iran.'), weights)).toBe(1);
  });

  it('is the distinct words matched over the shortest run holding them all', () => {
    // kerman (0) ... cemeteri (4): 2 distinct terms in a run of 5 terms.
    const terms = analyze('Kerman mourners gathered near the cemetery');
    expect(terms).toEqual(['kerman', 'mourner', 'gather', 'near', 'cemeteri']);
    expect(proximityOf(terms, weights)).toBeCloseTo(2 / 5, 12);
  });

  it('takes the tightest run when a word repeats', () => {
    const terms = analyze('Kerman is far from the sea; the cemetery of Kerman holds his grave');
    const loose = analyze('Kerman is far from the sea and many miles from the cemetery');
    expect(proximityOf(terms, weights)).toBeGreaterThan(proximityOf(loose, weights));
  });

  it('is 0 with fewer than two distinct question words', () => {
    expect(proximityOf(analyze('Kerman is a city; Kerman is old.'), weights)).toBe(0);
    expect(proximityOf([], weights)).toBe(0);
  });
});

describe('question word pairs found side by side', () => {
  it('is the share of the question’s consecutive pairs the sentence repeats in order', () => {
    const question = analyze('Kerman bombings responsibility claimed');
    expect(phraseBonus(analyze('Responsibility for the Kerman bombings was claimed by ISIS.'), question)).toBeCloseTo(1 / 3, 12);
    expect(phraseBonus(analyze('Bombings in Kerman'), question)).toBe(0);
  });

  it('is 0 for a one-word question', () => {
    expect(phraseBonus(analyze('Kerman Kerman'), analyze('Kerman'))).toBe(0);
  });
});

describe('search tuning', () => {
  it('keeps every default not overridden, including single scoring weights', () => {
    const tuning = searchTuning({ maxExcerpts: 5, scoring: { lead: 0 }, excerptMaxChars: undefined });
    expect(tuning.maxExcerpts).toBe(5);
    expect(tuning.excerptMaxChars).toBe(DEFAULT_SEARCH_TUNING.excerptMaxChars);
    expect(tuning.scoring.lead).toBe(0);
    expect(tuning.scoring.proximity).toBe(DEFAULT_SEARCH_TUNING.scoring.proximity);
  });
});
