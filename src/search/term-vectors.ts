/**
 * TF-IDF vectors of sentences for summaries, over term numbers instead of maps of strings: a
 * summary of every document of a corpus makes one per sentence (470,000 at 50 MB), and a Map per
 * sentence was most of the summarising phase's time and garbage. The arithmetic is the same as
 * with maps, term by term in first-occurrence order, so the scores are the same.
 */

/** A sparse vector: term numbers in the order the terms first occur, their weights, and its length. */
export interface TermVector {
  ids: number[];
  weights: number[];
  norm: number;
}

/** Numbers terms as they are met, and weighs each occurrence by the term's idf. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly idfs: number[] = [];

  constructor(private readonly idf: (term: string) => number) {}

  get size(): number {
    return this.idfs.length;
  }

  /** The vector of `terms` (repeats add up). */
  vector(terms: readonly string[]): TermVector {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const term of terms) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.idfs.length;
        this.ids.set(term, id);
        this.idfs.push(this.idf(term));
      }
      const weight = this.idfs[id] ?? 0;
      const at = ids.indexOf(id);
      if (at < 0) {
        ids.push(id);
        weights.push(weight);
      } else {
        weights[at] = (weights[at] ?? 0) + weight;
      }
    }
    let sum = 0;
    for (const weight of weights) sum += weight * weight;
    return { ids, weights, norm: Math.sqrt(sum) };
  }
}

/** Cosine similarity of two vectors (0 when either is empty). */
export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.ids.length < b.ids.length ? [a, b] : [b, a];
  let dot = 0;
  for (let i = 0; i < small.ids.length; i += 1) {
    const at = large.ids.indexOf(small.ids[i] ?? -1);
    dot += (small.weights[i] ?? 0) * (at < 0 ? 0 : (large.weights[at] ?? 0));
  }
  return dot / (a.norm * b.norm);
}

/**
 * The sum of unit vectors of a set of sentences (their term profile), dense over the vocabulary so
 * that each sentence's closeness to it costs one look-up per term. Reused document after
 * document: `clear` resets only what was set.
 */
export class TermProfile {
  private values = new Float64Array(1024);
  /** Terms set, in the order first set. */
  private touched: number[] = [];
  private length = 0;

  /** Adds `vector / vector.norm` (nothing for an empty vector). */
  addUnit(vector: TermVector): void {
    if (vector.norm === 0) return;
    for (let i = 0; i < vector.ids.length; i += 1) {
      const id = vector.ids[i] ?? 0;
      if (id >= this.values.length) this.grow(id + 1);
      // Weights are idf sums, always positive: 0 means not set yet.
      if (this.values[id] === 0) this.touched.push(id);
      this.values[id] = (this.values[id] ?? 0) + (vector.weights[i] ?? 0) / vector.norm;
    }
  }

  /** Call once all vectors are added. */
  finish(): void {
    let sum = 0;
    for (const id of this.touched) {
      const value = this.values[id] ?? 0;
      sum += value * value;
    }
    this.length = Math.sqrt(sum);
  }

  /** Cosine similarity of `vector` to the profile. */
  cosine(vector: TermVector): number {
    if (vector.norm === 0 || this.length === 0) return 0;
    let dot = 0;
    for (let i = 0; i < vector.ids.length; i += 1) dot += (vector.weights[i] ?? 0) * (this.values[vector.ids[i] ?? 0] ?? 0);
    return dot / (vector.norm * this.length);
  }

  clear(): void {
    for (const id of this.touched) this.values[id] = 0;
    this.touched = [];
    this.length = 0;
  }

  private grow(size: number): void {
    const values = new Float64Array(Math.max(size, this.values.length * 2));
    values.set(this.values);
    this.values = values;
  }
}
