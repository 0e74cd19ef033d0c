import type { RawData, WebSocket } from 'ws';
import { corkUntilNextTick } from '../../internal/cork.js';
import { encodeAck, encodePacket } from '../../socketio/packet.js';
import type { StandinUser } from '../context.js';
import type { Logger } from '../../logger.js';

/** WebSocket close codes the hub server uses. */
export const CLOSE_CODES = {
  /** The server is shutting down. */
  goingAway: 1001,
  /** The client broke a limit (subscription flood). */
  policyViolation: 1008,
  /** Frame over `maxFrameBytes` (sent by `ws` itself). */
  tooBig: 1009,
} as const;

/** The ack payload Python reads (protocol 5.3): always an object inside a one-element array. */
export type AckPayload = { success: true } | { success: false; message: string };

export interface HubConnectionOptions {
  id: string;
  user: StandinUser;
  socket: WebSocket;
  logger: Logger;
  maxBufferedBytes: number;
  subscribeBurst: number;
  subscribeRatePerSecond: number;
  now?: () => number;
}

const SUCCESS: AckPayload = { success: true };

/** Text of a `message` event of `ws`, whatever buffer shape it arrives in. */
export function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/**
 * One client WebSocket on the hub server. Knows how to send the few frames
 * the official clients accept (events, acks, heartbeats, errors), when the
 * client was last heard from, and its subscribe budget. Routing lives in
 * the router; the server wires the socket's events.
 */
export class HubConnection {
  readonly id: string;
  readonly user: StandinUser;
  readonly socket: WebSocket;
  readonly logger: Logger;
  readonly openedAt: number;
  /** When the last frame (of any kind) arrived from the client. */
  lastSeenAt: number;
  /** Frames sent to this client. */
  framesSent = 0;
  /** Frames received from this client. */
  framesReceived = 0;
  readonly #maxBufferedBytes: number;
  readonly #burst: number;
  readonly #ratePerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #refilledAt: number;
  #closing = false;
  /** Ids of successful events whose ack is deferred (see {@link queueAck}). */
  #pendingAcks: number[] = [];
  /** Set when the server cut this client off because it stopped reading. */
  slowConsumer = false;

  constructor(options: HubConnectionOptions) {
    this.id = options.id;
    this.user = options.user;
    this.socket = options.socket;
    this.logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.openedAt = this.#now();
    this.lastSeenAt = this.openedAt;
    this.#maxBufferedBytes = options.maxBufferedBytes;
    this.#burst = options.subscribeBurst;
    this.#ratePerMs = options.subscribeRatePerSecond / 1000;
    this.#tokens = this.#burst;
    this.#refilledAt = this.openedAt;
  }

  get isOpen(): boolean {
    return !this.#closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Marks the client as alive (any frame counts, heartbeat replies included). */
  touch(): void {
    this.lastSeenAt = this.#now();
    this.framesReceived += 1;
  }

  /**
   * Sends one text frame. A client that does not read (its unsent data over
   * `maxBufferedBytes`) is cut off rather than growing server memory.
   */
  send(frame: string): boolean {
    if (!this.isOpen) return false;
    if (this.socket.bufferedAmount > this.#maxBufferedBytes) {
      this.logger.warn({ connection: this.id, buffered: this.socket.bufferedAmount }, 'hub client does not read; closing it');
      this.slowConsumer = true;
      this.terminate();
      return false;
    }
    corkUntilNextTick(this.socket); // the frames of one incoming chunk leave in one write
    this.socket.send(frame);
    this.framesSent += 1;
    return true;
  }

  /** `6:::<id>+[{"success":…}]`, the only ack shape Python survives. Sends deferred acks first, so acks keep their order. */
  sendAck(id: number, payload: AckPayload): boolean {
    this.flushAcks();
    return this.send(encodeAck(id, [payload]));
  }

  /**
   * Defers the `success: true` ack of `id` until {@link flushAcks} (the server
   * calls it once per event-loop turn), so the deliveries of the event leave
   * and are read first. True when this is the first deferred ack (the caller
   * must then schedule the flush).
   */
  queueAck(id: number): boolean {
    this.#pendingAcks.push(id);
    return this.#pendingAcks.length === 1;
  }

  /** Sends every deferred ack, in order. */
  flushAcks(): void {
    if (this.#pendingAcks.length === 0) return;
    const ids = this.#pendingAcks;
    this.#pendingAcks = [];
    for (const id of ids) this.send(encodeAck(id, [SUCCESS]));
  }

  /** `7:::<reason>`: the JS client reconnects, Python logs it. */
  sendError(reason: string): boolean {
    this.flushAcks();
    return this.send(encodePacket({ type: 'error', endpoint: '', data: reason }));
  }

  sendHeartbeat(): boolean {
    return this.send('2::');
  }

  /** Takes one unit of the subscribe budget (token bucket); false when the client floods. */
  takeSubscribeToken(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#refilledAt) * this.#ratePerMs);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Closes with a WebSocket close frame carrying `reason` (at most 123 bytes). */
  close(code: number, reason: string): void {
    if (this.#closing) return;
    this.flushAcks();
    this.#closing = true;
    try {
      this.socket.close(code, Buffer.byteLength(reason) > 123 ? reason.slice(0, 100) : reason);
    } catch (error) {
      this.logger.debug({ connection: this.id, err: error }, 'closing a hub client failed; terminating it');
      this.socket.terminate();
    }
  }

  /** Drops the TCP connection at once (no close frame). */
  terminate(): void {
    this.#closing = true;
    this.socket.terminate();
  }
}
