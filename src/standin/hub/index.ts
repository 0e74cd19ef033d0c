// The event hub of the stand-in server (socket.io 0.9 handshake + WebSocket, ftrack routing).
export { HubServer, type HubServerStats } from './hub-server.js';
export {
  DEFAULT_CLIENT_TIMEOUT_MS,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_PENDING_SESSIONS,
  DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
  DEFAULT_SERVER_SOURCE,
  DEFAULT_SESSION_TTL_MS,
  DEFAULT_SUBSCRIBE_BURST,
  DEFAULT_SUBSCRIBE_RATE_PER_SECOND,
  type HubServerOptions,
} from './options.js';
export { HubEventError, HubRefusalError, HUB_REFUSAL_CODES, type HubRefusalCode } from './errors.js';
export { sentTimestamp, type RoutedEvent } from './normalize.js';
