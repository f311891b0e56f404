/**
 * Every excerpt of a run, as JSON, for checks made outside the run (the markup-leak check of
 * `bench:all`): `[{ question, document, answered, excerpts: [{ text, kind?, source, location }] }]`.
 */
import { writeFile } from 'node:fs/promises';
import type { QuestionOutcome } from './project-run.ts';

export interface DumpedExcerpt {
  text: string;
  /** What the excerpt is (prose, list, code...), when the system says. */
  kind?: string;
  source: string;
  location: string;
}

export interface DumpedAnswer {
  question: string;
  document: string;
  answered: boolean;
  excerpts: DumpedExcerpt[];
}

/** The excerpt's `kind`, read defensively: older versions of the core do not set one. */
function kindOf(excerpt: object): string | undefined {
  const kind = (excerpt as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : undefined;
}

export function dumpAnswers(outcomes: readonly QuestionOutcome[]): DumpedAnswer[] {
  return outcomes.map((outcome) => ({
    question: outcome.item.question,
    document: outcome.item.document,
    answered: outcome.answer?.answered ?? false,
    excerpts: (outcome.answer?.excerpts ?? []).map((excerpt) => {
      const kind = kindOf(excerpt);
      return { text: excerpt.text, ...(kind === undefined ? {} : { kind }), source: excerpt.source, location: excerpt.location };
    }),
  }));
}

export async function writeExcerptDump(file: string, outcomes: readonly QuestionOutcome[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(dumpAnswers(outcomes))}\n`);
}
