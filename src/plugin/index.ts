// Plugin discovery and loading (see docs/plugins.md).
export { definePlugin } from './types.js';
export type { PluginContext, RegisterFunction, ArgumentSchema, PluginDefinition, PluginOutcome, LoadReport } from './types.js';
export {
  loadPlugins,
  resolvePluginExports,
  validatePluginArguments,
  defaultImporter,
  DEFAULT_PLUGIN_TIMEOUT_MS,
} from './load.js';
export type { LoadPluginsOptions, LoadResult, PluginImporter, ResolvedPlugin } from './load.js';
export { discoverPlugins, pluginPathsFromEnv, isPluginFile, nodeDiscoveryFs, PLUGIN_EXTENSIONS } from './discover.js';
export type { DiscoveredPlugin, DiscoveryFs, DiscoveryResult } from './discover.js';
export { PluginRuntime, PluginScope } from './runtime.js';
export type { PluginInstrumentation } from './runtime.js';
export * from './errors.js';
