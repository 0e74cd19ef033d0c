// The host service (see docs/host.md).
export { mergeConfig, hostConfigSchema, HostConfigError, HostConfigFileError, HOST_LOG_LEVELS, DEFAULT_DRAIN_TIMEOUT_MS } from './config.js';
export type { HostConfig, HostConfigInput, ConfigSource, ConfigIssue } from './config.js';
export {
  loadConfigFile,
  readEnvOptions,
  readCliOptions,
  resolveHostConfig,
  HostCliError,
  CONFIG_MODULE_NAME,
  CONFIG_SEARCH_PLACES,
  ENV_VARIABLES,
  CLI_FLAGS,
} from './config-sources.js';
export { Host, runHost, pluginPathsOf, bundledPluginsDir, defaultSessionFactory } from './host.js';
export type { HostHub, HostSession, SessionFactory, SessionFactoryOptions, RunHostOptions, StopResult } from './host.js';
export { HostMetrics } from './metrics.js';
export type { HostMetricsSource } from './metrics.js';
export { startHealthServer } from './health.js';
export type { HealthServer, HealthStatus } from './health.js';
export { startEmbedded, embeddedDataDir } from './embedded.js';
export type { EmbeddedHost } from './embedded.js';
