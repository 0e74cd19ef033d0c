import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startStandin, type StandinServer } from '../helpers/standin.js';
import { Session } from '../../src/session/index.js';
import { DEMO_IDS } from '../../src/standin/index.js';
import { BUNDLED_PLUGINS_DIR, DATA_DIR } from '../../src/internal/paths.js';
import { captureLogger } from '../../src/logger.js';
import { loadPlugins, type LoadResult } from '../../src/plugin/index.js';
import { FakeHub, makeEvent, type FakeEvent } from '../unit/plugin/fake-hub.js';

/**
 * The bundled encode-media plugin against the stand-in server through a real
 * Session; the event hub is a recording fake so each reply can be asserted
 * (the end-to-end test covers the real hub).
 */
describe('encode-media - plugin on the stand-in server', function () {
  this.timeout(120_000);
  let server: StandinServer;
  let session: Session;
  let hub: FakeHub;
  let loaded: LoadResult;
  let demoUser: { id: string; username: string };
  let artistUser: { id: string; username: string };

  async function load(args: Record<string, unknown> = {}): Promise<void> {
    hub = new FakeHub();
    const view = new Proxy(session, {
      get(target, prop) {
        if (prop === 'eventHub') return hub;
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    loaded = await loadPlugins({ paths: [join(BUNDLED_PLUGINS_DIR, 'encode-media')], session: view, logger: captureLogger(), perPluginArguments: { 'encode-media': args } });
    assert.equal(loaded.plugins[0]!.status, 'loaded', JSON.stringify(loaded.plugins[0]));
  }

  const source = (user: { id: string; username: string }) => ({ id: 'web', applicationId: 'ftrack.client.web', user });
  const discover = async (selection: unknown[], user = demoUser): Promise<FakeEvent> => {
    const event = makeEvent('ftrack.action.discover', { selection }, { source: source(user) });
    await hub.deliver(event);
    return event;
  };
  const launch = async (selection: unknown[], extra: Record<string, unknown> = {}, user = demoUser): Promise<unknown> => {
    const event = makeEvent('ftrack.action.launch', { actionIdentifier: 'ftrack-host.encode-media', selection, ...extra }, { source: source(user) });
    await hub.deliver(event);
    return hub.replies.find((r) => r.to === event)?.data;
  };
  const userMessages = () => hub.published.filter((e) => e.topic === 'ftrack.action.trigger-user-interface');
  async function until<T>(fn: () => T | undefined, what: string, ms = 90_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = fn();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeEach(async () => {
    server = await startStandin();
    session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, pluginPaths: [] });
    const users = server.users.list();
    const pick = (name: string) => {
      const u = users.find((x) => x.username === name)!;
      return { id: u.id, username: u.username };
    };
    demoUser = pick('demo');
    artistUser = pick('artist');
  });
  afterEach(async () => {
    await loaded?.runtime.drain(60_000);
    await loaded?.runtime.close();
    await session?.close();
    await server?.close();
  });

  it('is offered on the demo FileComponent and its version, not on a task or an unknown id', async () => {
    await load();
    const onComponent = await discover([{ entityId: DEMO_IDS.component, entityType: 'Component' }]);
    const reply = hub.replies.find((r) => r.to === onComponent)!;
    assert.deepEqual(reply.data.items.map((i: { label: string; actionIdentifier: string }) => [i.label, i.actionIdentifier]), [['Encode media', 'ftrack-host.encode-media']]);
    const onVersion = await discover([{ entityId: DEMO_IDS.version, entityType: 'assetversion' }]);
    assert.ok(hub.replies.some((r) => r.to === onVersion));
    const onFileComponent = await discover([{ entityId: DEMO_IDS.component, entityType: 'file_component' }]);
    assert.ok(hub.replies.some((r) => r.to === onFileComponent));
    const before = hub.replies.length;
    // A selection without components or versions is refused at once, without a query (no promise).
    const onDiscover = [...hub.subs.values()].find((s) => s.expression === 'topic=ftrack.action.discover')!;
    assert.equal(onDiscover.callback(makeEvent('ftrack.action.discover', { selection: [{ entityId: DEMO_IDS.task, entityType: 'task' }] }, { source: source(demoUser) })), undefined);
    await discover([{ entityId: DEMO_IDS.task, entityType: 'task' }]);
    await discover([{ entityId: '00000000-0000-0000-0000-000000000000', entityType: 'component' }]);
    await discover([]);
    // A movie component that is not in the ftrack.server location (location: null creates no ComponentLocation).
    const elsewhere = await session.createComponent(join(DATA_DIR, 'colour_wheel.mov'), { location: null, data: { name: 'elsewhere' } } as never);
    await discover([{ entityId: String(elsewhere.id), entityType: 'component' }]);
    assert.equal(hub.replies.length, before);
    const refused = await launch([{ entityId: String(elsewhere.id), entityType: 'component' }]);
    assert.deepEqual(refused, { success: false, message: 'Nothing to encode in the selection (elsewhere is not in the ftrack server location).' });
  });

  it('is not offered when the file type is not allowed, and respects allowed roles', async () => {
    await load({ fileTypes: ['.exr'] });
    await discover([{ entityId: DEMO_IDS.component, entityType: 'component' }]);
    assert.equal(hub.replies.length, 0);
    const reply = await launch([{ entityId: DEMO_IDS.component, entityType: 'component' }]);
    assert.deepEqual(reply, { success: false, message: 'Nothing to encode in the selection (main has file type ".mov").' });
    await loaded.runtime.close();

    await load({ allowedRoles: ['Administrator'] });
    await discover([{ entityId: DEMO_IDS.component, entityType: 'component' }], artistUser);
    assert.equal(hub.replies.length, 0);
    await discover([{ entityId: DEMO_IDS.component, entityType: 'component' }], demoUser);
    assert.equal(hub.replies.length, 1);
    await loaded.runtime.close();

    // File types without the dot and in any case; allowed users by username.
    await load({ fileTypes: ['MOV'], allowedUsers: ['artist'] });
    await discover([{ entityId: DEMO_IDS.component, entityType: 'component' }], demoUser);
    assert.equal(hub.replies.length, 0);
    const refused = await launch([{ entityId: DEMO_IDS.component, entityType: 'component' }], {}, demoUser);
    assert.deepEqual(refused, { success: false, message: 'You are not allowed to run "Encode media".' });
    await discover([{ entityId: DEMO_IDS.component, entityType: 'component' }], artistUser);
    assert.equal(hub.replies.filter((r) => r.to.topic === 'ftrack.action.discover').length, 1);
  });

  it('reports a job that runs past jobTimeoutMs as failed, with the reason', async () => {
    await load({ jobTimeoutMs: 1 });
    const reply = (await launch([{ entityId: DEMO_IDS.component, entityType: 'component' }])) as { success: boolean; message: string };
    assert.equal(reply.success, true, reply.message);
    const message = await until(() => userMessages()[0], 'the failure message');
    assert.equal(message.data.success, false);
    assert.match(message.data.message, /^Encode media: 1 of 1 failed\. main: Job \S+ did not finish within 1 ms/);
    // The server still finishes the job; wait for it before closing the server.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !(await session.query('select status from Job').all()).every((j) => j.status === 'done' || j.status === 'failed')) {
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it('encodes on launch: replies at once, a second launch of the same selection by the same user starts no duplicate, then messages the user', async () => {
    await load();
    const selection = [{ entityId: DEMO_IDS.component, entityType: 'component' }];
    // Both launches arrive together, as from a double click in the action menu.
    const replies = (await Promise.all([launch(selection), launch(selection)])) as { success: boolean; message: string }[];
    const accepted = replies.filter((r) => r.success);
    const refused = replies.filter((r) => !r.success);
    assert.deepEqual(accepted, [{ success: true, message: 'Encoding "main"… you will get a message when it is done.' }], JSON.stringify(replies));
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.message, /already running for main/);
    const message = await until(() => userMessages()[0], 'the completion message');
    assert.equal(message.target, `applicationId=ftrack.client.web and user.id="${demoUser.id}"`);
    assert.equal(message.data.type, 'message');
    assert.equal(message.data.success, true, message.data.message);
    assert.match(message.data.message, /"main" is encoded and ready for review/);
    const jobs = await session.query('select status from Job').all();
    assert.equal(jobs.length, 1, 'one encode job: the second launch started none');
    assert.equal(jobs[0]!.status, 'done');
    // Finished: the same selection can be encoded again.
    assert.equal(((await launch(selection)) as { success: boolean }).success, true);
    await until(() => userMessages()[1], 'the second completion message');
  });

  it('asks which components to encode when the version holds several, then encodes the chosen one', async () => {
    await load();
    const extra = await session.createComponent(join(DATA_DIR, 'image.png'), { location: 'server', data: { name: 'still', version_id: DEMO_IDS.version } } as never);
    const selection = [{ entityId: DEMO_IDS.version, entityType: 'assetversion' }];
    const form = (await launch(selection)) as { items: { type: string; name?: string; label?: string }[]; title: string };
    assert.equal(form.title, 'Encode media: choose components');
    const booleans = form.items.filter((i) => i.type === 'boolean');
    assert.deepEqual(booleans.map((i) => i.label).sort(), ['main (.mov)', 'still (.png)']);
    const values = Object.fromEntries(booleans.map((i) => [i.name!, i.name === `component_${String(extra.id)}`]));
    const reply = (await launch(selection, { values })) as { success: boolean; message: string };
    assert.deepEqual(reply, { success: true, message: 'Encoding "still"… you will get a message when it is done.' });
    const message = await until(() => userMessages()[0], 'the completion message');
    assert.equal(message.data.success, true, message.data.message);
    const none = (await launch(selection, { values: Object.fromEntries(booleans.map((i) => [i.name!, false])) })) as { success: boolean };
    assert.equal(none.success, false);
  });

  it('encodes an image sequence (SequenceComponent) in the server location', async () => {
    await load();
    const frames = mkdtempSync(join(tmpdir(), 'ftrack-seq-'));
    try {
      for (const n of [1, 2, 3]) copyFileSync(join(DATA_DIR, 'image.png'), join(frames, `frame.${String(n).padStart(4, '0')}.png`));
      const sequence = await session.createComponent(`${join(frames, 'frame.%04d.png')} [1-3]`, { location: 'server' } as never);
      assert.equal(sequence.entityType, 'SequenceComponent');
      const selection = [{ entityId: String(sequence.id), entityType: 'component' }];
      const offered = await discover(selection);
      assert.ok(hub.replies.some((r) => r.to === offered), 'offered on the sequence');
      const reply = (await launch(selection)) as { success: boolean; message: string };
      assert.equal(reply.success, true, reply.message);
      const message = await until(() => userMessages()[0], 'the completion message');
      assert.equal(message.data.success, true, message.data.message);
    } finally {
      rmSync(frames, { recursive: true, force: true });
    }
  });

  it('reports a failing encode to the user with the reason', async () => {
    await load();
    // A component in the server location whose bytes are not media.
    const bogus = await session.createComponent(join(DATA_DIR, 'query_schemas.json'), { location: 'server', data: { name: 'notes' } } as never);
    await session.call([{ action: 'update', entity_type: 'FileComponent', entity_key: [String(bogus.id)], entity_data: { file_type: '.mov' } }]);
    const reply = (await launch([{ entityId: String(bogus.id), entityType: 'component' }])) as { success: boolean };
    assert.equal(reply.success, true);
    const message = await until(() => userMessages()[0], 'the failure message');
    assert.equal(message.data.success, false);
    assert.match(message.data.message, /Encode media: 1 of 1 failed\. notes: .+/);
  });
});
