/**
 * BM25 over passages (Robertson/Sparck Jones idf, k1 = 1.2, b = 0.9), as an inverted index of
 * flat typed arrays, so that 100,000 passages search in milliseconds, load without parsing and
 * pass between threads without copying.
 */
import { analyze } from './text-analysis.ts';

export interface LexicalHit {
  /** Position of the passage in the index's passage list. */
  passage: number;
  score: number;
}

/** The JSON form (kept for tests and tools; the index on disk uses `LexicalIndexParts`). */
export interface LexicalIndexData {
  k1: number;
  b: number;
  lengths: number[];
  terms: string[];
  /** Per term: passage numbers and term frequencies interleaved, `[p0, tf0, p1, tf1, ...]`. */
  postings: number[][];
}

/**
 * The index as flat typed arrays, as written to disk and sent between threads: the postings of
 * term `t` are `passages[offsets[t] .. offsets[t + 1])` with their `frequencies`.
 */
export interface LexicalIndexParts {
  k1: number;
  b: number;
  /** Terms in the order they were first met (ties in spelling correction go to the earlier one). */
  terms: readonly string[];
  /** Positions in `terms`, sorted by term (code unit order), for lookups by binary search. */
  sortedTerms: Uint32Array;
  offsets: Uint32Array;
  passages: Uint32Array;
  frequencies: Uint16Array;
  /** Terms per passage. */
  lengths: Uint32Array;
}

export interface LexicalIndexOptions {
  /** Term-frequency saturation. Default: 1.2. */
  k1?: number;
  /**
   * Length normalisation. Default: 0.9, above the textbook 0.75: passages here are a paragraph
   * with its list or code, and long ones (a paper's paragraph, a lead-in with a long code block)
   * hold the question's words by chance; 0.85 to 1.0 measure the same on the development sets.
   */
  b?: number;
}

const DEFAULT_K1 = 1.2;
const DEFAULT_B = 0.9;

/** Collects postings text by text; `finish` packs them into flat typed arrays. */
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
    const terms = [...this.lists.keys()];
    let total = 0;
    for (const list of this.lists.values()) total += list.passages.length;
    const offsets = new Uint32Array(terms.length + 1);
    const passages = new Uint32Array(total);
    const frequencies = new Uint16Array(total);
    let at = 0;
    terms.forEach((term, t) => {
      const list = this.lists.get(term);
      offsets[t] = at;
      if (list) {
        passages.set(list.passages, at);
        frequencies.set(list.frequencies, at);
        at += list.passages.length;
      }
    });
    offsets[terms.length] = at;
    return LexicalIndex.fromParts({
      k1: options.k1 ?? DEFAULT_K1,
      b: options.b ?? DEFAULT_B,
      terms,
      sortedTerms: sortedOrder(terms),
      offsets,
      passages,
      frequencies,
      lengths: this.lengths,
    });
  }
}

/** Positions of `terms` in code unit order. */
function sortedOrder(terms: readonly string[]): Uint32Array {
  const order = Uint32Array.from(terms.keys());
  // Plain comparison (not localeCompare): lookups compare the same way.
  order.sort((a, b) => {
    const left = terms[a] ?? '';
    const right = terms[b] ?? '';
    return left < right ? -1 : left > right ? 1 : 0;
  });
  return order;
}

export class LexicalIndex {
  readonly k1: number;
  readonly b: number;
  private readonly parts: LexicalIndexParts;
  private readonly averageLength: number;

  private constructor(parts: LexicalIndexParts) {
    this.parts = parts;
    this.k1 = parts.k1;
    this.b = parts.b;
    let total = 0;
    for (const length of parts.lengths) total += length;
    this.averageLength = parts.lengths.length > 0 ? Math.max(1, total / parts.lengths.length) : 1;
  }

  /** Indexes texts; hit `passage` numbers are positions in `texts`. */
  static build(texts: readonly string[], options: LexicalIndexOptions = {}): LexicalIndex {
    const builder = new LexicalIndexBuilder(texts.length);
    texts.forEach((text, passage) => builder.add(passage, text));
    return builder.finish(options);
  }

