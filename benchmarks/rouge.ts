/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum F1, as Google's `rouge-score` package computes them (the
 * implementation most summarisation papers report):
 *
 * - tokens: the text lower-cased, every run of characters outside [a-z0-9] a separator, and
 *   tokens longer than three characters Porter-stemmed (`stemmer`, the project's own stemmer);
 * - ROUGE-N: clipped n-gram overlap; precision over the candidate's n-grams, recall over the
 *   reference's, F1 their harmonic mean;
 * - ROUGE-Lsum: both texts split into sentences at line breaks; for each reference sentence, the
 *   union of its longest common subsequences with every candidate sentence, each token counted
 *   at most as often as it occurs in both texts.
 *
 * Scores are in 0..1 here; reports show them x100 as is usual.
 */
import { stemmer } from 'stemmer';

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0)
    .map((token) => (token.length > 3 ? stemmer(token) : token));
}

function f1(overlap: number, candidateTotal: number, referenceTotal: number): number {
  if (overlap === 0 || candidateTotal === 0 || referenceTotal === 0) return 0;
  const precision = overlap / candidateTotal;
  const recall = overlap / referenceTotal;
  return (2 * precision * recall) / (precision + recall);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const candidateCounts = ngramCounts(candidate, n);
  const referenceCounts = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of candidateCounts) overlap += Math.min(count, referenceCounts.get(gram) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Positions in `reference` of one longest common subsequence with `candidate`. */
function lcsPositions(reference: readonly string[], candidate: readonly string[]): number[] {
  const rows = reference.length + 1;
  const cols = candidate.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      table[i * cols + j] =
        reference[i - 1] === candidate[j - 1]
          ? table[(i - 1) * cols + j - 1]! + 1
          : Math.max(table[(i - 1) * cols + j]!, table[i * cols + j - 1]!);
    }
  }
  const positions: number[] = [];
  for (let i = rows - 1, j = cols - 1; i > 0 && j > 0; ) {
    if (reference[i - 1] === candidate[j - 1]) {
      positions.push(i - 1);
      i -= 1;
      j -= 1;
    } else if (table[(i - 1) * cols + j]! >= table[i * cols + j - 1]!) i -= 1;
    else j -= 1;
  }
  return positions.reverse();
}

/** Summary-level LCS F1 over sentences given as token lists. */
export function rougeLsum(candidateSentences: readonly string[][], referenceSentences: readonly string[][]): number {
  const count = (sentences: readonly string[][]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const token of sentences.flat()) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  };
  const candidateLeft = count(candidateSentences);
  const referenceLeft = count(referenceSentences);
  let hits = 0;
  for (const reference of referenceSentences) {
    const union = new Set<number>();
    for (const candidate of candidateSentences) for (const position of lcsPositions(reference, candidate)) union.add(position);
    for (const position of [...union].sort((a, b) => a - b)) {
      const token = reference[position]!;
      if ((candidateLeft.get(token) ?? 0) > 0 && (referenceLeft.get(token) ?? 0) > 0) {
        hits += 1;
        candidateLeft.set(token, candidateLeft.get(token)! - 1);
        referenceLeft.set(token, referenceLeft.get(token)! - 1);
      }
    }
  }
  return f1(hits, candidateSentences.flat().length, referenceSentences.flat().length);
}

/** Scores a candidate summary against a reference, both with one sentence per line. */
export function scoreRouge(candidate: string, reference: string): RougeScores {
  const lines = (text: string): string[][] =>
    text
      .split('\n')
      .map(rougeTokens)
      .filter((tokens) => tokens.length > 0);
  const candidateSentences = lines(candidate);
  const referenceSentences = lines(reference);
  const candidateTokens = candidateSentences.flat();
  const referenceTokens = referenceSentences.flat();
  return {
    rouge1: rougeN(candidateTokens, referenceTokens, 1),
    rouge2: rougeN(candidateTokens, referenceTokens, 2),
    rougeLsum: rougeLsum(candidateSentences, referenceSentences),
  };
}

/** Mean of each score over the pairs. */
export function meanRouge(scores: readonly RougeScores[]): RougeScores {
  const mean = (pick: (score: RougeScores) => number): number =>
    scores.length === 0 ? 0 : scores.reduce((sum, score) => sum + pick(score), 0) / scores.length;
  return { rouge1: mean((s) => s.rouge1), rouge2: mean((s) => s.rouge2), rougeLsum: mean((s) => s.rougeLsum) };
}
