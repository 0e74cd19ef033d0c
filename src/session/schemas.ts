import { existsSync } from 'node:fs';
import type { Logger } from '../logger.js';
import type { EntitySchema } from './entity.js';
import { ServerCompatibilityError } from './errors.js';
import { SCHEMA_CACHE_FILE } from './options.js';
import { SchemaCacheFile, type CachedSchemas } from './schema-cache.js';
import type { Operation } from './transport.js';

/** Fields of `query_server_information` the session uses. */
export interface ServerInformation {
  version?: string;
  schema_hash?: string;
  storage_scenario?: { scenario?: string; data?: unknown };
  is_timezone_support_enabled?: boolean;
  [key: string]: unknown;
}

export const MINIMUM_SERVER_VERSION = [3, 3, 11] as const;

/**
 * Throws {@link ServerCompatibilityError} when the server is older than 3.3.11.
 * `dev` and versions that do not look like `X.Y.Z` pass, as in the Python API.
 */
export function checkCompatibility(info: ServerInformation): void {
  const version = info.version;
  if (version === undefined || version === null) {
    throw new ServerCompatibilityError('The server did not report its version; it is not a compatible ftrack server');
  }
  if (version === 'dev') return;
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(String(version));
  if (!match) return;
  const parts = match.slice(1, 4).map(Number);
  for (let i = 0; i < 3; i++) {
    if (parts[i]! > MINIMUM_SERVER_VERSION[i]!) return;
    if (parts[i]! < MINIMUM_SERVER_VERSION[i]!) {
      throw new ServerCompatibilityError(
        `The server version ${version} is not supported; this client needs ftrack ${MINIMUM_SERVER_VERSION.join('.')} or newer`,
        { serverVersion: String(version) },
      );
    }
  }
}

/**
 * Fetches server information and schemas. Without a cache file both go in
 * one request; with a cache file whose hash equals the server's
 * `schema_hash`, `query_schemas` is not sent at all (protocol 9.2). The file
 * is read (and its hash found, see {@link SchemaCacheFile}) while the server
 * information request is in flight, with synchronous calls: about a
 * millisecond for the 250 KB file, less than the thread-pool round trips of
 * asynchronous reads add on a busy event loop. Writing the cache file (or a fresh
 * sidecar) happens in the background: `written` never rejects and the
 * session awaits it in `close()`.
 */
export async function loadServerInformationAndSchemas(
  call: (operations: Operation[]) => Promise<unknown[]>,
  cachePath: string | false,
  logger: Logger,
): Promise<{ info: ServerInformation; schemas: EntitySchema[]; fromCache: boolean; written?: Promise<void> }> {
  const cache = cachePath === false ? undefined : new SchemaCacheFile(cachePath, SCHEMA_CACHE_FILE, logger);
  if (!cache || !existsSync(cache.file)) {
    // Nothing cached: both in one request (as the JS client does).
    const [info, schemas] = (await call([{ action: 'query_server_information' }, { action: 'query_schemas' }])) as [ServerInformation, EntitySchema[]];
    checkCompatibility(info);
    // Same request: these are the schemas of info.schema_hash.
    const serverHash = typeof info.schema_hash === 'string' && /^[0-9a-f]{32}$/.test(info.schema_hash) ? info.schema_hash : undefined;
    return { info, schemas, fromCache: false, written: cache?.write(schemas, serverHash) };
  }
  // Ask for the server information, then read the cache file while the
  // request is in flight: the read is queued behind the transport's flush
  // (both setImmediate), so the request is on its way first.
  const infoPromise = call([{ action: 'query_server_information' }]);
  const cachedPromise = new Promise<CachedSchemas | undefined>((resolve) =>
    setImmediate(() => {
      try {
        resolve(cache.read());
      } catch (error) {
        logger.warn({ file: cache.file, err: String(error) }, 'ignoring an unreadable schema cache file');
        resolve(undefined);
      }
    }),
  );
  const [info] = (await infoPromise) as [ServerInformation];
  checkCompatibility(info);
  const cached = await cachedPromise;
  if (cached && info.schema_hash && info.schema_hash === cached.hash) {
    logger.debug({ hash: cached.hash, hashFromSidecar: cached.hashFromSidecar }, 'schemas loaded from cache');
    const written = cached.hashFromSidecar ? undefined : cache.writeSidecar(cached.stat, cached.hash);
    return { info, schemas: cached.schemas, fromCache: true, written };
  }
  logger.debug({ serverHash: info.schema_hash, fileHash: cached?.hash }, 'schema cache file is outdated; fetching schemas');
  const [schemas] = (await call([{ action: 'query_schemas' }])) as [EntitySchema[]];
  return { info, schemas, fromCache: false, written: cache.write(schemas) };
}
