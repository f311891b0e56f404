/**
 * BM25 over passages (Robertson/Sparck Jones idf, k1 = 1.2, b = 0.75), as an inverted index of
 * typed arrays so that 100,000 passages search in milliseconds and serialise compactly.
 */
import { analyze } from './text-analysis.ts';

export interface LexicalHit {
  /** Position of the passage in the index's passage list. */
  passage: number;
  score: number;
}

/** The serialised form written to `lexical.json`. */
export interface LexicalIndexData {
  k1: number;
  b: number;
  lengths: number[];
  terms: string[];
  /** Per term: passage numbers and term frequencies interleaved, `[p0, tf0, p1, tf1, ...]`. */
  postings: number[][];
}

interface PostingList {
  passages: Uint32Array;
  frequencies: Uint16Array;
}

export interface LexicalIndexOptions {
  /** Term-frequency saturation. Default: 1.2. */
  k1?: number;
  /** Length normalisation. Default: 0.75. */
  b?: number;
}

/** Collects postings text by text; `finish` packs them into typed arrays. */
class LexicalIndexBuilder {
  private readonly lengths: Uint32Array;
  private readonly lists = new Map<string, { passages: number[]; frequencies: number[] }>();

  constructor(size: number) {
    this.lengths = new Uint32Array(size);
  }

  add(passage: number, text: string): void {
    const counts = new Map<string, number>();
    const terms = analyze(text);
    this.lengths[passage] = terms.length;
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let list = this.lists.get(term);
      if (!list) this.lists.set(term, (list = { passages: [], frequencies: [] }));
      list.passages.push(passage);
      list.frequencies.push(Math.min(count, 65_535));
    }
  }

  finish(options: LexicalIndexOptions): LexicalIndex {
    const postings = new Map<string, PostingList>();
    for (const [term, list] of this.lists) {
      postings.set(term, { passages: Uint32Array.from(list.passages), frequencies: Uint16Array.from(list.frequencies) });
    }
    return LexicalIndex.fromParts(this.lengths, postings, options);
  }
}

export class LexicalIndex {
  readonly k1: number;
  readonly b: number;
  private readonly lengths: Uint32Array;
  private readonly averageLength: number;
  private readonly postings: Map<string, PostingList>;

