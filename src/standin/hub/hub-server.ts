import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeEventData, decodePacket, type Packet } from '../../socketio/packet.js';
import { PacketDecodeError } from '../../socketio/errors.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { HubPublisher, RouteHandler, StandinUser, UpgradeHandler } from '../context.js';
import { CLOSE_CODES, HubConnection, rawDataToString } from './connection.js';
import { HubEventError, HubRefusalError } from './errors.js';
import { InvalidEventInput, normalizeClientEvent, normalizeServerEvent } from './normalize.js';
import { resolveOptions, type HubServerOptions, type ResolvedHubServerOptions } from './options.js';
import { HubRouter, SUBSCRIBE_TOPIC, UNSUBSCRIBE_TOPIC } from './router.js';
import { answerHandshake, refuseUpgrade } from './handshake.js';
import { HANDSHAKE_PATH, SessionTable, WEBSOCKET_PATH_PREFIX } from './sessions.js';

/** Counters of one hub server since it started. */
export interface HubServerStats {
  connections: number;
  subscriptions: number;
  pendingSessions: number;
  handshakes: number;
  handshakesRefused: number;
  upgradesRefused: number;
  /** Event packets received from clients (meta topics included). */
  eventsReceived: number;
  /** Events routed to subscribers (client and server published, meta topics excluded). */
  eventsRouted: number;
  /** Event frames sent (one per event and receiving connection). */
  deliveries: number;
  /** Subscriptions looked at while routing (grows with matching subscriptions, not all). */
  evaluations: number;
  /** Things refused with an ack `success: false`, a `7:::` packet or a close. */
  refusals: number;
  /** Socket errors (`ws` protocol errors such as frames over the size limit). */
  socketErrors: number;
  /** Connections closed by the server for silence, flooding or not reading (slow consumers). */
  closedByServer: number;
}

type PublishInput = Parameters<HubPublisher['publish']>[0];

/**
 * The event hub of the stand-in server: socket.io 0.9 handshake and
 * WebSocket, ftrack subscriptions and routing (protocol sections 5 and 6).
 * Mount `handleRequest` and `handleUpgrade` on one `http.Server`.
 *
 * @example
 * const hub = new HubServer({ authenticate: (user, key) => users.find((u) => u.username === user && u.apiKey === key) });
 * server.on('request', (req, res) => hub.handleRequest(req, res, new URL(req.url!, 'http://x')));
 * server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head, new URL(req.url!, 'http://x')) || socket.destroy());
 * hub.publish({ topic: 'ftrack.update', data: { entities: [] } });
 */
