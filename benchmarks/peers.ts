/**
 * The peers the project is compared with, run on the same documents and questions by the same
 * protocol (../shared/bench/README.md): each document is split at blank lines into paragraphs,
 * every paragraph is indexed, and a question is answered with the top paragraphs, each cut to the
 * excerpt limit (its first N characters, after folding whitespace).
 *
 * - MiniSearch: default options, field `text`, searched with `prefix: false, fuzzy: false`
 *   (MiniSearch's defaults too, stated so the comparison is explicit): its tokenizer splits on
 *   spaces and punctuation, terms are lower-cased, no stemming, no stop words, OR of the terms,
 *   BM25+ ranking.
 * - wink-bm25-text-search with wink-nlp (wink-eng-lite-web-model): the prep task of its README,
 *   word tokens only, stop words removed, stems, negated words prefixed with `!`; config
 *   `{ fldWeights: { text: 1 } }` with default BM25 parameters (k1 1.2, b 0.75, k 1).
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import bm25 from 'wink-bm25-text-search';
import winkNLP, { type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One block of a document, between blank lines. */
export interface Paragraph {
  /** Path relative to the documents folder, `/` separators. */
  source: string;
  /** 1-based position of the block in its document. */
  paragraph: number;
  text: string;
}

export interface Peer {
  /** Name and installed version, e.g. `MiniSearch 7.2.0`. */
  readonly name: string;
  /** What the peer was configured with, for the docs and the JSON. */
  readonly settings: string;
  /** Indexes the paragraphs (called once). */
  build(paragraphs: readonly Paragraph[]): void;
  /** The full texts of the top `k` paragraphs, best first (the caller cuts them with `cutExcerpt`). */
  search(question: string, k: number): string[];
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The installed version of a package, read from its package.json in node_modules. */
export function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Splits a document at blank lines into non-empty blocks. A first block that is a one-line
 * `# Title` is the document's title, not a paragraph, and is left out (as in the benchmark's
 * document format; the published baselines are reproduced only without it).
 */
export function splitParagraphs(source: string, text: string): Paragraph[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  if (blocks.length > 0 && /^#\s+[^\n]*$/.test(blocks[0]!)) blocks.shift();
  return blocks.map((block, i) => ({ source, paragraph: i + 1, text: block }));
}

/** The excerpt a peer shows: the paragraph with whitespace folded, cut to its first `maxChars` characters. */
export function cutExcerpt(text: string, maxChars: number): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

/** Reads every `.txt` and `.md` file under `docsDir` (recursively, sorted) and splits it into paragraphs. */
export async function loadParagraphs(docsDir: string): Promise<Paragraph[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && /\.(txt|md)$/i.test(entry.name)) files.push(full);
    }
  };
  await walk(docsDir);
  const paragraphs: Paragraph[] = [];
  for (const file of files) {
    const source = path.relative(docsDir, file).split(path.sep).join('/');
    paragraphs.push(...splitParagraphs(source, await readFile(file, 'utf8')));
  }
  return paragraphs;
}

export function createMiniSearchPeer(): Peer {
  let paragraphs: readonly Paragraph[] = [];
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  const searchOptions = { prefix: false, fuzzy: false } as const;
  return {
    name: `MiniSearch ${packageVersion('minisearch')}`,
    settings: "new MiniSearch({ fields: ['text'] }) (default tokenizer and term processing), search(q, { prefix: false, fuzzy: false })",
    build(all) {
      paragraphs = all;
      index.addAll(all.map((p, id) => ({ id, text: p.text })));
    },
    search(question, k) {
      return index
        .search(question, searchOptions)
        .slice(0, k)
        .map((hit) => paragraphs[hit.id as number]!.text);
    },
  };
}

export function createWinkPeer(): Peer {
  const nlp = winkNLP(model);
  const its = nlp.its;
  // wink-nlp's own typings do not accept `its.stem` in `out()` (it works at run time), hence the cast.
  const stem = its.stem as unknown as typeof its.value;
  // The canonical prep task of wink-bm25-text-search's README and runkit example.
  const prepTask = (text: string): string[] => {
    const tokens: string[] = [];
    nlp
      .readDoc(text)
      .tokens()
      .filter((t) => t.out(its.type) === 'word' && !t.out(its.stopWordFlag))
      .each((t: ItemToken) => tokens.push(t.out(its.negationFlag) ? `!${t.out(stem)}` : t.out(stem)));
    return tokens;
  };
  const engine = bm25();
  engine.defineConfig({ fldWeights: { text: 1 } });
  engine.definePrepTasks([prepTask]);
  let paragraphs: readonly Paragraph[] = [];
  return {
    name: `wink-bm25-text-search ${packageVersion('wink-bm25-text-search')} + wink-nlp ${packageVersion('wink-nlp')}`,
    settings:
      "defineConfig({ fldWeights: { text: 1 } }) (BM25 k1 1.2, b 0.75, k 1); prep task from its README: wink-nlp with wink-eng-lite-web-model, word tokens only, stop words removed, its.stem, negated words prefixed '!'",
    build(all) {
      paragraphs = all;
      all.forEach((p, id) => engine.addDoc({ text: p.text }, id));
      engine.consolidate();
    },
    search(question, k) {
      return engine.search(question, k).map(([id]) => paragraphs[Number(id)]!.text);
    },
  };
}
