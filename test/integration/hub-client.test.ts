import assert from 'node:assert/strict';
import { captureLogger } from '../../src/logger.js';
import {
  Event,
  EventHub,
  ExpressionSyntaxError,
  HubClosedError,
  HubNotConnectedError,
  HubReplyTimeoutError,
  SubscriberExistsError,
  type EventHubOptions,
  type HubStatus,
} from '../../src/event/index.js';
import { HubAuthenticationError } from '../../src/socketio/index.js';
import { startHubServer, type StartedHubServer } from '../helpers/hub-server.js';
import { until as waitUntil } from '../helpers/wait.js';

const FAST: EventHubOptions = { backoff: { minMs: 10, maxMs: 100 }, connectTimeoutMs: 5_000 };

describe('integration: EventHub client against the hub server', function () {
  this.timeout(30_000);
  let server: StartedHubServer;
  const hubs: EventHub[] = [];

  function makeHub(options: EventHubOptions = {}): EventHub {
    const hub = new EventHub(server.url, server.apiUser, server.apiKey, { ...FAST, ...options });
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

  it('hub - connects, reports statuses, and publish resolves on the server ack', async () => {
    const hub = makeHub();
    const statuses: HubStatus['type'][] = [];
    hub.on('status', (status) => statuses.push(status.type));
    assert.equal(hub.isConnected(), false);
    await hub.connect();
    assert.equal(hub.isConnected(), true);
    assert.deepEqual(statuses, ['connecting', 'connected']);
    const received: Event[] = [];
    hub.subscribe('topic=test.one', (event) => {
      received.push(event);
    });
    const id = await hub.publish({ topic: 'test.one', data: { n: 1 } });
    await waitUntil(() => received.length === 1, 'the event');
    assert.equal(received[0]!.id, id);
    assert.deepEqual(received[0]!.data, { n: 1 });
    assert.equal(received[0]!.source.id, hub.id);
    assert.equal((received[0]!.source.user as { username: string }).username, server.apiUser);
    assert.equal(hub.stats.published, 1);
    assert.ok(hub.stats.received >= 1);
  });

  it('hub - a callback return value is published as a reply and routed to publishAndWaitForReply', async () => {
    const responder = makeHub();
    const asker = makeHub();
    await Promise.all([responder.connect(), asker.connect()]);
    const subscriberId = responder.subscribe('topic=test.ask and data.q=*', async (event) => {
      const data = event.data as { q: string };
      return { answer: data.q.toUpperCase() };
    });
    // An acked publish on the same connection proves the server processed the subscribe before it.
    await responder.publish({ topic: 'test.sync' });
    const reply = await asker.publishAndWaitForReply(new Event('test.ask', { q: 'hello' }), { timeout: 10_000 });
    assert.deepEqual(reply.data, { answer: 'HELLO' });
    assert.equal(reply.topic, 'ftrack.meta.reply');
    assert.equal(reply.source.id, subscriberId);
    assert.equal(reply.target, `id=${asker.id}`);
  });

  it('hub - onReply receives every reply; targets limit delivery to matching subscriber metadata', async () => {
    const a = makeHub();
    const b = makeHub();
    await Promise.all([a.connect(), b.connect()]);
    const hits: string[] = [];
    b.subscribe('topic=test.target', () => {
      hits.push('b1');
      return 'one';
    }, { subscriber: { id: 'b1', role: 'x' } });
    b.subscribe('topic=test.target', () => {
      hits.push('b2');
      return 'two';
    }, { subscriber: { id: 'b2', role: 'y' } });
    await b.publish({ topic: 'test.sync' });
    const replies: unknown[] = [];
    await a.publish(new Event('test.target', {}, { target: 'role=y' }), { onReply: (reply) => replies.push(reply.data) });
    await waitUntil(() => replies.length === 1, 'one reply');
    assert.deepEqual(hits, ['b2']);
    assert.deepEqual([...replies], ['two']);
    await a.publish(new Event('test.target', {}), { onReply: (reply) => replies.push(reply.data) });
    await waitUntil(() => replies.length === 3, 'two more replies');
    assert.deepEqual((replies.slice(1) as string[]).sort(), ['one', 'two']);
  });

  it('hub - publishAndWaitForReply rejects with HubReplyTimeoutError when nobody answers', async () => {
    const hub = makeHub();
    await hub.connect();
    await assert.rejects(hub.publishAndWaitForReply({ topic: 'test.nobody' }, { timeout: 200 }), (error: unknown) => {
      assert.ok(error instanceof HubReplyTimeoutError);
      assert.equal(error.code, 'FTRACK_ERR_HUB_REPLY_TIMEOUT');
      return true;
    });
  });

  it('hub - disconnect rejects pending replies with HubClosedError, is idempotent and wins over reconnects', async () => {
    const hub = makeHub();
    await hub.connect();
    const pending = hub.publishAndWaitForReply({ topic: 'test.never' }, { timeout: 60_000 });
    await hub.disconnect();
    await assert.rejects(pending, (error: unknown) => error instanceof HubClosedError && error.code === 'FTRACK_ERR_HUB_CLOSED');
    await hub.disconnect();
    assert.equal(hub.state, 'closed');
    assert.equal((await hub.closed()).reason, 'disconnect');
    await assert.rejects(hub.publish({ topic: 'x' }), HubClosedError);
    await waitUntil(() => server.hub.connectionCount() === 0, 'the server saw the close');
    // No reconnect comes back after the close.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(server.hub.connectionCount(), 0);
  });

  it('hub - publish before connect() rejects with HubNotConnectedError; subscribe before connect is announced on connect', async () => {
    const hub = makeHub();
    await assert.rejects(hub.publish({ topic: 'x' }), (error: unknown) => error instanceof HubNotConnectedError && error.code === 'FTRACK_ERR_HUB_NOT_CONNECTED');
    const got: string[] = [];
    hub.subscribe('topic=test.early', (event) => {
      got.push(event.topic);
    });
    await hub.connect();
    const other = makeHub();
    await other.connect();
    await other.publish({ topic: 'test.early' });
    await waitUntil(() => got.length === 1, 'delivery to the early subscriber');
  });

  it('hub - invalid expressions and duplicate subscriber ids throw synchronously', () => {
    const hub = makeHub();
    assert.throws(() => hub.subscribe('topic=', () => {}), (error: unknown) => error instanceof ExpressionSyntaxError && error.column === 7);
    hub.subscribe('topic=a', () => {}, { subscriber: { id: 'same' } });
    assert.throws(() => hub.subscribe('topic=b', () => {}, { subscriber: { id: 'same' } }), SubscriberExistsError);
    assert.equal(hub.unsubscribe('same'), true);
    assert.equal(hub.unsubscribe('same'), false);
  });

  it('hub - bad credentials reject connect with HubAuthenticationError and never retry; the key is never logged', async () => {
    const logger = captureLogger();
    const hub = new EventHub(server.url, server.apiUser, 'wrong-key-0123456789', { ...FAST, logger });
    hubs.push(hub);
    const statuses: HubStatus[] = [];
    hub.on('status', (status) => statuses.push(status));
    await assert.rejects(hub.connect(), (error: unknown) => error instanceof HubAuthenticationError && error.code === 'FTRACK_ERR_HUB_AUTH');
    assert.equal(hub.state, 'closed');
    assert.deepEqual(statuses.map((s) => s.type), ['connecting', 'closed']);
    const text = JSON.stringify(logger.lines) + statuses.map((s) => ('error' in s && s.error ? s.error.message : '')).join();
    assert.ok(!text.includes('wrong-key-0123456789'), 'the API key leaked into logs or errors');
  });

  it('hub - the API key never appears in logs of a normal session', async () => {
    const logger = captureLogger();
    const hub = makeHub({ logger });
    await hub.connect();
    await hub.publish({ topic: 'x' });
    server.hub.dropAllConnections();
    await waitUntil(() => hub.stats.reconnects === 1 && hub.isConnected(), 'a reconnect');
    // Failed attempts (server gone) are logged too, with the handshake URL redacted.
    const failures: HubStatus[] = [];
    hub.on('status', (status) => status.type === 'reconnecting' && failures.push(status));
    await server.close();
    await waitUntil(() => failures.length >= 3, 'failed reconnect attempts');
    assert.ok(logger.lines.length > 0);
    assert.ok(!JSON.stringify(logger.lines).includes(server.apiKey));
    for (const status of failures) {
      const error = 'error' in status ? status.error : undefined;
      assert.ok(!String(error?.message).includes(server.apiKey));
    }
  });

  it('hub - a silent server trips the heartbeat watchdog and the hub reconnects', async () => {
    await server.close();
    server = await startHubServer({ heartbeatIntervalMs: 60_000 });
    const hub = makeHub({ heartbeatTimeoutMs: 300 });
    const statuses: HubStatus[] = [];
    hub.on('status', (status) => statuses.push(status));
    await hub.connect();
    await waitUntil(() => statuses.some((s) => s.type === 'disconnected' && s.reason === 'heartbeat-timeout'), 'the watchdog');
    await waitUntil(() => hub.stats.reconnects >= 1 && hub.isConnected(), 'the reconnect');
  });

  it('hub - answers server heartbeats and records lastHeartbeatAt', async () => {
    await server.close();
    server = await startHubServer({ heartbeatIntervalMs: 50 });
    const hub = makeHub();
    await hub.connect();
    await waitUntil(() => hub.lastHeartbeatAt !== undefined, 'a heartbeat');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(hub.isConnected(), true);
  });

  it('hub - after unsubscribe() the server stops delivering; other subscribers of the hub keep theirs', async () => {
    const hub = makeHub();
    const sender = makeHub();
    await Promise.all([hub.connect(), sender.connect()]);
    const a: number[] = [];
    const b: number[] = [];
    const idA = hub.subscribe('topic=test.unsub', (event) => void a.push((event.data as { n: number }).n));
    hub.subscribe('topic=test.unsub', (event) => void b.push((event.data as { n: number }).n));
    await hub.publish({ topic: 'test.sync' });
    await sender.publish({ topic: 'test.unsub', data: { n: 1 } });
    await waitUntil(() => a.length === 1 && b.length === 1, 'first delivery');
    assert.equal(hub.unsubscribe(idA), true);
    await hub.publish({ topic: 'test.sync' });
    await sender.publish({ topic: 'test.unsub', data: { n: 2 } });
    await waitUntil(() => b.length === 2, 'second delivery');
    assert.deepEqual(a, [1]);
    assert.equal(server.hub.stats().subscriptions, 3); // two reply subscribers + b
  });

  it('hub - drain() lets running callbacks and their replies finish, then closes', async () => {
    const worker = makeHub();
    const asker = makeHub();
    await Promise.all([worker.connect(), asker.connect()]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    worker.subscribe('topic=test.slow', async () => {
      started = true;
      await gate;
      return 'done';
    });
    await worker.publish({ topic: 'test.sync' });
    const reply = asker.publishAndWaitForReply({ topic: 'test.slow' }, { timeout: 20_000 });
    await waitUntil(() => started, 'the slow callback');
    const draining = worker.drain(20_000);
    setTimeout(release, 50);
    await draining;
    assert.equal(worker.state, 'closed');
    assert.equal((await reply).data, 'done');
  });

  it('hub - status updates are available as an async iterator that ends on close', async () => {
    const hub = makeHub();
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const status of hub.statusUpdates()) seen.push(status.type);
    })();
    await hub.connect();
    await hub.disconnect();
    await iterating;
    assert.deepEqual(seen, ['connecting', 'connected', 'closed']);
  });
});
