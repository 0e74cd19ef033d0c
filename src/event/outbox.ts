import { deferred, type Deferred } from '../internal/deferred.js';
import type { Timer, TimerHandle } from '../internal/timer.js';
import type { Event } from './event.js';

/**
 * Publishes in order: queued while offline, sent with an ack id when online,
 * settled by the server's ack. When the socket drops, sent-but-unacked
 * publishes go back to the queue and are sent again after reconnect (the
 * receiving hubs drop the duplicates by event id), so nothing is lost.
 */

export interface Outgoing {
  readonly seq: number;
  readonly event: Event;
  readonly done: Deferred<string>;
  ackId: number | undefined;
  ackTimer: TimerHandle | undefined;
  attempts: number;
}

export class Outbox {
  /** Every unsettled publish, in publish order (Map keeps insertion order). */
  readonly #records = new Map<number, Outgoing>();
  readonly #byAckId = new Map<number, Outgoing>();
  readonly #timer: Timer;
  #seq = 0;

  constructor(timer: Timer) {
    this.#timer = timer;
  }

  get size(): number {
    return this.#records.size;
  }

  /** Publishes waiting for a connection. */
  get queued(): number {
    let count = 0;
    for (const record of this.#records.values()) if (record.ackId === undefined) count += 1;
    return count;
  }

  add(event: Event): Outgoing {
    const record: Outgoing = { seq: this.#seq++, event, done: deferred<string>(), ackId: undefined, ackTimer: undefined, attempts: 0 };
    // Callers may ignore the promise of a fire-and-forget publish; never let it become an unhandled rejection.
    record.done.promise.catch(() => {});
    this.#records.set(record.seq, record);
    return record;
  }

  /** Records not yet sent on the current connection, in order. */
  unsent(): Outgoing[] {
    return [...this.#records.values()].filter((record) => record.ackId === undefined);
  }

  markSent(record: Outgoing, ackId: number, ackTimeoutMs: number, onTimeout: (record: Outgoing) => void): void {
    record.ackId = ackId;
    record.attempts += 1;
    this.#byAckId.set(ackId, record);
    if (Number.isFinite(ackTimeoutMs)) {
      record.ackTimer = this.#timer.setTimeout(() => onTimeout(record), ackTimeoutMs);
    }
  }

  /** The record waiting for `ackId`, removed from the outbox. */
  takeAcked(ackId: number): Outgoing | undefined {
    const record = this.#byAckId.get(ackId);
    if (!record) return undefined;
    this.#remove(record);
    return record;
  }

  /** Removes a record (settled elsewhere). */
  drop(record: Outgoing): void {
    this.#remove(record);
  }

  /** The socket dropped: every sent-but-unacked record goes back to the queue. */
  requeueInFlight(): void {
    for (const record of this.#byAckId.values()) {
      record.ackTimer?.cancel();
      record.ackTimer = undefined;
      record.ackId = undefined;
    }
    this.#byAckId.clear();
  }

  rejectAll(error: Error): void {
    const all = [...this.#records.values()];
    this.#records.clear();
    this.#byAckId.clear();
    for (const record of all) {
      record.ackTimer?.cancel();
      record.done.reject(error);
    }
  }

  #remove(record: Outgoing): void {
    record.ackTimer?.cancel();
    record.ackTimer = undefined;
    if (record.ackId !== undefined) this.#byAckId.delete(record.ackId);
    this.#records.delete(record.seq);
  }
}
