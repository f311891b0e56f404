/** A per-user cooldown between requests that do work (`/ask`, `/summary` and mentions share it). */

export type CooldownCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Cooldowns {
  readonly #last = new Map<string, number>();
  readonly #ms: number;
  readonly #now: () => number;

  /** `seconds` of 0 turns the cooldown off. */
  constructor(seconds: number, now: () => number = Date.now) {
    this.#ms = Math.max(0, seconds) * 1000;
    this.#now = now;
  }

  /** Checks `userId` and, when allowed, starts their cooldown. */
  take(userId: string): CooldownCheck {
    if (this.#ms === 0) return { ok: true };
    const now = this.#now();
    const last = this.#last.get(userId);
    if (last !== undefined && now - last < this.#ms) {
      return { ok: false, retryAfterSeconds: (this.#ms - (now - last)) / 1000 };
    }
    this.#last.set(userId, now);
    if (this.#last.size > 10_000) this.#prune(now);
    return { ok: true };
  }

  #prune(now: number): void {
    for (const [user, at] of this.#last) if (now - at >= this.#ms) this.#last.delete(user);
  }
}
