/**
 * The clock seen by heartbeats and reconnects, injectable so tests can drive
 * time by hand instead of sleeping.
 */
export interface TimerHandle {
  /** Stops the timer; calling it twice is harmless. */
  cancel(): void;
  /**
   * Arms the timer again for the delay it was made with, counted from now,
   * whether it is pending or has already run (not after `cancel()`).
   * Optional for injected timers; callers fall back to a new `setTimeout`.
   * Lets a hot path re-arm one timer instead of making a handle per arm
   * (see `HubTraffic`'s ack-sync timer).
   */
  refresh?(): void;
}

export interface Timer {
  /** Milliseconds since an arbitrary epoch. */
  now(): number;
  /** Runs `fn` once after `ms`. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

/**
 * The real clock. Timers keep Node running like any `setTimeout` (on purpose:
 * a host whose server is down has nothing but its reconnect timer pending and
 * must not exit); owners cancel them on close.
 */
export const nodeTimer: Timer = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => new NodeTimerHandle(setTimeout(fn, ms)),
};

class NodeTimerHandle implements TimerHandle {
  readonly #timeout: NodeJS.Timeout;

  constructor(timeout: NodeJS.Timeout) {
    this.#timeout = timeout;
  }

  cancel(): void {
    clearTimeout(this.#timeout);
  }

  /** Node ignores `refresh()` of a cleared timer, which is the contract's "not after cancel()". */
  refresh(): void {
    this.#timeout.refresh();
  }
}

/** A manual clock for tests: `advance(ms)` runs every timer that falls due, in order. */
export class ManualTimer implements Timer {
  #now = 0;
  #seq = 0;
  #pending = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.#seq;
    const delay = Math.max(0, ms);
    let cancelled = false;
    this.#pending.set(id, { at: this.#now + delay, fn });
    return {
      cancel: () => {
        cancelled = true;
        this.#pending.delete(id);
      },
      refresh: () => {
        if (cancelled) return;
        // Like Node's refresh(): the timer goes behind the others due at the same time.
        this.#pending.delete(id);
        this.#pending.set(id, { at: this.#now + delay, fn });
      },
    };
  }

  /** Number of timers not yet run. */
  get pending(): number {
    return this.#pending.size;
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      let nextId: number | undefined;
      let next: { at: number; fn: () => void } | undefined;
      for (const [id, entry] of this.#pending) {
        if (entry.at <= until && (next === undefined || entry.at < next.at)) {
          nextId = id;
          next = entry;
        }
      }
      if (next === undefined || nextId === undefined) break;
      this.#pending.delete(nextId);
      this.#now = next.at;
      next.fn();
    }
    this.#now = until;
  }
}
