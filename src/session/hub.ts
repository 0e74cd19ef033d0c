import type { Logger } from '../logger.js';
import { EventHub } from '../event/index.js';
import type { SessionAuthentication } from './authentication.js';

/** The session's event hub (`session.eventHub`). */
export type SessionEventHub = EventHub;

/**
 * Builds the session's event hub: the one place it is created. The
 * handshake and WebSocket upgrade carry the authentication headers of
 * {@link SessionAuthentication}, the session's extra headers and cookies.
 * The hub derives its `{ name: 'hub' }` child logger from `logger`.
 */
export function createEventHub(
  serverUrl: string,
  auth: SessionAuthentication,
  options: { logger: Logger; headers?: Record<string, string>; cookie?: string; fetch?: typeof globalThis.fetch },
): SessionEventHub {
  const headers: Record<string, string> = { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) };
  auth.apply(headers);
  return new EventHub(serverUrl, auth.apiUser, auth.revealApiKey(), {
    logger: options.logger,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/**
 * Connects the hub for `autoConnectEventHub`. As in Python (which connects in
 * a background thread), a hub that cannot connect does not stop the session:
 * this returns after the first failed attempt, logging a warning, and the hub
 * keeps reconnecting on its own.
 */
export async function connectWithoutBlocking(hub: SessionEventHub, logger: Logger): Promise<void> {
  let onStatus: ((status: { type: string; error?: Error; reason?: string }) => void) | undefined;
  const failed = new Promise<Error>((resolve) => {
    onStatus = (status) => {
      if (status.type === 'reconnecting' || status.type === 'closed' || status.type === 'disconnected') {
        resolve(status.error ?? new Error(status.reason ?? status.type));
      }
    };
    hub.on('status', onStatus);
  });
  const connected = hub.connect().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const error = await Promise.race([connected, failed]);
  hub.off('status', onStatus!);
  if (error) logger.warn({ err: error.message }, 'event hub did not connect; it keeps retrying in the background and API calls still work');
}