  private constructor(lengths: Uint32Array, postings: Map<string, PostingList>, options: LexicalIndexOptions) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.lengths = lengths;
    this.postings = postings;
    let total = 0;
    for (const length of lengths) total += length;
    this.averageLength = lengths.length > 0 ? Math.max(1, total / lengths.length) : 1;
  }

  /** Indexes texts; hit `passage` numbers are positions in `texts`. */
  static build(texts: readonly string[], options: LexicalIndexOptions = {}): LexicalIndex {
    const builder = new LexicalIndexBuilder(texts.length);
    texts.forEach((text, passage) => builder.add(passage, text));
    return builder.finish(options);
  }

  /** Like `build`, yielding to the event loop every few hundred texts so a bot stays responsive. */
  static async buildYielding(texts: readonly string[], options: LexicalIndexOptions = {}): Promise<LexicalIndex> {
    const builder = new LexicalIndexBuilder(texts.length);
    for (let passage = 0; passage < texts.length; passage += 1) {
      builder.add(passage, texts[passage] ?? '');
      if (passage % 500 === 499) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return builder.finish(options);
  }

  /** Used by LexicalIndexBuilder. */
  static fromParts(lengths: Uint32Array, postings: Map<string, PostingList>, options: LexicalIndexOptions): LexicalIndex {
    return new LexicalIndex(lengths, postings, options);
  }

  static fromJSON(data: LexicalIndexData): LexicalIndex {
    if (!Array.isArray(data.lengths) || !Array.isArray(data.terms) || !Array.isArray(data.postings) || data.terms.length !== data.postings.length) {
      throw new Error('lexical index data is malformed');
    }
    const postings = new Map<string, PostingList>();
    data.terms.forEach((term, i) => {
      const flat = data.postings[i] ?? [];
      const passages = new Uint32Array(flat.length / 2);
      const frequencies = new Uint16Array(flat.length / 2);
      for (let j = 0; j < passages.length; j += 1) {
        passages[j] = flat[2 * j] ?? 0;
        frequencies[j] = flat[2 * j + 1] ?? 0;
      }
      postings.set(term, { passages, frequencies });
    });
    return new LexicalIndex(Uint32Array.from(data.lengths), postings, { k1: data.k1, b: data.b });
  }

  toJSON(): LexicalIndexData {
    const terms = [...this.postings.keys()];
    return {
      k1: this.k1,
      b: this.b,
      lengths: Array.from(this.lengths),
      terms,
      postings: terms.map((term) => {
        const list = this.postings.get(term);
        const flat: number[] = [];
        if (list) for (let j = 0; j < list.passages.length; j += 1) flat.push(list.passages[j] ?? 0, list.frequencies[j] ?? 0);
        return flat;
      }),
    };
  }

  get size(): number {
    return this.lengths.length;
  }

  /** How many passages contain the term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.passages.length ?? 0;
  }

  /** Inverse document frequency; a term found nowhere gets the highest value a term can have. */
  idf(term: string): number {
    const n = this.lengths.length;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The indexed term closest to a term found nowhere, for misspelt questions ("purhcased"):
   * within one edit for words of five to seven letters, two for longer ones (shorter words
   * are left alone: "kind" is one edit from "king") (a swap of two
   * neighbouring letters is one edit). Ties go to the commoner term. Undefined when none is close.
   */
  closestTerm(term: string): string | undefined {
    if (term.length < 5 || /^\p{N}+$/u.test(term)) return undefined;
    const limit = term.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    let bestFrequency = 0;
    for (let length = term.length - limit; length <= term.length + limit; length += 1) {
      for (const candidate of this.termsOfLength(length)) {
        const distance = editDistance(term, candidate, limit);
        const frequency = this.documentFrequency(candidate);
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return bestDistance <= limit ? best : undefined;
  }

  /** Indexed terms by length, built on the first spelling correction. */
  private byLength: Map<number, string[]> | undefined;

  private termsOfLength(length: number): readonly string[] {
    if (!this.byLength) {
      this.byLength = new Map();
      for (const term of this.postings.keys()) {
        const bucket = this.byLength.get(term.length);
        if (bucket) bucket.push(term);
        else this.byLength.set(term.length, [term]);
      }
    }
    return this.byLength.get(length) ?? [];
  }

  /**
   * The best `limit` passages for the query terms (repeated terms count once). `termWeights`
   * scales a term's contribution (default 1), for terms the question only probably meant.
   */
  search(queryTerms: readonly string[], limit: number, termWeights?: ReadonlyMap<string, number>): LexicalHit[] {
    const scores = new Float64Array(this.lengths.length);
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (termWeights?.get(term) ?? 1);
      for (let j = 0; j < list.passages.length; j += 1) {
        const passage = list.passages[j] ?? 0;
        const tf = list.frequencies[j] ?? 0;
        const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[passage] ?? 0)) / this.averageLength);
        if (scores[passage] === 0) touched.push(passage);
        scores[passage] = (scores[passage] ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm);
      }
    }
    return topHits(touched, scores, limit);
  }
}

/** The `limit` best of the touched passages, best first (ties by passage order, for stable results). */
function topHits(touched: number[], scores: Float64Array, limit: number): LexicalHit[] {
  const hits = touched.map((passage) => ({ passage, score: scores[passage] ?? 0 }));
  hits.sort((a, b) => b.score - a.score || a.passage - b.passage);
  return hits.slice(0, limit);
}

/**
 * Optimal string alignment distance (Levenshtein plus swaps of neighbouring letters), giving up
 * with `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
