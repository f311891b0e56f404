/** Work under way (questions being answered), so that a shutdown can let it finish, within a bound. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Counts `work` as under way until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Waits until nothing is under way, or `timeoutMs` passed; resolves to what is still running. */
  async settle(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    const all = Promise.allSettled([...this.running]).then(() => undefined);
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    return this.running.size;
  }
}
