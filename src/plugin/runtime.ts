import type { Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import type { PluginContext } from './types.js';

/**
 * Per-plugin bookkeeping of a running host: which subscriptions each plugin
 * made (through a wrapped session and hub), its close hooks, and the
 * handlers still running. This is what lets the host remove a failed
 * plugin's subscriptions, stop taking events, drain and tear down LIFO.
 */

/** Observes handler calls; the host feeds its metrics from it. */
export interface PluginInstrumentation {
  /** An event reached one of the plugin's handlers. */
  delivered?(plugin: string, topic: string): void;
  /** A handler finished (error set when it threw or rejected). */
  handled?(plugin: string, topic: string, ms: number, error?: unknown): void;
}

/** The part of an event hub the runtime wraps. */
interface SubscribingHub {
  subscribe(expression: string, callback: (event: any) => unknown, options?: unknown): string;
  unsubscribe(id: string): boolean;
}

/** What one plugin owns. */
export class PluginScope {
  readonly name: string;
  readonly path: string;
  readonly logger: Logger;
  readonly subscriptions = new Map<string, SubscribingHub>();
  readonly #runtime: PluginRuntime;
  #revoked = false;

  constructor(runtime: PluginRuntime, name: string, path: string, logger: Logger) {
    this.#runtime = runtime;
    this.name = name;
    this.path = path;
    this.logger = logger;
  }

  get revoked(): boolean {
    return this.#revoked;
  }

  /** The context passed as register()'s third argument. */
  context(): PluginContext {
    return {
      name: this.name,
      path: this.path,
      logger: this.logger,
      signal: this.#runtime.signal,
      onClose: (hook) => this.#runtime.addCloseHook(this, hook),
      track: (work) => this.#runtime.track(work),
    };
  }

  /**
   * A view of the session for this plugin: `logger` is the plugin's logger and
   * `eventHub.subscribe` records subscriptions and instruments callbacks.
   * Every other member is the session's own, bound to it.
   */
  wrapSession<S>(session: S): S {
    if (session === null || typeof session !== 'object') return session;
    let hubProxy: unknown;
    return new Proxy(session as object, {
      get: (target, prop) => {
        if (prop === 'logger') return this.logger;
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'eventHub' && value && typeof value === 'object') {
          hubProxy ??= this.wrapHub(value as SubscribingHub);
          return hubProxy;
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as S;
  }

  wrapHub<H extends SubscribingHub>(hub: H): H {
    return new Proxy(hub, {
      get: (target, prop) => {
        if (prop === 'subscribe') {
          return (expression: string, callback: (event: any) => unknown, options?: unknown): string => {
            const id = target.subscribe(expression, this.#runtime.instrument(this, callback), options);
            if (this.#revoked) {
              target.unsubscribe(id);
              this.logger.warn({ expression }, 'subscription made after the plugin was unloaded; removed');
            } else {
              this.subscriptions.set(id, target);
            }
            return id;
          };
        }
        if (prop === 'unsubscribe') {
          return (id: string): boolean => {
            this.subscriptions.delete(id);
            return target.unsubscribe(id);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Removes every subscription; with `revoke`, later subscriptions are refused. */
  unsubscribeAll(revoke: boolean): number {
    if (revoke) this.#revoked = true;
    let removed = 0;
    for (const [id, hub] of this.subscriptions) {
      try {
        if (hub.unsubscribe(id)) removed++;
      } catch (error) {
        this.logger.warn({ err: errorMessage(error), subscriberId: id }, 'unsubscribe failed');
      }
    }
    this.subscriptions.clear();
    return removed;
  }
}

interface CloseHook {
  scope: PluginScope;
  hook: () => unknown;
}

/** All plugins of one host. */
export class PluginRuntime {
  readonly scopes: PluginScope[] = [];
  readonly #hooks: CloseHook[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #abort = new AbortController();
  readonly #instrumentation: PluginInstrumentation;
  #dispatching = true;

  constructor(instrumentation: PluginInstrumentation = {}) {
    this.#instrumentation = instrumentation;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Handlers (and tracked work) still running. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Subscriptions currently held by all plugins. */
  get subscriptionCount(): number {
    return this.scopes.reduce((n, s) => n + s.subscriptions.size, 0);
  }

  createScope(name: string, path: string, logger: Logger): PluginScope {
    const scope = new PluginScope(this, name, path, logger);
    this.scopes.push(scope);
    return scope;
  }

  addCloseHook(scope: PluginScope, hook: () => unknown): void {
    if (typeof hook !== 'function') throw new TypeError(`Plugin '${scope.name}': onClose() needs a function`);
    this.#hooks.push({ scope, hook });
  }

  /** Counts `work` as in flight until it settles (drain waits for it). */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
    return work;
  }

  /** Wraps a plugin's callback: refuses events once dispatch stopped, times it, tracks it. */
  instrument(scope: PluginScope, callback: (event: any) => unknown): (event: any) => unknown {
    if (typeof callback !== 'function') return callback;
    return (event: any): unknown => {
      if (!this.#dispatching || scope.revoked) return undefined;
      const topic = typeof event?.topic === 'string' ? event.topic : 'unknown';
      this.#instrumentation.delivered?.(scope.name, topic);
      const start = performance.now();
      let result: unknown;
      try {
        result = callback(event);
      } catch (error) {
        this.#instrumentation.handled?.(scope.name, topic, performance.now() - start, error);
        throw error;
      }
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        const promise = Promise.resolve(result);
        this.track(promise);
        promise.then(
          () => this.#instrumentation.handled?.(scope.name, topic, performance.now() - start),
          (error: unknown) => this.#instrumentation.handled?.(scope.name, topic, performance.now() - start, error),
        );
        return promise;
      }
      this.#instrumentation.handled?.(scope.name, topic, performance.now() - start);
      return result;
    };
  }

  /** Stops taking events: removes every plugin subscription and ignores late deliveries. */
  stopDispatch(): number {
    this.#dispatching = false;
    return this.scopes.reduce((n, s) => n + s.unsubscribeAll(false), 0);
  }

  /** Waits until running handlers and tracked work finished, or `timeoutMs` passed. Returns how many are left. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...this.#inFlight]),
        new Promise((r) => {
          timer = setTimeout(r, left);
        }),
      ]);
      clearTimeout(timer);
    }
    return this.#inFlight.size;
  }

  /** Aborts `signal` and runs close hooks last-registered first; a failing hook is logged and skipped. */
  async close(options: { hookTimeoutMs?: number; logger?: Logger } = {}): Promise<void> {
    this.#dispatching = false;
    this.#abort.abort();
    const timeoutMs = options.hookTimeoutMs ?? 10_000;
    while (this.#hooks.length > 0) {
      const { scope, hook } = this.#hooks.pop()!;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(hook),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`close hook did not finish within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (error) {
        scope.logger.warn({ err: errorMessage(error) }, 'plugin close hook failed');
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
