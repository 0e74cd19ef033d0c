import { HubAuthenticationError, HubConnectionError, PacketDecodeError } from './errors.js';
import { parseHandshake, type Handshake } from './packet.js';

/**
 * The HTTP half of connecting: `GET {origin}/socket.io/1/` → session id, then
 * the WebSocket URL for that id. No Node imports (uses `fetch`).
 *
 * Auth goes both ways the official clients use: headers `ftrack-user` /
 * `ftrack-api-key` (Python) and query `api_user` / `api_key` (JavaScript), so
 * any ftrack-compatible server accepts it. As in the Python client, a path in
 * the server URL is dropped: the hub lives at the root.
 */
// ftrack_api equiv: event/hub.py EventHub._get_socket_io_session

/** The handshake URL, with credentials in the query. Never log it: use {@link redactUrl}. */
export function handshakeUrl(serverUrl: string, apiUser: string, apiKey: string): URL {
  const url = new URL('/socket.io/1/', serverUrl);
  url.searchParams.set('api_user', apiUser);
  url.searchParams.set('api_key', apiKey);
  return url;
}

/** `ws(s)://{host}/socket.io/1/websocket/<sid>` (wss for https servers). */
export function websocketUrl(serverUrl: string, sessionId: string): string {
  const url = new URL(`/socket.io/1/websocket/${encodeURIComponent(sessionId)}`, serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** A URL safe for logs and messages: origin and path, no query (which may hold the API key). */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '[invalid url]';
  }
}

export interface HandshakeOptions {
  fetch?: typeof fetch;
  /** Extra headers (e.g. `ftrack-strict-api`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Runs the handshake. Rejects with {@link HubAuthenticationError} on 401/403
 * (do not retry) and {@link HubConnectionError} otherwise (retry).
 */
export async function requestHandshake(serverUrl: string, apiUser: string, apiKey: string, options: HandshakeOptions = {}): Promise<Handshake> {
  let url: URL;
  try {
    url = handshakeUrl(serverUrl, apiUser, apiKey);
  } catch (error) {
    throw new HubConnectionError(`the server URL ${JSON.stringify(serverUrl)} is not a valid URL`, { cause: error });
  }
  const safe = redactUrl(url);
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'GET',
      headers: { ...options.headers, 'ftrack-user': apiUser, 'ftrack-api-key': apiKey },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'AbortError' ? 'the handshake timed out' : `the handshake request to ${safe} failed`;
    throw new HubConnectionError(reason, { cause: error });
  }
  const body = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403) throw new HubAuthenticationError(response.status, safe);
  if (response.status !== 200) throw new HubConnectionError(`the handshake at ${safe} answered HTTP ${response.status}`);
  let handshake: Handshake;
  try {
    handshake = parseHandshake(body);
  } catch (error) {
    if (error instanceof PacketDecodeError) throw new HubConnectionError(`the handshake at ${safe} gave an unreadable answer`, { cause: error });
    throw error;
  }
  if (!handshake.transports.includes('websocket')) {
    throw new HubConnectionError(`the server at ${safe} does not offer the websocket transport`);
  }
  return handshake;
}
