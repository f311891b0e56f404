/**
 * The first question of the threads the bot answers in, so a vague follow-up ("and on Windows?")
 * can be searched with it. Kept in memory, bounded; after a restart the first question is read
 * back from the thread's starter message (see `threads.ts`), so nothing needs storing.
 */
export class ThreadMemory {
  readonly #firstQuestion = new Map<string, string>();
  readonly #refusedChannels = new Set<string>();
  readonly #limit: number;

  /** `limit`: most threads remembered; the oldest is forgotten first. Default 5,000. */
  constructor(limit = 5000) {
    this.#limit = limit;
  }

  remember(threadId: string, firstQuestion: string): void {
    this.#firstQuestion.delete(threadId);
    this.#firstQuestion.set(threadId, firstQuestion);
    if (this.#firstQuestion.size > this.#limit) {
      const oldest = this.#firstQuestion.keys().next().value;
      if (oldest !== undefined) this.#firstQuestion.delete(oldest);
    }
  }

  firstQuestion(threadId: string): string | undefined {
    return this.#firstQuestion.get(threadId);
  }

  has(threadId: string): boolean {
    return this.#firstQuestion.has(threadId);
  }

  /** True the first time a channel refuses to let the bot start a thread (so the log says it once per channel). */
  firstRefusalIn(channelId: string): boolean {
    if (this.#refusedChannels.has(channelId)) return false;
    this.#refusedChannels.add(channelId);
    return true;
  }
}
