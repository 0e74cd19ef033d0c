import { DEFAULT_RECONNECT_MAX_MS, DEFAULT_RECONNECT_MIN_MS, type BackoffPolicy } from '../internal/backoff.js';
import { nodeTimer, type Timer } from '../internal/timer.js';
import { silentLogger, type Logger } from '../logger.js';
import type { WebSocketFactory } from '../socketio/connection.js';

/** Silence after which the watchdog drops the socket and reconnects, ms. */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;
/** Time allowed for handshake + WebSocket open, ms. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** Time a sent publish waits for the server's ack, ms. */
export const DEFAULT_ACK_TIMEOUT_MS = 30_000;
/** Publishes nobody awaits share one ack request per this many ms, or after this many quiet ms (see EventHubOptions.ackWindowMs). */
export const DEFAULT_ACK_WINDOW_MS = 20;
/** At least every this many frames asks for an ack (see EventHubOptions.ackEveryFrames). */
export const DEFAULT_ACK_EVERY_FRAMES = 64;
/** Default timeout of `publishAndWaitForReply`, ms. */
export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;
/** How long an `onReply` callback without explicit timeout keeps listening, ms. */
export const DEFAULT_REPLY_RETENTION_MS = 10 * 60_000;
/** Default subscriber priority (lower runs first). */
export const DEFAULT_PRIORITY = 100;
/** `source.applicationId` of events we publish. */
export const DEFAULT_APPLICATION_ID = 'ftrack.host';
/** Largest frame a publish may produce, bytes (the stand-in server's default limit). */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** How many recent incoming event ids are remembered to drop re-deliveries. */
export const DEFAULT_DEDUPE_WINDOW = 10_000;

export interface EventHubOptions {
  /** Logger; a child `{ name: 'hub' }` is used. Defaults to a silent logger. */
  logger?: Logger;
  /** `source.applicationId` of published events. Defaults to `'ftrack.host'`. */
  applicationId?: string;
  /** Extra HTTP headers sent on the handshake and the WebSocket upgrade. */
  headers?: Record<string, string>;
  /** Reconnect after an unintended disconnect. Defaults to true. */
  autoReconnect?: boolean;
  /** Give up (state `closed`) after this many failed attempts in a row. Defaults to Infinity. */
  maxReconnectAttempts?: number;
  /** Reconnect backoff (jittered exponential). Defaults to 500 ms → 10 000 ms, factor 2, jitter 0.5. */
  backoff?: Partial<BackoffPolicy>;
  /** Drop the socket and reconnect after this much silence from the server, ms. Defaults to 30 000. */
  heartbeatTimeoutMs?: number;
  /** Time allowed for handshake + WebSocket open, ms. Defaults to 30 000. */
  connectTimeoutMs?: number;
  /**
   * Time a sent publish waits for the server's acknowledgement, ms. A lone
   * publish nobody awaited when it left counts from the next flush, frame
   * with an ack request or run of the window timer, at most `ackWindowMs`
   * later (never early). Defaults to 30 000.
   */
  ackTimeoutMs?: number;
  /**
   * A publish that somebody awaits (or attaches a handler to) asks the server
   * for its ack at once. Publishes nobody awaits share one ack request, since
   * acks are cumulative: the first frame sent when the oldest of them is this
   * many ms old carries it, and so does at least every `ackEveryFrames`th
   * frame; once no frame has gone out for one to two times this many ms, a
   * sync event asks for what is left. 0 asks for every publish's ack at once.
   * Defaults to 20.
   */
  ackWindowMs?: number;
  /**
   * At least every this many frames asks for an ack. It bounds how many
   * publishes nobody awaits are sent again after a reconnect (and may reach
   * receivers that do not drop re-deliveries twice). Defaults to 64.
   */
  ackEveryFrames?: number;
  /** Incoming event ids remembered to drop re-deliveries after a reconnect (a count; 0 turns it off). Defaults to 10 000. */
  dedupeWindow?: number;
  /** A publish whose frame is larger (UTF-8 bytes) rejects with HubEventTooLargeError instead of being sent. Defaults to 1 MiB. */
  maxFrameBytes?: number;
  /** WebSocket constructor (the `ws` package by default); inject a fake in tests. */
  WebSocket?: WebSocketFactory;
  /** `fetch` used for the handshake (global `fetch` by default). */
  fetch?: typeof fetch;
  /** Clock for heartbeats, reconnects and timeouts. Defaults to the real clock. */
  timer?: Timer;
  /** Random source for jitter, [0, 1). Defaults to Math.random. */
  random?: () => number;
}

export interface ResolvedHubOptions {
  logger: Logger;
  applicationId: string;
  headers: Record<string, string>;
  autoReconnect: boolean;
  maxReconnectAttempts: number;
  backoff: BackoffPolicy;
  heartbeatTimeoutMs: number;
  connectTimeoutMs: number;
  ackTimeoutMs: number;
  ackWindowMs: number;
  ackEveryFrames: number;
  dedupeWindow: number;
  maxFrameBytes: number;
  WebSocket: WebSocketFactory | undefined;
  fetch: typeof fetch;
  timer: Timer;
  random: () => number;
}

export function resolveHubOptions(options: EventHubOptions = {}): ResolvedHubOptions {
  return {
    logger: (options.logger ?? silentLogger).child({ name: 'hub' }),
    applicationId: options.applicationId ?? DEFAULT_APPLICATION_ID,
    headers: { ...(options.headers ?? {}) },
    autoReconnect: options.autoReconnect ?? true,
    maxReconnectAttempts: options.maxReconnectAttempts ?? Infinity,
    backoff: {
      minMs: options.backoff?.minMs ?? DEFAULT_RECONNECT_MIN_MS,
      maxMs: options.backoff?.maxMs ?? DEFAULT_RECONNECT_MAX_MS,
      ...(options.backoff?.factor === undefined ? {} : { factor: options.backoff.factor }),
      ...(options.backoff?.jitter === undefined ? {} : { jitter: options.backoff.jitter }),
    },
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ackTimeoutMs: options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS,
    ackWindowMs: Math.max(0, options.ackWindowMs ?? DEFAULT_ACK_WINDOW_MS),
    ackEveryFrames: Number.isFinite(options.ackEveryFrames) ? Math.max(1, Math.floor(options.ackEveryFrames!)) : DEFAULT_ACK_EVERY_FRAMES,
    dedupeWindow: options.dedupeWindow ?? DEFAULT_DEDUPE_WINDOW,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    WebSocket: options.WebSocket,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timer: options.timer ?? nodeTimer,
    random: options.random ?? Math.random,
  };
}
