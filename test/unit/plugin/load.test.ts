import assert from 'node:assert/strict';
import { join } from 'node:path';
import { z } from 'zod';
import { captureLogger } from '../../../src/logger.js';
import { loadPlugins, resolvePluginExports, PluginNoRegisterError } from '../../../src/plugin/index.js';
import { DATA_DIR } from '../../../src/internal/paths.js';
import { FakeHub, makeEvent } from './fake-hub.js';

const FIXTURES = join(DATA_DIR, '..', 'test', 'fixtures', 'plugins');
const BASIC = join(FIXTURES, 'basic');
const BROKEN = join(FIXTURES, 'broken');

describe('plugin - load', () => {
  it('loads every well-formed fixture in sorted order with names from files and folders', async () => {
    const hub = new FakeHub();
    const logger = captureLogger();
    const result = await loadPlugins({ paths: [BASIC], session: { eventHub: hub }, logger, pluginArguments: { who: 'shared' } });
    assert.deepEqual(
      result.plugins.map((p) => [p.name, p.status]),
      [
        ['cjs-plugin', 'loaded'],
        ['default-export', 'loaded'],
        ['folder-plugin', 'loaded'],
        ['ok', 'loaded'],
        ['typed', 'loaded'],
      ],
    );
    assert.deepEqual(hub.expressions().sort(), ['topic=test.cjs', 'topic=test.default', 'topic=test.folder', 'topic=test.ping', 'topic=test.typed.hello']);
    assert.equal(result.runtime.subscriptionCount, 5);
    // The ok plugin got the shared arguments and works.
    await hub.deliver(makeEvent('test.ping'));
    assert.deepEqual(hub.replies[0]!.data, { pong: 'ok', who: 'shared' });
    assert.ok(logger.lines.some((l) => l.msg === 'plugin load report'));
  });

  it('merges per-plugin arguments over shared ones and validates them with the schema', async () => {
    const hub = new FakeHub();
    const result = await loadPlugins({
      paths: [join(BASIC, 'ts-plugin.ts'), join(BASIC, 'ok.mjs')],
      session: { eventHub: hub },
      logger: captureLogger(),
      pluginArguments: { who: 'shared', greeting: 'hey' },
      perPluginArguments: { ok: { who: 'mine' }, typed: { greeting: 'bonjour' } },
    });
    assert.deepEqual(result.plugins.map((p) => p.status), ['loaded', 'loaded']);
    assert.ok(hub.expressions().includes('topic=test.typed.bonjour'));
    await hub.deliver(makeEvent('test.ping'));
    assert.equal(hub.replies[0]!.data.who, 'mine');
  });

  it('reports each broken plugin with its path and code, removes its subscriptions, and loads the others', async function () {
    this.timeout(20_000);
    const hub = new FakeHub();
    const logger = captureLogger();
    const result = await loadPlugins({
      paths: [BROKEN, join(BASIC, 'ok.mjs')],
      session: { eventHub: hub },
      logger,
      timeoutMs: 300,
      perPluginArguments: { 'bad-arguments': { maxConcurrent: 'three' } },
    });
    const byName = Object.fromEntries(result.plugins.map((p) => [p.name, p]));
    assert.equal(byName['bad-arguments']!.error!.code, 'FTRACK_ERR_PLUGIN_ARGUMENTS');
    assert.match(byName['bad-arguments']!.error!.message, /key 'maxConcurrent'/);
    assert.equal(byName['hangs']!.status, 'timeout');
    assert.equal(byName['hangs']!.error!.code, 'FTRACK_ERR_PLUGIN_TIMEOUT');
    assert.equal(byName['import-error']!.error!.code, 'FTRACK_ERR_PLUGIN_IMPORT');
    assert.match(byName['import-error']!.error!.message, /import-error\.mjs/);
    assert.equal(byName['no-register']!.error!.code, 'FTRACK_ERR_PLUGIN_NO_REGISTER');
    assert.match(byName['no-register']!.error!.message, /version: number, setup: function|setup: function/);
    assert.equal(byName['throws']!.error!.code, 'FTRACK_ERR_PLUGIN_REGISTER');
    assert.match(byName['throws']!.error!.message, /database not reachable/);
    assert.equal(byName['ok']!.status, 'loaded');
    for (const p of result.plugins) assert.equal(p.path.startsWith('/') || /^[A-Z]:/.test(p.path), true);
    // Only the good plugin's subscription is left: throws' and hangs' were removed.
    assert.deepEqual(hub.expressions(), ['topic=test.ping']);
    assert.equal(logger.lines.filter((l) => l.level === 'error').length, 5);
  });

  it('refuses subscriptions made by a timed-out plugin after the timeout', async () => {
    const hub = new FakeHub();
    let late: (() => void) | undefined;
    const result = await loadPlugins({
      paths: ['/virtual/late.mjs'],
      session: { eventHub: hub },
      logger: captureLogger(),
      timeoutMs: 50,
      discoveryFs: { kind: (p) => (p === '/virtual/late.mjs' ? 'file' : undefined), readdir: () => [], readFile: () => '', glob: () => [] },
      importer: async () => ({
        register: (session: { eventHub: FakeHub }) =>
          new Promise<void>((resolve) => {
            late = () => {
              session.eventHub.subscribe('topic=late', () => undefined);
              resolve();
            };
          }),
      }),
    });
    assert.equal(result.plugins[0]!.status, 'timeout');
    late!();
    assert.deepEqual(hub.expressions(), []);
  });

  it('gives each plugin its own logger as session.logger and context.logger', async () => {
    const logger = captureLogger();
    let seen: unknown[] = [];
    await loadPlugins({
      paths: ['/v/a.js'],
      session: { eventHub: new FakeHub(), logger: 'root' },
      logger,
      discoveryFs: { kind: (p) => (p === '/v/a.js' ? 'file' : undefined), readdir: () => [], readFile: () => '', glob: () => [] },
      importer: async () => ({
        register(session: { logger: { info(m: string): void } }, _a: unknown, ctx: { logger: unknown }) {
          seen = [session.logger === ctx.logger];
          session.logger.info('hello from a');
        },
      }),
    });
    assert.deepEqual(seen, [true]);
    const line = logger.lines.find((l) => l.msg === 'hello from a')!;
    assert.deepEqual(line.bindings, { name: 'plugin', plugin: 'a' });
  });

  it('rejects two plugins with the same name', async () => {
    const files = ['/a/x.mjs', '/b/x.mjs'];
    const result = await loadPlugins({
      paths: files,
      session: { eventHub: new FakeHub() },
      logger: captureLogger(),
      discoveryFs: { kind: (p) => (files.includes(p) ? 'file' : undefined), readdir: () => [], readFile: () => '', glob: () => [] },
      importer: async () => ({ register() {} }),
    });
    assert.equal(result.plugins[1]!.error!.code, 'FTRACK_ERR_PLUGIN_DUPLICATE_NAME');
  });

  it('runs close hooks and returned teardown functions last-registered first', async () => {
    const order: string[] = [];
    const files = ['/p/a.mjs', '/p/b.mjs'];
    const result = await loadPlugins({
      paths: files,
      session: { eventHub: new FakeHub() },
      logger: captureLogger(),
      discoveryFs: { kind: (p) => (files.includes(p) ? 'file' : undefined), readdir: () => [], readFile: () => '', glob: () => [] },
      importer: async (file) => ({
        register(_s: unknown, _a: unknown, ctx: { onClose(h: () => void): void }) {
          ctx.onClose(() => order.push(`${file}:hook`));
          return () => order.push(`${file}:returned`);
        },
      }),
    });
    await result.runtime.close();
    assert.deepEqual(order, ['/p/b.mjs:returned', '/p/b.mjs:hook', '/p/a.mjs:returned', '/p/a.mjs:hook']);
  });
});

describe('plugin - resolvePluginExports', () => {
  it('accepts named, default function, default object and nested default', () => {
    const fn = (): void => {};
    assert.equal(resolvePluginExports({ register: fn }, 'x').register, fn);
    assert.equal(resolvePluginExports({ default: fn }, 'x').register, fn);
    assert.equal(resolvePluginExports({ default: { register: fn, name: 'n' } }, 'x').name, 'n');
    assert.equal(resolvePluginExports({ default: { default: fn } }, 'x').register, fn);
    const schema = z.object({});
    assert.equal(resolvePluginExports({ register: fn, schema }, 'x').schema, schema);
  });

  it('does not take a function name as the plugin name', () => {
    function register(): void {}
    assert.equal(resolvePluginExports({ default: register }, 'x').name, undefined);
  });

  it('throws PluginNoRegisterError saying what was found', () => {
    assert.throws(() => resolvePluginExports({ register: 3 }, '/p.mjs'), (e: unknown) => {
      assert.ok(e instanceof PluginNoRegisterError);
      assert.equal(e.code, 'FTRACK_ERR_PLUGIN_NO_REGISTER');
      assert.match(e.message, /register: number/);
      return true;
    });
  });
});
