import assert from 'node:assert/strict';
import { defineAction, parseSelection, normalizeEntityType, cachedRoles, collectRoleNames, type FormItem } from '../../../src/action/index.js';
import { FakeHub, makeEvent } from '../plugin/fake-hub.js';

const selection = [{ entityId: 'c1', entityType: 'component' }];

function launchEvent(identifier: string, extra: Record<string, unknown> = {}, user = { username: 'demo', id: 'user-demo' }) {
  return makeEvent('ftrack.action.launch', { actionIdentifier: identifier, selection, ...extra }, {
    source: { id: 'web-ui', applicationId: 'ftrack.client.web', user },
  });
}

describe('action - defineAction', () => {
  it('subscribes to discover and to launch filtered by its identifier', () => {
    const hub = new FakeHub();
    const reg = defineAction({ identifier: 'my.action', label: 'Mine', launch: () => 'ok' }).register({ eventHub: hub });
    assert.deepEqual(hub.expressions(), ['topic=ftrack.action.discover', 'topic=ftrack.action.launch and data.actionIdentifier="my.action"']);
    reg.unsubscribe();
    assert.deepEqual(hub.expressions(), []);
  });

  it('answers discover with one item only when match accepts the selection', async () => {
    const hub = new FakeHub();
    const seen: unknown[] = [];
    defineAction({
      identifier: 'enc',
      label: 'Encode media',
      variant: 'mp4',
      description: 'Encode for review',
      icon: 'https://x/icon.png',
      itemData: { applicationIdentifier: 'app' },
      match: async (sel) => {
        seen.push(sel);
        return sel.some((s) => s.entityType === 'component');
      },
      launch: () => 'ok',
    }).register({ eventHub: hub });
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }));
    await hub.deliver(makeEvent('ftrack.action.discover', { selection: [{ entityId: 't', entityType: 'task' }] }));
    assert.equal(hub.replies.length, 1);
    assert.deepEqual(hub.replies[0]!.data, {
      items: [{ applicationIdentifier: 'app', label: 'Encode media', actionIdentifier: 'enc', variant: 'mp4', description: 'Encode for review', icon: 'https://x/icon.png' }],
    });
    assert.deepEqual(seen[0], selection);
  });

  it('answers discover synchronously (no promise to follow) and does not wait for the ack; a failed reply is logged', async () => {
    const hub = new FakeHub();
    let fail = false;
    const publishReply = hub.publishReply.bind(hub);
    hub.publishReply = (source, data) => (fail ? Promise.reject(new Error('socket gone')) : publishReply(source, data));
    const warnings: string[] = [];
    const logger = { child: () => logger, warn: (_: unknown, msg: string) => void warnings.push(msg), info() {}, debug() {}, error() {}, trace() {}, fatal() {}, level: 'info' };
    defineAction({ identifier: 'quick', label: 'Quick', match: (sel) => sel.length > 0, launch: () => 'ok' }).register({ eventHub: hub }, undefined, { logger: logger as never });
    const discover = [...hub.subs.values()].find((s) => s.expression === 'topic=ftrack.action.discover')!;
    assert.equal(discover.callback(makeEvent('ftrack.action.discover', { selection })), undefined);
    assert.equal(hub.replies.length, 1);
    fail = true;
    assert.equal(discover.callback(makeEvent('ftrack.action.discover', { selection })), undefined);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings, ['could not publish the discover reply']);
  });

  it('does not offer the action when match throws', async () => {
    const hub = new FakeHub();
    defineAction({ identifier: 'x', label: 'X', match: () => { throw new Error('boom'); }, launch: () => 'ok' }).register({ eventHub: hub });
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }));
    assert.equal(hub.replies.length, 0);
  });

  it('replies to launch with success for a string, a result object, or nothing', async () => {
    for (const [ret, expected] of [
      ['Queued', { success: true, message: 'Queued' }],
      [{ success: false, message: 'No' }, { success: false, message: 'No' }],
      [undefined, { success: true, message: 'X: done.' }],
      [{ success: true, message: 'w', type: 'widget', url: 'http://x' }, { success: true, message: 'w', type: 'widget', url: 'http://x' }],
    ] as const) {
      const hub = new FakeHub();
      defineAction({ identifier: 'x', label: 'X', launch: () => ret as never }).register({ eventHub: hub });
      await hub.deliver(launchEvent('x'));
      assert.deepEqual(hub.replies.map((r) => r.data), [expected]);
    }
  });

  it('turns a throwing launch into a readable failure reply', async () => {
    const hub = new FakeHub();
    defineAction({ identifier: 'x', label: 'Encode', launch: async () => { throw new Error('ffmpeg missing'); } }).register({ eventHub: hub });
    await hub.deliver(launchEvent('x'));
    assert.deepEqual(hub.replies[0]!.data, { success: false, message: 'Encode failed: ffmpeg missing' });
  });

  it('ignores launches of other identifiers', async () => {
    const hub = new FakeHub();
    defineAction({ identifier: 'x', label: 'X', launch: () => 'ok' }).register({ eventHub: hub });
    await hub.deliver(launchEvent('other'));
    assert.equal(hub.replies.length, 0);
  });

  it('runs a form round trip with every item type, values come back in data.values', async () => {
    const hub = new FakeHub();
    const items: FormItem[] = [
      { type: 'label', value: '## Options' },
      { type: 'text', name: 'title', label: 'Title', value: '', empty_text: 'type…' },
      { type: 'textarea', name: 'notes', label: 'Notes' },
      { type: 'number', name: 'fps', label: 'FPS', value: 24 },
      { type: 'date', name: 'due', label: 'Due', value: '2026-11-24' },
      { type: 'boolean', name: 'keep', label: 'Keep', value: true },
      { type: 'enumerator', name: 'codec', label: 'Codec', data: [{ label: 'H.264', value: 'h264' }] },
      { type: 'hidden', name: 'step', value: { n: 1 } },
    ];
    const launched: unknown[] = [];
    defineAction({
      identifier: 'f',
      label: 'Form',
      form: () => ({ items, title: 'Options', submit_button_label: 'Go' }),
      launch: ({ values }) => {
        launched.push(values);
        return `codec ${String(values?.codec)}`;
      },
    }).register({ eventHub: hub });
    await hub.deliver(launchEvent('f'));
    assert.deepEqual(hub.replies[0]!.data, { items, title: 'Options', submit_button_label: 'Go' });
    assert.equal(launched.length, 0);
    await hub.deliver(launchEvent('f', { values: { codec: 'h264', step: { n: 1 } } }));
    assert.deepEqual(hub.replies[1]!.data, { success: true, message: 'codec h264' });
    assert.deepEqual(launched, [{ codec: 'h264', step: { n: 1 } }]);
  });

  it('restricts itself to allowed users', async () => {
    const hub = new FakeHub();
    defineAction({ identifier: 'x', label: 'X', allowedUsers: ['demo'], launch: () => 'ok' }).register({ eventHub: hub });
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }, { source: { id: 'w', user: { username: 'artist' } } }));
    assert.equal(hub.replies.length, 0);
    await hub.deliver(launchEvent('x', {}, { username: 'artist', id: 'a' }));
    assert.deepEqual(hub.replies[0]!.data, { success: false, message: 'You are not allowed to run "X".' });
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }));
    assert.equal(hub.replies.length, 2);
  });

  it('restricts itself to roles, resolved through the session query and cached', async () => {
    const hub = new FakeHub();
    const queries: string[] = [];
    const session = {
      eventHub: hub,
      query: (expression: string) => ({
        all: async () => {
          queries.push(expression);
          return expression.includes('user-demo') ? [{ security_role: { name: 'Administrator' } }] : [{ security_role: { name: 'User' } }];
        },
      }),
    };
    defineAction({ identifier: 'x', label: 'X', allowedRoles: ['administrator'], launch: () => 'ok' }).register(session);
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }));
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }));
    await hub.deliver(makeEvent('ftrack.action.discover', { selection }, { source: { id: 'w', user: { username: 'artist', id: 'user-artist' } } }));
    assert.equal(hub.replies.length, 2);
    assert.equal(queries.length, 2);
    assert.match(queries[0]!, /UserSecurityRole where user_id is "user-demo"/);
  });

  it('uses a roles resolver when given, and hides the action when it fails', async () => {
    const hub = new FakeHub();
    defineAction({
      identifier: 'x',
      label: 'X',
      allowedRoles: ['Supervisor'],
      roles: async (user) => {
        if (user.username === 'broken') throw new Error('down');
        return user.username === 'sup' ? ['Supervisor'] : [];
      },
      launch: () => 'ok',
    }).register({ eventHub: hub });
    for (const username of ['sup', 'artist', 'broken']) {
      await hub.deliver(makeEvent('ftrack.action.discover', { selection }, { source: { id: 'w', user: { username } } }));
    }
    assert.equal(hub.replies.length, 1);
  });

  it('sends the launching user a message through trigger-user-interface, by id or by username', async () => {
    const hub = new FakeHub();
    let done: Promise<void> | undefined;
    defineAction({
      identifier: 'x',
      label: 'X',
      launch: ({ sendMessage, background }) => {
        done = new Promise((resolve) => background(async () => {
          await sendMessage('finished', true);
          resolve();
        }));
        return 'started';
      },
    }).register({ eventHub: hub });
    await hub.deliver(launchEvent('x'));
    await done;
    await hub.deliver(launchEvent('x', {}, { username: 'noid' } as never));
    await done;
    await new Promise((r) => setImmediate(r));
    const messages = hub.published.filter((e) => e.topic === 'ftrack.action.trigger-user-interface');
    assert.equal(messages[0]!.target, 'applicationId=ftrack.client.web and user.id="user-demo"');
    assert.deepEqual(messages[0]!.data, { type: 'message', success: true, message: 'finished' });
    assert.equal(messages[1]!.target, 'applicationId=ftrack.client.web and user.username="noid"');
  });

  it('reports failed background work to the user', async () => {
    const hub = new FakeHub();
    defineAction({
      identifier: 'x',
      label: 'Encode',
      launch: ({ background }) => {
        background(async () => { throw new Error('disk full'); });
        return 'started';
      },
    }).register({ eventHub: hub });
    await hub.deliver(launchEvent('x'));
    for (let i = 0; i < 20 && hub.published.length === 0; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(hub.published[0]!.data, { type: 'message', success: false, message: 'Encode failed: disk full' });
  });

  it('refuses a spec without identifier, label or launch', () => {
    assert.throws(() => defineAction({ identifier: '', label: 'x', launch: () => 'ok' }), TypeError);
    assert.throws(() => defineAction({ identifier: 'x', label: '', launch: () => 'ok' }), TypeError);
    assert.throws(() => defineAction({ identifier: 'x', label: 'l' } as never), TypeError);
  });
});

describe('action - selection and roles helpers', () => {
  it('normalizes entity types and parses CLI selections', () => {
    assert.equal(normalizeEntityType('File_Component'), 'filecomponent');
    assert.deepEqual(parseSelection('Component:abc, assetversion:def'), [
      { entityType: 'component', entityId: 'abc' },
      { entityType: 'assetversion', entityId: 'def' },
    ]);
    assert.throws(() => parseSelection('nocolon'), /Type:id/);
  });

  it('collects role names from any nesting and caches per user with a TTL', async () => {
    assert.deepEqual(collectRoleNames([{ user_security_roles: [{ security_role: { name: 'A' } }, { security_role: { name: 'B' } }] }]), ['A', 'B']);
    let now = 0;
    let calls = 0;
    const roles = cachedRoles(async () => [String(++calls)], 1000, () => now);
    assert.deepEqual(await roles({ id: 'u' }, null), ['1']);
    assert.deepEqual(await roles({ id: 'u' }, null), ['1']);
    now = 2000;
    assert.deepEqual(await roles({ id: 'u' }, null), ['2']);
  });
});
