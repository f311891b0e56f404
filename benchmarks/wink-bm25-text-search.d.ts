// wink-bm25-text-search 3 ships no types; this declares the part of its API the benchmark uses.
declare module 'wink-bm25-text-search' {
  interface Bm25Config {
    fldWeights: Record<string, number>;
    bm25Params?: { k1?: number; b?: number; k?: number };
    ovFldNames?: string[];
  }
  interface Bm25Engine {
    defineConfig(config: Bm25Config): boolean;
    definePrepTasks(tasks: Array<(input: any) => any>, field?: string): number;
    addDoc(doc: Record<string, string>, id: string | number): number;
    consolidate(fp?: number): boolean;
    /** `[id, score]` pairs, best first; ids come back as strings. */
    search(text: string, limit?: number): Array<[string, number]>;
  }
  function bm25(): Bm25Engine;
  export default bm25;
}
