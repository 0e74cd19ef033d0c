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
