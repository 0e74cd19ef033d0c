import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StandinUser } from '../context.js';

/** Path of the socket.io 0.9 handshake (root path only, like the real server). */
export const HANDSHAKE_PATH = '/socket.io/1/';
/** Prefix of the WebSocket URL; the session id follows. */
export const WEBSOCKET_PATH_PREFIX = '/socket.io/1/websocket/';

/** Credentials found on a handshake request, and where. */
export interface HandshakeCredentials {
  username: string;
  apiKey: string;
  via: 'header' | 'query';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the credentials of a handshake: headers `ftrack-user` and
 * `ftrack-api-key` (Python client) win over the query parameters `api_user`
 * and `api_key` (JavaScript client). Undefined when neither pair is complete.
 */
export function readCredentials(req: IncomingMessage, url: URL): HandshakeCredentials | undefined {
  const headerUser = header(req, 'ftrack-user');
  const headerKey = header(req, 'ftrack-api-key');
  if (headerUser && headerKey) return { username: headerUser, apiKey: headerKey, via: 'header' };
  const queryUser = url.searchParams.get('api_user');
  const queryKey = url.searchParams.get('api_key');
  if (queryUser && queryKey) return { username: queryUser, apiKey: queryKey, via: 'query' };
  return undefined;
}

interface PendingSession {
  user: StandinUser;
  expiresAt: number;
}

/**
 * Handshake session ids waiting for their WebSocket. Each id is random,
 * single-use (taken by the first upgrade) and expires when unused.
 */
export class SessionTable {
  readonly #pending = new Map<string, PendingSession>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(ttlMs: number, max: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#max = max;
    this.#now = now;
  }

  /** A new session id for `user`, or undefined when too many are pending. */
  create(user: StandinUser): string | undefined {
    if (this.#pending.size >= this.#max) this.sweep();
    if (this.#pending.size >= this.#max) return undefined;
    // Hex only: the id travels in `sid:…` bodies and URL paths, so no ':' or '/'.
    const sid = randomBytes(16).toString('hex');
    this.#pending.set(sid, { user, expiresAt: this.#now() + this.#ttlMs });
    return sid;
  }

  /** Removes and returns the user of `sid`; undefined when unknown, used or expired. */
  take(sid: string): StandinUser | undefined {
    const session = this.#pending.get(sid);
    if (!session) return undefined;
    this.#pending.delete(sid);
    return session.expiresAt > this.#now() ? session.user : undefined;
  }

  /** Drops expired ids. */
  sweep(): void {
    const now = this.#now();
    for (const [sid, session] of this.#pending) {
      if (session.expiresAt <= now) this.#pending.delete(sid);
    }
  }

  get size(): number {
    return this.#pending.size;
  }

  clear(): void {
    this.#pending.clear();
  }
}