export class HubServer implements HubPublisher {
  readonly options: HubServerOptions;
  readonly #config: ResolvedHubServerOptions;
  readonly #logger: Logger;
  readonly #sessions: SessionTable;
  readonly #router: HubRouter<HubConnection>;
  readonly #connections = new Set<HubConnection>();
  readonly #wss: WebSocketServer;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Connections with deferred acks (see #scheduleAcks). */
  #ackQueue: HubConnection[] = [];
  #ackScheduled = false;
  readonly #counts = {
    handshakes: 0,
    handshakesRefused: 0,
    upgradesRefused: 0,
    eventsReceived: 0,
    refusals: 0,
    socketErrors: 0,
    closedByServer: 0,
  };

  constructor(options: HubServerOptions) {
    this.options = options;
    this.#config = resolveOptions(options);
    this.#logger = (options.logger ?? silentLogger).child({ name: 'hub-server' });
    this.#sessions = new SessionTable(this.#config.sessionTtlMs, this.#config.maxPendingSessions);
    this.#router = new HubRouter(this.#config.maxSubscriptionsPerConnection);
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: this.#config.maxFrameBytes, perMessageDeflate: false });
  }

  /** Handles `GET /socket.io/1/` (the handshake); false for other routes. */
  readonly handleRequest: RouteHandler = (req, res, url) => {
    if (url.pathname !== HANDSHAKE_PATH) return false;
    this.#handshake(req, res, url);
    return true;
  };

  /** Takes WebSocket upgrades on `/socket.io/1/websocket/<sid>`; false for other paths. */
  readonly handleUpgrade: UpgradeHandler = (req, socket, head, url) => {
    if (!url.pathname.startsWith(WEBSOCKET_PATH_PREFIX)) return false;
    socket.on('error', (error) => this.#logger.debug({ err: error }, 'hub upgrade socket error'));
    if (this.#closed) {
      this.#refuseUpgrade(socket, 503, 'The event hub is shutting down; reconnect to the new server.');
      return true;
    }
    // The JS client appends ?api_user&api_key; the session id alone authorises the socket.
    const sid = url.pathname.slice(WEBSOCKET_PATH_PREFIX.length).replace(/\/$/, '');
    const user = sid === '' ? undefined : this.#sessions.take(sid);
    if (!user) {
      this.#refuseUpgrade(socket, 403, 'Unknown, used or expired event hub session id; do the handshake GET /socket.io/1/ first (ids are single-use).');
      return true;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, user));
    return true;
  };

  /**
   * Publishes a server-originated event to every matching subscriber. Missing
   * fields are filled (`source` from `serverSource`). Returns the event id.
   * Throws {@link HubEventError} for an event without topic or with an invalid
   * target. Does nothing after `close()`.
   */
  publish(input: PublishInput): string {
    let id = '';
    try {
      const event = normalizeServerEvent(input, this.#config.serverSource);
      id = event.id;
      if (this.#closed) return id;
      this.#router.route(event);
    } catch (error) {
      if (error instanceof InvalidEventInput || error instanceof HubRefusalError) {
        throw new HubEventError(`Cannot publish the event: ${error.message}`, { cause: error });
      }
      throw new HubEventError(`Cannot publish the event (is its data JSON-serialisable?): ${String(error)}`, { cause: error });
    }
    return id;
  }

  /** Abruptly terminates every client socket (tests of reconnects). */
  dropAllConnections(): void {
    for (const connection of this.#connections) connection.terminate();
  }

  /** Number of open client connections. */
  connectionCount(): number {
    return this.#connections.size;
  }

  stats(): HubServerStats {
    return {
      ...this.#counts,
      connections: this.#connections.size,
      subscriptions: this.#router.index.size,
      pendingSessions: this.#sessions.size,
      eventsRouted: this.#router.routed,
      deliveries: this.#router.deliveries,
      evaluations: this.#router.index.evaluations,
    };
  }

  /** Closes every client socket (close code 1001), stops the timers and refuses new handshakes. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed && this.#connections.size === 0) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sessions.clear();
    const closed = [...this.#connections].map(
      (connection) => new Promise<void>((resolve) => {
        if (connection.socket.readyState === connection.socket.CLOSED) resolve();
        else connection.socket.once('close', () => resolve());
      }),
    );
    for (const connection of this.#connections) connection.close(CLOSE_CODES.goingAway, 'server closing');
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (grace = setTimeout(resolve, 1000)))]);
    clearTimeout(grace);
    for (const connection of this.#connections) connection.terminate();
    this.#connections.clear();
    this.#router.index.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #handshake(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const outcome = answerHandshake(req, res, url, {
      closed: this.#closed,
      authenticate: this.#config.authenticate,
      sessions: this.#sessions,
      timeoutS: Math.ceil(this.#config.clientTimeoutMs / 1000),
      logger: this.#logger,
    });
    if (outcome === 'accepted') this.#counts.handshakes += 1;
    else if (outcome === 'refused') this.#counts.handshakesRefused += 1;
  }

  #refuseUpgrade(socket: Duplex, status: number, body: string): void {
    this.#counts.upgradesRefused += 1;
    refuseUpgrade(socket, status, body);
  }

  #accept(ws: WebSocket, user: StandinUser): void {
    const id = randomUUID();
    const connection = new HubConnection({
      id,
      user,
      socket: ws,
      logger: this.#logger,
      maxBufferedBytes: this.#config.maxBufferedBytes,
      subscribeBurst: this.#config.subscribeBurst,
      subscribeRatePerSecond: this.#config.subscribeRatePerSecond,
    });
    if (this.#closed) {
      connection.close(CLOSE_CODES.goingAway, 'server closing');
      return;
    }
    this.#connections.add(connection);
    ws.on('error', (error) => {
      // ws reports protocol errors (frame over maxPayload → 1009, bad UTF-8 → 1007) here, then closes.
      this.#counts.socketErrors += 1;
      this.#logger.info({ connection: id, err: error }, 'event hub client socket error');
    });
    ws.on('message', (data: RawData, isBinary: boolean) => this.#onFrame(connection, data, isBinary));
    ws.on('close', (code: number) => {
      this.#connections.delete(connection);
      const removed = this.#router.removeConnection(connection);
      if (connection.slowConsumer) this.#counts.closedByServer += 1;
      this.#logger.debug({ connection: id, code, subscriptions: removed }, 'event hub client disconnected');
    });
    this.#logger.debug({ connection: id, user: user.username }, 'event hub client connected');
    connection.send('1::');
    this.#startTimer();
  }

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#tick(), this.#config.heartbeatIntervalMs);
    this.#timer.unref();
  }

  #tick(): void {
    const now = Date.now();
    for (const connection of this.#connections) {
      if (now - connection.lastSeenAt > this.#config.clientTimeoutMs) {
        this.#counts.closedByServer += 1;
        this.#logger.info({ connection: connection.id }, 'event hub client silent for too long; closing it');
        connection.close(CLOSE_CODES.policyViolation, 'FTRACK_ERR_HUB_CLIENT_SILENT');
        continue;
      }
      connection.sendHeartbeat();
    }
    this.#sessions.sweep();
    if (this.#connections.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #onFrame(connection: HubConnection, data: RawData, isBinary: boolean): void {
    connection.touch();
    if (isBinary) {
      this.#refuse(connection, new HubRefusalError('FTRACK_ERR_HUB_FRAME_BINARY', 'binary frames are not part of the protocol; send text'));
      return;
    }
    const frame = rawDataToString(data);
    const type = /^([0-9]+):/.exec(frame);
    if (type && (type[1]!.length > 1 || type[1] === '9')) {
      this.#refuse(connection, new HubRefusalError('FTRACK_ERR_HUB_PACKET_UNSUPPORTED', `unknown packet type ${type[1]}; types are 0-8`));
      return;
    }
    let packet: Packet;
    try {
      packet = decodePacket(frame);
    } catch (error) {
      const message = error instanceof PacketDecodeError ? error.message : String(error);
      this.#refuse(connection, new HubRefusalError('FTRACK_ERR_HUB_FRAME_MALFORMED', message, { cause: error }));
      return;
    }
    switch (packet.type) {
      case 'event':
        this.#onEvent(connection, packet);
        return;
      case 'disconnect':
        connection.close(1000, 'client disconnected');
        return;
      case 'message':
      case 'json':
        this.#refuse(
          connection,
          new HubRefusalError('FTRACK_ERR_HUB_PACKET_UNSUPPORTED', `${packet.type} packets are not used by ftrack; publish events (type 5)`),
          packet.id,
        );
        return;
      case 'error':
        this.#logger.info({ connection: connection.id, reason: packet.data }, 'event hub client sent an error packet');
        return;
      default:
        // heartbeat replies (2:: / 2:::), connect, ack and noop: nothing to do beyond touch().
        return;
    }
  }

  #onEvent(connection: HubConnection, packet: Packet): void {
    this.#counts.eventsReceived += 1;
    try {
      let payload: unknown;
      try {
        const { name, args } = decodeEventData(packet.data ?? '');
        if (name !== 'ftrack.event') throw new InvalidEventInput(`unknown event name ${JSON.stringify(name)}; ftrack uses "ftrack.event"`);
        payload = args[0];
      } catch (error) {
        if (error instanceof PacketDecodeError) throw new InvalidEventInput(error.message);
        throw error;
      }
      const event = normalizeClientEvent(payload, connection.user, connection.id);
      if (event.topic === SUBSCRIBE_TOPIC || event.topic === UNSUBSCRIBE_TOPIC) {
        if (!connection.takeSubscribeToken()) {
          this.#flood(connection, packet.id);
          return;
        }
        if (event.topic === SUBSCRIBE_TOPIC) this.#router.subscribe(connection, event.data);
        else this.#router.unsubscribe(connection, event.data);
      } else {
        this.#router.route(event);
      }
      if (packet.id !== undefined && connection.queueAck(packet.id)) this.#scheduleAcks(connection);
    } catch (error) {
      this.#refuse(connection, this.#asRefusal(error), packet.id);
    }
  }

  /**
   * Acks of successful events go out once per event-loop turn (`setImmediate`),
   * after every delivery of the frames read in that turn, and each connection's
   * acks in one write. Refusals and closes send the pending acks of their
   * connection first, so acks keep their order.
   */
  #scheduleAcks(connection: HubConnection): void {
    this.#ackQueue.push(connection);
    if (this.#ackScheduled) return;
    this.#ackScheduled = true;
    setImmediate(this.#flushAcks);
  }

  readonly #flushAcks = (): void => {
    this.#ackScheduled = false;
    const queue = this.#ackQueue;
    this.#ackQueue = [];
    for (const connection of queue) connection.flushAcks();
  };

  #asRefusal(error: unknown): HubRefusalError {
    if (error instanceof HubRefusalError) return error;
    if (error instanceof InvalidEventInput) return new HubRefusalError('FTRACK_ERR_HUB_EVENT_INVALID', error.message, { cause: error });
    this.#logger.error({ err: error }, 'event hub failed to handle a client event');
    return new HubRefusalError('FTRACK_ERR_HUB_INTERNAL', 'the server failed to handle this event', { cause: error });
  }

  #flood(connection: HubConnection, ackId: number | undefined): void {
    const refusal = new HubRefusalError(
      'FTRACK_ERR_HUB_SUBSCRIPTION_FLOOD',
      `more than ${this.#config.subscribeBurst} subscribe/unsubscribe events at over ${this.#config.subscribeRatePerSecond}/s; closing`,
    );
    this.#refuse(connection, refusal, ackId);
    this.#counts.closedByServer += 1;
    connection.close(CLOSE_CODES.policyViolation, refusal.code);
  }

  /** Tells the client: an ack with `success: false` when it asked for one, else a `7:::` error packet. */
  #refuse(connection: HubConnection, refusal: HubRefusalError, ackId?: number): void {
    this.#counts.refusals += 1;
    this.#logger.info({ connection: connection.id, code: refusal.code, reason: refusal.message }, 'event hub refused client input');
    if (ackId !== undefined) connection.sendAck(ackId, { success: false, message: refusal.reason });
    else connection.sendError(refusal.reason);
  }
}
