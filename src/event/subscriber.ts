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

function insertSorted(list: Subscriber[], subscriber: Subscriber): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byPriority(list[mid]!, subscriber) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, subscriber);
}

function removeFrom(list: Subscriber[] | undefined, subscriber: Subscriber): void {
  if (!list) return;
  const index = list.indexOf(subscriber);
  if (index >= 0) list.splice(index, 1);
}

export class SubscriberRegistry {
  readonly #byId = new Map<string, Subscriber>();
  readonly #byTopic = new Map<string, Subscriber[]>();
  /** Subscribers whose expression may match any topic. */
  readonly #unbounded: Subscriber[] = [];
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
      insertSorted(this.#unbounded, subscriber);
    } else {
      for (const topic of topics) {
        let list = this.#byTopic.get(topic);
        if (!list) this.#byTopic.set(topic, (list = []));
        insertSorted(list, subscriber);
      }
    }
    return subscriber;
  }

  remove(id: string): Subscriber | undefined {
    const subscriber = this.#byId.get(id);
    if (!subscriber) return undefined;
    this.#byId.delete(id);
    const topics = subscriber.expression.topics;
    if (topics === undefined) {
      removeFrom(this.#unbounded, subscriber);
    } else {
      for (const topic of topics) {
        const list = this.#byTopic.get(topic);
        removeFrom(list, subscriber);
        if (list?.length === 0) this.#byTopic.delete(topic);
      }
    }
    return subscriber;
  }

  /** Subscribers that may match `topic`, in priority order (expressions not yet evaluated). */
  candidates(topic: string): Subscriber[] {
    const exact = this.#byTopic.get(topic);
    // Copies: callbacks may (un)subscribe while an event is being dispatched.
    if (!exact || exact.length === 0) return this.#unbounded.slice();
    if (this.#unbounded.length === 0) return exact.slice();
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
