import { debuglog } from 'node:util';
import { EventEmitter } from 'eventemitter3';
import WebSocket from 'ws';
import type { Logger } from '../logger.js';
import { corkUntilNextTick } from '../internal/cork.js';
import { nodeTimer, type Timer, type TimerHandle } from '../internal/timer.js';
import { HubConnectionError, PacketDecodeError } from './errors.js';
import { redactUrl } from './handshake.js';
import { decodePacket, type Packet } from './packet.js';

/**
 * One WebSocket carrying socket.io 0.9 frames (Node; `ws`). It answers server
 * heartbeats, runs a silence watchdog and reports `packet` and `close`. It
 * never reconnects: the owner (EventHub) decides that (STYLE 2).
 */

const trace = debuglog('ftrack');
const tracing = trace.enabled;

/** The part of the `ws` WebSocket API we use; inject a fake for tests. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate?(): void;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number, reason: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type WebSocketFactory = new (url: string, options?: { headers?: Record<string, string> }) => WebSocketLike;

const OPEN = 1;

export interface CloseInfo {
  /** Why: `'closed-by-server'`, `'heartbeat-timeout'`, `'server-disconnect'`, `'server-error'`, `'socket-error'`, or the reason given to close(). */
  reason: string;
  error?: Error;
}

export interface ConnectionOptions {
  /** The WebSocket URL (`ws://host/socket.io/1/websocket/<sid>`). */
  url: string;
  headers?: Record<string, string>;
  WebSocket?: WebSocketFactory;
  logger: Logger;
  timer?: Timer;
  /** Time allowed for the socket to open, ms. */
  connectTimeoutMs: number;
  /** Close with `'heartbeat-timeout'` after this much silence, ms (Infinity = off). */
  heartbeatTimeoutMs: number;
}

interface ConnectionEvents {
  packet: [packet: Packet];
  /** A `7` packet that does not ask for a reconnect; the connection stays open. */
  'error-packet': [data: string];
  heartbeat: [at: number];
  close: [info: CloseInfo];
}

export class Connection extends EventEmitter<ConnectionEvents> {
  readonly #socket: WebSocketLike;
  readonly #logger: Logger;
  readonly #timer: Timer;
  readonly #heartbeatTimeoutMs: number;
  #watchdog: TimerHandle | undefined;
  #closed = false;
  /** Time of the last frame received (any frame proves the server is alive). */
  lastFrameAt: number;

  private constructor(socket: WebSocketLike, options: ConnectionOptions) {
    super();
    this.#socket = socket;
    this.#logger = options.logger;
    this.#timer = options.timer ?? nodeTimer;
    this.#heartbeatTimeoutMs = options.heartbeatTimeoutMs;
    this.lastFrameAt = this.#timer.now();
  }

