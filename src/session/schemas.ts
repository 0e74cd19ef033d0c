import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { EntitySchema } from './entity.js';
import { ServerCompatibilityError } from './errors.js';
import { SCHEMA_CACHE_FILE } from './options.js';
import { schemaHash } from './python.js';
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

/** Reads the schema cache file; undefined when absent or unreadable. */
async function readCache(file: string, logger: Logger): Promise<{ schemas: EntitySchema[]; hash: string } | undefined> {
  try {
    const schemas = JSON.parse(await readFile(file, 'utf8')) as EntitySchema[];
    if (!Array.isArray(schemas)) throw new Error('not a list');
    return { schemas, hash: schemaHash(schemas) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT') logger.warn({ file, err: String(error) }, 'ignoring an unreadable schema cache file');
    return undefined;
  }
}

async function writeCache(file: string, dir: string, schemas: EntitySchema[], logger: Logger): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(schemas, null, 4));
    await rename(tmp, file);
  } catch (error) {
    logger.warn({ file, err: String(error) }, 'could not write the schema cache file');
  }
}

/**
 * Fetches server information and schemas. Without a usable cache both go in
 * one request; with a cache file whose hash equals the server's
 * `schema_hash`, `query_schemas` is not sent at all (protocol 9.2). The
 * cache file is written in the background (`written`; it never rejects).
 */
export async function loadServerInformationAndSchemas(
  call: (operations: Operation[]) => Promise<unknown[]>,
  cachePath: string | false,
  logger: Logger,
): Promise<{ info: ServerInformation; schemas: EntitySchema[]; fromCache: boolean; written?: Promise<void> }> {
  const file = cachePath === false ? undefined : join(cachePath, SCHEMA_CACHE_FILE);
  if (!file || !existsSync(file)) {
    // Nothing cached: both in one request (as the JS client does).
    const [info, schemas] = (await call([{ action: 'query_server_information' }, { action: 'query_schemas' }])) as [ServerInformation, EntitySchema[]];
    checkCompatibility(info);
    const written = file && cachePath !== false ? writeCache(file, cachePath, schemas, logger) : undefined;
    return { info, schemas, fromCache: false, written };
  }
  // Ask for the server information while the cache file is read and hashed.
  const infoPromise = call([{ action: 'query_server_information' }]);
  infoPromise.catch(() => undefined);
  const cached = await readCache(file, logger);
  const [info] = (await infoPromise) as [ServerInformation];
  checkCompatibility(info);
  if (cached && info.schema_hash && info.schema_hash === cached.hash) {
    logger.debug({ hash: cached.hash }, 'schemas loaded from cache');
    return { info, schemas: cached.schemas, fromCache: true };
  }
  const [schemas] = (await call([{ action: 'query_schemas' }])) as [EntitySchema[]];
  const written = cachePath !== false ? writeCache(file, cachePath, schemas, logger) : undefined;
  return { info, schemas, fromCache: false, written };
}
