import type { StandinUser } from '../context.js';
import type { Logger } from '../../logger.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../../event/options.js';

/** Interval of the `2::` heartbeats the server sends (the JS client gives up after 15 s without one). */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
/** A connection that sent nothing (not even a heartbeat reply) for this long is closed. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 60_000;
/** A handshake session id that is not used for a WebSocket within this time expires. */
export const DEFAULT_SESSION_TTL_MS = 60_000;
/** Most handshake session ids waiting for their WebSocket at once. */
export const DEFAULT_MAX_PENDING_SESSIONS = 10_000;
/** Largest accepted WebSocket frame: the same constant as the EventHub client's publish limit. */
export { DEFAULT_MAX_FRAME_BYTES };
/** Most subscriptions one connection may hold. */
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 10_000;
/** Subscribe events one connection may send in a burst (a reconnect re-sends every subscriber, Python twice). */
export const DEFAULT_SUBSCRIBE_BURST = 25_000;
/** Sustained subscribe events per second one connection may send once its burst is spent. */
export const DEFAULT_SUBSCRIBE_RATE_PER_SECOND = 2_500;
/** A connection whose unsent outgoing data exceeds this is closed as a slow consumer. */
export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** `source` of events published by the server itself (missing keys only). */
export const DEFAULT_SERVER_SOURCE: Readonly<Record<string, unknown>> = Object.freeze({
  id: 'ftrack-host.standin',
  applicationId: 'ftrack.server',
});

export interface HubServerOptions {
  /** Looks up a user by credentials (handshake auth by header or query). */
  authenticate: (username: string, apiKey: string) => StandinUser | undefined;
  /** Where the server logs (connections, refusals). Defaults to a silent logger. */
  logger?: Logger;
  /** Interval of `2::` heartbeats sent to each client, ms. Defaults to 10 000. */
  heartbeatIntervalMs?: number;
  /** A client silent (no frame at all) for longer than this is closed, ms. Defaults to 60 000. */
  clientTimeoutMs?: number;
  /** Unused handshake session ids expire after this, ms. Defaults to 60 000. */
  sessionTtlMs?: number;
  /** Most session ids waiting for their WebSocket; further handshakes get 503. Defaults to 10 000. */
  maxPendingSessions?: number;
  /** Largest accepted frame, bytes; bigger frames close the connection (1009). Defaults to 1 MiB. */
  maxFrameBytes?: number;
  /** Most subscriptions one connection may hold. Defaults to 10 000. */
  maxSubscriptionsPerConnection?: number;
  /** Subscribe events one connection may send in a burst before the rate applies. Defaults to 25 000. */
  subscribeBurst?: number;
  /** Sustained subscribe events per second per connection; beyond burst + rate the connection is closed. Defaults to 2 500. */
  subscribeRatePerSecond?: number;
  /** Unsent outgoing bytes after which a connection is closed as a slow consumer. Defaults to 64 MiB. */
  maxBufferedBytes?: number;
  /** Defaults for `source` of events published through `publish()`. Defaults to {@link DEFAULT_SERVER_SOURCE}. */
  serverSource?: Record<string, unknown>;
}

/** Options with every default applied. */
export type ResolvedHubServerOptions = Required<Omit<HubServerOptions, 'logger'>> & Pick<HubServerOptions, 'logger'>;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`HubServer option ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

export function resolveOptions(options: HubServerOptions): ResolvedHubServerOptions {
  if (typeof options.authenticate !== 'function') {
    throw new TypeError('HubServer needs an authenticate(username, apiKey) function');
  }
  return {
    authenticate: options.authenticate,
    logger: options.logger,
    heartbeatIntervalMs: positive('heartbeatIntervalMs', options.heartbeatIntervalMs, DEFAULT_HEARTBEAT_INTERVAL_MS),
    clientTimeoutMs: positive('clientTimeoutMs', options.clientTimeoutMs, DEFAULT_CLIENT_TIMEOUT_MS),
    sessionTtlMs: positive('sessionTtlMs', options.sessionTtlMs, DEFAULT_SESSION_TTL_MS),
    maxPendingSessions: positive('maxPendingSessions', options.maxPendingSessions, DEFAULT_MAX_PENDING_SESSIONS),
    maxFrameBytes: positive('maxFrameBytes', options.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES),
    maxSubscriptionsPerConnection: positive(
      'maxSubscriptionsPerConnection',
      options.maxSubscriptionsPerConnection,
      DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    ),
    subscribeBurst: positive('subscribeBurst', options.subscribeBurst, DEFAULT_SUBSCRIBE_BURST),
    subscribeRatePerSecond: positive('subscribeRatePerSecond', options.subscribeRatePerSecond, DEFAULT_SUBSCRIBE_RATE_PER_SECOND),
    maxBufferedBytes: positive('maxBufferedBytes', options.maxBufferedBytes, DEFAULT_MAX_BUFFERED_BYTES),
    serverSource: options.serverSource ?? { ...DEFAULT_SERVER_SOURCE },
  };
}
