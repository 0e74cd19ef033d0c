import { EventHub } from '../../src/event/hub.js';
import type { Event } from '../../src/event/event.js';
import { hostConfigSchema, runHost, type Host } from '../../src/host/index.js';
import type { StandinServer } from '../helpers/standin.js';

/**
 * Test plugins of the browser tests: small action handlers registered
 * directly on a real EventHub against the stand-in, plus the real host with
 * the bundled encode-media plugin.
 */

export interface TestPlugin {
  hub: EventHub;
  /** Every discover and launch event the plugin received. */
  received: Event[];
  close(): Promise<void>;
}

export interface TestActionSpec {
  /** Items replied to every discover. */
  items: Record<string, unknown>[];
  /** Delay before answering discover, ms (a slow host). */
  discoverDelayMs?: number;
  /** Reply data of a launch (undefined = no reply). */
  onLaunch: (event: Event, hub: EventHub) => unknown;
}

/** Connects a hub as the stand-in's API user and answers discover/launch like an action plugin. */
export async function startTestPlugin(server: StandinServer, spec: TestActionSpec): Promise<TestPlugin> {
  const hub = new EventHub(server.url, server.apiUser, server.apiKey);
  const received: Event[] = [];
  hub.subscribe('topic=ftrack.action.discover', (event) => {
    received.push(event);
    setTimeout(() => void hub.publishReply(event, { items: spec.items }), spec.discoverDelayMs ?? 0);
    return undefined;
  });
  hub.subscribe('topic=ftrack.action.launch', (event) => {
    received.push(event);
    const data = spec.onLaunch(event, hub);
    if (data !== undefined) void hub.publishReply(event, data);
    return undefined;
  });
  await hub.connect();
  return {
    hub,
    received,
    close: () => hub.disconnect(),
  };
}

/** Runs the real host with the bundled plugins (encode-media) against the stand-in. */
export function startHost(server: StandinServer): Promise<Host> {
  return runHost(hostConfigSchema.parse({ server: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false }));
}
