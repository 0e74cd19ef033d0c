import { compileExpression, type CompiledExpression } from '../../event/expression/index.js';
import { ExpressionCache } from '../../event/expression/cache.js';
import { ExpressionSyntaxError } from '../../event/errors.js';
import { encodeEvent } from '../../socketio/packet.js';
import { HubRefusalError } from './errors.js';
import { isPlainObject, stampedUser, type RoutedEvent } from './normalize.js';
import { SubscriptionIndex, type RouteTarget } from './subscription-index.js';
import type { StandinUser } from '../context.js';

export const SUBSCRIBE_TOPIC = 'ftrack.meta.subscribe';
export const UNSUBSCRIBE_TOPIC = 'ftrack.meta.unsubscribe';

/** What the router needs of a connection. */
export interface RouterConnection {
  readonly id: string;
  readonly user: StandinUser;
  send(frame: string): boolean;
}

// A target that only names one subscriber (what replies carry): routed through the id index.
const ID_TARGET = /^\s*id\s*=\s*(?:"([A-Za-z0-9_.,/@+-]+)"|'([A-Za-z0-9_.,/@+-]+)'|([A-Za-z0-9_.,/@+-]+))\s*$/;

function compileTarget(text: string): RouteTarget | HubRefusalError {
  try {
    const expression = compileExpression(text);
    const id = ID_TARGET.exec(text);
    const subscriberId = id ? (id[1] ?? id[2] ?? id[3]) : undefined;
    return subscriberId === undefined ? { expression } : { expression, subscriberId };
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    return new HubRefusalError('FTRACK_ERR_HUB_TARGET_INVALID', `invalid target: ${error.message}`, { cause: error });
  }
}

function compileSubscription(text: string): CompiledExpression | HubRefusalError {
  try {
    return compileExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    return new HubRefusalError('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID', `invalid subscription: ${error.message}`, { cause: error });
  }
}

/**
 * Subscriptions and routing of the hub server (protocol 6.3). Synchronous:
 * events are routed in the order they arrive, so each connection sees them in
 * publish order.
 */
export class HubRouter<C extends RouterConnection> {
  readonly index = new SubscriptionIndex<C>();
  readonly #subscriptions = new ExpressionCache<CompiledExpression | HubRefusalError>(10_000);
  readonly #targets = new ExpressionCache<RouteTarget | HubRefusalError>(2_000);
  readonly #maxPerConnection: number;
  /** Events routed (client and server published, meta topics excluded). */
  routed = 0;
  /** Frames sent with events. */
  deliveries = 0;

  constructor(maxSubscriptionsPerConnection: number) {
    this.#maxPerConnection = maxSubscriptionsPerConnection;
  }

  /**
   * Handles `ftrack.meta.subscribe`: (connection, subscriber id) → subscription,
   * replacing an earlier one with the same id. Throws {@link HubRefusalError}.
   */
  subscribe(connection: C, data: unknown): void {
    const subscriber = isPlainObject(data) ? data.subscriber : undefined;
    const subscription = isPlainObject(data) ? data.subscription : undefined;
    if (!isPlainObject(subscriber) || typeof subscriber.id !== 'string' || subscriber.id === '') {
      throw new HubRefusalError('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID', 'data.subscriber must be an object with a non-empty string "id"');
    }
    if (typeof subscription !== 'string') {
      throw new HubRefusalError('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID', 'data.subscription must be an expression string such as "topic=ftrack.update"');
    }
    const expression = this.#subscriptions.get(subscription, compileSubscription);
    if (expression instanceof HubRefusalError) throw expression;
    if (!this.index.has(connection, subscriber.id) && this.index.countFor(connection) >= this.#maxPerConnection) {
      throw new HubRefusalError(
        'FTRACK_ERR_HUB_SUBSCRIPTION_LIMIT',
        `this connection already holds ${this.#maxPerConnection} subscriptions; unsubscribe some first`,
      );
    }
    // Targets see the authenticated user, whatever the client claims in its metadata.
    const metadata = { ...subscriber, user: stampedUser(connection.user) };
    this.index.add(connection, subscriber.id, metadata, expression);
  }

  /** Handles `ftrack.meta.unsubscribe`; unknown ids are fine (idempotent). Throws {@link HubRefusalError}. */
  unsubscribe(connection: C, data: unknown): void {
    const subscriber = isPlainObject(data) ? data.subscriber : undefined;
    if (!isPlainObject(subscriber) || typeof subscriber.id !== 'string') {
      throw new HubRefusalError('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID', 'data.subscriber must be an object with a string "id"');
    }
    this.index.remove(connection, subscriber.id);
  }

  /** Forgets every subscription of a closed connection. */
  removeConnection(connection: C): number {
    return this.index.removeConnection(connection);
  }

  /** The compiled target of `event`, undefined for `""`. Throws {@link HubRefusalError}. */
  resolveTarget(event: RoutedEvent): RouteTarget | undefined {
    if (event.target.trim() === '') return undefined;
    const target = this.#targets.get(event.target, compileTarget);
    if (target instanceof HubRefusalError) throw target;
    return target;
  }

  /**
   * Sends `event` once to every connection with a matching subscriber
   * (the publisher's own included). Returns the number of connections.
   * Throws {@link HubRefusalError} for an invalid target.
   */
  route(event: RoutedEvent): number {
    const target = this.resolveTarget(event);
    const connections = this.index.route(event, target);
    this.routed += 1;
    if (connections.length === 0) return 0;
    let frame: string;
    try {
      frame = encodeEvent('ftrack.event', [event]);
    } catch (error) {
      // Data parsed from a client frame is JSON, so only nesting too deep for the stack lands here.
      throw new HubRefusalError('FTRACK_ERR_HUB_EVENT_INVALID', `the event cannot be serialised (data nested too deeply?): ${String(error)}`, {
        cause: error,
      });
    }
    let sent = 0;
    for (const connection of connections) if (connection.send(frame)) sent += 1;
    this.deliveries += sent;
    return sent;
  }
}
