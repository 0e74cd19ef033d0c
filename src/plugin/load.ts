import { pathToFileURL } from 'node:url';
import { extname } from 'node:path';
import type { Logger } from '../logger.js';
import { errorMessage, FtrackError } from '../errors.js';
import { discoverPlugins, nodeDiscoveryFs, type DiscoveryFs } from './discover.js';
import {
  PluginArgumentsError,
  PluginDuplicateNameError,
  PluginImportError,
  PluginNoRegisterError,
  PluginPathNotFoundError,
  PluginRegisterError,
  PluginTimeoutError,
} from './errors.js';
import { PluginRuntime, type PluginInstrumentation } from './runtime.js';
import type { ArgumentSchema, LoadReport, PluginOutcome, RegisterFunction } from './types.js';

/** Default time limit of one plugin's register(), ms. */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 10_000;

/** Imports a module by absolute path. Injectable for tests (STYLE 17). */
export type PluginImporter = (file: string) => Promise<unknown>;

/** Imports `.ts` through tsx, everything else through Node's `import()`. */
export const defaultImporter: PluginImporter = async (file) => {
  const url = pathToFileURL(file).href;
  if (extname(file) === '.ts') {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(url, import.meta.url);
  }
  return import(url);
};

export interface LoadPluginsOptions {
  /** Folders (searched recursively), files and glob patterns. */
  paths: readonly string[];
  /** Passed as the first argument of each plugin's register() (wrapped per plugin). */
  session: unknown;
  /** Shared arguments, the second argument of register(). */
  pluginArguments?: Record<string, unknown>;
  /** Per-plugin arguments by plugin name, merged over the shared ones. */
  perPluginArguments?: Record<string, Record<string, unknown>>;
  logger: Logger;
  /** Time limit for each register(), ms. Defaults to {@link DEFAULT_PLUGIN_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Where plugin subscriptions and close hooks are recorded; a new one by default. */
  runtime?: PluginRuntime;
  /** Metrics hooks used when a new runtime is created. */
  instrumentation?: PluginInstrumentation;
  /** Discovery file system (tests). */
  discoveryFs?: DiscoveryFs;
  /** Module importer (tests). */
  importer?: PluginImporter;
  /** Import and check the shape only; do not call register() (`ftrack-host plugins`). */
  dryRun?: boolean;
}

/** The load report plus the runtime holding the loaded plugins. */
export interface LoadResult extends LoadReport {
  warnings: string[];
  runtime: PluginRuntime;
}

/** What a plugin module exports, once unwrapped. */
export interface ResolvedPlugin {
  register: RegisterFunction;
  name?: string;
  schema?: ArgumentSchema;
}

/**
 * Finds `register`, `name` and `schema` in a module namespace. Accepts a named
 * `register`, a default function, a default object with `register`
 * (`definePlugin`, CommonJS `module.exports`), and transpiled `default.default`.
 */
export function resolvePluginExports(mod: unknown, path: string): ResolvedPlugin {
  const layers: Record<string, unknown>[] = [];
  let current: unknown = mod;
  for (let depth = 0; depth < 3 && current && (typeof current === 'object' || typeof current === 'function'); depth++) {
    layers.push(current as Record<string, unknown>);
    current = (current as Record<string, unknown>).default;
  }
  let register: RegisterFunction | undefined;
  let name: string | undefined;
  let schema: ArgumentSchema | undefined;
  for (const layer of layers) {
    if (!register && typeof layer.register === 'function') register = layer.register as RegisterFunction;
    if (!register && typeof layer.default === 'function') register = layer.default as RegisterFunction;
    // A function's own `name` is its identifier, not a plugin name: only objects count.
    if (name === undefined && typeof layer === 'object' && typeof layer.name === 'string' && layer.name) name = layer.name;
    if (!schema && isSchema(layer.schema)) schema = layer.schema;
  }
  if (!register) throw new PluginNoRegisterError(path, describeExports(mod));
  return { register, ...(name !== undefined ? { name } : {}), ...(schema ? { schema } : {}) };
}

