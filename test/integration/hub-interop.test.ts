import assert from 'node:assert/strict';
import { Event as FtrackApiEvent, EventHub as FtrackApiEventHub, type EventPayload as FtrackApiPayload } from '@ftrack/api';
import { Event, EventHub } from '../../src/event/index.js';
import { startHubServer, type StartedHubServer } from '../helpers/hub-server.js';
import { until } from '../helpers/wait.js';

/**
 * Interop with the official JavaScript client (@ftrack/api) through our hub
 * server: each side subscribes, publishes and answers the other.
 * Note: @ftrack/api timeouts are in seconds, ours in milliseconds.
 */
describe('integration: EventHub interop with @ftrack/api', function () {
  this.timeout(30_000);
  let server: StartedHubServer;
  let ours: EventHub;
  let theirs: FtrackApiEventHub;

  beforeEach(async () => {
    server = await startHubServer();
    const other = server.users[1]!;
    ours = new EventHub(server.url, server.apiUser, server.apiKey, { backoff: { minMs: 10, maxMs: 100 } });
    theirs = new FtrackApiEventHub(server.url, other.username, other.apiKey);
    theirs.connect();
    await ours.connect();
    await until(() => theirs.isConnected(), '@ftrack/api connected');
  });

  afterEach(async () => {
    theirs.disconnect();
    await ours.disconnect();
    await server.close();
  });

  it('interop - @ftrack/api asks, our EventHub replies (full expression with and/wildcard)', async () => {
    const seen: Event[] = [];
    const subscriberId = ours.subscribe('topic=interop.ask and data.kind=render* and not data.skip=yes', (event) => {
      seen.push(event);
      return { answer: (event.data as { n: number }).n * 2 };
    });
    // The ack of a later publish on the same socket proves the server registered the subscription.
    await ours.publish({ topic: 'interop.sync' });
    const reply = (await theirs.publishAndWaitForReply(new FtrackApiEvent('interop.ask', { kind: 'render-farm', n: 21 }), { timeout: 20 })) as unknown as { topic: string; data: unknown; source: { id: string } };
    assert.equal(reply.topic, 'ftrack.meta.reply');
    assert.deepEqual(reply.data, { answer: 42 });
    assert.equal(reply.source.id, subscriberId);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.source.applicationId, 'ftrack.api.javascript');
    assert.equal((seen[0]!.source.user as { username: string }).username, 'other');

    // Filtered out locally and on the server: no reply, so @ftrack/api times out.
    await assert.rejects(theirs.publishAndWaitForReply(new FtrackApiEvent('interop.ask', { kind: 'render', skip: 'yes', n: 1 }), { timeout: 0.3 }));
    assert.equal(seen.length, 1);
  });

  it('interop - our EventHub asks, @ftrack/api replies; onReply and publishAndWaitForReply both work', async () => {
    const received: FtrackApiPayload[] = [];
    theirs.subscribe('topic=interop.ping', (event) => {
      received.push(event);
      return { pong: (event.data as unknown as { n: number }).n + 1 };
    });
    // @ftrack/api's reply subscriber + interop.ping, plus our reply subscriber.
    await until(() => server.hub.stats().subscriptions >= 3, '@ftrack/api subscriptions');
    const ask = new Event('interop.ping', { n: 41 });
    const reply = await ours.publishAndWaitForReply(ask, { timeout: 10_000 });
    assert.deepEqual(reply.data, { pong: 42 });
    assert.equal(reply.inReplyToEvent, ask.id);
    assert.equal(received.length, 1);
    assert.equal(received[0]!.source.id, ours.id);

    const replies: Event[] = [];
    const id = await ours.publish({ topic: 'interop.ping', data: { n: 1 } }, { onReply: (r) => replies.push(r) });
    await until(() => replies.length === 1, 'onReply');
    assert.equal(replies[0]!.inReplyToEvent, id);
    assert.deepEqual(replies[0]!.data, { pong: 2 });
  });

  it('interop - plain events flow both ways', async () => {
    const ourInbox: Event[] = [];
    const theirInbox: FtrackApiPayload[] = [];
    ours.subscribe('topic=interop.to-ours', (event) => {
      ourInbox.push(event);
    });
    theirs.subscribe('topic=interop.to-theirs', (event) => {
      theirInbox.push(event);
    });
    await ours.publish({ topic: 'interop.sync' });
    await until(() => server.hub.stats().subscriptions >= 4, 'all subscriptions');
    await theirs.publish(new FtrackApiEvent('interop.to-ours', { from: 'theirs' }));
    await ours.publish({ topic: 'interop.to-theirs', data: { from: 'ours' } });
    await until(() => ourInbox.length === 1 && theirInbox.length === 1, 'both deliveries');
    assert.deepEqual(ourInbox[0]!.data, { from: 'theirs' });
    assert.deepEqual(theirInbox[0]!.data, { from: 'ours' });
    assert.equal(theirInbox[0]!.source.id, ours.id);
  });
});
