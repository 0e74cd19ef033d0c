import type { Timer, TimerHandle } from '../internal/timer.js';

/**
 * Publishes in order: queued while offline, sent when online, settled by the
 * server's ack. When the socket drops, sent-but-unacked publishes go back to
 * the queue and are sent again after reconnect (the receiving hubs drop the
 * duplicates by event id), so nothing is lost.
 *
 * Acks are cumulative: the server handles the frames of one connection in
 * order, so the ack of a frame also covers every frame sent before it on that
 * connection. That lets a burst carry an ack id on its last frame only (see
 * `HubTraffic.flush`); a lone publish always carries its own.
 *
 * Ack timeouts use one sweep timer (the oldest in-flight publish is first),
 * not a timer per publish.
 *
 * A record keeps only what settling needs (id, topic, the encoded frame), not
 * the Event: the outbox of a burst holds thousands of them until the ack, and
 * every extra object per publish is garbage collected later (measured in
 * bench/hub/RESULTS.md).
 */

export class Outgoing {
  /** The published event's id (the publish resolves with it). */
  readonly id: string;
  /** Its topic, for error messages. */
  readonly topic: string;
  /** The event frame without ack id (`5:::{…}`), encoded at publish time. */
  readonly frame: string;
  /** What `publish()` returned; settled by {@link resolvePublish} / {@link rejectPublish}. */
  readonly promise: Promise<string>;
  resolve!: (id: string) => void;
  reject!: (error: Error) => void;
  /** True while sent on the current connection and not yet acknowledged. */
  inFlight = false;
  sentAt = 0;
  attempts = 0;

  constructor(id: string, topic: string, frame: string) {
    this.id = id;
    this.topic = topic;
    this.frame = frame;
    // One executor closure per publish (a settled promise ignores later resolve/reject calls).
    this.promise = new Promise<string>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

const noop = (): void => {};

/**
 * Rejects a publish. Callers may ignore the promise of a fire-and-forget
 * publish, so a handler is attached first: it never becomes an unhandled
 * rejection, while an awaiting caller still sees the error. (Attaching it here
 * rather than at publish time saves a promise per publish.)
 */
export function rejectPublish(record: Outgoing, error: Error): void {
  record.promise.catch(noop);
  record.reject(error);
}

/** A FIFO over an array with a moving head (amortised O(1) shift). */
class Fifo<T> {
  #items: Array<T | undefined> = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }
  push(item: T): void {
    this.#items.push(item);
  }
  peek(): T | undefined {
    return this.#items[this.#head];
  }
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head]!;
    // Drop the reference now: a shifted record must not outlive its ack (it would be promoted to old space).
    this.#items[this.#head] = undefined;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
  /** The items from head to tail (a copy). */
  toArray(): T[] {
    return this.#items.slice(this.#head) as T[];
  }
  reset(items: Array<T | undefined> = []): void {
    this.#items = items;
    this.#head = 0;
  }
}

/**
 * Every unsettled publish is in exactly one of two queues, in publish order:
 * `#inFlight` (sent on the current connection, unacknowledged) and then
 * `#unsent` (frames go out in order, so everything in flight is older than
 * everything unsent).
 */
export class Outbox {
  readonly #unsent = new Fifo<Outgoing>();
  /** Sent on the current connection, not yet acknowledged, in send order. */
  readonly #inFlight = new Fifo<Outgoing>();
  /** Ack id → the publish that carried it. */
  readonly #byAckId = new Map<number, Outgoing>();
  readonly #timer: Timer;
  #sweep: TimerHandle | undefined;

  constructor(timer: Timer) {
    this.#timer = timer;
  }

  /** Unsettled publishes (queued or in flight). */
  get size(): number {
    return this.#inFlight.length + this.#unsent.length;
  }

  /** Publishes waiting to be sent. */
  get queued(): number {
    return this.#unsent.length;
  }

  /** Queues a publish of event `id`; returns the promise that its ack (or failure) settles. */
  add(id: string, topic: string, frame: string): Promise<string> {
    const record = new Outgoing(id, topic, frame);
    this.#unsent.push(record);
    return record.promise;
  }

  /** The next publish to send, without taking it. */
  peek(): Outgoing | undefined {
    return this.#unsent.peek();
  }

  /** Marks the publish returned by {@link peek} as sent, with `ackId` when its frame asked for an ack. */
  markSent(record: Outgoing, ackId: number | undefined, now: number, ackTimeoutMs: number, onTimeout: (record: Outgoing) => void): void {
    this.#unsent.shift();
    record.inFlight = true;
    record.attempts += 1;
    record.sentAt = now;
    this.#inFlight.push(record);
    if (ackId !== undefined) this.#byAckId.set(ackId, record);
    if (this.#sweep === undefined && Number.isFinite(ackTimeoutMs)) this.#scheduleSweep(ackTimeoutMs, ackTimeoutMs, onTimeout);
  }

  /**
   * Settles the publishes acknowledged by `ackId`: its own and every earlier
   * in-flight one. Returns them oldest first (the last one carried the ack),
   * or `[]` for an unknown ack id.
   */
  takeAcked(ackId: number): Outgoing[] {
    const acked = this.#byAckId.get(ackId);
    if (!acked) return [];
    this.#byAckId.delete(ackId);
    // A late ack of a publish that already timed out: it covers nothing still in flight.
    if (!acked.inFlight) return [];
    const settled: Outgoing[] = [];
    for (let record = this.#inFlight.shift(); record; record = this.#inFlight.shift()) {
      record.inFlight = false;
      settled.push(record);
      if (record === acked) break;
    }
    return settled;
  }

  /** The socket dropped: every unacknowledged publish goes back to the queue, in publish order. */
  requeueInFlight(): void {
    const all = this.#inFlight.toArray();
    for (const record of all) record.inFlight = false;
    this.#inFlight.reset();
    this.#byAckId.clear();
    this.#sweep?.cancel();
    this.#sweep = undefined;
    this.#unsent.reset(all.concat(this.#unsent.toArray()));
  }

  rejectAll(error: Error): void {
    const all = this.#inFlight.toArray().concat(this.#unsent.toArray());
    this.#inFlight.reset();
    this.#unsent.reset();
    this.#byAckId.clear();
    this.#sweep?.cancel();
    this.#sweep = undefined;
    for (const record of all) rejectPublish(record, error);
  }

  #scheduleSweep(delayMs: number, ackTimeoutMs: number, onTimeout: (record: Outgoing) => void): void {
    this.#sweep = this.#timer.setTimeout(() => {
      this.#sweep = undefined;
      const now = this.#timer.now();
      for (let record = this.#inFlight.peek(); record; record = this.#inFlight.peek()) {
        const due = record.sentAt + ackTimeoutMs;
        if (due > now) {
          this.#scheduleSweep(due - now, ackTimeoutMs, onTimeout);
          return;
        }
        this.#inFlight.shift();
        record.inFlight = false;
        onTimeout(record);
      }
    }, delayMs);
  }
}
