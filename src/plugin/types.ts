import type { Logger } from '../logger.js';

/**
 * What a plugin gets besides the session and its arguments (the optional third
 * parameter of `register`). JavaScript ignores extra arguments, so a plain
 * `register(session, args)` keeps working.
 */
export interface PluginContext {
  /** The plugin's name (explicit `name` export, else its file or folder name). */
  readonly name: string;
  /** Absolute path of the module that was imported. */
  readonly path: string;
  /** The plugin's own logger, bound to `{ name: 'plugin', plugin }`. Same as `session.logger`. */
  readonly logger: Logger;
  /**
   * Registers a function run when the host stops, after events stopped and
   * running handlers drained. Hooks run last-registered first (LIFO).
   */
  onClose(hook: () => unknown): void;
  /**
   * Counts background work (started by a handler but outliving it) as in
   * flight, so a stopping host waits for it up to its drain timeout.
   */
  track<T>(work: Promise<T>): Promise<T>;
  /** Aborted when the host closes (after draining); pass it to long-running work. */
  readonly signal: AbortSignal;
}

/**
 * A plugin's entry point. It may return nothing, a promise, or a teardown
 * function (run as a close hook).
 */
export type RegisterFunction<S = any, A = Record<string, unknown>> = (
  session: S,
  pluginArguments: A,
  context: PluginContext,
) => unknown;

/** A schema the loader can validate arguments with (zod, or anything with the same `safeParse`). */
export interface ArgumentSchema<A = unknown> {
  safeParse(value: unknown):
    | { success: true; data: A }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** The shape `definePlugin` takes and returns. */
export interface PluginDefinition<S = any, A = Record<string, unknown>> {
  /** Overrides the name derived from the file or folder. */
  name?: string;
  /** Validates (and fills defaults of) the merged arguments before `register` runs. */
  schema?: ArgumentSchema<A>;
  register: RegisterFunction<S, A>;
}

/**
 * Types a plugin module's default export.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { definePlugin } from 'ftrack-host';
 * export default definePlugin({
 *   name: 'hello',
 *   schema: z.object({ greeting: z.string().default('hi') }),
 *   register(session, args, { logger }) {
 *     session.eventHub.subscribe('topic=ftrack.update', () => logger.info(args.greeting));
 *   },
 * });
 * ```
 */
export function definePlugin<S = any, A = Record<string, unknown>>(definition: PluginDefinition<S, A>): PluginDefinition<S, A> {
  return definition;
}

/** Outcome of one plugin in the load report. */
export interface PluginOutcome {
  name: string;
  path: string;
  status: 'loaded' | 'failed' | 'timeout';
  /** Milliseconds spent importing and registering. */
  ms: number;
  /** Subscriptions the plugin holds after loading (0 for failed plugins). */
  subscriptions?: number;
  error?: { code: string; message: string };
}

/** The load report: one entry per discovered plugin, in load order. */
export interface LoadReport {
  plugins: PluginOutcome[];
  /** Problems with the configured paths (missing folders, empty globs). */
  warnings?: string[];
}
