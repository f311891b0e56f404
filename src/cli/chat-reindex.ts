/**
 * The terminal chat's `/reindex`: the rebuild runs in the background (on the service's build
 * worker) while the chat keeps answering from the current index, and its progress is shown as it
 * goes: a line per phase with the documents read and passages made so far.
 */
import { explainError, type DocumentQa, type ReindexProgress } from '../service/document-qa.ts';
import { formatProgressLine } from './progress.ts';
import { plural } from './shared.ts';

export class ChatReindex {
  private running: Promise<void> | null = null;
  private latest: ReindexProgress | undefined;

  constructor(
    private readonly qa: DocumentQa,
    private readonly write: (text: string) => void,
  ) {}

  /** Starts a rebuild, or says how far the running one is. */
  start(): void {
    if (this.running) {
      this.write(`The index is already being rebuilt${this.latest ? ` ${formatProgressLine(this.latest)}` : ''}. Questions are answered from the current index meanwhile.`);
      return;
    }
    this.write('Rebuilding the index in the background; ask away meanwhile, answers come from the current index until the new one is ready.');
    this.latest = undefined;
    this.running = this.qa
      .reindex((progress) => {
        if (progress.phase !== this.latest?.phase && progress.phase !== 'done') this.write(formatProgressLine(progress));
        this.latest = progress;
      })
      .then(
        (report) =>
          this.write(
            `Index rebuilt in ${report.durationMs} ms: ${plural(report.documents, 'document')}, ${plural(report.passages, 'passage')}, ${report.skipped.length} skipped (${report.mode} mode).` +
              report.skipped.map((file) => `\n  skipped ${file.source}: ${file.reason}`).join(''),
          ),
        (error: unknown) =>
          this.write(`The index could not be rebuilt: ${explainError(error).message} The previous index is still answering questions.`),
      )
      .finally(() => {
        this.running = null;
      });
  }

  /** Waits for a running rebuild to finish (before leaving). */
  async finished(): Promise<void> {
    await this.running;
  }
}
