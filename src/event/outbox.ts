import type { Timer, TimerHandle } from '../internal/timer.js';

/**
 * Publishes in order: queued while offline, sent when online, settled by the
 * server's ack. When the socket drops, sent-but-unacked publishes go back to
 * the queue and are sent again after reconnect (the receiving hubs drop the
 * duplicates by event id), so nothing is lost.
 *
 * Acks are cumulative: the server handles the frames of one connection in
 * order, so the ack of a frame also covers every frame sent before it on that
 * connection. That lets most frames go out without an ack request (see
 * `HubTraffic.flush` for when a frame asks): a publish somebody awaits asks at
 * once, the others share one ack per window.
 *
 * Ack timeouts use one sweep timer (the oldest in-flight publish is first),
 * not a timer per publish.
 *
 * A record keeps only what settling needs (id, topic, the encoded frame), not
 * the Event: the outbox of a burst holds thousands of them until the ack, and
 * every extra object per publish is garbage collected later (measured in
 * bench/hub/RESULTS.md).
 */

/**
 * The promise `publish()` returns. It is a normal promise, except that the
 * first `then` (which `await`, `catch`, `finally`, `Promise.all` and friends
 * all go through) tells the outbox that somebody waits for this publish, so
 * its ack is asked for at once instead of in the next ack window.
 */
export class PublishPromise extends Promise<string> {
  // Promises derived with then() are plain promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The publish to report as awaited; cleared at the first then(). */
  record: Outgoing | undefined;

  override then<A = string, B = never>(
    onFulfilled?: ((value: string) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const record = this.record;
    if (record !== undefined) {
      this.record = undefined;
      record.observe();
    }
    return super.then(onFulfilled, onRejected);
  }
}

const nativeThen = Promise.prototype.then;

/**
 * Attaches a failure handler to a publish promise without counting as
 * awaiting it (the publish keeps sharing its window's ack). For internal
 * fire-and-forget publishes that only log failures.
 */
export function onPublishFailure(promise: Promise<string>, handler: (error: unknown) => void): void {
  nativeThen.call(promise, undefined, handler);
}

export class Outgoing {
  /** The published event's id (the publish resolves with it). */
  readonly id: string;
  /** Its topic, for error messages. */
  readonly topic: string;
  /** The event frame without ack id (`5:::{…}`), encoded at publish time. */
  readonly frame: string;
  /** What `publish()` returned; settled by {@link settlePublish} / {@link rejectPublish}. */
  readonly promise: PublishPromise;
  resolve!: (id: string) => void;
  reject!: (error: Error) => void;
  /** Called once when somebody starts waiting for the publish (see PublishPromise). */
  readonly #onObserved: ((record: Outgoing) => void) | undefined;
  /** Somebody waits for this publish: its frame (or a sync right after it) asks for the ack at once. */
  observed = false;
  /** An ack-sync event of the hub itself, not a user publish. */
  internal = false;
  /** True while sent on the current connection and not yet acknowledged. */
  inFlight = false;
  /** Resolved or rejected. */
  settled = false;
  sentAt = 0;
  /** Send order on the hub (increases with every frame sent), 0 before the first send. */
  sendSeq = 0;
  attempts = 0;

  constructor(id: string, topic: string, frame: string, onObserved?: (record: Outgoing) => void) {
    this.id = id;
    this.topic = topic;
    this.frame = frame;
    this.#onObserved = onObserved;
    // One executor closure per publish (a settled promise ignores later resolve/reject calls).
    this.promise = new PublishPromise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.promise.record = this;
  }

  /** Somebody awaits the publish (or attached a handler): ask for its ack now. */
  observe(): void {
    if (this.observed) return;
    this.observed = true;
    if (!this.settled) this.#onObserved?.(this);
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
  record.settled = true;
  onPublishFailure(record.promise, noop);
  record.reject(error);
}

/** Resolves a publish with its event id. */
export function settlePublish(record: Outgoing): void {
  record.settled = true;
  record.resolve(record.id);
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
  /** The item after the head. */
  peekSecond(): T | undefined {
    return this.#items[this.#head + 1];
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
  add(id: string, topic: string, frame: string, onObserved?: (record: Outgoing) => void): Outgoing {
    const record = new Outgoing(id, topic, frame, onObserved);
    this.#unsent.push(record);
    return record;
  }

  /** The next publish to send, without taking it. */
  peek(): Outgoing | undefined {
    return this.#unsent.peek();
  }

  /** The publish to send after {@link peek}'s. */
  peekSecond(): Outgoing | undefined {
    return this.#unsent.peekSecond();
  }

  /** Takes the publish returned by {@link peek} without sending it (a sync that has nothing left to cover). */
  drop(record: Outgoing): void {
    this.#unsent.shift();
    settlePublish(record);
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
        // Not stamped yet (see HubTraffic's window timer): the timeout counts from now.
        if (Number.isNaN(record.sentAt)) record.sentAt = now;
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
