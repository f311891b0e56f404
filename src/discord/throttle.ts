/**
 * Shows progress by editing one message at most once per interval: the first update goes out at
 * once, later ones are coalesced (the latest wins) and sent when the interval has passed. Edits
 * never overlap, and `finish()` drops anything pending and waits for the edit in flight, so a final
 * report sent after it is never overwritten by a late progress line.
 */
export class ThrottledEditor {
  readonly #edit: (text: string) => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #chain: Promise<void> = Promise.resolve();
  #lastAt = Number.NEGATIVE_INFINITY;
  #pending: string | undefined;
  #last: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #finished = false;
  /** Edits sent so far (for logs and tests). */
  sent = 0;

  constructor(edit: (text: string) => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void = () => {}) {
    this.#edit = edit;
    this.#intervalMs = intervalMs;
    this.#onError = onError;
  }

  push(text: string): void {
    if (this.#finished || text === this.#last) return;
    this.#pending = text;
    if (this.#timer) return;
    const wait = this.#lastAt + this.#intervalMs - Date.now();
    if (wait <= 0) this.#flush();
    else this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = undefined;
    const text = this.#pending;
    this.#pending = undefined;
    if (text === undefined || this.#finished) return;
    this.#lastAt = Date.now();
    this.#last = text;
    this.sent += 1;
    this.#chain = this.#chain.then(() => this.#edit(text)).then(
      () => {},
      (error: unknown) => this.#onError(error),
    );
  }

  async finish(): Promise<void> {
    this.#finished = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
    await this.#chain;
  }
}
