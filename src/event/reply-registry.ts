import type { Timer, TimerHandle } from '../internal/timer.js';
import type { Event } from './event.js';

/**
 * Reply callbacks waiting for `ftrack.meta.reply` events, keyed by the id of
 * the event they answer, each with its own expiry (STYLE 8).
 */
// ftrack_api equiv: event/hub.py EventHub._reply_callbacks

interface Entry {
  onReply(reply: Event): void;
  /** Called when the entry expires (after `ttlMs`). */
  onExpire?(): void;
  /** Called by `rejectAll` (hub closed). */
  onClose?(error: Error): void;
  timer: TimerHandle | undefined;
}

export class ReplyRegistry {
  readonly #entries = new Map<string, Entry[]>();
  readonly #timer: Timer;

  constructor(timer: Timer) {
    this.#timer = timer;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Registers a callback for replies to `eventId`, removed after `ttlMs` (Infinity = never). Returns a remover. */
  add(eventId: string, entry: Omit<Entry, 'timer'>, ttlMs: number): () => void {
    const full: Entry = { ...entry, timer: undefined };
    const remove = (): void => {
      full.timer?.cancel();
      const list = this.#entries.get(eventId);
      if (!list) return;
      const index = list.indexOf(full);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.#entries.delete(eventId);
    };
    if (Number.isFinite(ttlMs)) {
      full.timer = this.#timer.setTimeout(() => {
        remove();
        full.onExpire?.();
      }, ttlMs);
    }
    const list = this.#entries.get(eventId);
    if (list) list.push(full);
    else this.#entries.set(eventId, [full]);
    return remove;
  }

  /** Hands `reply` to the callbacks waiting for it; false when none waits. */
  handle(reply: Event): boolean {
    const key = reply.inReplyToEvent;
    if (key === null) return false;
    const list = this.#entries.get(key);
    if (!list) return false;
    for (const entry of list.slice()) entry.onReply(reply);
    return true;
  }

  /** Drops every entry, telling waiters the hub closed. */
  rejectAll(error: Error): void {
    const all = [...this.#entries.values()].flat();
    this.#entries.clear();
    for (const entry of all) {
      entry.timer?.cancel();
      entry.onClose?.(error);
    }
  }
}
