/**
 * What a terminal shows while the service works, drawn from its events: a progress bar while
 * passages are embedded (on a TTY, for large builds), a line per phase otherwise, and a banner for
 * each loud warning (the model is missing, the index could not be saved).
 */
import cliProgress from 'cli-progress';
import { noticeHeadline, type ReindexProgress, type ServiceNotice } from '../service/document-qa.ts';

/** A bar is drawn from this many passages up: smaller builds finish before it would be read. */
export const PROGRESS_BAR_MIN_PASSAGES = 256;

export interface ProgressDisplayOptions {
  /** Where to draw. Default: stderr. */
  stream?: NodeJS.WriteStream;
  /** Also write a line when a phase starts (the `index` command). Default: false. */
  phaseLines?: boolean;
}

/** A progress handler for `DocumentQa`, and `stop` to clear the bar if a build fails midway. */
export function createProgressDisplay(options: ProgressDisplayOptions = {}): {
  onProgress: (progress: ReindexProgress) => void;
  stop: () => void;
} {
  const stream = options.stream ?? process.stderr;
  let bar: cliProgress.SingleBar | undefined;
  let lastPhase = '';
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  const onProgress = (progress: ReindexProgress) => {
    if (progress.phase !== lastPhase) {
      stop();
      if (options.phaseLines) stream.write(`… ${progress.phase}\n`);
      lastPhase = progress.phase;
      if (progress.phase === 'embedding' && stream.isTTY === true && progress.total >= PROGRESS_BAR_MIN_PASSAGES) {
        bar = new cliProgress.SingleBar(
          { stream, format: 'Embedding {bar} {value}/{total} passages | {eta_formatted} left', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(progress.total, progress.done);
      }
    }
    bar?.update(progress.done);
    if (progress.phase === 'done') stop();
  };
  return { onProgress, stop };
}

/** A loud warning, framed so it is not lost among log lines. */
export function formatNoticeBanner(notice: ServiceNotice): string {
  const rule = '!!! ======================================================================';
  return ['', rule, `!!! ${noticeHeadline(notice)}`, `!!! ${notice.consequence}`, rule, ''].join('\n');
}

const PHASE_NAMES: Record<ReindexProgress['phase'], string> = {
  reading: 'reading documents',
  splitting: 'splitting into passages',
  indexing: 'indexing words',
  embedding: 'embedding passages',
  summarizing: 'summarising',
  writing: 'writing the index',
  done: 'done',
};

/** One line of rebuild progress with its counts: `… embedding passages: 320/1,200 (documents read: 12, passages: 1,200)`. */
export function formatProgressLine(progress: ReindexProgress): string {
  const number = (value: number) => value.toLocaleString('en-US');
  const step = progress.total > 0 && progress.phase !== 'done' ? `: ${number(progress.done)}/${number(progress.total)}` : '';
  const counts = [
    progress.documents !== undefined ? `documents read: ${number(progress.documents)}` : '',
    progress.passages !== undefined ? `passages: ${number(progress.passages)}` : '',
  ].filter(Boolean);
  return `… ${PHASE_NAMES[progress.phase] ?? progress.phase}${step}${counts.length ? ` (${counts.join(', ')})` : ''}`;
}
