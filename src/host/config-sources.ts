import { parseArgs } from 'node:util';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader } from 'cosmiconfig';
import { FtrackError } from '../errors.js';
import { pluginPathsFromEnv } from '../plugin/discover.js';
import { HostConfigFileError, isPlainObject, mergeConfig, type ConfigSource, type HostConfig } from './config.js';

/**
 * The three configuration sources as pure readers (STYLE 21):
 * `loadConfigFile` (cosmiconfig), `readEnvOptions(env)` and
 * `readCliOptions(argv)`. Each returns values plus where each came from.
 */

/** Module name for cosmiconfig: `.ftrack-hostrc*`, `ftrack-host.config.*`, package.json `ftrack-host`. */
export const CONFIG_MODULE_NAME = 'ftrack-host';

export const CONFIG_SEARCH_PLACES = [
  'package.json',
  '.ftrack-hostrc',
  '.ftrack-hostrc.json',
  '.ftrack-hostrc.yaml',
  '.ftrack-hostrc.yml',
  '.ftrack-hostrc.js',
  '.ftrack-hostrc.cjs',
  '.ftrack-hostrc.mjs',
  '.ftrack-hostrc.ts',
  'ftrack-host.config.js',
  'ftrack-host.config.mjs',
  'ftrack-host.config.cjs',
  'ftrack-host.config.ts',
];

/** Loads `.ts` configuration files through tsx. */
const tsLoader: Loader = async (filepath) => {
  const { tsImport } = await import('tsx/esm/api');
  const mod = (await tsImport(pathToFileURL(filepath).href, import.meta.url)) as { default?: unknown };
  let value: unknown = mod.default ?? mod;
  // A transpiled default export may be wrapped once more.
  if (isPlainObject(value) && 'default' in value && Object.keys(value).length === 1) value = value.default;
  return typeof value === 'function' ? await (value as () => unknown)() : value;
};

/**
 * Finds and reads the configuration file: `path` when given, else the first of
 * {@link CONFIG_SEARCH_PLACES} in `cwd`. Relative `pluginPaths` and
 * `schemaCachePath` are resolved against the file's folder.
 */
export async function loadConfigFile(options: { path?: string; cwd?: string } = {}): Promise<ConfigSource & { filepath?: string }> {
  const cwd = options.cwd ?? process.cwd();
  // Loaded on demand: it is a noticeable part of the start time.
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(CONFIG_MODULE_NAME, {
    searchPlaces: CONFIG_SEARCH_PLACES,
    loaders: { '.ts': tsLoader },
    searchStrategy: 'none',
    cache: false,
  });
  let result: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  const target = options.path ? resolve(cwd, options.path) : undefined;
  try {
    result = target ? await explorer.load(target) : await explorer.search(cwd);
  } catch (error) {
    throw new HostConfigFileError(target ?? cwd, error);
  }
  if (!result || result.isEmpty) return { values: {}, origins: {}, ...(result ? { filepath: result.filepath } : {}) };
  const { filepath } = result;
  if (!isPlainObject(result.config)) {
    throw new HostConfigFileError(filepath, new Error(`expected an object of settings, found ${JSON.stringify(result.config)}`));
  }
  const values: Record<string, unknown> = { ...result.config };
  const base = dirname(filepath);
  if (Array.isArray(values.pluginPaths)) {
    values.pluginPaths = values.pluginPaths.map((p) => (typeof p === 'string' && !isAbsolute(p) ? resolve(base, p) : p));
  }
  if (typeof values.schemaCachePath === 'string' && !isAbsolute(values.schemaCachePath)) values.schemaCachePath = resolve(base, values.schemaCachePath);
  return { values, origins: Object.fromEntries(Object.keys(values).map((k) => [k, filepath])), filepath };
}

/** Environment variables read by the host, by config key. */
export const ENV_VARIABLES = {
  server: 'FTRACK_SERVER',
  apiUser: 'FTRACK_API_USER',
  apiKey: 'FTRACK_API_KEY',
  pluginPaths: 'FTRACK_EVENT_PLUGIN_PATH',
  healthPort: 'FTRACK_HOST_HEALTH_PORT',
  healthHost: 'FTRACK_HOST_HEALTH_HOST',
  logLevel: 'FTRACK_HOST_LOG_LEVEL',
  pretty: 'FTRACK_HOST_PRETTY',
  drainTimeoutMs: 'FTRACK_HOST_DRAIN_TIMEOUT',
  pluginTimeoutMs: 'FTRACK_HOST_PLUGIN_TIMEOUT',
  bundledPlugins: 'FTRACK_HOST_BUNDLED_PLUGINS',
  schemaCachePath: 'FTRACK_API_SCHEMA_CACHE_PATH',
} as const;

