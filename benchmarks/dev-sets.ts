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
   * (issue 10: each plain set gets the questions of every other plain set).
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
  const seedsQa = path.join(data, 'seed-questions.json');
  const docsSiteQa = path.join(data, 'docs-site', 'qa.json');
  // Every plain set is asked every other plain set's questions; the shared sets' questions only
  // when the shared folder is given (docs-site's questions are in the repository, but they are
  // about pages that are not, and the shared sets are skipped without it anyway).
  const questionSets = [
    { name: 'docs', qaFile: docsQa, shared: true },
    { name: 'papers', qaFile: papersQa, shared: true },
    { name: 'squad2', qaFile: squadQa, shared: false },
    { name: 'seeds', qaFile: seedsQa, shared: false },
    { name: 'docs-site', qaFile: docsSiteQa, shared: true },
  ];
  const offTopicFor = (name: string): string[] =>
    questionSets.filter((other) => other.name !== name && (sharedDir !== undefined || !other.shared)).map((other) => other.qaFile);
  return [
    { name: 'docs', docsDir: docs, qaFile: docsQa, offTopicQa: offTopicFor('docs'), shared: true },
    { name: 'papers', docsDir: papers, qaFile: papersQa, offTopicQa: offTopicFor('papers'), shared: true },
    { name: 'squad2', docsDir: path.join(data, 'squad2-dev-sample', 'docs'), qaFile: squadQa, offTopicQa: offTopicFor('squad2'), shared: false },
    { name: 'seeds', docsDir: path.join(projectRoot, 'seeds'), qaFile: seedsQa, offTopicQa: offTopicFor('seeds'), shared: false },
    { name: 'docs-site', docsDir: path.join(shared, 'docs-site', 'docs'), qaFile: docsSiteQa, offTopicQa: offTopicFor('docs-site'), shared: true },
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
