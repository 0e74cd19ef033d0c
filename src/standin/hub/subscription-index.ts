import type { CompiledExpression } from '../../event/expression/index.js';

/** One subscriber registered by one connection. */
export interface Subscription<C> {
  readonly connection: C;
  readonly subscriberId: string;
  /** Subscriber metadata as targets see it (with the authenticated user stamped in). */
  readonly metadata: Record<string, unknown>;
  readonly expression: CompiledExpression;
}

/** What a target resolves to before routing. */
export interface RouteTarget {
  /** The compiled target, matched against subscriber metadata. */
  expression: CompiledExpression;
  /** Set when the target is a plain `id=<x>`: only subscribers with that id can match. */
  subscriberId?: string;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * Every subscription of every connection, indexed so that routing one event
 * only looks at subscriptions that could match it:
 * - exact-topic buckets, from `CompiledExpression.topics`;
 * - one bucket of unbounded expressions (wildcards, non-topic filters), always checked;
 * - subscriber id → subscriptions, for replies targeted at `id=<x>`.
 * Keyed by (connection, subscriber id): a repeated subscribe replaces.
 */
export class SubscriptionIndex<C> {
  readonly #byConnection = new Map<C, Map<string, Subscription<C>>>();
  readonly #byTopic = new Map<string, Set<Subscription<C>>>();
  readonly #unbounded = new Set<Subscription<C>>();
  readonly #bySubscriberId = new Map<string, Set<Subscription<C>>>();
  #size = 0;
  /** Subscriptions evaluated by `route()` since creation (to show per-event cost). */
  evaluations = 0;

  get size(): number {
    return this.#size;
  }

  countFor(connection: C): number {
    return this.#byConnection.get(connection)?.size ?? 0;
  }

  has(connection: C, subscriberId: string): boolean {
    return this.#byConnection.get(connection)?.has(subscriberId) ?? false;
  }

  /** Adds or replaces the subscriber `subscriberId` of `connection`; true when it replaced one. */
  add(connection: C, subscriberId: string, metadata: Record<string, unknown>, expression: CompiledExpression): boolean {
    const replaced = this.remove(connection, subscriberId);
    const subscription: Subscription<C> = { connection, subscriberId, metadata, expression };
    let own = this.#byConnection.get(connection);
    if (!own) this.#byConnection.set(connection, (own = new Map()));
    own.set(subscriberId, subscription);
    const topics = expression.topics;
    if (topics === undefined) this.#unbounded.add(subscription);
    else for (const topic of topics) addTo(this.#byTopic, topic, subscription);
    addTo(this.#bySubscriberId, subscriberId, subscription);
    this.#size += 1;
    return replaced;
  }

  /** Removes one subscriber of `connection`; false when it had none with that id. */
  remove(connection: C, subscriberId: string): boolean {
    const own = this.#byConnection.get(connection);
    const subscription = own?.get(subscriberId);
    if (!own || !subscription) return false;
    own.delete(subscriberId);
    if (own.size === 0) this.#byConnection.delete(connection);
    this.#unindex(subscription);
    return true;
  }

  /** Removes every subscriber of `connection` (socket closed); returns how many. */
  removeConnection(connection: C): number {
    const own = this.#byConnection.get(connection);
    if (!own) return 0;
    this.#byConnection.delete(connection);
    for (const subscription of own.values()) this.#unindex(subscription);
    return own.size;
  }

  #unindex(subscription: Subscription<C>): void {
    const topics = subscription.expression.topics;
    if (topics === undefined) this.#unbounded.delete(subscription);
    else for (const topic of topics) removeFrom(this.#byTopic, topic, subscription);
    removeFrom(this.#bySubscriberId, subscription.subscriberId, subscription);
    this.#size -= 1;
  }

  /**
   * The connections that get `event`, each once, in first-match order: those
   * with at least one subscriber whose subscription matches the event and,
   * when there is a target, whose metadata matches the target (protocol 6.3).
   */
  route(event: { topic: string }, target?: RouteTarget): C[] {
    const delivered: C[] = [];
    const seen = new Set<C>();
    if (target?.subscriberId !== undefined) {
      const candidates = this.#bySubscriberId.get(target.subscriberId);
      if (candidates) for (const subscription of candidates) this.#visit(subscription, event, target, seen, delivered);
    } else {
      const bucket = this.#byTopic.get(event.topic);
      if (bucket) for (const subscription of bucket) this.#visit(subscription, event, target, seen, delivered);
      for (const subscription of this.#unbounded) this.#visit(subscription, event, target, seen, delivered);
    }
    return delivered;
  }

  #visit(subscription: Subscription<C>, event: unknown, target: RouteTarget | undefined, seen: Set<C>, delivered: C[]): void {
    if (seen.has(subscription.connection)) return;
    this.evaluations += 1;
    if (target && !target.expression.match(subscription.metadata)) return;
    if (!subscription.expression.match(event)) return;
    seen.add(subscription.connection);
    delivered.push(subscription.connection);
  }

  clear(): void {
    this.#byConnection.clear();
    this.#byTopic.clear();
    this.#unbounded.clear();
    this.#bySubscriberId.clear();
    this.#size = 0;
  }
}
