import { silentLogger, type Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_PLUGINS_DIR, PACKAGE_ROOT } from '../internal/paths.js';
import { loadPlugins, type LoadPluginsOptions, type LoadResult } from '../plugin/load.js';
import type { PluginRuntime } from '../plugin/runtime.js';
import type { ActionHub } from '../action/types.js';
import { HostConfigError, type HostConfig } from './config.js';
import type { HostMetrics } from './metrics.js';
import { startHealthServer, type HealthServer, type HealthStatus } from './health.js';

/** The part of the session's EventHub the host uses (src/event/hub.ts satisfies it). */
export interface HostHub extends ActionHub {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  on?(event: 'status', listener: (status: { type: string; [key: string]: unknown }) => void): unknown;
  readonly lastHeartbeatAt?: number | undefined;
  readonly stats?: { received: number; published: number; reconnects: number };
}

/** The part of a Session the host uses. */
export interface HostSession {
  eventHub: HostHub;
  close(): Promise<void>;
}

export interface SessionFactoryOptions {
  serverUrl: string;
  apiUser: string;
  apiKey: string;
  logger: Logger;
  schemaCachePath?: string | false;
}

/** Creates the session (no plugins: the host loads them itself). Injectable for tests. */
export type SessionFactory = (options: SessionFactoryOptions) => Promise<HostSession>;

/** Builds a real Session with no plugin paths and no auto-connect. */
export const defaultSessionFactory: SessionFactory = async (options) => {
  const mod = (await import('../session/index.js')) as unknown as {
    Session: { create(options: Record<string, unknown>): Promise<HostSession> };
  };
  return mod.Session.create({
    serverUrl: options.serverUrl,
    apiUser: options.apiUser,
    apiKey: options.apiKey,
    logger: options.logger,
    pluginPaths: [],
    autoConnectEventHub: false,
    ...(options.schemaCachePath !== undefined ? { schemaCachePath: options.schemaCachePath } : {}),
  });
};

export interface RunHostOptions {
  /** Root logger; the host logs as `{ name: 'host' }`, plugins as `{ name: 'plugin', plugin }`. */
  logger?: Logger;
  /** Session factory (tests inject a fake). */
  createSession?: SessionFactory;
  /** Extra loader options (tests: importer, discoveryFs). */
  loadOptions?: Partial<Pick<LoadPluginsOptions, 'importer' | 'discoveryFs'>>;
}

/** Why a host stopped, and whether running handlers finished. */
export interface StopResult {
  reason: string;
  /** Handlers still running when the drain timeout passed (0 = all finished). */
  pending: number;
}

/**
 * A running host: a session, its event hub, the loaded plugins and the
 * optional health server. Created by {@link runHost}; stopped with
 * {@link Host.stop}. Never installs signal handlers or exits the process.
 */
export class Host {
  readonly config: HostConfig;
  readonly logger: Logger;
  readonly session: HostSession;
  /** Prometheus metrics; created only with a health server (`healthPort`), their only reader. */
  metrics: HostMetrics | undefined;
  report!: LoadResult;
  health: HealthServer | undefined;
  #stopping: Promise<StopResult> | undefined;
  #resolveClosed!: (result: StopResult) => void;
  readonly #closed = new Promise<StopResult>((resolve) => {
    this.#resolveClosed = resolve;
  });
  #everConnected = false;

  constructor(config: HostConfig, session: HostSession, logger: Logger) {
    this.config = config;
    this.session = session;
    this.logger = logger;
  }

  /** @internal Called by runHost when metrics are wanted. */
  async enableMetrics(): Promise<void> {
    const { HostMetrics } = await import('./metrics.js');
    const hub = this.session.eventHub;
    this.metrics = new HostMetrics({
      received: () => hub.stats?.received ?? 0,
      connected: () => hub.isConnected(),
      pluginsLoaded: () => this.loadedCount,
    });
  }

  get runtime(): PluginRuntime {
    return this.report.runtime;
  }

  get loadedCount(): number {
    return this.report?.plugins.filter((p) => p.status === 'loaded').length ?? 0;
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  /** What `/healthz` serves. */
  status(): HealthStatus {
    const hub = this.session.eventHub;
    const at = hub.lastHeartbeatAt;
    return {
      connected: hub.isConnected(),
      lastHeartbeat: typeof at === 'number' ? new Date(at).toISOString() : null,
      pluginsLoaded: this.loadedCount,
      pluginsFailed: (this.report?.plugins.length ?? 0) - this.loadedCount,
      subscriptions: this.report?.runtime.subscriptionCount ?? 0,
      stopping: this.stopping,
    };
  }

  /** Resolves once the host stopped. */
  closed(): Promise<StopResult> {
    return this.#closed;
  }

  /** @internal Called by runHost. */
  watchHub(): void {
    const hub = this.session.eventHub;
    hub.on?.('status', (status) => {
      const { type, error, ...rest } = status;
      const fields = { ...rest, ...(error ? { err: errorMessage(error) } : {}) };
      switch (type) {
        case 'connected':
          if (this.#everConnected) {
            this.metrics?.reconnects.inc();
            this.logger.info(fields, 'event hub reconnected');
          } else this.logger.info(fields, 'event hub connected');
          this.#everConnected = true;
          break;
        case 'disconnected':
          this.logger.warn(fields, 'event hub disconnected');
          break;
        case 'reconnecting':
          this.logger.info(fields, 'event hub reconnecting');
          break;
        case 'closed':
          if (this.stopping) this.logger.info(fields, 'event hub closed');
          else this.logger.error(fields, 'event hub closed and will not reconnect; check the credentials and restart the host');
          break;
        default:
          this.logger.debug(fields, `event hub ${type}`);
      }
    });
  }

  /**
   * Stops taking events (removes every plugin subscription), waits for running
   * handlers up to `drainTimeoutMs`, runs plugin close hooks (LIFO), closes the
   * health server and the session. Idempotent.
   */
  stop(reason = 'stop requested'): Promise<StopResult> {
    this.#stopping ??= this.#stop(reason);
    return this.#stopping;
  }

  async #stop(reason: string): Promise<StopResult> {
    const runtime = this.report?.runtime;
    this.logger.info({ reason, inFlight: runtime?.inFlight ?? 0, drainTimeoutMs: this.config.drainTimeoutMs }, 'stopping: no new events');
    let pending = 0;
    if (runtime) {
      runtime.stopDispatch();
      pending = await runtime.drain(this.config.drainTimeoutMs);
      if (pending > 0) this.logger.warn({ pending }, 'drain timeout passed with handlers still running');
      await runtime.close({ hookTimeoutMs: Math.max(1000, this.config.drainTimeoutMs), logger: this.logger });
    }
    await this.health?.close().catch(() => undefined);
    await this.session.close().catch((error: unknown) => this.logger.warn({ err: errorMessage(error) }, 'session close failed'));
    const result = { reason, pending };
    this.logger.info(result, 'stopped');
    this.#resolveClosed(result);
    return result;
  }
}

