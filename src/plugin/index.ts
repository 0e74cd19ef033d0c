// PLACEHOLDER (owned by the host work): replaced by plugin discovery and loading.
import type { Logger } from '../logger.js';

export interface LoadPluginsOptions {
  /** Folders (searched recursively), files and glob patterns. */
  paths: readonly string[];
  /** Passed as the first argument of each plugin's register(). */
  session: unknown;
  /** Shared arguments, the second argument of register(). */
  pluginArguments?: Record<string, unknown>;
  /** Per-plugin arguments by plugin name, merged over the shared ones. */
  perPluginArguments?: Record<string, Record<string, unknown>>;
  logger: Logger;
  /** Time limit for each register(), ms. */
  timeoutMs?: number;
}

export interface PluginOutcome {
  name: string;
  path: string;
  status: 'loaded' | 'failed' | 'timeout';
  ms: number;
  error?: { code: string; message: string };
}

export interface LoadReport {
  plugins: PluginOutcome[];
}

export async function loadPlugins(_options: LoadPluginsOptions): Promise<LoadReport> {
  return { plugins: [] };
}
