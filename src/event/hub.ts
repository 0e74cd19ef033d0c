import { EventEmitter } from 'eventemitter3';
import { backoffDelay } from '../internal/backoff.js';
import { deferred, type Deferred } from '../internal/deferred.js';
import type { TimerHandle } from '../internal/timer.js';
import type { Logger } from '../logger.js';
import { Connection, type CloseInfo } from '../socketio/connection.js';
import { HubAuthenticationError, HubConnectionError, PacketDecodeError } from '../socketio/errors.js';
import { redactUrl, requestHandshake, websocketUrl } from '../socketio/handshake.js';
import { decodeAckData, decodeEventData, type Packet } from '../socketio/packet.js';
import { HubClosedError, HubNotConnectedError, InvalidEventError, SubscriberExistsError } from './errors.js';
import { Event, newEventId } from './event.js';
import { HubTraffic, REPLY_TOPIC, type EventInput, type PublishOptions } from './hub-traffic.js';
import { DEFAULT_PRIORITY, resolveHubOptions, type EventHubOptions, type ResolvedHubOptions } from './options.js';
import type { HubState, HubStatus } from './status.js';
import { SubscriberRegistry, type Subscriber, type SubscriberCallback, type SubscriberMetadata } from './subscriber.js';
import { StatusStream } from './status-stream.js';

export { REPLY_TOPIC, type EventInput, type PublishOptions } from './hub-traffic.js';

export interface SubscribeOptions {
  /** Subscriber metadata sent to the server (targets match against it); `id` defaults to a new uuid. */
  subscriber?: Record<string, unknown> & { id?: string };
  /** Lower runs first. Defaults to 100. */
  priority?: number;
}

const SUBSCRIBE_TOPIC = 'ftrack.meta.subscribe';
const UNSUBSCRIBE_TOPIC = 'ftrack.meta.unsubscribe';

/**
 * Client of the ftrack event hub (socket.io 0.9 over WebSocket), shaped like
 * `@ftrack/api`'s EventHub, with the Python hub's extras: full expressions,
 * targets, priorities, `stop()`, acknowledged publishes, automatic reconnects.
 *
 * @example
 * const hub = new EventHub('https://studio.ftrackapp.com', 'bot', apiKey);
 * await hub.connect();
 * hub.subscribe('topic=ftrack.action.launch and data.actionIdentifier=encode', async (event) => ({ success: true }));
 * const reply = await hub.publishAndWaitForReply(new Event('my.topic', { a: 1 }), { timeout: 10_000 });
 */
// ftrack_api equiv: event/hub.py EventHub
export class EventHub extends EventEmitter<{ status: [status: HubStatus] }> {
  /** Hub id: `source.id` of published events and id of the reply subscriber. */
  readonly id: string = newEventId();
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly #apiKey: string;
  readonly #options: ResolvedHubOptions;
  readonly #logger: Logger;
  readonly #subscribers = new SubscriberRegistry();
  readonly #traffic: HubTraffic;
  readonly #statusStream = new StatusStream();
  #state: HubState = 'idle';
  #connection: Connection | undefined;
  #sessionId: string | undefined;
  #generation = 0;
  #attempt = 0;
  #everConnected = false;
  #reconnectTimer: TimerHandle | undefined;
  #connecting: Deferred<void> | undefined;
  #closed: Deferred<HubStatus & { type: 'closed' }> = deferred();
  #lastHeartbeatAt: number | undefined;
  /** Counters for health checks and metrics: events received, events published (first sends), publishes re-sent after a reconnect, reconnects. */
  readonly stats = { received: 0, published: 0, resent: 0, reconnects: 0 };

