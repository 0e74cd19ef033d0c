import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandin, type StandinServer } from '../helpers/standin.js';
import { EventHub, Event } from '../../src/event/index.js';
import { DEMO_IDS } from '../../src/standin/index.js';
import { PACKAGE_ROOT } from '../../src/internal/paths.js';
import { captureLogger } from '../../src/logger.js';
import { mergeConfig, runHost, startEmbedded, type Host, type EmbeddedHost } from '../../src/host/index.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'plugins');
const selection = [{ entityId: DEMO_IDS.component, entityType: 'component' }];

async function until<T>(fn: () => T | undefined | false, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Publishes discover as the web UI and collects the offered action labels. */
async function discoverLabels(web: EventHub, quietMs = 1500): Promise<string[]> {
  const labels: string[] = [];
  await web.publish(new Event('ftrack.action.discover', { selection }, { source: { applicationId: 'ftrack.client.web', user: { username: 'demo' } } }), {
    onReply: (reply) => {
      for (const item of (reply.data as { items?: { label: string }[] }).items ?? []) labels.push(item.label);
    },
    timeout: 30_000,
  });
  await until(() => labels.length > 0 || undefined, 'a discover reply', 30_000);
  await new Promise((r) => setTimeout(r, quietMs));
  return labels;
}

describe('host - runHost on the stand-in server', function () {
  this.timeout(120_000);
  let server: StandinServer | undefined;
  let host: Host | undefined;
  let web: EventHub | undefined;
  let embedded: EmbeddedHost | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftrack-host-int-'));
  });
  afterEach(async () => {
    await web?.disconnect();
    await host?.stop('test done');
    await embedded?.stop('test done');
    await server?.close();
    web = host = embedded = server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(extra: Record<string, unknown> = {}) {
    server = await startStandin();
    const logger = captureLogger();
    const config = mergeConfig({
      values: { server: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: join(dir, 'schemas'), ...extra },
      origins: {},
    });
    host = await runHost(config, { logger });
    web = new EventHub(server.url, server.apiUser, server.apiKey, { applicationId: 'ftrack.client.web' });
    await web.connect();
    return logger;
  }

  it('runs with broken plugins beside good ones: each failure reported with path and code, the action still works', async () => {
    const logger = await start({ pluginPaths: [join(FIXTURES, 'broken'), join(FIXTURES, 'basic', 'ok.mjs')], pluginTimeoutMs: 500, plugins: { 'bad-arguments': { maxConcurrent: 0 } } });
    const byName = Object.fromEntries(host!.report.plugins.map((p) => [p.name, p]));
    assert.equal(byName['encode-media']!.status, 'loaded');
    assert.equal(byName['ok']!.status, 'loaded');
    assert.equal(byName['bad-arguments']!.error!.code, 'FTRACK_ERR_PLUGIN_ARGUMENTS');
    assert.equal(byName['hangs']!.error!.code, 'FTRACK_ERR_PLUGIN_TIMEOUT');
    assert.equal(byName['import-error']!.error!.code, 'FTRACK_ERR_PLUGIN_IMPORT');
    assert.equal(byName['no-register']!.error!.code, 'FTRACK_ERR_PLUGIN_NO_REGISTER');
    assert.equal(byName['throws']!.error!.code, 'FTRACK_ERR_PLUGIN_REGISTER');
    const errors = logger.lines.filter((l) => l.level === 'error');
    for (const name of ['bad-arguments', 'hangs', 'import-error', 'no-register', 'throws']) {
      assert.ok(errors.some((l) => (l.obj as { plugin?: string; path?: string }).plugin === name && String((l.obj as { path?: string }).path).includes(name)), `error line for ${name}`);
    }
    // The subscriptions of throws/hangs were removed: encode-media (2) + ok (1).
    assert.equal(host!.runtime.subscriptionCount, 3);
    assert.equal(logger.lines.filter((l) => l.msg?.startsWith('ready:')).length, 1);
    assert.deepEqual(await discoverLabels(web!), ['Encode media']);
    // ok.mjs answers a ping through the real hub.
    const reply = await web!.publishAndWaitForReply(new Event('test.ping', {}), { timeout: 30_000 });
    assert.deepEqual(reply.data, { pong: 'ok', who: null });
  });

  it('reconnects after the server drops every connection and the action works again without restart', async () => {
    const logger = await start({ healthPort: 0 });
    assert.deepEqual(await discoverLabels(web!, 200), ['Encode media']);
    server!.hub.dropAllConnections();
    await until(() => logger.lines.find((l) => l.msg === 'event hub reconnected'), 'the host to reconnect');
    assert.ok(logger.lines.some((l) => l.msg === 'event hub disconnected' && l.level === 'warn'));
    await until(() => web!.isConnected() || undefined, 'the web UI to reconnect');
    assert.deepEqual(await discoverLabels(web!, 200), ['Encode media']);
    const metrics = await host!.metrics!.registry.getSingleMetricAsString('ftrack_host_hub_reconnects_total');
    assert.match(metrics, /ftrack_host_hub_reconnects_total 1/);
  });

  it('connects before loading plugins, so a plugin can publish in register()', async () => {
    server = await startStandin();
    web = new EventHub(server.url, server.apiUser, server.apiKey);
    await web.connect();
    const seen: unknown[] = [];
    web.subscribe('topic=test.hello', (event) => void seen.push(event.data));
    await until(() => server!.hub.stats().subscriptions >= 1 || undefined, 'the web subscription');
    const config = mergeConfig({ values: { server: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, bundledPlugins: false, pluginPaths: ['/virtual/hello.mjs'] }, origins: {} });
    host = await runHost(config, {
      logger: captureLogger(),
      loadOptions: {
        discoveryFs: { kind: (p) => (p === '/virtual/hello.mjs' ? 'file' : undefined), readdir: () => [], readFile: () => '', glob: () => [] },
        importer: async () => ({
          async register(session: { eventHub: EventHub }) {
            await session.eventHub.publish({ topic: 'test.hello', data: { from: 'register' } });
          },
        }),
      },
    });
    assert.equal(host.report.plugins[0]!.status, 'loaded', JSON.stringify(host.report.plugins[0]));
    await until(() => seen[0], 'the event published in register()');
    assert.deepEqual(seen, [{ from: 'register' }]);
  });

  it('embedded default: starts the stand-in in-process with the bundled plugins and says what to try next', async () => {
    const logger = captureLogger();
    const config = mergeConfig({ values: { schemaCachePath: false }, origins: {} });
    embedded = await startEmbedded(config, { logger, env: { XDG_CACHE_HOME: dir } });
    assert.equal(embedded.dataDir, join(dir, 'ftrack-host', 'standin'));
    assert.match(embedded.instructions, new RegExp(`Web page: +${embedded.url}/`));
    assert.match(embedded.instructions, new RegExp(`actions discover --server ${embedded.url} --api-user ${embedded.apiUser} --api-key \\S+ --selection component:${DEMO_IDS.component}`));
    assert.deepEqual(embedded.host.report.plugins.map((p) => [p.name, p.status]), [['encode-media', 'loaded']]);
    web = new EventHub(embedded.url, embedded.apiUser, embedded.apiKey, { applicationId: 'ftrack.client.web' });
    await web.connect();
    assert.deepEqual(await discoverLabels(web, 200), ['Encode media']);
  });
});
