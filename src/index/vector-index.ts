/**
 * Nearest-neighbour search over passage vectors: an HNSW graph (hnswlib-node) with cosine distance.
 * Labels are passage positions, as in the lexical index.
 */
import hnswlib from 'hnswlib-node';

export interface VectorHit {
  passage: number;
  /** Cosine similarity, 1 for the same direction. */
  similarity: number;
}

export interface VectorIndexOptions {
  /** Links per node: more is more accurate and larger. Default: 16. */
  m?: number;
  /** Candidates kept while building. Default: 100 (200 doubles the build time of large corpora for little recall). */
  efConstruction?: number;
  /** Candidates kept while searching (at least the number asked for). Default: 64. */
  efSearch?: number;
}

export class VectorIndex {
  private constructor(
    private readonly graph: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
  ) {}

  /** Builds the graph, yielding to the event loop every few hundred points so a bot stays responsive. */
  static async build(vectors: readonly Float32Array[], dimensions: number, options: VectorIndexOptions = {}): Promise<VectorIndex> {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.initIndex(Math.max(1, vectors.length), options.m ?? 16, options.efConstruction ?? 100, 100);
    for (let passage = 0; passage < vectors.length; passage += 1) {
      const vector = vectors[passage];
      if (vector?.length !== dimensions) throw new Error(`vector ${passage} has ${vector?.length ?? 0} dimensions, expected ${dimensions}`);
      graph.addPoint(Array.from(vector), passage);
      if (passage % 500 === 499) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    graph.setEf(options.efSearch ?? 64);
    return new VectorIndex(graph, dimensions);
  }

  /** Reads a graph written by `write`. The caller checks the file's checksum first: a damaged file can crash the native reader. */
  static read(file: string, dimensions: number, options: VectorIndexOptions = {}): VectorIndex {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.readIndexSync(file);
    graph.setEf(options.efSearch ?? 64);
    return new VectorIndex(graph, dimensions);
  }

  /**
   * Reads a graph written by `write` on the thread pool (the event loop stays free for large
   * graphs). The caller checks the file's checksum first.
   */
  static async load(file: string, dimensions: number, options: VectorIndexOptions = {}): Promise<VectorIndex> {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await graph.readIndex(file);
    graph.setEf(options.efSearch ?? 64);
    return new VectorIndex(graph, dimensions);
  }

  write(file: string): void {
    this.graph.writeIndexSync(file);
  }

  get size(): number {
    return this.graph.getCurrentCount();
  }

  search(vector: Float32Array, limit: number): VectorHit[] {
    const k = Math.min(limit, this.size);
    if (k === 0) return [];
    if (this.graph.getEf() < k) this.graph.setEf(k);
    const { neighbors, distances } = this.graph.searchKnn(Array.from(vector), k);
    return neighbors.map((passage, i) => ({ passage, similarity: 1 - (distances[i] ?? 1) }));
  }
}
