/**
 * What the terminal entry points share: flag parsing into configuration, opening the core with a
 * progress line, turning answers and summaries into text, and turning known errors into a message
 * and an exit code instead of a stack trace.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../config.ts';
import { createLogger, type Logger } from '../logging.ts';
import type { Answer, Summary } from '../search/types.ts';
import { ConfigError, DocumentQa, explainError, type DocumentQaOptions, type IndexInfo } from '../service/document-qa.ts';
import { createProgressDisplay, formatNoticeBanner } from './progress.ts';

export interface CliInvocation {
  config: AppConfig;
  logger: Logger;
  json: boolean;
  positionals: string[];
}

export const USAGE_FLAGS = '[--docs DIR] [--index DIR] [--json]';

/** Parses `--docs`, `--index`, `--json` and positionals; throws ConfigError on an unknown flag. */
export function parseCli(argv: string[]): CliInvocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        docs: { type: 'string' },
        index: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}. Usage: ${USAGE_FLAGS}`);
  }
  const config = loadConfig({
    ...(parsed.values.docs !== undefined ? { docsDir: parsed.values.docs } : {}),
    ...(parsed.values.index !== undefined ? { indexDir: parsed.values.index } : {}),
  });
  return { config, logger: createLogger({ level: config.logLevel }), json: parsed.values.json ?? false, positionals: parsed.positionals };
}

/**
 * Opens the core; while it builds, a terminal sees a progress bar on stderr, and a banner for each
 * loud warning (the model is missing, the index could not be saved).
 */
export async function openQa(config: AppConfig, logger: Logger, options: DocumentQaOptions & { phaseLines?: boolean } = {}): Promise<DocumentQa> {
  const display = createProgressDisplay({ phaseLines: options.phaseLines ?? false });
  try {
    return await DocumentQa.open(config, {
      logger,
      onProgress: display.onProgress,
      onNotice: (notice) => {
        display.stop();
        process.stderr.write(`${formatNoticeBanner(notice)}\n`);
      },
      ...options,
    });
  } finally {
    display.stop();
  }
}

/** "1 document", "2 documents". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatAnswer(answer: Answer): string {
  if (!answer.answered) return answer.message ?? 'No answer found in the documents.';
  return answer.excerpts
    .map((excerpt, i) => `[${i + 1}] ${excerpt.text}\n    — ${excerpt.title} (${excerpt.source}, ${excerpt.location})${excerpt.url ? ` ${excerpt.url}` : ''}`)
    .join('\n\n');
}

export function formatSummary(summary: Summary): string {
  if (summary.sentences.length === 0) return 'There is nothing to summarise: the index has no documents.';
  return summary.sentences.map((sentence) => `• ${sentence.text}\n    — ${sentence.source}, ${sentence.location}`).join('\n');
}

export function formatSources(info: IndexInfo): string {
  const lines = info.documents.map((document) => `  ${document.source} — ${document.title} (${plural(document.passages, 'passage')})`);
  const mode = info.mode === 'hybrid' ? `hybrid (BM25 + vectors from ${info.model})` : 'lexical (BM25 only, no embedding model)';
  return [
    `${plural(info.documents.length, 'document')}, ${plural(info.passages, 'passage')}; search mode ${mode}; built ${info.builtAt}.`,
    ...lines,
    ...(info.skipped.length ? [`Skipped: ${info.skipped.map((file) => `${file.source} (${file.reason})`).join('; ')}`] : []),
  ].join('\n');
}

/**
 * An error becomes its sentence on stderr and an exit code: 2 for bad input or settings, 1
 * otherwise. An unexpected error also shows its stack, for a bug report.
 */
export function reportError(error: unknown): number {
  const explained = explainError(error);
  if (explained.kind === 'unexpected') {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
  process.stderr.write(`${explained.message}\n`);
  return explained.kind === 'bad-input' ? 2 : 1;
}

/** Runs a command's main and sets the exit code. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error);
    },
  );
}
