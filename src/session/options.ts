import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';
import type { Logger } from '../logger.js';
import type { Cache } from './cache.js';
import type { KeyMaker } from './key-maker.js';
import { SessionConfigError } from './errors.js';

/** The `fetch` signature the session uses; inject a fake in tests. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Options of {@link Session.create}: the Python API's `Session` parameters in
 * camelCase, plus a few for Node. Every option is optional when the matching
 * environment variable is set.
 */
export interface SessionOptions {
  /** Server URL, e.g. `https://studio.ftrackapp.com`. Falls back to `FTRACK_SERVER`. A trailing `/` is removed. */
  serverUrl?: string;
  /** API key. Falls back to `FTRACK_API_KEY` (then the legacy `FTRACK_APIKEY`). */
  apiKey?: string;
  /** API user name. Falls back to `FTRACK_API_USER`. */
  apiUser?: string;
  /** Fetch missing attributes on `entity.get(name)`. Defaults to true. */
  autoPopulate?: boolean;
  /** Plugin folders/files. Falls back to `FTRACK_EVENT_PLUGIN_PATH` split on `path.delimiter`. */
  pluginPaths?: readonly string[];
  /** Second argument of each plugin's `register(session, pluginArguments)`. */
  pluginArguments?: Record<string, unknown>;
  /** Per-plugin arguments by plugin name (merged over `pluginArguments`). */
  perPluginArguments?: Record<string, Record<string, unknown>>;
  /** Time limit for each plugin's `register`, ms. Defaults to the loader's default. */
  pluginTimeoutMs?: number;
  /** Cache layer under the session's memory layer, or a function of the session returning one. */
  cache?: Cache | ((session: unknown) => Cache | undefined);
  /** Key maker of cache keys. Defaults to `StringKeyMaker` (`"('User', ['id'])"`). */
  cacheKeyMaker?: KeyMaker;
  /** Connect the event hub while starting. Defaults to false. */
  autoConnectEventHub?: boolean;
  /**
   * Folder of the schema cache file `ftrack_api_schema_cache.json`. Falls back
   * to `FTRACK_API_SCHEMA_CACHE_PATH`, then the user cache folder. `false` disables it.
   */
  schemaCachePath?: string | false;
  /** HTTP timeout of one API request, seconds (as Python). Defaults to 60. */
  timeout?: number;
  /** Extra headers for API calls and the event hub handshake. */
  headers?: Record<string, string>;
  /** Cookies (name → value) for API calls and the event hub handshake. */
  cookies?: Record<string, string>;
  /** Send `ftrack-strict-api: true` (errors come with HTTP status codes). Defaults to false. */
  strictApi?: boolean;
  /** Retries of idempotent calls after network errors, 429, 502, 503, 504. Defaults to 3. */
  maxRetries?: number;
  /** First retry delay, ms, doubled per attempt, with jitter. Defaults to 250. */
  retryBaseDelayMs?: number;
  /** `fetch` to use. Defaults to the global one. */
  fetch?: FetchLike;
  /** Logger. Defaults to a silent one. */
  logger?: Logger;
  /** Environment to read fallbacks from. Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Options after defaults and environment fallbacks. The API key is not part
 * of them: it lives only inside `SessionAuthentication` (`session.auth`),
 * which never shows it.
 */
export interface ResolvedSessionOptions {
  serverUrl: string;
  apiUser: string;
  autoPopulate: boolean;
  pluginPaths: string[];
  schemaCachePath: string | false;
  timeoutMs: number;
  strictApi: boolean;
  maxRetries: number;
  retryBaseDelayMs: number;
}

export const DEFAULT_TIMEOUT_S = 60;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 250;
export const SCHEMA_CACHE_FILE = 'ftrack_api_schema_cache.json';

/** The user cache folder, as Python's `platformdirs.user_cache_dir()`. */
export function defaultCacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return env.XDG_CACHE_HOME || join(homedir(), '.cache');
}

function required(value: string | undefined, option: string, variable: string): string {
  if (value === undefined || value.trim() === '') {
    throw new SessionConfigError(`Missing ${option}: pass the "${option}" option or set the ${variable} environment variable`);
  }
  return value.trim();
}

/** Applies environment fallbacks and defaults; throws {@link SessionConfigError}. The result has no API key. */
export function resolveSessionOptions(options: SessionOptions): ResolvedSessionOptions {
  return resolveSessionSettings(options).options;
}

/** {@link resolveSessionOptions} plus the API key, kept apart so that the options object never holds it. */
export function resolveSessionSettings(options: SessionOptions): { options: ResolvedSessionOptions; apiKey: string } {
  const env = options.env ?? process.env;
  const serverUrl = required(options.serverUrl ?? env.FTRACK_SERVER, 'serverUrl', 'FTRACK_SERVER').replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(serverUrl)) {
    throw new SessionConfigError(`Invalid serverUrl "${serverUrl}": it must start with http:// or https:// (option "serverUrl" or FTRACK_SERVER)`);
  }
  const apiKey = required(options.apiKey ?? env.FTRACK_API_KEY ?? env.FTRACK_APIKEY, 'apiKey', 'FTRACK_API_KEY');
  const apiUser = required(options.apiUser ?? env.FTRACK_API_USER, 'apiUser', 'FTRACK_API_USER');
  const pluginPaths = options.pluginPaths
    ? [...options.pluginPaths]
    : (env.FTRACK_EVENT_PLUGIN_PATH ?? '')
        .split(delimiter)
        .map((p) => p.trim())
        .filter((p) => p !== '');
  const schemaCachePath =
    options.schemaCachePath === false
      ? false
      : (options.schemaCachePath ?? env.FTRACK_API_SCHEMA_CACHE_PATH ?? defaultCacheDir(env));
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_S;
  if (!(timeout > 0)) throw new SessionConfigError(`Invalid timeout ${timeout}: give a positive number of seconds`);
  const resolved: ResolvedSessionOptions = {
    serverUrl,
    apiUser,
    autoPopulate: options.autoPopulate ?? true,
    pluginPaths,
    schemaCachePath,
    timeoutMs: timeout * 1000,
    strictApi: options.strictApi ?? false,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
  };
  return { options: resolved, apiKey };
}