/** Reads the configuration from environment variables (empty values are ignored). */
export function readEnvOptions(env: Record<string, string | undefined> = process.env): ConfigSource & { configPath?: string } {
  const values: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  const set = (key: keyof typeof ENV_VARIABLES, value: unknown, name: string = ENV_VARIABLES[key]): void => {
    values[key] = value;
    origins[key] = `environment variable ${name}`;
  };
  for (const [key, name] of Object.entries(ENV_VARIABLES) as [keyof typeof ENV_VARIABLES, string][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    switch (key) {
      case 'pluginPaths':
        set(key, pluginPathsFromEnv(raw).map((p) => resolve(p)));
        break;
      case 'healthPort':
      case 'drainTimeoutMs':
      case 'pluginTimeoutMs':
        set(key, toNumber(raw));
        break;
      case 'pretty':
      case 'bundledPlugins':
        set(key, toBoolean(raw));
        break;
      default:
        set(key, raw.trim());
    }
  }
  if (values.apiKey === undefined && env.FTRACK_APIKEY) set('apiKey', env.FTRACK_APIKEY, 'FTRACK_APIKEY');
  const configPath = env.FTRACK_HOST_CONFIG?.trim() || undefined;
  return { values, origins, ...(configPath ? { configPath } : {}) };
}

/** Flags of `ftrack-host run`, by config key. */
export const CLI_FLAGS = {
  server: '--server',
  apiUser: '--api-user',
  apiKey: '--api-key',
  pluginPaths: '--plugin-path',
  healthPort: '--health-port',
  healthHost: '--health-host',
  logLevel: '--log-level',
  pretty: '--pretty',
  drainTimeoutMs: '--drain-timeout',
  pluginTimeoutMs: '--plugin-timeout',
  bundledPlugins: '--no-bundled-plugins',
  schemaCachePath: '--schema-cache-path',
} as const;

/** An unknown flag or a flag without its value. */
export class HostCliError extends FtrackError {
  readonly code = 'FTRACK_ERR_CONFIG_FLAG' as const;
}

/** Parses the flags of `ftrack-host run` (the tokens after `run`). */
export function readCliOptions(argv: readonly string[]): ConfigSource & { configPath?: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        server: { type: 'string' },
        'api-user': { type: 'string' },
        'api-key': { type: 'string' },
        'plugin-path': { type: 'string', multiple: true },
        'health-port': { type: 'string' },
        'health-host': { type: 'string' },
        'log-level': { type: 'string' },
        pretty: { type: 'boolean' },
        'drain-timeout': { type: 'string' },
        'plugin-timeout': { type: 'string' },
        'no-bundled-plugins': { type: 'boolean' },
        'schema-cache-path': { type: 'string' },
      },
    });
  } catch (error) {
    throw new HostCliError(`${(error as Error).message}. Run \`ftrack-host run --help\` for the flags.`);
  }
  const v = parsed.values;
  const values: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  const set = (key: keyof typeof CLI_FLAGS, value: unknown): void => {
    if (value === undefined) return;
    values[key] = value;
    origins[key] = `flag ${CLI_FLAGS[key]}`;
  };
  set('server', v.server);
  set('apiUser', v['api-user']);
  set('apiKey', v['api-key']);
  set('pluginPaths', v['plugin-path']?.map((p) => resolve(p)));
  set('healthPort', v['health-port'] === undefined ? undefined : toNumber(v['health-port']));
  set('healthHost', v['health-host']);
  set('logLevel', v['log-level']);
  set('pretty', v.pretty);
  set('drainTimeoutMs', v['drain-timeout'] === undefined ? undefined : toNumber(v['drain-timeout']));
  set('pluginTimeoutMs', v['plugin-timeout'] === undefined ? undefined : toNumber(v['plugin-timeout']));
  set('bundledPlugins', v['no-bundled-plugins'] ? false : undefined);
  set('schemaCachePath', v['schema-cache-path']);
  return { values, origins, ...(v.config ? { configPath: v.config } : {}) };
}

/** The flags other commands share with `run`, as commander parsed them. */
export interface SharedFlags {
  config?: string | undefined;
  server?: string | undefined;
  apiUser?: string | undefined;
  apiKey?: string | undefined;
  pluginPath?: readonly string[] | undefined;
  bundledPlugins?: boolean | undefined;
}

/**
 * The shared flags back as `run` tokens, for {@link resolveHostConfig}: so
 * every command merges file, environment and flags the same way.
 */
export function sharedFlagArgs(flags: SharedFlags): string[] {
  return [
    ...(flags.config ? ['--config', flags.config] : []),
    ...(flags.server ? ['--server', flags.server] : []),
    ...(flags.apiUser ? ['--api-user', flags.apiUser] : []),
    ...(flags.apiKey ? ['--api-key', flags.apiKey] : []),
    ...(flags.pluginPath ?? []).flatMap((p) => ['--plugin-path', p]),
    ...(flags.bundledPlugins === false ? ['--no-bundled-plugins'] : []),
  ];
}

/** A number when the text is one, else the text (so validation reports what was found). */
function toNumber(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

function toBoolean(text: string): boolean | string {
  const t = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  return text;
}

/**
 * Reads all three sources and merges them: the file named by `--config` (or
 * `FTRACK_HOST_CONFIG`, else searched in `cwd`), then the environment, then
 * the flags. Throws HostConfigError, HostConfigFileError or HostCliError.
 */
export async function resolveHostConfig(options: { argv?: readonly string[]; env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<HostConfig & { configFile?: string }> {
  const cli = readCliOptions(options.argv ?? []);
  const env = readEnvOptions(options.env ?? process.env);
  const configPath = cli.configPath ?? env.configPath;
  const file = await loadConfigFile({ ...(configPath ? { path: configPath } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) });
  const config = mergeConfig(file, env, cli);
  return file.filepath ? { ...config, configFile: file.filepath } : config;
}