  /** Like `build`, yielding to the event loop every few hundred texts (for callers on a busy thread). */
  static async buildYielding(texts: readonly string[], options: LexicalIndexOptions = {}): Promise<LexicalIndex> {
    const builder = new LexicalIndexBuilder(texts.length);
    for (let passage = 0; passage < texts.length; passage += 1) {
      builder.add(passage, texts[passage] ?? '');
      if (passage % 500 === 499) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return builder.finish(options);
  }

  /** An index over arrays made by `toParts` (after checking they fit together). */
  static fromParts(parts: LexicalIndexParts): LexicalIndex {
    const { terms, sortedTerms, offsets, passages, frequencies, lengths } = parts;
    const problem =
      sortedTerms.length !== terms.length
        ? 'the sorted term list has another length than the terms'
        : offsets.length !== terms.length + 1
          ? 'the posting offsets do not match the terms'
          : passages.length !== frequencies.length || offsets[terms.length] !== passages.length
            ? 'the postings do not match their offsets'
            : undefined;
    if (problem) throw new Error(`lexical index data is malformed: ${problem}`);
    const passageCount = lengths.length;
    for (let j = 0; j < passages.length; j += 1) {
      if ((passages[j] ?? 0) >= passageCount) throw new Error('lexical index data is malformed: a posting names no passage');
    }
    return new LexicalIndex(parts);
  }

  toParts(): LexicalIndexParts {
    return this.parts;
  }

  static fromJSON(data: LexicalIndexData): LexicalIndex {
    if (!Array.isArray(data.lengths) || !Array.isArray(data.terms) || !Array.isArray(data.postings) || data.terms.length !== data.postings.length) {
      throw new Error('lexical index data is malformed');
    }
    const builderLists = data.postings.map((flat) => flat.length / 2);
    const total = builderLists.reduce((sum, count) => sum + count, 0);
    const offsets = new Uint32Array(data.terms.length + 1);
    const passages = new Uint32Array(total);
    const frequencies = new Uint16Array(total);
    let at = 0;
    data.postings.forEach((flat, t) => {
      offsets[t] = at;
      for (let j = 0; j + 1 < flat.length; j += 2) {
        passages[at] = flat[j] ?? 0;
        frequencies[at] = flat[j + 1] ?? 0;
        at += 1;
      }
    });
    offsets[data.terms.length] = at;
    return LexicalIndex.fromParts({
      k1: data.k1,
      b: data.b,
      terms: data.terms,
      sortedTerms: sortedOrder(data.terms),
      offsets,
      passages,
      frequencies,
      lengths: Uint32Array.from(data.lengths),
    });
  }

  toJSON(): LexicalIndexData {
    const { terms, offsets, passages, frequencies, lengths } = this.parts;
    return {
      k1: this.k1,
      b: this.b,
      lengths: Array.from(lengths),
      terms: [...terms],
      postings: terms.map((_, t) => {
        const flat: number[] = [];
        for (let j = offsets[t] ?? 0; j < (offsets[t + 1] ?? 0); j += 1) flat.push(passages[j] ?? 0, frequencies[j] ?? 0);
        return flat;
      }),
    };
  }

  /** The position of a term in `terms`, by binary search; -1 when it is not indexed. */
  private termNumber(term: string): number {
    const { terms, sortedTerms } = this.parts;
    let low = 0;
    let high = sortedTerms.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const position = sortedTerms[middle] ?? 0;
      const candidate = terms[position] ?? '';
      if (candidate === term) return position;
      if (candidate < term) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  get size(): number {
    return this.parts.lengths.length;
  }

  /** How many passages contain the term. */
  documentFrequency(term: string): number {
    const t = this.termNumber(term);
    return t < 0 ? 0 : (this.parts.offsets[t + 1] ?? 0) - (this.parts.offsets[t] ?? 0);
  }

  /** Inverse document frequency; a term found nowhere gets the highest value a term can have. */
  idf(term: string): number {
    const n = this.parts.lengths.length;
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
      for (const term of this.parts.terms) {
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
    const { offsets, passages, frequencies, lengths } = this.parts;
    const scores = new Float64Array(lengths.length);
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const t = this.termNumber(term);
      if (t < 0) continue;
      const idf = this.idf(term) * (termWeights?.get(term) ?? 1);
      for (let j = offsets[t] ?? 0; j < (offsets[t + 1] ?? 0); j += 1) {
        const passage = passages[j] ?? 0;
        const tf = frequencies[j] ?? 0;
        const norm = this.k1 * (1 - this.b + (this.b * (lengths[passage] ?? 0)) / this.averageLength);
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
