import type { HubStatus } from './status.js';

/** Fans hub statuses out to async iterators; each iterator ends after a `closed` status. */
export class StatusStream {
  readonly #listeners = new Set<(status: HubStatus) => void>();

  push(status: HubStatus): void {
    for (const listener of [...this.#listeners]) listener(status);
  }

  iterate(): AsyncIterableIterator<HubStatus> {
    const buffer: HubStatus[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const listener = (status: HubStatus): void => {
      buffer.push(status);
      wake?.();
    };
    this.#listeners.add(listener);
    const finish = (): void => {
      done = true;
      this.#listeners.delete(listener);
      wake?.();
    };
    const iterator: AsyncIterableIterator<HubStatus> = {
      next: async () => {
        for (;;) {
          const status = buffer.shift();
          if (status) {
            if (status.type === 'closed') finish();
            return { value: status, done: false };
          }
          if (done) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      },
      return: async () => {
        finish();
        buffer.length = 0;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
