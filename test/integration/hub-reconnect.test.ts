import assert from 'node:assert/strict';
import { Event, EventHub, type HubStatus } from '../../src/event/index.js';
import { startHubServer, type StartedHubServer } from '../helpers/hub-server.js';
import { until } from '../helpers/wait.js';

/**
 * Our EventHub keeps every publish through socket drops and a server restart:
 * unacknowledged publishes are queued and re-sent after the hub re-announced
 * its subscribers, and re-deliveries are dropped by event id.
 */
describe('integration: EventHub reconnect', function () {
  this.timeout(90_000);
  let server: StartedHubServer;
  const hubs: EventHub[] = [];

  function makeHub(): EventHub {
    const hub = new EventHub(server.url, server.apiUser, server.apiKey, { backoff: { minMs: 10, maxMs: 200 }, connectTimeoutMs: 5_000 });
    hubs.push(hub);
    return hub;
  }

  beforeEach(async () => {
    server = await startHubServer();
  });

  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((hub) => hub.disconnect()));
    await server.close();
  });

  it('reconnect - 1,000 events published across a socket drop and a server restart each arrive exactly once', async () => {
    const sender = makeHub();
    const observer = makeHub();
    const statuses: HubStatus['type'][] = [];
    sender.on('status', (status) => statuses.push(status.type));
    await Promise.all([sender.connect(), observer.connect()]);

    const counts = new Map<number, number>();
    sender.subscribe('topic=load.event', (event) => {
      const n = (event.data as { n: number }).n;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    });
    sender.subscribe('topic=load.ask', (event) => ({ echo: (event.data as { n: number }).n }));

    const publishes: Array<Promise<string>> = [];
    const asks: Array<Promise<Event>> = [];
    const { port, users } = server;
    for (let n = 0; n < 1000; n++) {
      publishes.push(sender.publish({ topic: 'load.event', data: { n } }));
      if (n % 100 === 50) asks.push(sender.publishAndWaitForReply({ topic: 'load.ask', data: { n } }, { timeout: 60_000 }));
      if (n === 250) server.hub.dropAllConnections();
      // Keep publishing while it reconnects, then make sure it did before the restart.
      if (n === 400) await until(() => sender.stats.reconnects === 1 && sender.isConnected(), 'the reconnect after the drop');
      if (n === 600) {
        await server.close();
        server = await startHubServer({ port, users });
      }
      if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }

    const ids = await Promise.all(publishes);
    assert.equal(new Set(ids).size, 1000);
    const replies = await Promise.all(asks);
    assert.deepEqual(
      replies.map((reply) => (reply.data as { echo: number }).echo),
      asks.map((_, i) => i * 100 + 50),
    );
    await until(() => counts.size === 1000, `all 1,000 events (have ${counts.size})`);
    // Give any late duplicate a moment to show up before checking "exactly once".
    await sender.publish({ topic: 'load.sync' });
    for (let n = 0; n < 1000; n++) assert.equal(counts.get(n), 1, `event ${n} arrived ${counts.get(n) ?? 0} times`);
    assert.ok(sender.stats.reconnects >= 2, `expected two reconnects, got ${sender.stats.reconnects}`);
    assert.ok(statuses.includes('reconnecting'));
    // Frames written in the same tick as the drop never reached the server: they had to be re-sent.
    assert.ok(sender.stats.resent > 0, 'expected re-sent publishes');

    // Subscriptions came back on both hubs: the observer (idle during the storm) still gets events and replies.
    await until(() => observer.isConnected(), 'observer reconnected');
    const got: Event[] = [];
    observer.subscribe('topic=load.after', (event) => {
      got.push(event);
    });
    await observer.publish({ topic: 'load.sync' });
    await sender.publish({ topic: 'load.after', data: { ok: true } });
    await until(() => got.length === 1, 'delivery after the restart');
    const reply = await observer.publishAndWaitForReply({ topic: 'load.ask', data: { n: -1 } }, { timeout: 10_000 });
    assert.deepEqual(reply.data, { echo: -1 });
  });

  it('reconnect - publishes made while the server is down are flushed in order after it comes back', async () => {
    const hub = makeHub();
    await hub.connect();
    const order: number[] = [];
    hub.subscribe('topic=queue.event', (event) => {
      order.push((event.data as { n: number }).n);
    });
    await hub.publish({ topic: 'queue.sync' });
    const { port, users } = server;
    await server.close();
    await until(() => !hub.isConnected(), 'the hub noticed');
    const publishes = Array.from({ length: 50 }, (_, n) => hub.publish({ topic: 'queue.event', data: { n } }));
    server = await startHubServer({ port, users });
    await Promise.all(publishes);
    await until(() => order.length === 50, 'all queued events');
    assert.deepEqual(order, Array.from({ length: 50 }, (_, n) => n));
  });

  it('reconnect - disconnect() during a reconnect wins: no further attempts, pending work rejected', async () => {
    const hub = makeHub();
    await hub.connect();
    const { port, users } = server;
    await server.close();
    await until(() => hub.state === 'reconnecting' || hub.state === 'connecting', 'reconnecting');
    const pending = hub.publish({ topic: 'never' });
    await hub.disconnect();
    await assert.rejects(pending, { code: 'FTRACK_ERR_HUB_CLOSED' });
    server = await startHubServer({ port, users });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(hub.state, 'closed');
    assert.equal(server.hub.connectionCount(), 0);
  });

  it('reconnect - gives up after maxReconnectAttempts and closes with a reason', async () => {
    const hub = new EventHub(server.url, server.apiUser, server.apiKey, { backoff: { minMs: 5, maxMs: 20 }, maxReconnectAttempts: 3 });
    hubs.push(hub);
    await hub.connect();
    const attempts: number[] = [];
    hub.on('status', (status) => {
      if (status.type === 'reconnecting') attempts.push(status.attempt);
    });
    await server.close();
    const closed = await hub.closed();
    assert.match(closed.reason, /gave up after 3 reconnect attempts/);
    assert.deepEqual(attempts, [1, 2, 3]);
  });
});
