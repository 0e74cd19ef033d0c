// PLACEHOLDER (owned by the hub-server work): replaced by the real hub server.
// The signatures below are the contract the stand-in server composes against.
import type { HubPublisher, RouteHandler, StandinUser, UpgradeHandler } from '../context.js';
import type { Logger } from '../../logger.js';

export interface HubServerOptions {
  /** Looks up a user by credentials (handshake auth by header or query). */
  authenticate: (username: string, apiKey: string) => StandinUser | undefined;
  logger?: Logger;
  /** Interval of `2::` heartbeats sent to each client, ms. Defaults to 10 000. */
  heartbeatIntervalMs?: number;
  /** Largest accepted frame, bytes. Defaults to 1 MiB. */
  maxFrameBytes?: number;
  /** Most subscriptions one connection may hold. Defaults to 10 000. */
  maxSubscriptionsPerConnection?: number;
}

export class HubServer implements HubPublisher {
  readonly options: HubServerOptions;
  constructor(options: HubServerOptions) {
    this.options = options;
  }
  /** Handles `GET /socket.io/1/`; false for other routes. */
  readonly handleRequest: RouteHandler = () => false;
  /** Takes WebSocket upgrades on `/socket.io/1/websocket/<sid>`; false for other paths. */
  readonly handleUpgrade: UpgradeHandler = () => false;
  publish(_event: Parameters<HubPublisher['publish']>[0]): void {}
  /** Abruptly terminates every client socket (tests of reconnects). */
  dropAllConnections(): void {}
  /** Number of open client connections. */
  connectionCount(): number {
    return 0;
  }
  async close(): Promise<void> {}
}
