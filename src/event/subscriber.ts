import { compileExpression, type CompiledExpression } from './expression/index.js';
import type { Event } from './event.js';

/**
 * Local subscribers of one hub, indexed by exact topic so dispatching an event
 * costs the subscribers of its topic (plus the unbounded ones), not all of them.
 */

export type SubscriberCallback = (event: Event) => unknown;

/** Subscriber metadata sent to the server; targets are matched against it. */
export type SubscriberMetadata = Record<string, unknown> & { id: string };

export interface Subscriber {
  readonly id: string;
  readonly expression: CompiledExpression;
  readonly callback: SubscriberCallback;
  readonly priority: number;
  readonly metadata: SubscriberMetadata;
  /** Insertion order, the tie-breaker between equal priorities. */
  readonly seq: number;
}

function byPriority(a: Subscriber, b: Subscriber): number {
  return a.priority - b.priority || a.seq - b.seq;
}

// Lists are copy-on-write: (un)subscribing builds a new array, so dispatch can
// iterate a list without copying it even when a callback (un)subscribes.

function insertSorted(list: readonly Subscriber[], subscriber: Subscriber): Subscriber[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byPriority(list[mid]!, subscriber) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), subscriber, ...list.slice(lo)];
}

function without(list: readonly Subscriber[], subscriber: Subscriber): Subscriber[] {
  return list.filter((item) => item !== subscriber);
}

const EMPTY: readonly Subscriber[] = Object.freeze([]);

export class SubscriberRegistry {
  readonly #byId = new Map<string, Subscriber>();
  readonly #byTopic = new Map<string, readonly Subscriber[]>();
  /** Subscribers whose expression may match any topic. */
  #unbounded: readonly Subscriber[] = EMPTY;
  #seq = 0;

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  get(id: string): Subscriber | undefined {
    return this.#byId.get(id);
  }

  /** All subscribers in registration order. */
  all(): Subscriber[] {
    return [...this.#byId.values()];
  }

  /** Compiles `expression` (throws ExpressionSyntaxError) and adds the subscriber. */
  add(expression: string, callback: SubscriberCallback, metadata: SubscriberMetadata, priority: number): Subscriber {
    const subscriber: Subscriber = {
      id: metadata.id,
      expression: compileExpression(expression),
      callback,
      priority,
      metadata,
      seq: this.#seq++,
    };
    this.#byId.set(subscriber.id, subscriber);
    const topics = subscriber.expression.topics;
    if (topics === undefined) {
      this.#unbounded = insertSorted(this.#unbounded, subscriber);
    } else {
      for (const topic of topics) this.#byTopic.set(topic, insertSorted(this.#byTopic.get(topic) ?? EMPTY, subscriber));
    }
    return subscriber;
  }

  remove(id: string): Subscriber | undefined {
    const subscriber = this.#byId.get(id);
    if (!subscriber) return undefined;
    this.#byId.delete(id);
    const topics = subscriber.expression.topics;
    if (topics === undefined) {
      this.#unbounded = without(this.#unbounded, subscriber);
    } else {
      for (const topic of topics) {
        const list = without(this.#byTopic.get(topic) ?? EMPTY, subscriber);
        if (list.length === 0) this.#byTopic.delete(topic);
        else this.#byTopic.set(topic, list);
      }
    }
    return subscriber;
  }

  /** Subscribers that may match `topic`, in priority order (expressions not yet evaluated). Do not mutate. */
  candidates(topic: string): readonly Subscriber[] {
    const exact = this.#byTopic.get(topic);
    if (!exact) return this.#unbounded;
    if (this.#unbounded.length === 0) return exact;
    // Merge two sorted lists.
    const merged: Subscriber[] = [];
    let i = 0;
    let j = 0;
    while (i < exact.length && j < this.#unbounded.length) {
      merged.push(byPriority(exact[i]!, this.#unbounded[j]!) <= 0 ? exact[i++]! : this.#unbounded[j++]!);
    }
    while (i < exact.length) merged.push(exact[i++]!);
    while (j < this.#unbounded.length) merged.push(this.#unbounded[j++]!);
    return merged;
  }
}
