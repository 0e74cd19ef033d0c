import assert from 'node:assert/strict';
import { startStandin, type StandinServer } from '../helpers/standin.js';
import { EventHub, Event } from '../../src/event/index.js';
import { Session } from '../../src/session/index.js';
import { defineAction, queryUserRoles, type FormItem } from '../../src/action/index.js';

/** defineAction through the real stand-in hub and a real Session; our EventHub plays the web UI. */
describe('action - defineAction on the stand-in server', function () {
  this.timeout(60_000);
  let server: StandinServer;
  let session: Session;
  let web: EventHub;
  let users: Record<string, { id: string; username: string }>;
  const webs = new Map<string, EventHub>();
  /** The web UI of one user: the server stamps the authenticated user into source and subscriber metadata. */
  async function webOf(username: string): Promise<EventHub> {
    let hub = webs.get(username);
    if (!hub) {
      const user = server.users.list().find((u) => u.username === username)!;
      hub = new EventHub(server.url, user.username, user.apiKey, { applicationId: 'ftrack.client.web' });
      await hub.connect();
      webs.set(username, hub);
    }
    return hub;
  }

  beforeEach(async () => {
    server = await startStandin();
    session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, pluginPaths: [] });
    await session.eventHub.connect();
    web = new EventHub(server.url, server.apiUser, server.apiKey, { applicationId: 'ftrack.client.web' });
    await web.connect();
    users = Object.fromEntries(server.users.list().map((u) => [u.username, { id: u.id, username: u.username }]));
  });
  afterEach(async () => {
    await web?.disconnect();
    for (const hub of webs.values()) await hub.disconnect();
    webs.clear();
    await session?.close();
    await server?.close();
  });

  const source = (user: { id?: string; username: string }) => ({ applicationId: 'ftrack.client.web', user });
  async function request(topic: string, data: Record<string, unknown>, user: { id?: string; username: string } = users.demo!, quietMs = 600, expectReply = true): Promise<any[]> {
    const replies: any[] = [];
    const hub = user.username === 'demo' ? web : await webOf(user.username);
    await hub.publish(new Event(topic, data, { source: source(user) }), { onReply: (r) => void replies.push(r.data), timeout: 20_000 });
    const deadline = Date.now() + (expectReply ? 10_000 : 0);
    while (replies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, quietMs));
    return replies;
  }
  const selection = [{ entityId: 'x1', entityType: 'task' }];
  /** Waits until the server knows `count` more subscriptions than `before`. */
  async function announced(before: number, count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (server.hub.stats().subscriptions < before + count) {
      if (Date.now() > deadline) throw new Error('subscriptions not announced');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('runs a form round trip with every item type through the hub', async () => {
    const items: FormItem[] = [
      { type: 'label', value: 'Pick' },
      { type: 'text', name: 't', label: 'T', value: 'a' },
      { type: 'textarea', name: 'ta', label: 'TA' },
      { type: 'number', name: 'n', label: 'N', value: 3 },
      { type: 'date', name: 'd', label: 'D', value: '2026-11-24' },
      { type: 'boolean', name: 'b', label: 'B', value: false },
      { type: 'enumerator', name: 'e', label: 'E', data: [{ label: 'One', value: 1 }] },
      { type: 'hidden', name: 'h', value: { step: 2 } },
    ];
    const before = server.hub.stats().subscriptions;
    defineAction({ identifier: 'it.form', label: 'Form', form: () => ({ items, title: 'Choose', submit_button_label: 'Go' }), launch: ({ values }) => `got ${JSON.stringify(values)}` }).register(session);
    await announced(before, 2);
    const [form] = await request('ftrack.action.launch', { actionIdentifier: 'it.form', selection });
    assert.deepEqual(form, { items, title: 'Choose', submit_button_label: 'Go' });
    const [done] = await request('ftrack.action.launch', { actionIdentifier: 'it.form', selection, values: { e: 1, h: { step: 2 } } });
    assert.deepEqual(done, { success: true, message: 'got {"e":1,"h":{"step":2}}' });
  });

  it('hides the action from users without the role (resolved through the session) and refuses their launch', async () => {
    const before = server.hub.stats().subscriptions;
    defineAction({ identifier: 'it.admin', label: 'Admin only', allowedRoles: ['Administrator'], launch: () => 'ok' }).register(session);
    await announced(before, 2);
    assert.equal((await request('ftrack.action.discover', { selection }, users.demo)).length, 1);
    assert.equal((await request('ftrack.action.discover', { selection }, users.artist, 1500, false)).length, 0);
    const [refused] = await request('ftrack.action.launch', { actionIdentifier: 'it.admin', selection }, users.artist);
    assert.deepEqual(refused, { success: false, message: 'You are not allowed to run "Admin only".' });
  });

  it('turns a throwing launch into a failure reply and reaches the user through trigger-user-interface', async () => {
    const messages: { user: string; data: unknown }[] = [];
    // The artist's hub (and its reply subscriber) exists before counting, so exactly 4 new
    // subscriptions follow: two trigger-user-interface listeners and the action's two.
    const artistWeb = await webOf('artist');
    const before = server.hub.stats().subscriptions;
    for (const name of ['demo', 'artist']) {
      (name === 'demo' ? web : artistWeb).subscribe('topic=ftrack.action.trigger-user-interface', (e) => void messages.push({ user: name, data: e.data }), {
        subscriber: { applicationId: 'ftrack.client.web', user: users[name] },
      });
    }
    defineAction({
      identifier: 'it.tell',
      label: 'Tell',
      launch: async ({ values, sendMessage }) => {
        if (values?.fail) throw new Error('kaput');
        await sendMessage('hello you');
        return 'sent';
      },
    }).register(session);
    await announced(before, 4);
    const [failure] = await request('ftrack.action.launch', { actionIdentifier: 'it.tell', selection, values: { fail: true } });
    assert.deepEqual(failure, { success: false, message: 'Tell failed: kaput' });
    await request('ftrack.action.launch', { actionIdentifier: 'it.tell', selection }, users.artist);
    await request('ftrack.action.launch', { actionIdentifier: 'it.tell', selection }, { username: 'demo' });
    const deadline = Date.now() + 10_000;
    while (messages.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    // Exactly one message per launch, each only to its user (by id, then by username).
    messages.sort((a, b) => a.user.localeCompare(b.user));
    assert.deepEqual(messages, [
      { user: 'artist', data: { type: 'message', success: true, message: 'hello you' } },
      { user: 'demo', data: { type: 'message', success: true, message: 'hello you' } },
    ]);
  });

  it('resolves roles with the user id or name quoted, so a crafted id or name cannot widen the query', async () => {
    const own = await queryUserRoles(users.demo!, session);
    assert.ok(own.length > 0, 'the seeded admin has roles');
    // Unquoted, these would read `user_id is "x" or user_id like "%"`: every user's roles.
    assert.deepEqual(await queryUserRoles({ id: 'x" or user_id like "%' }, session), []);
    assert.deepEqual(await queryUserRoles({ username: 'x" or user.username like "%' }, session), []);
    assert.deepEqual(await queryUserRoles({ username: 'trailing\\' }, session), []);
  });
});
