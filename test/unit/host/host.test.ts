import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { captureLogger } from '../../../src/logger.js';
import { mergeConfig, runHost, HostConfigError, type Host, type HostSession } from '../../../src/host/index.js';
import type { DiscoveryFs } from '../../../src/plugin/index.js';
import { FakeHub, makeEvent } from '../plugin/fake-hub.js';

class FakeHostHub extends FakeHub {
  connected = false;
  lastHeartbeatAt: number | undefined = Date.parse('2026-11-24T03:00:00Z');
  stats = { received: 7, published: 0, reconnects: 0 };
  readonly emitter = new EventEmitter();
  async connect(): Promise<void> {
    this.connected = true;
    this.emitter.emit('status', { type: 'connected', sessionId: 's1' });
  }
  async disconnect(): Promise<void> {
    this.connected = false;
  }
  isConnected(): boolean {
    return this.connected;
  }
  on(event: 'status', listener: (status: { type: string }) => void): this {
    this.emitter.on(event, listener);
    return this;
  }
}

const files = ['/plugins/slow.mjs', '/plugins/quick.mjs'];
const discoveryFs: DiscoveryFs = { kind: (p) => (files.includes(p) ? 'file' : undefined), readdir: () => [], readFile: () => '', glob: () => [] };

/** A promise the test resolves by hand: the slow handler runs until the test releases it. */
function gate(): { promise: Promise<void>; release(): void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

function modules(log: string[], slow: Promise<void> = new Promise((r) => setTimeout(r, 150))) {
  return async (file: string): Promise<unknown> => {
    if (file.endsWith('slow.mjs')) {
      return {
        register(session: { eventHub: FakeHub }, _args: unknown, ctx: { onClose(fn: () => void): void }) {
          session.eventHub.subscribe('topic=test.slow', async (event) => {
            log.push(`start ${event.id}`);
            await slow;
            log.push(`end ${event.id}`);
          });
          ctx.onClose(() => log.push('close slow'));
        },
      };
    }
    return {
      register(session: { eventHub: FakeHub }) {
        session.eventHub.subscribe('topic=test.quick', () => {
          throw new Error('quick failed');
        });
      },
    };
  };
}

describe('host - runHost with a fake session', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.stop('test done');
    host = undefined;
  });

  async function start(extra: Record<string, unknown> = {}, log: string[] = [], slow?: Promise<void>) {
    const hub = new FakeHostHub();
    let closed = 0;
    const session: HostSession = { eventHub: hub, close: async () => void closed++ };
    const logger = captureLogger();
    const config = mergeConfig({ values: { server: 'http://x', apiUser: 'u', apiKey: 'k', pluginPaths: ['/plugins'], bundledPlugins: false, drainTimeoutMs: 5000, ...extra }, origins: {} });
    host = await runHost({ ...config, pluginPaths: files }, { logger, createSession: async () => session, loadOptions: { discoveryFs, importer: modules(log, slow) } });
    return { hub, logger, closedCount: () => closed };
  }

  it('loads plugins, connects, and logs one ready line with plugins and subscriptions', async () => {
    const { hub, logger } = await start();
    assert.equal(hub.connected, true);
    const ready = logger.lines.filter((l) => l.msg?.startsWith('ready'));
    assert.equal(ready.length, 1);
    assert.equal(ready[0]!.msg, 'ready: 2 plugins, 2 subscriptions');
    assert.ok(logger.lines.some((l) => l.msg === 'event hub connected'));
  });

  it('stop() stops taking events, lets the running handler finish, runs close hooks, closes the session', async () => {
    const log: string[] = [];
    const slow = gate();
    const { hub, closedCount } = await start({}, log, slow.promise);
    const running = hub.deliver(makeEvent('test.slow', {}, { id: 'e1' }));
    await new Promise((r) => setImmediate(r));
    const stopping = host!.stop('SIGTERM');
    // The handler is still running when stop() begins; it finishes during the drain.
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(log, ['start e1']);
    slow.release();
    const result = await stopping;
    await running;
    assert.deepEqual(result, { reason: 'SIGTERM', pending: 0 });
    assert.deepEqual(log, ['start e1', 'end e1', 'close slow']);
    assert.equal(hub.subs.size, 0);
    assert.equal(closedCount(), 1);
    // Idempotent.
    assert.equal(await host!.stop('again'), result);
    assert.deepEqual(await host!.closed(), result);
  });

  it('reports handlers still running after the drain timeout', async () => {
    const slow = gate();
    const { hub } = await start({ drainTimeoutMs: 20 }, [], slow.promise);
    void hub.deliver(makeEvent('test.slow'));
    await new Promise((r) => setImmediate(r));
    const result = await host!.stop('SIGTERM');
    slow.release();
    assert.equal(result.pending, 1);
  });

  it('serves /healthz and /metrics on the health port', async () => {
    const { hub } = await start({ healthPort: 0 });
    const url = host!.health!.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    await hub.deliver(makeEvent('test.slow')).catch(() => undefined);
    await hub.deliver(makeEvent('test.quick')).catch(() => undefined);
    let res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(body, { connected: true, lastHeartbeat: '2026-11-24T03:00:00.000Z', pluginsLoaded: 2, pluginsFailed: 0, subscriptions: 2, stopping: false });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /ftrack_host_events_received_total 7/);
    assert.match(metrics, /ftrack_host_events_dispatched_total\{plugin="slow",topic="test.slow"\} 1/);
    assert.match(metrics, /ftrack_host_handler_errors_total\{plugin="quick",topic="test.quick"\} 1/);
    assert.match(metrics, /ftrack_host_handler_duration_seconds_count\{plugin="slow",topic="test.slow"\} 1/);
    assert.match(metrics, /ftrack_host_hub_connected 1/);
    hub.connected = false;
    res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 503);
    await res.text();
  });

  it('counts and logs reconnects', async () => {
    const { hub, logger } = await start({ healthPort: 0 });
    hub.emitter.emit('status', { type: 'disconnected', reason: 'socket closed' });
    hub.emitter.emit('status', { type: 'reconnecting', attempt: 1, delayMs: 500 });
    hub.emitter.emit('status', { type: 'connected', sessionId: 's2' });
    assert.ok(logger.lines.some((l) => l.level === 'warn' && l.msg === 'event hub disconnected'));
    assert.ok(logger.lines.some((l) => l.msg === 'event hub reconnected'));
    const metrics = await (await fetch(`${host!.health!.url}/metrics`)).text();
    assert.match(metrics, /ftrack_host_hub_reconnects_total 1/);
  });

  it('refuses to start without credentials, naming what is missing', async () => {
    const config = mergeConfig({ values: { server: 'http://x' }, origins: {} });
    await assert.rejects(runHost(config, { createSession: async () => assert.fail('no session expected') }), (e: unknown) => {
      assert.ok(e instanceof HostConfigError);
      assert.deepEqual(e.issues.map((i) => i.key), ['apiUser', 'apiKey']);
      return true;
    });
  });
});