/** Validates arguments against a plugin schema; returns the parsed (defaulted) value. */
export function validatePluginArguments(schema: ArgumentSchema, args: unknown, plugin: string, path: string): Record<string, unknown> {
  const result = schema.safeParse(args);
  if (result.success) return (result.data ?? {}) as Record<string, unknown>;
  const issues = result.error.issues.map((issue) => ({
    key: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  throw new PluginArgumentsError(plugin, path, issues);
}

/**
 * Discovers, imports, validates and registers plugins, one after the other in
 * discovery order. A failing plugin is reported (and its subscriptions
 * removed); the others still load.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadResult> {
  const logger = options.logger;
  const importer = options.importer ?? defaultImporter;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PLUGIN_TIMEOUT_MS;
  const runtime = options.runtime ?? new PluginRuntime(options.instrumentation);
  const { plugins: found, missing } = discoverPlugins(options.paths, options.discoveryFs ?? nodeDiscoveryFs);
  const warnings = missing.map((p) => new PluginPathNotFoundError(p).message);
  for (const warning of warnings) logger.warn({ code: 'FTRACK_ERR_PLUGIN_PATH' }, warning);

  const outcomes: PluginOutcome[] = [];
  const names = new Map<string, string>();
  for (const { file, defaultName } of found) {
    const start = performance.now();
    let name = defaultName;
    const fail = (error: unknown, status: PluginOutcome['status'] = 'failed'): void => {
      const code = error instanceof FtrackError ? error.code : 'FTRACK_ERR_PLUGIN_REGISTER';
      const outcome: PluginOutcome = { name, path: file, status, ms: elapsed(start), subscriptions: 0, error: { code, message: errorMessage(error) } };
      outcomes.push(outcome);
      logger.error({ plugin: name, path: file, code, ms: outcome.ms }, outcome.error!.message);
    };

    let resolved: ResolvedPlugin;
    try {
      let mod: unknown;
      try {
        mod = await importer(file);
      } catch (error) {
        throw new PluginImportError(file, error);
      }
      resolved = resolvePluginExports(mod, file);
      name = resolved.name ?? defaultName;
      const first = names.get(name);
      if (first !== undefined) throw new PluginDuplicateNameError(name, file, first);
      names.set(name, file);
    } catch (error) {
      fail(error);
      continue;
    }

    let args: Record<string, unknown>;
    try {
      const merged = { ...(options.pluginArguments ?? {}), ...(options.perPluginArguments?.[name] ?? {}) };
      args = resolved.schema ? validatePluginArguments(resolved.schema, merged, name, file) : merged;
    } catch (error) {
      fail(error);
      continue;
    }

    if (options.dryRun) {
      outcomes.push({ name, path: file, status: 'loaded', ms: elapsed(start), subscriptions: 0 });
      continue;
    }

    const scope = runtime.createScope(name, file, logger.child({ name: 'plugin', plugin: name }));
    const session = scope.wrapSession(options.session);
    let timer: NodeJS.Timeout | undefined;
    try {
      const returned = await Promise.race([
        Promise.resolve()
          .then(() => resolved.register(session, args, scope.context()))
          .catch((error: unknown) => {
            throw new PluginRegisterError(name, file, error);
          }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new PluginTimeoutError(name, file, timeoutMs)), timeoutMs);
        }),
      ]);
      if (typeof returned === 'function') runtime.addCloseHook(scope, returned as () => unknown);
      else if (returned && typeof (returned as { close?: unknown }).close === 'function') {
        const closable = returned as { close: () => unknown };
        runtime.addCloseHook(scope, () => closable.close());
      }
      const outcome: PluginOutcome = { name, path: file, status: 'loaded', ms: elapsed(start), subscriptions: scope.subscriptions.size };
      outcomes.push(outcome);
      logger.info({ plugin: name, path: file, ms: outcome.ms, subscriptions: outcome.subscriptions }, 'plugin loaded');
    } catch (error) {
      const removed = scope.unsubscribeAll(true);
      if (removed > 0) logger.warn({ plugin: name, removed }, 'removed the subscriptions of the failed plugin');
      fail(error, error instanceof PluginTimeoutError ? 'timeout' : 'failed');
    } finally {
      clearTimeout(timer);
    }
  }
  const loaded = outcomes.filter((o) => o.status === 'loaded').length;
  logger.info(
    { loaded, failed: outcomes.length - loaded, plugins: outcomes.map((o) => ({ name: o.name, ms: o.ms, status: o.status })) },
    'plugin load report',
  );
  return { plugins: outcomes, warnings, runtime };
}

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

function isSchema(value: unknown): value is ArgumentSchema {
  return !!value && typeof (value as { safeParse?: unknown }).safeParse === 'function';
}

function describeExports(mod: unknown): string {
  if (mod === null || mod === undefined) return String(mod);
  if (typeof mod !== 'object') return `a ${typeof mod}`;
  const keys = Object.keys(mod);
  if (keys.length === 0) return 'no exports';
  const parts = keys.map((k) => `${k}: ${typeof (mod as Record<string, unknown>)[k]}`);
  return `exports { ${parts.join(', ')} }`;
}