/**
 * The bundled plugins folder: the compiled `dist/plugins` when this code runs
 * compiled (no TypeScript transpiling at start, same module instances as the
 * host), else the `plugins/` sources.
 */
export function bundledPluginsDir(): string {
  const compiled = join(PACKAGE_ROOT, 'dist', 'plugins');
  const runningCompiled = fileURLToPath(import.meta.url).includes(`${sep}dist${sep}`);
  return runningCompiled && existsSync(compiled) ? compiled : BUNDLED_PLUGINS_DIR;
}

/** The plugin paths a configuration loads: bundled plugins first, then configured ones. */
export function pluginPathsOf(config: HostConfig): string[] {
  return [...(config.bundledPlugins ? [bundledPluginsDir()] : []), ...config.pluginPaths];
}

/**
 * What `run` would load with this configuration: discovered, imported,
 * shape-checked and arguments validated, register() not called
 * (`ftrack-host plugins` and `doctor`).
 */
export function dryRunPlugins(config: HostConfig, paths: readonly string[] = pluginPathsOf(config)): Promise<LoadResult> {
  return loadPlugins({ paths, session: undefined, pluginArguments: config.pluginArguments, perPluginArguments: config.plugins, logger: silentLogger, dryRun: true });
}

/**
 * Starts a host: session, plugins, event hub, health server. Logs one
 * `ready` line and returns the running {@link Host}.
 *
 * @example
 * const host = await runHost(await resolveHostConfig({ argv: [], env: process.env }), { logger });
 * // later
 * await host.stop('SIGTERM');
 */
export async function runHost(config: HostConfig, options: RunHostOptions = {}): Promise<Host> {
  const root = options.logger ?? silentLogger;
  const logger = root.child({ name: 'host' });
  const started = performance.now();
  const missing = (['server', 'apiUser', 'apiKey'] as const).filter((k) => !config[k]);
  if (missing.length > 0) {
    throw new HostConfigError(
      missing.map((key) => ({
        source: 'configuration',
        key,
        expected: { server: 'the ftrack server URL (--server or FTRACK_SERVER)', apiUser: 'the API user (--api-user or FTRACK_API_USER)', apiKey: 'the API key (--api-key or FTRACK_API_KEY)' }[key],
        found: 'nothing',
      })),
    );
  }
  const createSession = options.createSession ?? defaultSessionFactory;
  const session = await createSession({
    serverUrl: config.server!,
    apiUser: config.apiUser!,
    apiKey: config.apiKey!,
    logger: root,
    ...(config.schemaCachePath !== undefined ? { schemaCachePath: config.schemaCachePath } : {}),
  });
  const host = new Host(config, session, logger);
  try {
    if (config.healthPort !== undefined) await host.enableMetrics();
    host.watchHub();
    // Connected before plugins load, so a plugin may publish (or wait for a reply) in register().
    await session.eventHub.connect();
    host.report = await loadPlugins({
      paths: pluginPathsOf(config),
      session,
      pluginArguments: config.pluginArguments,
      perPluginArguments: config.plugins,
      logger: root,
      timeoutMs: config.pluginTimeoutMs,
      ...(host.metrics ? { instrumentation: host.metrics.instrumentation() } : {}),
      ...options.loadOptions,
    });
    // Keep Session.pluginReport meaningful although the host, not the session, loaded the plugins.
    if ('pluginReport' in session) (session as { pluginReport?: unknown }).pluginReport = host.report;
    if (config.healthPort !== undefined) {
      host.health = await startHealthServer({ port: config.healthPort, host: config.healthHost, status: () => host.status(), registry: host.metrics!.registry });
    }
  } catch (error) {
    await host.stop('start failed').catch(() => undefined);
    throw error;
  }
  const failed = host.report.plugins.length - host.loadedCount;
  logger.info(
    {
      plugins: host.loadedCount,
      failed,
      subscriptions: host.runtime.subscriptionCount,
      server: config.server,
      ms: Math.round(performance.now() - started),
      ...(host.health ? { health: host.health.url } : {}),
    },
    `ready: ${host.loadedCount} plugin${host.loadedCount === 1 ? '' : 's'}, ${host.runtime.subscriptionCount} subscriptions${failed ? `, ${failed} failed` : ''}`,
  );
  return host;
}
