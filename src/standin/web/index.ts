import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler, StandinContext, StandinUser } from '../context.js';
import { cachedAssets, buildWebAssets, type WebAssets } from './bundle.js';

/**
 * The action panel page of the stand-in server: `/`, its script and
 * stylesheet (built in memory by esbuild on first request), and two small
 * JSON endpoints that let the page sign in as a stand-in user.
 *
 * The page is a local development tool: `/web/users` and `/web/session` hand
 * out API keys, so they answer loopback clients only, and only when the
 * `Host` header is a loopback name (no DNS rebinding).
 */

export { buildWebAssets, WebBuildError, CLIENT_DIR, type WebAssets } from './bundle.js';

/** Options of {@link createWebRoutes} (tests inject a prebuilt or failing bundle). */
export interface WebRoutesOptions {
  /** Builds the page; defaults to esbuild over `src/standin/web/client/`. */
  build?: () => Promise<WebAssets>;
}

/** Username the page signs in as when none is chosen. */
export const DEFAULT_WEB_USER = 'demo';

/** Public part of a user, as listed by `GET /web/users`. */
export interface WebUserSummary {
  username: string;
  id: string;
  name: string;
  roles: string[];
}

/** Answer of `GET /web/session?user=<username>`. */
export interface WebSession {
  username: string;
  apiKey: string;
  userId: string;
  roles: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when the request comes from this machine. */
export function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return LOOPBACK.has(address) || address.startsWith('127.');
}

/**
 * True when the `Host` header names this machine by a loopback name
 * (`127.0.0.1`, `localhost`, `[::1]`, each with an optional port). A page of
 * another site that rebinds its DNS name to 127.0.0.1 reaches the stand-in
 * from loopback but still sends its own name here, so it cannot read keys.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d{1,5}))?$/i.exec(host.trim());
  return match !== null && (match[2] === undefined || Number(match[2]) <= 65_535);
}

function securityHeaders(req: IncomingMessage): Record<string, string> {
  const host = req.headers.host ?? '';
  // Everything the page loads comes from the stand-in itself: no CDN, no fonts.
  const csp = [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${host ? ` ws://${host}` : ''}`,
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function summary(user: StandinUser): WebUserSummary {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return { username: user.username, id: user.id, name: name || user.username, roles: [...user.roles] };
}

/** Routes of the action panel page (`/` and its assets). */
export function createWebRoutes(context: StandinContext, options: WebRoutesOptions = {}): RouteHandler {
  const logger = context.logger.child({ name: 'web' });
  const assets = cachedAssets(options.build ?? (() => buildWebAssets()));

  async function serveAsset(req: IncomingMessage, res: ServerResponse, pick: (a: WebAssets) => string, type: string): Promise<void> {
    try {
      const built = await assets();
      send(res, 200, type, pick(built), securityHeaders(req));
    } catch (error) {
      logger.error({ err: error }, 'cannot build the action panel page');
      const message = error instanceof Error ? error.message : String(error);
      send(res, 500, 'text/plain; charset=utf-8', message);
    }
  }

  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    switch (url.pathname) {
      case '/':
      case '/index.html':
        await serveAsset(req, res, (a) => a.html, 'text/html; charset=utf-8');
        return true;
      case '/web/app.js':
        await serveAsset(req, res, (a) => a.script, 'text/javascript; charset=utf-8');
        return true;
      case '/web/app.css':
        await serveAsset(req, res, (a) => a.css, 'text/css; charset=utf-8');
        return true;
      case '/web/users':
      case '/web/session': {
        if (!isLoopback(req) || !isLoopbackHost(req.headers.host)) {
          sendJson(res, 403, {
            exception: 'PermissionError',
            content:
              'The action panel hands out API keys and answers only on this machine (loopback): open it as http://127.0.0.1:<port>/ or http://localhost:<port>/.',
          });
          return true;
        }
        const users = context.users();
        if (url.pathname === '/web/users') {
          sendJson(res, 200, { users: users.map(summary), defaultUser: DEFAULT_WEB_USER });
          return true;
        }
        const wanted = url.searchParams.get('user') || DEFAULT_WEB_USER;
        const user = users.find((u) => u.username === wanted) ?? (url.searchParams.get('user') ? undefined : users[0]);
        if (user === undefined) {
          sendJson(res, 404, { exception: 'ValidationError', content: `No stand-in user named ${JSON.stringify(wanted)}.` });
          return true;
        }
        const session: WebSession = { username: user.username, apiKey: user.apiKey, userId: user.id, roles: [...user.roles] };
        sendJson(res, 200, session);
        return true;
      }
      default:
        return false;
    }
  };
}
