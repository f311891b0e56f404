/**
 * `npm run -s bench -- --summaries DIR --refs FILE [--json] [--failures FILE]`: the project's
 * `/summary` of each story in DIR (through `DocumentQa.summarize`, at the configured default
 * length) against the reference highlights in FILE (`[{ "document", "summary" }]`, one highlight
 * per line), beside LEAD-3 and TextRank in the same run (benchmarks/summary-peers.ts). Scores:
 * ROUGE-1, ROUGE-2, ROUGE-Lsum F1 x100 (benchmarks/rouge.ts), averaged over the stories, for
 * all stories and for two fixed halves (stories at even and odd positions of FILE) so that a
 * change tuned on one half can be checked on the other.
 *
 * Also counted: summary sentences that end at an abbreviation ("U.S.", "p.m.", "Mr.", "J."),
 * i.e. sentences that were probably cut short.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { loadDocumentQa } from './project-run.ts';
import { meanRouge, scoreRouge, type RougeScores } from './rouge.ts';
import { createLeadPeer, createTextRankPeer, type SummaryPeer } from './summary-peers.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SummaryReference {
  document: string;
  /** Highlights, one per line. */
  summary: string;
}

export interface SystemScores {
  name: string;
  settings: string;
  all: RougeScores;
  /** Stories at even positions of the references file (0, 2, ...). */
  evenHalf: RougeScores;
  /** Stories at odd positions. */
  oddHalf: RougeScores;
  meanWords: number;
  meanSentences: number;
  sentences: number;
  /** Picked sentences that end at an abbreviation (probably cut short). */
  endingAtAbbreviation: string[];
}

export interface SummaryBenchReport {
  stories: number;
  summarySentences: number;
  systems: SystemScores[];
  /** Per story: the project's summary and its scores (for --failures). */
  perStory: Array<{ document: string; project: string; projectScores: RougeScores; lead: RougeScores }>;
}

/**
 * A sentence whose last word is an acronym with periods, a single capital initial or a title:
 * the mark of a sentence split inside itself ("...drone strike by the U.S." + "Army...").
 */
const ENDS_AT_ABBREVIATION = /(?:^|[\s("'“‘])(?:(?:\p{L}\.){2,}|\p{Lu}\.|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs)\.)["'”’)]*$/u;

export function endsAtAbbreviation(sentence: string): boolean {
  return ENDS_AT_ABBREVIATION.test(sentence.trim());
}

export function parseReferences(json: unknown): SummaryReference[] {
  if (!Array.isArray(json)) throw new Error('refs file: expected a JSON array of { document, summary }');
  return json.map((entry: unknown, i) => {
    const item = entry as Partial<SummaryReference> | null;
    if (item === null || typeof item !== 'object' || typeof item.document !== 'string' || typeof item.summary !== 'string') {
      throw new Error(`refs file: entry ${i} must have a string "document" and a string "summary"`);
    }
    return { document: item.document, summary: item.summary };
  });
}

function systemScores(name: string, settings: string, summaries: readonly string[][], references: readonly SummaryReference[]): SystemScores {
  const scores = summaries.map((sentences, i) => scoreRouge(sentences.join('\n'), references[i]!.summary));
  const all = summaries.flat();
  return {
    name,
    settings,
    all: meanRouge(scores),
    evenHalf: meanRouge(scores.filter((_, i) => i % 2 === 0)),
    oddHalf: meanRouge(scores.filter((_, i) => i % 2 === 1)),
    meanWords: all.reduce((sum, sentence) => sum + sentence.split(/\s+/).filter(Boolean).length, 0) / Math.max(1, summaries.length),
    meanSentences: all.length / Math.max(1, summaries.length),
    sentences: all.length,
    endingAtAbbreviation: all.filter(endsAtAbbreviation),
  };
}

/**
 * Builds the project's index of `docsDir` (lexical: summaries use no model) in a temporary folder,
 * summarises every referenced story and scores it and the peers. `env` is the environment the
 * configuration sees (e.g. `{ SUMMARY_SENTENCES: '3' }`); everything else stays at its default.
 */
export async function runSummaryBench(docsDir: string, references: readonly SummaryReference[], env: Record<string, string> = {}): Promise<SummaryBenchReport> {
  const DocumentQa = await loadDocumentQa();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docqa-summaries-'));
  const config = loadConfig(
    { docsDir, indexDir: path.join(tmp, 'index'), embeddingModel: 'none', modelDir: path.join(tmp, 'no-models') },
    { env: { OFFLINE: 'true', ...env }, cwd: projectRoot },
  );
  const projectSummaries: string[][] = [];
  try {
    const qa = await DocumentQa.open(config);
    try {
      for (const reference of references) {
        const summary = await qa.summarize(reference.document);
        projectSummaries.push(summary.sentences.map((sentence) => sentence.text));
      }
    } finally {
      await qa.close();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const texts = await Promise.all(references.map((reference) => readFile(path.join(docsDir, reference.document), 'utf8')));
  const peers: SummaryPeer[] = [createLeadPeer(3), createTextRankPeer(3)];
  const peerSummaries = peers.map((peer) => texts.map((text) => peer.summarize(text)));
  const project = systemScores('project', `/summary at SUMMARY_SENTENCES=${config.summarySentences}`, projectSummaries, references);
  const systems = [project, ...peers.map((peer, p) => systemScores(peer.name, peer.settings, peerSummaries[p]!, references))];
  return {
    stories: references.length,
    summarySentences: config.summarySentences,
    systems,
    perStory: references.map((reference, i) => ({
      document: reference.document,
      project: projectSummaries[i]!.join('\n'),
      projectScores: scoreRouge(projectSummaries[i]!.join('\n'), reference.summary),
      lead: scoreRouge(peerSummaries[0]![i]!.join('\n'), reference.summary),
    })),
  };
}

/** Reads `refsFile` and runs the benchmark on `docsDir`: the one call the quality-floor test needs. */
export async function benchSummaryFiles(docsDir: string, refsFile: string, env: Record<string, string> = {}): Promise<SummaryBenchReport> {
  return runSummaryBench(path.resolve(docsDir), parseReferences(JSON.parse(await readFile(refsFile, 'utf8'))), env);
}

const x100 = (value: number): string => (value * 100).toFixed(1);

export function formatSummaryReport(report: SummaryBenchReport): string {
  const header = ['system', 'R-1', 'R-2', 'R-Lsum', 'R-1 even', 'R-1 odd', 'words', 'sentences', 'end at abbrev.'];
  const rows = report.systems.map((system) => [
    system.name,
    x100(system.all.rouge1),
    x100(system.all.rouge2),
    x100(system.all.rougeLsum),
    x100(system.evenHalf.rouge1),
    x100(system.oddHalf.rouge1),
    system.meanWords.toFixed(1),
    system.meanSentences.toFixed(2),
    `${system.endingAtAbbreviation.length}/${system.sentences}`,
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((line) => line[c]!.length)));
  const table = all.map((line) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
  return [
    `Summary benchmark: ${report.stories} stories, project at SUMMARY_SENTENCES=${report.summarySentences}`,
    '',
    table,
    '',
    'ROUGE F1 x100, mean over stories (rouge-score tokens: lower-cased [a-z0-9] runs, Porter stems for tokens over 3 characters);',
    'even/odd: the stories at even/odd positions of the references file; words and sentences: means per summary;',
    'end at abbrev.: picked sentences ending at an acronym with periods, a capital initial or a title (cut short).',
    ...report.systems.map((system) => `${system.name}: ${system.settings}`),
  ].join('\n');
}
