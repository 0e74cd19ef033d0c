import assert from 'node:assert/strict';
import { Event, EventHub, type EventPayload } from '@ftrack/api';
import { connectRawClient, startHubServer, type RawHubClient, type StartedHubServer } from '../helpers/hub-server.js';

/** The official JavaScript client (@ftrack/api) against our hub server. */
describe('hub server with the official @ftrack/api EventHub', function () {
  this.timeout(30_000);
  let started: StartedHubServer;
  const hubs: EventHub[] = [];
  const raws: RawHubClient[] = [];

  function jsHub(userIndex = 0): EventHub {
    const user = started.users[userIndex]!;
    const hub = new EventHub(started.url, user.username, user.apiKey);
    hubs.push(hub);
    hub.connect();
    return hub;
  }

  async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what} (stats ${JSON.stringify(started.hub.stats())})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeEach(async () => {
    started = await startHubServer();
  });

  afterEach(async () => {
    for (const hub of hubs.splice(0)) hub.disconnect();
    for (const raw of raws.splice(0)) raw.ws.terminate();
    await started.close();
  });

  it('subscribes, publishes and gets a reply between two @ftrack/api hubs', async () => {
    const subscriber = jsHub(0);
    const publisher = jsHub(1);
    const received: EventPayload[] = [];
    subscriber.subscribe('topic=interop.ping', (event) => {
      received.push(event);
      return { pong: (event.data as unknown as { n: number }).n + 1 };
    });
    // subscriber: its reply subscriber (sent twice, stored once) + interop.ping; publisher: its reply subscriber.
    await until(() => started.hub.stats().subscriptions === 3, 'three subscriptions');
    const reply = (await publisher.publishAndWaitForReply(new Event('interop.ping', { n: 41 }), { timeout: 20 })) as { topic: string; data: unknown };
    assert.equal(reply.topic, 'ftrack.meta.reply');
    assert.deepEqual(reply.data, { pong: 42 });
    assert.equal(received.length, 1);
    assert.equal(received[0]!.source.user.username, 'other');
    assert.equal(received[0]!.source.user.id, started.users[1]!.id);
    assert.equal(received[0]!.source.applicationId, 'ftrack.api.javascript');
    assert.equal(started.hub.connectionCount(), 2);
  });

  it('delivers a hub its own events', async () => {
    const hub = jsHub();
    const received: EventPayload[] = [];
    hub.subscribe('topic=self.*', (event) => {
      received.push(event);
    });
    await until(() => started.hub.stats().subscriptions === 2, 'two subscriptions');
    await hub.publish(new Event('self.test', { a: 1 }));
    await until(() => received.length === 1, 'own event received');
    assert.deepEqual(received[0]!.data, { a: 1 });
  });

  it('answers a Python-style client: JS reply routed back by target id=<hub id>', async () => {
    const js = jsHub();
    js.subscribe('topic=farm.render', () => ({ accepted: true }));
    await until(() => started.hub.stats().subscriptions === 2, 'JS subscriptions');
    const raw = await connectRawClient(started, { user: started.users[1] });
    raws.push(raw);
    raw.subscribe('topic=ftrack.meta.reply', { id: 'python-hub' }, 1);
    await raw.waitFor((frame) => frame === '6:::1+[{"success":true}]');
    raw.publish({ id: 'render-1', topic: 'farm.render', data: {}, source: { id: 'python-hub' }, target: '', sent: null, inReplyToEvent: null }, 2);
    await raw.waitFor((frame) => frame === '6:::2+[{"success":true}]');
    await raw.waitFor((frame) => frame.includes('"inReplyToEvent":"render-1"'), 'the reply');
    const reply = raw.events().find((event) => event.inReplyToEvent === 'render-1')!;
    assert.deepEqual(reply.data, { accepted: true });
    assert.equal(reply.target, 'id=python-hub');
    assert.equal((reply.source as { user: { username: string } }).user.username, 'demo');
  });

  it('gets subscriptions back after the server drops every socket', async () => {
    const hub = jsHub();
    const received: number[] = [];
    hub.subscribe('topic=after.drop', (event) => {
      received.push((event.data as unknown as { n: number }).n);
    });
    await until(() => started.hub.stats().subscriptions === 2, 'subscriptions before the drop');
    const handshakes = started.hub.stats().handshakes;
    started.hub.dropAllConnections();
    await until(() => started.hub.stats().handshakes > handshakes && started.hub.stats().subscriptions === 2, 'subscriptions after the reconnect');
    started.hub.publish({ topic: 'after.drop', data: { n: 1 } });
    await until(() => received.length === 1, 'event after the reconnect');
    assert.deepEqual(received, [1]);
  });
});