  constructor(serverUrl: string, apiUser: string, apiKey: string, options: EventHubOptions = {}) {
    super();
    this.serverUrl = serverUrl;
    this.apiUser = apiUser;
    this.#apiKey = apiKey;
    this.#options = resolveHubOptions(options);
    this.#logger = this.#options.logger;
    this.#traffic = new HubTraffic({
      options: this.#options,
      subscribers: this.#subscribers,
      stats: this.stats,
      defaultSource: () => this.#defaultSource(),
      send: (frame, now) => this.#connection?.send(frame, now) ?? false,
    });
    // ftrack_api equiv: event/hub.py EventHub.connect (reply subscriber)
    this.#subscribers.add(`topic=${REPLY_TOPIC}`, (event) => void this.#traffic.replies.handle(event), { id: this.id }, DEFAULT_PRIORITY);
  }

  /** When the last `2::` heartbeat arrived (ms since epoch), for health checks; undefined before the first. */
  get lastHeartbeatAt(): number | undefined {
    return this.#lastHeartbeatAt;
  }

  /** Current lifecycle state. */
  get state(): HubState {
    return this.#state;
  }

  isConnected(): boolean {
    return this.#state === 'connected';
  }

  /**
   * Connects (handshake + WebSocket), announces every subscriber and flushes
   * queued publishes. Resolves once connected; retries failures with backoff
   * (per `autoReconnect`/`maxReconnectAttempts`). Rejects with
   * HubAuthenticationError on bad credentials and HubClosedError if
   * `disconnect()` wins first.
   */
  connect(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    if (this.#connecting) return this.#connecting.promise;
    this.#connecting = deferred<void>();
    this.#connecting.promise.catch(() => {});
    if (this.#state === 'closed' || this.#state === 'idle') {
      if (this.#closed.settled) this.#closed = deferred();
      this.#attempt = 0;
      void this.#open(this.#generation);
    }
    return this.#connecting.promise;
  }

  /**
   * Closes the socket and stops reconnecting; always wins over a pending
   * reconnect. Rejects pending publishes and reply waits with HubClosedError.
   * Idempotent.
   */
  async disconnect(): Promise<void> {
    this.#shutdown('disconnect');
  }

  /** Waits (up to `timeoutMs`) for running callbacks and unacknowledged publishes, then disconnects. */
  async drain(timeoutMs = 10_000): Promise<void> {
    await this.#traffic.settle(timeoutMs);
    this.#shutdown('drain');
  }

  /** Resolves with the `closed` status when the hub closes (disconnect, bad credentials, attempts exhausted). */
  closed(): Promise<HubStatus & { type: 'closed' }> {
    return this.#closed.promise;
  }

  /** Status updates as an async iterator; it ends after the next `closed` status. */
  statusUpdates(): AsyncIterableIterator<HubStatus> {
    return this.#statusStream.iterate();
  }

  /**
   * Adds a local subscriber and announces it to the server (now if connected,
   * else on connect). Throws ExpressionSyntaxError for an invalid expression and
   * SubscriberExistsError for a duplicate id. Returns the subscriber id.
   */
  subscribe(expression: string, callback: SubscriberCallback, options: SubscribeOptions = {}): string {
    const id = options.subscriber?.id ?? newEventId();
    if (this.#subscribers.has(id)) throw new SubscriberExistsError(id);
    const metadata: SubscriberMetadata = { ...options.subscriber, id };
    const subscriber = this.#subscribers.add(expression, callback, metadata, options.priority ?? DEFAULT_PRIORITY);
    if (this.#state === 'connected') this.#announce(subscriber);
    return id;
  }

  /** Removes a local subscriber and tells the server. False when the id is unknown. */
  unsubscribe(subscriberId: string): boolean {
    if (subscriberId === this.id) return false;
    const subscriber = this.#subscribers.remove(subscriberId);
    if (!subscriber) return false;
    if (this.#state === 'connected') {
      this.#traffic.sendMeta(this.#metaEvent(UNSUBSCRIBE_TOPIC, { subscriber: subscriber.metadata }));
    }
    return true;
  }

  /**
   * Publishes an event; resolves with its id once the server acknowledged it.
   * While offline the event is queued and sent, in order, after reconnecting.
   * `onReply` is called for every reply (until `timeout` ms, default 10 min).
   */
  publish(event: Event | EventInput, options: PublishOptions = {}): Promise<string> {
    if (this.#state === 'idle') return Promise.reject(new HubNotConnectedError());
    if (this.#state === 'closed') return Promise.reject(new HubClosedError('the event hub is closed'));
    return this.#traffic.publish(event, options, this.#state === 'connected');
  }

  /** Publishes `data` as a reply to `sourceEvent` (target `id=<its source id>`). */
  publishReply(sourceEvent: Event, data: unknown, source?: Record<string, unknown>): Promise<string> {
    let reply: Event;
    try {
      reply = this.#traffic.replyEvent(sourceEvent, data, source);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.publish(reply);
  }

  /** Publishes and resolves with the first reply; rejects with HubReplyTimeoutError after `timeout` ms (default 30 000). */
  publishAndWaitForReply(event: Event | EventInput, options: { timeout?: number } = {}): Promise<Event> {
    if (this.#state === 'idle') return Promise.reject(new HubNotConnectedError());
    if (this.#state === 'closed') return Promise.reject(new HubClosedError('the event hub is closed'));
    return this.#traffic.publishAndWait(event, options.timeout, this.#state === 'connected');
  }

  /**
   * Calls matching local subscribers synchronously; nothing goes on the wire
   * and no replies are published (for session-local topics). Returns the
   * callbacks' return values.
   */
  publishLocal(event: Event | EventInput): unknown[] {
    return this.#traffic.dispatchLocal(this.#traffic.toEvent(event));
  }

  #defaultSource(): Record<string, unknown> {
    return { id: this.id, applicationId: this.#options.applicationId, user: { username: this.apiUser } };
  }

  #metaEvent(topic: string, data: Record<string, unknown>): Event {
    return new Event(topic, data, { source: this.#defaultSource() });
  }

  #announce(subscriber: Subscriber): void {
    this.#traffic.sendMeta(
      this.#metaEvent(SUBSCRIBE_TOPIC, { subscriber: subscriber.metadata, subscription: subscriber.expression.source }),
    );
  }

  #setStatus(status: HubStatus): void {
    this.#state = status.type;
    this.#statusStream.push(status);
    if (status.type === 'closed') this.#closed.resolve(status);
    try {
      this.emit('status', status);
    } catch (error) {
      this.#logger.error({ err: error }, 'a status listener threw');
    }
  }

  /** One connection attempt: handshake, WebSocket, then replay. */
  async #open(generation: number): Promise<void> {
    this.#setStatus({ type: 'connecting', attempt: this.#attempt });
    if (generation !== this.#generation) return;
    const options = this.#options;
    let connection: Connection;
    try {
      const handshake = await requestHandshake(this.serverUrl, this.apiUser, this.#apiKey, {
        fetch: options.fetch,
        headers: options.headers,
        signal: AbortSignal.timeout(options.connectTimeoutMs),
      });
      if (generation !== this.#generation) return;
      this.#sessionId = handshake.sessionId;
      connection = await Connection.open({
        url: websocketUrl(this.serverUrl, handshake.sessionId),
        headers: options.headers,
        ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
        logger: this.#logger,
        timer: options.timer,
        connectTimeoutMs: options.connectTimeoutMs,
        heartbeatTimeoutMs: options.heartbeatTimeoutMs,
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#onAttemptFailed(error);
      return;
    }
    if (generation !== this.#generation) {
      connection.close('client');
      return;
    }
    this.#onOpen(connection);
  }

  #onOpen(connection: Connection): void {
    this.#connection = connection;
    connection.on('packet', (packet) => this.#onPacket(packet));
    connection.on('heartbeat', () => {
      this.#lastHeartbeatAt = Date.now();
    });
    connection.on('close', (info) => this.#onClose(connection, info));
    if (this.#everConnected) this.stats.reconnects += 1;
    this.#everConnected = true;
    this.#attempt = 0;
    this.#logger.info({ server: redactUrl(this.serverUrl), sessionId: this.#sessionId }, 'connected to the event hub');
    // Replay order (STYLE 7): re-announce every subscriber, then flush queued publishes.
    for (const subscriber of this.#subscribers.all()) this.#announce(subscriber);
    this.#traffic.flush();
    this.#setStatus({ type: 'connected', sessionId: this.#sessionId ?? '' });
    this.#connecting?.resolve();
    this.#connecting = undefined;
  }

  #onAttemptFailed(error: unknown): void {
    const err = error instanceof Error ? error : new HubConnectionError(String(error));
    if (err instanceof HubAuthenticationError) {
      this.#shutdown('authentication failed', err);
      return;
    }
    this.#logger.warn({ err: err.message, attempt: this.#attempt }, 'event hub connection attempt failed');
    this.#scheduleReconnect(err);
  }

  #onClose(connection: Connection, info: CloseInfo): void {
    if (connection !== this.#connection) return;
    this.#connection = undefined;
    this.#traffic.connectionLost();
    if (this.#state === 'closed') return;
    this.#logger.warn({ reason: info.reason }, 'lost the event hub connection');
    this.#setStatus({ type: 'disconnected', reason: info.reason, ...(info.error ? { error: info.error } : {}) });
    this.#scheduleReconnect(info.error);
  }

  #scheduleReconnect(error: Error | undefined): void {
    // A status listener may have called disconnect(): it always wins.
    if (this.#state === 'closed') return;
    const options = this.#options;
    if (!options.autoReconnect) {
      this.#shutdown('connection lost and autoReconnect is off', error);
      return;
    }
    if (this.#attempt >= options.maxReconnectAttempts) {
      this.#shutdown(`gave up after ${this.#attempt} reconnect attempts`, error);
      return;
    }
    const delayMs = backoffDelay(this.#attempt, options.backoff, options.random);
    this.#attempt += 1;
    const generation = this.#generation;
    this.#setStatus({ type: 'reconnecting', attempt: this.#attempt, delayMs, ...(error ? { error } : {}) });
    if (generation !== this.#generation) return;
    this.#reconnectTimer = options.timer.setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (generation === this.#generation) void this.#open(generation);
    }, delayMs);
  }

  /** Terminal close: stop timers, drop the socket, reject everything pending. */
  #shutdown(reason: string, error?: Error): void {
    if (this.#state === 'closed' || this.#state === 'idle') {
      this.#connecting?.reject(error ?? new HubClosedError(reason));
      this.#connecting = undefined;
      return;
    }
    this.#generation += 1;
    this.#reconnectTimer?.cancel();
    this.#reconnectTimer = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#state = 'closed';
    connection?.close('client');
    const closedError = new HubClosedError(reason);
    this.#traffic.closeAll(closedError);
    this.#connecting?.reject(error ?? closedError);
    this.#connecting = undefined;
    if (error) this.#logger.error({ err: error.message, reason }, 'event hub closed');
    else this.#logger.info({ reason }, 'event hub closed');
    this.#setStatus({ type: 'closed', reason, ...(error ? { error } : {}) });
  }

  #onPacket(packet: Packet): void {
    try {
      if (packet.type === 'event') {
        const { name, args } = decodeEventData(packet.data ?? '');
        if (name !== 'ftrack.event' || args.length !== 1) return;
        this.#traffic.receive(Event.fromPayload(args[0]));
      } else if (packet.type === 'ack') {
        const { id, args } = decodeAckData(packet.data ?? '');
        this.#traffic.acknowledge(id, args[0]);
      }
    } catch (error) {
      if (error instanceof PacketDecodeError || error instanceof InvalidEventError) {
        this.#logger.warn({ err: error.toJSON() }, 'ignoring an unreadable packet from the event hub');
        return;
      }
      throw error;
    }
  }
}
