import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ActionHandler, StandinContext, StandinUser } from './context.js';
import { silentLogger, type Logger } from '../logger.js';
import { DATA_DIR } from '../internal/paths.js';
import { HubServer } from './hub/index.js';
import { mountMedia, type MediaMount, type MediaOptions } from './media/index.js';
import { createWebRoutes } from './web/index.js';
import { createApiRouter } from './api/router.js';
import { registerBuiltinActions } from './api/actions.js';
import { SqliteStore } from './store/sqlite-store.js';
import { HmacUrlSigner } from './signer.js';
import { failResponse, sendJson } from './http.js';
import { UserRegistry, type StandinUserOption } from './users.js';
import { seedStore } from './seed.js';
import { changesToUpdateEvent, createChangeDescriber } from './api/update-events.js';

/** Most entities in one `ftrack.update` event; larger transactions publish several events. */
export const UPDATE_EVENT_MAX_ENTITIES = 200;

export interface StandinServerOptions {
  /** TCP port; 0 picks a free one. Defaults to 0. */
  port?: number;
  /** Interface to bind. Defaults to `127.0.0.1`. */
  host?: string;
  /** Folder of the database, media and keys. Defaults to a temporary folder removed on close. */
  dataDir?: string;
  /** Users to add or override; the first one becomes `apiUser`/`apiKey`. */
  users?: StandinUserOption[];
  logger?: Logger;
  media?: MediaOptions;
  /** Interval of hub heartbeats, ms. Defaults to the hub's 10 000. */
  heartbeatIntervalMs?: number;
  /** Largest `/api` request body, bytes. Defaults to 16 MiB. */
  maxBodyBytes?: number;
}

export interface StandinServer {
  /** Base URL, e.g. `http://127.0.0.1:43117`. */
  url: string;
  apiUser: string;
  apiKey: string;
  /** Closes sockets, hub, media and the database. Idempotent. */
  close(): Promise<void>;
  context: StandinContext;
  hub: HubServer;
  store: SqliteStore;
  users: UserRegistry;
}

/**
 * Starts the stand-in ftrack server: one HTTP server for `/api`, media
 * routes, the event hub and the web page, over a SQLite store.
 *
 * @example
 * const server = await createStandinServer();
 * const session = new Session(server.url, server.apiUser, server.apiKey);
 * // …
 * await server.close();
 */
export async function createStandinServer(options: StandinServerOptions = {}): Promise<StandinServer> {
  const logger = (options.logger ?? silentLogger).child({ name: 'standin' });
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ftrack-standin-'));
  mkdirSync(dataDir, { recursive: true });
  const mediaDir = join(dataDir, 'media');
  mkdirSync(mediaDir, { recursive: true });

  const users = new UserRegistry(dataDir, options.users);
  const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as Record<string, unknown>[];
  const store = new SqliteStore({ file: join(dataDir, 'ftrack.sqlite'), schemas, logger: logger.child({ name: 'store' }) });
  const signer = HmacUrlSigner.forDataDir(dataDir);
  const hub = new HubServer({
    authenticate: (username, apiKey) => users.authenticate(username, apiKey),
    logger: logger.child({ name: 'hub' }),
    ...(options.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
  });
  const closers: (() => Promise<void> | void)[] = [];
  let url = '';
  // The context is needed by the router before `url` is known: read it lazily.
  const context: StandinContext = {
    get url() {
      return url;
    },
    dataDir,
    mediaDir,
    logger,
    store,
    hub,
    signer,
    registerAction: (name: string, handler: ActionHandler) => api.registerAction(name, handler),
    authenticate: (username: string, apiKey: string): StandinUser | undefined => users.authenticate(username, apiKey),
    users: () => users.list(),
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  const api = createApiRouter(() => context, logger.child({ name: 'api' }), options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {});

  let server: Server | undefined;
  let media: MediaMount | undefined;
  try {
    registerBuiltinActions(context, {
      // A User created through the API has no key yet: reset_remote gives it one (and API access).
      resetApiKey: (id) => {
        const known = users.resetApiKey(id);
        if (known !== undefined) return known;
        const entity = store.get('User', id);
        if (!entity || typeof entity.username !== 'string' || users.list().some((u) => u.username === entity.username)) return undefined;
        return users.add({ id, username: entity.username, roles: ['User'] }).apiKey;
      },
    });
    seedStore({ store, users: users.list(), mediaDir });
    media = mountMedia(context, options.media ?? {});
    const mounted = media;
    const web = createWebRoutes(context);
    const describe = createChangeDescriber(store);
    store.onChange((changes) => {
      // One event per committed transaction, split so a huge batch does not make one huge frame.
      for (let i = 0; i < changes.length; i += UPDATE_EVENT_MAX_ENTITIES) {
        const event = changesToUpdateEvent(changes.slice(i, i + UPDATE_EVENT_MAX_ENTITIES), api.currentScope(), describe);
        try {
          hub.publish(event);
        } catch (error) {
          logger.warn({ err: error }, 'publishing ftrack.update failed');
        }
      }
    });

    const routes = [hub.handleRequest, api.route, mounted.routes, web];
    const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const requestUrl = new URL(req.url ?? '/', 'http://standin.invalid');
      try {
        for (const route of routes) {
          if (await route(req, res, requestUrl)) return;
        }
        sendJson(res, 404, { exception: 'NotFoundError', content: `No route for ${req.method} ${requestUrl.pathname}.`, error_code: null });
      } catch (error) {
        logger.error({ err: error, path: requestUrl.pathname }, 'request failed');
        failResponse(res);
      }
    };
    server = createServer((req, res) => void onRequest(req, res));
    server.on('upgrade', (req, socket, head) => {
      const requestUrl = new URL(req.url ?? '/', 'http://standin.invalid');
      if (!hub.handleUpgrade(req, socket, head, requestUrl)) socket.destroy();
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    // Longer than client pools keep idle sockets, so a reused socket is not closed under a request.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(options.port ?? 0, host, () => {
        server!.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info({ url, dataDir: temporary ? '(temporary)' : dataDir }, 'stand-in server listening');

    // Computed URLs are signed, so a browser or a bare HTTP client can fetch them (1 day).
    store.urlFor = (kind, id) => `${url}${signer.sign(kind === 'thumbnail' ? '/component/thumbnail' : '/component/get', { id }, 86_400)}`;
    const first = users.list()[0]!;
    let closing: Promise<void> | undefined;
    const httpServer = server;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        for (const fn of closers.reverse()) {
          try {
            await fn();
          } catch (error) {
            logger.warn({ err: error }, 'close hook failed');
          }
        }
        await mounted.close().catch((error: unknown) => logger.warn({ err: error }, 'closing media failed'));
        await hub.close().catch((error: unknown) => logger.warn({ err: error }, 'closing hub failed'));
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        });
        store.close();
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
        logger.info('stand-in server closed');
      })();
      return closing;
    };
    return { url, apiUser: first.username, apiKey: first.apiKey, close, context, hub, store, users };
  } catch (error) {
    // Nothing may keep running after a failed start (e.g. the port is in use).
    server?.close();
    await media?.close().catch(() => undefined);
    await hub.close().catch(() => undefined);
    store.close();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
