import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { runHost, type Host, type RunHostOptions } from './host.js';
import type { HostConfig } from './config.js';

/**
 * The embedded default: with no server configured, `ftrack-host run` starts
 * the stand-in ftrack server in-process (data kept under the user's cache
 * folder) and runs the host with the bundled plugins against it.
 */

/** `$XDG_CACHE_HOME` or `~/.cache`, then `ftrack-host/standin`. */
export function embeddedDataDir(env: Record<string, string | undefined> = process.env): string {
  const cache = env.XDG_CACHE_HOME?.trim() ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'ftrack-host', 'standin');
}

export interface EmbeddedHost {
  host: Host;
  /** Base URL of the stand-in server. */
  url: string;
  apiUser: string;
  apiKey: string;
  dataDir: string;
  /** The demo component to try the action on. */
  demoComponentId: string;
  /** Human-readable "what to try next". */
  instructions: string;
  /** Stops the host, then the server. */
  stop(reason?: string): Promise<void>;
}

interface StandinLike {
  url: string;
  apiUser: string;
  apiKey: string;
  close(): Promise<void>;
}

/** Starts the stand-in server and a host against it. */
export async function startEmbedded(
  config: HostConfig,
  options: RunHostOptions & {
    env?: Record<string, string | undefined>;
    port?: number;
    dataDir?: string;
    logger: Logger;
    /** How the user runs the CLI, for the printed commands (`npx ftrack-host` when started through npm). */
    cli?: string;
  },
): Promise<EmbeddedHost> {
  const dataDir = options.dataDir ?? embeddedDataDir(options.env);
  mkdirSync(dataDir, { recursive: true });
  const standin = (await import('../standin/index.js')) as unknown as {
    createStandinServer(o: Record<string, unknown>): Promise<StandinLike>;
    DEMO_IDS: { component: string };
  };
  const server = await standin.createStandinServer({ dataDir, port: options.port ?? 0, host: '127.0.0.1', logger: options.logger });
  let host: Host;
  try {
    host = await runHost({ ...config, server: server.url, apiUser: server.apiUser, apiKey: server.apiKey, bundledPlugins: true }, options);
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
  const component = standin.DEMO_IDS.component;
  const creds = `--server ${server.url} --api-user ${server.apiUser} --api-key ${server.apiKey}`;
  const cli = options.cli ?? 'ftrack-host';
  const instructions = [
    '',
    `ftrack-host is running against an embedded stand-in ftrack server (data in ${dataDir}).`,
    `  Web page:     ${server.url}/  (user ${server.apiUser}, API key ${server.apiKey})`,
    'Try it from another terminal (in this folder):',
    `  Discover:     ${cli} actions discover ${creds} --selection component:${component}`,
    `  Launch:       ${cli} actions launch ftrack-host.encode-media ${creds} --selection component:${component} --wait 120`,
    ...(host.health ? [`  Health:       ${host.health.url}/healthz and ${host.health.url}/metrics`] : []),
    '  Real server:  set FTRACK_SERVER, FTRACK_API_USER and FTRACK_API_KEY (or --server/--api-user/--api-key).',
    '  Stop:         Ctrl-C',
    '',
  ].join('\n');
  return {
    host,
    url: server.url,
    apiUser: server.apiUser,
    apiKey: server.apiKey,
    dataDir,
    demoComponentId: component,
    instructions,
    async stop(reason = 'stop requested') {
      await host.stop(reason);
      await server.close();
    },
  };
}
