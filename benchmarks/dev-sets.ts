/**
 * The development sets `bench:all` runs, by name: where each one's documents and questions are, and
 * for the converted sets, what to convert them from. The shared sets live in `../shared/bench`
 * (given with `--shared`), the project's own under `benchmarks/data/` and `seeds/`; nothing here
 * needs the shared folder to exist unless one of its sets is asked for.
 */
import path from 'node:path';
import type { Format } from './formats/convert.ts';

export interface DevSet {
  /** Short name for the table (`docs`, `papers.pdf`). */
  name: string;
  docsDir: string;
  qaFile: string;
  /** Plain-text folder the peers index instead of `docsDir` (they read only .txt and .md). */
  peerDocsDir?: string;
  /** Plain-text folder the verbatim check reads, by base name, instead of `docsDir`. */
  verbatimDir?: string;
  /** For a converted set: the plain-text source and the format `docsDir` is written in. */
  conversion?: { from: string; format: Format };
  /**
   * Questions written about other corpora, asked of this one to measure how many it declines
   * (issue 10: each of docs, papers and squad2 gets the other two's questions).
   */
  offTopicQa?: string[];
  /** Whether the set comes from the shared folder (it is skipped, with a reason, when none is given). */
  shared: boolean;
}

export interface DevSetPaths {
  /** The project's root (for `benchmarks/data`, `seeds`). */
  projectRoot: string;
  /** `../shared/bench`, or undefined when not given. */
  sharedDir: string | undefined;
  /** Where converted sets are written (`benchmarks/.generated`). */
  generatedDir: string;
}

/** Every development set, in the order of the table. */
export function developmentSets({ projectRoot, sharedDir, generatedDir }: DevSetPaths): DevSet[] {
  const shared = sharedDir ?? path.join(projectRoot, '..', 'shared', 'bench');
  const docs = path.join(shared, 'docs');
  const papers = path.join(shared, 'papers', 'docs');
  const data = path.join(projectRoot, 'benchmarks', 'data');
  const converted = (name: string, from: string, qaFile: string, format: Format): DevSet => ({
    name: `${name}.${format}`,
    docsDir: path.join(generatedDir, name, format),
    qaFile,
    peerDocsDir: from,
    verbatimDir: from,
    conversion: { from, format },
    shared: true,
  });
  const docsQa = path.join(shared, 'qa.json');
  const papersQa = path.join(shared, 'papers', 'qa.json');
  const squadQa = path.join(data, 'squad2-dev-sample', 'qa.json');
  return [
    { name: 'docs', docsDir: docs, qaFile: docsQa, offTopicQa: [papersQa, squadQa], shared: true },
    { name: 'papers', docsDir: papers, qaFile: papersQa, offTopicQa: [docsQa, squadQa], shared: true },
    // Without the shared folder there are no other corpora's questions to ask.
    { name: 'squad2', docsDir: path.join(data, 'squad2-dev-sample', 'docs'), qaFile: squadQa, offTopicQa: sharedDir === undefined ? [] : [docsQa, papersQa], shared: false },
    { name: 'seeds', docsDir: path.join(projectRoot, 'seeds'), qaFile: path.join(data, 'seed-questions.json'), shared: false },
    { name: 'docs-site', docsDir: path.join(shared, 'docs-site', 'docs'), qaFile: path.join(data, 'docs-site', 'qa.json'), shared: true },
    converted('docs', docs, docsQa, 'md'),
    converted('docs', docs, docsQa, 'html'),
    converted('docs', docs, docsQa, 'docx'),
    converted('docs', docs, docsQa, 'pdf'),
    converted('papers', papers, papersQa, 'pdf'),
  ];
}

/** The sets named in `list` (comma-separated), in table order; throws on an unknown name. */
export function selectSets(sets: readonly DevSet[], list: string | undefined): DevSet[] {
  if (list === undefined) return [...sets];
  const names = list.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  const unknown = names.filter((name) => !sets.some((set) => set.name === name));
  if (unknown.length > 0) throw new Error(`unknown set ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${sets.map((s) => s.name).join(', ')})`);
  return sets.filter((set) => names.includes(set.name));
}