  /** Opens the socket; rejects with {@link HubConnectionError} on error or timeout. */
  static open(options: ConnectionOptions): Promise<Connection> {
    const Factory = options.WebSocket ?? (WebSocket as unknown as WebSocketFactory);
    const timer = options.timer ?? nodeTimer;
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new Factory(options.url, { headers: options.headers ?? {} });
      } catch (error) {
        reject(new HubConnectionError(`cannot open a WebSocket to ${redactUrl(options.url)}`, { cause: error }));
        return;
      }
      const connection = new Connection(socket, options);
      const where = `the WebSocket to ${redactUrl(options.url)}`;
      let settled = false;
      /** Before the socket opened: reject once; the connection counts as closed, so later socket events are ignored. */
      const fail = (error: HubConnectionError): void => {
        settled = true;
        timeout.cancel();
        connection.#closed = true;
        reject(error);
      };
      const timeout = timer.setTimeout(() => {
        if (settled) return;
        fail(new HubConnectionError(`${where} did not open within ${options.connectTimeoutMs} ms`));
        connection.#terminate();
      }, options.connectTimeoutMs);
      socket.on('open', () => {
        if (settled) return;
        settled = true;
        timeout.cancel();
        connection.#armWatchdog();
        resolve(connection);
      });
      socket.on('error', (error) => {
        if (settled) connection.#finish({ reason: 'socket-error', error });
        else fail(new HubConnectionError(`${where} failed`, { cause: error }));
      });
      socket.on('close', (code) => {
        if (settled) connection.#finish({ reason: 'closed-by-server' });
        else fail(new HubConnectionError(`${where} closed before opening (code ${code})`));
      });
      socket.on('message', (data, isBinary) => connection.#onMessage(data, isBinary));
    });
  }

  get isOpen(): boolean {
    return !this.#closed && this.#socket.readyState === OPEN;
  }

  /**
   * Sends one frame; false when the socket is not open (the frame is dropped).
   * By default the socket stays corked until the next tick, so a burst of
   * frames leaves in one write; `now` writes at once (a lone frame, where the
   * wait for the end of the tick would only add latency). Frames keep their
   * order either way.
   */
  send(frame: string, now = false): boolean {
    if (!this.isOpen) return false;
    if (tracing) trace('send %s', frame.length > 200 ? `${frame.slice(0, 200)}…` : frame);
    if (!now) corkUntilNextTick(this.#socket);
    this.#socket.send(frame);
    return true;
  }

  /** Closes the socket now and emits `close` once with `reason`. */
  close(reason = 'client'): void {
    this.#abort({ reason });
  }

  /** Reports `info` first (so the socket's own close event cannot change the reason), then drops the socket. */
  #abort(info: CloseInfo): void {
    if (this.#closed) return;
    this.#finish(info);
    this.#terminate();
  }

  #terminate(): void {
    try {
      if (this.#socket.terminate) this.#socket.terminate();
      else this.#socket.close(1000, 'client');
    } catch {
      // the socket may already be gone; closing is best effort
    }
  }

  #finish(info: CloseInfo): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#watchdog?.cancel();
    this.#watchdog = undefined;
    this.emit('close', info);
  }

  #armWatchdog(): void {
    if (!Number.isFinite(this.#heartbeatTimeoutMs)) return;
    this.#watchdog?.cancel();
    const ms = this.#heartbeatTimeoutMs;
    const check = (): void => {
      if (this.#closed) return;
      const silentFor = this.#timer.now() - this.lastFrameAt;
      if (silentFor >= ms) {
        this.#logger.warn({ silentForMs: silentFor }, 'event hub went silent; dropping the socket');
        this.#abort({ reason: 'heartbeat-timeout' });
        return;
      }
      this.#watchdog = this.#timer.setTimeout(check, ms - silentFor);
    };
    this.#watchdog = this.#timer.setTimeout(check, ms);
  }

  #onMessage(data: unknown, isBinary: boolean): void {
    if (this.#closed) return;
    try {
      this.#onFrame(data, isBinary);
    } finally {
      // Stamped once the frame is handled: after an idle spell, reading the clock is a cold call the
      // event's way to its callback does without, and the watchdog needs no microseconds.
      this.lastFrameAt = this.#timer.now();
    }
  }

  #onFrame(data: unknown, isBinary: boolean): void {
    if (isBinary) {
      this.#logger.warn('ignoring a binary frame from the event hub (socket.io 0.9 frames are text)');
      return;
    }
    // ws hands text frames over as Buffers; toString() reads them as UTF-8 (String(buffer) does too, through
    // the slower generic conversion).
    const frame = typeof data === 'string' ? data : (data as { toString(): string }).toString();
    if (tracing) trace('recv %s', frame.length > 200 ? `${frame.slice(0, 200)}…` : frame);
    let packet: Packet;
    try {
      packet = decodePacket(frame);
    } catch (error) {
      if (!(error instanceof PacketDecodeError)) throw error;
      this.#logger.warn({ err: error.toJSON() }, 'ignoring a malformed frame from the event hub');
      return;
    }
    switch (packet.type) {
      case 'heartbeat':
        this.lastFrameAt = this.#timer.now();
        this.send('2::');
        this.emit('heartbeat', this.lastFrameAt);
        return;
      case 'disconnect':
        this.#abort({ reason: 'server-disconnect' });
        return;
      case 'error':
        // socket.io 0.9 error data is `reason[+advice]`; advice 0 means "reconnect" and reason 1
        // "client not handshaken". Any other error (e.g. a refused event) is reported and the
        // connection kept, as the Python client does: reconnecting would only resend the same frame.
        if (/^(1(\+\d*)?|\d*\+0)$/.test(packet.data ?? '')) {
          this.#logger.warn({ data: packet.data }, 'the event hub asked the client to reconnect');
          this.#abort({ reason: 'server-error' });
        } else {
          this.#logger.warn({ data: packet.data }, 'the event hub sent an error packet');
          this.emit('error-packet', packet.data ?? '');
        }
        return;
      case 'noop':
      case 'connect':
        return;
      default:
        this.emit('packet', packet);
    }
  }
}
