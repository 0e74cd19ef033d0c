import assert from 'node:assert/strict';
import { captureLogger } from '../../../src/logger.js';
import { ManualTimer, type Timer } from '../../../src/internal/timer.js';
import {
  Event,
  EventHub,
  HubAckTimeoutError,
  HubEventTooLargeError,
  HubPublishError,
  type EventHubOptions,
  type HubStatus,
} from '../../../src/event/index.js';
import { ACK_SYNC_TOPIC } from '../../../src/event/hub-traffic.js';
import { onPublishFailure } from '../../../src/event/outbox.js';
import { resolveHubOptions } from '../../../src/event/options.js';
import { HubAuthenticationError } from '../../../src/socketio/index.js';
import { fakeNetwork, sentEvents, type FakeNetwork } from './fake-socket.js';

/** Lets the hub's microtask flush of publishes run. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

describe('event/hub (fake socket, manual clock)', () => {
  let net: FakeNetwork;
  let timer: ManualTimer;
  let logger: ReturnType<typeof captureLogger>;
  let hub: EventHub;
  let statuses: HubStatus[];

  function makeHub(options: EventHubOptions = {}): EventHub {
    hub = new EventHub('https://example.test/some/path', 'bot', 'secret-key-123', {
      WebSocket: net.WebSocket,
      fetch: net.fetch,
      timer,
      logger,
      random: () => 0,
      heartbeatTimeoutMs: 1000,
      backoff: { minMs: 100, maxMs: 400 },
      ...options,
    });
    statuses = [];
    hub.on('status', (status) => statuses.push(status));
    return hub;
  }

  /** Moves the manual clock on and lets the hub act on the timers that fell due. */
  async function elapse(ms: number): Promise<void> {
    timer.advance(ms);
    await tick();
  }

  function ack(ackId: number | undefined, payload: unknown = { success: true }): void {
    net.last().receive(`6:::${ackId}+${JSON.stringify([payload])}`);
  }

  /**
   * A connected hub (no watchdog) that already sent one publish nobody awaits,
   * 'opens-window': the next publish is not predicted to be awaited, and a
   * frame without an ack request is already counting towards the window.
   */
  async function connectAfterFireAndForget(): Promise<void> {
    makeHub({ heartbeatTimeoutMs: Infinity });
    await hub.connect();
    void hub.publish({ topic: 'opens-window' });
    await tick();
  }

  /** A publish nobody awaits, sent at once without an ack request; `failed()` tells whether it was rejected. */
  async function publishUnasked(topic: string): Promise<{ promise: Promise<string>; failed: () => boolean }> {
    const promise = hub.publish({ topic });
    await tick();
    assert.equal(sentEvents(net.last()).at(-1)!.ackId, undefined);
    let failed = false;
    onPublishFailure(promise, () => (failed = true));
    return { promise, failed: () => failed };
  }

  /** The publish is still pending `ms` - 1 ms from now and rejects with HubAckTimeoutError at `ms`. */
  async function assertTimesOutAfter(publish: { promise: Promise<string>; failed: () => boolean }, ms: number, message: string): Promise<void> {
    await elapse(ms - 1);
    assert.equal(publish.failed(), false, message);
    timer.advance(1);
    await assert.rejects(publish.promise, (error: unknown) => error instanceof HubAckTimeoutError);
  }

  /** The frames sent since the first `before` ones, as [topic, asks for an ack], must be `expected`; returns them. */
  function framesSince(before: number, expected: Array<[string, boolean]>): ReturnType<typeof sentEvents> {
    const frames = sentEvents(net.last()).slice(before);
    assert.deepEqual(
      frames.map((f) => [f.event.topic, f.ackId !== undefined]),
      expected,
    );
    return frames;
  }

  function deliver(event: Record<string, unknown>): void {
    net.last().receive(`5:::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`);
  }

  beforeEach(() => {
    net = fakeNetwork();
    timer = new ManualTimer();
    logger = captureLogger();
  });

  afterEach(async () => {
    await hub?.disconnect();
  });

  it('hub - handshakes with header and query auth at the server root, then opens the socket by session id', async () => {
    makeHub({ headers: { 'ftrack-strict-api': 'true' } });
    await hub.connect();
    const [handshake] = net.handshakes;
    const url = new URL(handshake!.url);
    assert.equal(url.origin + url.pathname, 'https://example.test/socket.io/1/');
    assert.equal(url.searchParams.get('api_user'), 'bot');
    assert.equal(url.searchParams.get('api_key'), 'secret-key-123');
    assert.equal(handshake!.headers['ftrack-user'], 'bot');
    assert.equal(handshake!.headers['ftrack-api-key'], 'secret-key-123');
    assert.equal(handshake!.headers['ftrack-strict-api'], 'true');
    assert.equal(net.last().url, 'wss://example.test/socket.io/1/websocket/sid1');
    assert.equal(net.last().headers['ftrack-strict-api'], 'true');
    assert.ok(!JSON.stringify(logger.lines).includes('secret-key-123'));
  });

  it('hub - on connect announces the reply subscriber, then every subscriber, with ack ids', async () => {
    makeHub();
    const id = hub.subscribe('topic=a and data.x=1', () => {}, { subscriber: { id: 'sub-a', applicationId: 'app' } });
    await hub.connect();
    const events = sentEvents(net.last());
    assert.deepEqual(
      events.map((e) => [e.event.topic, (e.event.data as { subscription: string }).subscription]),
      [
        ['ftrack.meta.subscribe', 'topic=ftrack.meta.reply'],
        ['ftrack.meta.subscribe', 'topic=a and data.x=1'],
      ],
    );
    assert.deepEqual((events[0]!.event.data as { subscriber: unknown }).subscriber, { id: hub.id });
    assert.deepEqual((events[1]!.event.data as { subscriber: unknown }).subscriber, { id, applicationId: 'app' });
    assert.ok(events.every((e) => typeof e.ackId === 'number'));
    assert.deepEqual(Object.keys(events[0]!.event).sort(), ['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
  });

  it('hub - publish resolves on a success ack and rejects with HubPublishError on success:false', async () => {
    // ackWindowMs 0: every publish asks for its own ack, even when nobody awaits it yet.
    makeHub({ ackWindowMs: 0 });
    await hub.connect();
    const ok = hub.publish({ topic: 't', data: { a: 1 } });
    await tick();
    const okFrame = sentEvents(net.last()).at(-1)!;
    assert.equal(okFrame.event.topic, 't');
    assert.deepEqual(okFrame.event.source, { id: hub.id, applicationId: 'ftrack.host', user: { username: 'bot' } });
    ack(okFrame.ackId);
    assert.equal(await ok, okFrame.event.id);

    const bad = hub.publish({ topic: 'u' });
    await tick();
    ack(sentEvents(net.last()).at(-1)!.ackId, { success: false, message: 'nope' });
    await assert.rejects(bad, (error: unknown) => error instanceof HubPublishError && error.code === 'FTRACK_ERR_HUB_PUBLISH_REJECTED' && error.serverMessage === 'nope');
  });

  it('hub - a publish without ack within ackTimeoutMs rejects with HubAckTimeoutError', async () => {
    makeHub({ ackTimeoutMs: 500, heartbeatTimeoutMs: Infinity });
    await hub.connect();
    // Awaited right after publish(): a sync asks at once, and the timeout counts from the publish.
    const pending = hub.publish({ topic: 't' });
    let settled = false;
    void pending.then(() => (settled = true), () => (settled = true));
    await tick();
    assert.equal(typeof sentEvents(net.last()).at(-1)!.ackId, 'number');
    await elapse(499);
    assert.equal(settled, false);
    timer.advance(1);
    await assert.rejects(pending, (error: unknown) => error instanceof HubAckTimeoutError && error.code === 'FTRACK_ERR_HUB_ACK_TIMEOUT');
  });

  it('hub - a publish nobody awaited when it left times out from the end of its window, never before ackTimeoutMs', async () => {
    makeHub({ ackTimeoutMs: 500, heartbeatTimeoutMs: Infinity });
    await hub.connect();
    // Sent at once without an ack request and without reading the clock: the window timer stamps it at 20 ms.
    const lone = await publishUnasked('t');
    await elapse(20);
    assert.equal(sentEvents(net.last()).at(-1)!.event.topic, ACK_SYNC_TOPIC);
    await assertTimesOutAfter(lone, 500, 'not before 20 ms + ackTimeoutMs');
  });

  it('hub - with a long ackWindowMs, a lone publish times out from the next frame that asks, never before ackTimeoutMs', async () => {
    makeHub({ ackTimeoutMs: 500, ackWindowMs: 1e6, ackEveryFrames: 2, heartbeatTimeoutMs: Infinity });
    await hub.connect();
    const first = await publishUnasked('t1');
    await elapse(100);
    // A frame from the server ends the run; the next lone publish is the 2nd frame since a request: it asks.
    deliver({ id: 'e1', topic: 'elsewhere', data: {}, source: {}, target: '', sent: null, inReplyToEvent: null });
    const second = hub.publish({ topic: 't2' });
    onPublishFailure(second, () => {});
    assert.equal(typeof sentEvents(net.last()).at(-1)!.ackId, 'number');
    await assertTimesOutAfter(first, 500, 'not before 100 ms + ackTimeoutMs');
  });

  it('hub - a late ack of a timed-out publish does not settle the publishes sent after it', async () => {
    makeHub({ ackTimeoutMs: 500, heartbeatTimeoutMs: Infinity });
    await hub.connect();
    const first = hub.publish({ topic: 't1' });
    await tick();
    // Nobody awaited it when it left: the sync a window later asks for the ack that covers it.
    await elapse(20);
    const firstAck = sentEvents(net.last()).at(-1)!.ackId;
    assert.equal(typeof firstAck, 'number');
    timer.advance(500);
    await assert.rejects(first, (error: unknown) => error instanceof HubAckTimeoutError);
    let secondSettled = false;
    const second = hub.publish({ topic: 't2' });
    void second.then(() => (secondSettled = true), () => (secondSettled = true));
    await tick();
    const secondAck = sentEvents(net.last()).at(-1)!.ackId;
    ack(firstAck);
    await tick();
    assert.equal(secondSettled, false);
    ack(secondAck);
    assert.equal(typeof (await second), 'string');
  });

  it('hub - answers 2:: and records lastHeartbeatAt', async () => {
    makeHub();
    await hub.connect();
    net.last().receive('2::');
    assert.equal(net.last().sent.at(-1), '2::');
    assert.ok(hub.lastHeartbeatAt !== undefined);
  });

  it('hub - the watchdog drops a silent socket; reconnect uses the backoff table and replays subscribers then queued publishes', async () => {
    makeHub();
    hub.subscribe('topic=x', () => {}, { subscriber: { id: 'x' } });
    await hub.connect();
    const first = net.last();
    const inflight = hub.publish({ topic: 'in.flight' });
    await tick();
    timer.advance(999);
    assert.equal(hub.isConnected(), true);
    timer.advance(1);
    assert.equal(hub.state, 'reconnecting');
    assert.deepEqual(statuses.slice(-2), [
      { type: 'disconnected', reason: 'heartbeat-timeout' },
      { type: 'reconnecting', attempt: 1, delayMs: 100 },
    ]);
    const queued = hub.publish({ topic: 'while.offline' });
    timer.advance(100);
    await until(() => hub.isConnected(), 'reconnected');
    const second = net.last();
    assert.notEqual(first, second);
    assert.deepEqual(
      sentEvents(second).map((e) => e.event.topic),
      ['ftrack.meta.subscribe', 'ftrack.meta.subscribe', 'in.flight', 'while.offline'],
    );
    // The window's sync, in flight when the socket died, is not sent again: the last frame of the resend asks instead.
    assert.deepEqual(
      sentEvents(second).slice(2).map((e) => e.ackId !== undefined),
      [false, true],
    );
    for (const e of sentEvents(second).slice(2)) ack(e.ackId);
    await Promise.all([inflight, queued]);
    assert.equal(hub.stats.reconnects, 1);
    assert.equal(hub.stats.resent, 1);
  });

  it('hub - failed attempts back off 100, 200, 400, 400 ms (capped)', async () => {
    makeHub();
    await hub.connect();
    net.status = 500;
    net.last().serverClose();
    for (const expected of [100, 200, 400, 400]) {
      const status = statuses.at(-1)!;
      assert.equal(status.type, 'reconnecting');
      assert.equal(status.type === 'reconnecting' && status.delayMs, expected);
      const count = statuses.length;
      timer.advance(expected);
      await until(() => statuses.length >= count + 2 && statuses.at(-1)!.type === 'reconnecting', 'next attempt failed');
    }
    net.status = 200;
    timer.advance(400);
    await until(() => hub.isConnected(), 'reconnected');
  });

  it('hub - bad credentials during a reconnect stop retrying', async () => {
    makeHub();
    await hub.connect();
    net.status = 401;
    net.last().serverClose();
    timer.advance(100);
    await until(() => hub.state === 'closed', 'closed');
    const closed = statuses.at(-1)!;
    assert.ok(closed.type === 'closed' && closed.error instanceof HubAuthenticationError);
    assert.equal(timer.pending, 0);
  });

  it('hub - an error packet without reconnect advice is logged; the connection stays', async () => {
    makeHub();
    await hub.connect();
    const socket = net.last();
    socket.receive('7:::the event was refused');
    socket.receive('7:::2+1');
    assert.equal(hub.isConnected(), true);
    assert.equal(net.sockets.length, 1);
    assert.ok(logger.lines.some((line) => line.msg === 'the event hub sent an error packet'));
  });

  it('hub - a publish over maxFrameBytes rejects with HubEventTooLargeError and is never sent; the hub keeps working', async () => {
    makeHub({ maxFrameBytes: 2_000, ackWindowMs: 0 });
    await hub.connect();
    const before = net.last().sent.length;
    await assert.rejects(hub.publish({ topic: 'big', data: { blob: 'é'.repeat(1_500) } }), (error: unknown) => {
      assert.ok(error instanceof HubEventTooLargeError);
      assert.equal(error.code, 'FTRACK_ERR_HUB_EVENT_TOO_LARGE');
      assert.ok(error.bytes > 2_000);
      return true;
    });
    const ok = hub.publish({ topic: 'small', data: { blob: 'x'.repeat(500) } });
    await tick();
    const sent = sentEvents(net.last()).slice(-1);
    assert.equal(net.last().sent.length, before + 1);
    assert.equal(sent[0]!.event.topic, 'small');
    ack(sent[0]!.ackId);
    await ok;
  });

  for (const frame of ['0::', '7:::1+0', '7:::+0', '7:::1']) {
    it(`hub - ${frame} from the server makes the hub reconnect`, async () => {
      makeHub();
      await hub.connect();
      net.last().receive(frame);
      assert.equal(hub.state, 'reconnecting');
      timer.advance(100);
      await until(() => hub.isConnected(), 'reconnected');
    });
  }

  it('hub - malformed frames and events are logged and ignored; the hub stays connected', async () => {
    makeHub();
    const got: string[] = [];
    hub.subscribe('topic=*', (event) => {
      got.push(event.topic);
    });
    await hub.connect();
    const socket = net.last();
    for (const frame of ['garbage', '9::', '5:::not json', '5:::{"name":"ftrack.event","args":[{"no":"topic"}]}', '5:::{"name":"other","args":[{"topic":"x"}]}', '6:::x+[]', '6:::999+[{"success":true}]', '5:::{"name":"ftrack.event","args":[{"topic":"a"},{"topic":"b"}]}', '3:::hi', '8::', '1::']) {
      socket.receive(frame);
    }
    socket.receive('5:::{}', true);
    assert.equal(hub.isConnected(), true);
    deliver({ id: 'ok1', topic: 'fine' });
    assert.deepEqual(got, ['fine']);
    assert.ok(logger.lines.filter((line) => line.level === 'warn').length >= 5);
  });

  it('hub - the same event id delivered twice reaches subscribers once', async () => {
    makeHub();
    let count = 0;
    hub.subscribe('topic=dup', () => {
      count += 1;
    });
    await hub.connect();
    deliver({ id: 'same', topic: 'dup' });
    deliver({ id: 'same', topic: 'dup' });
    deliver({ id: 'other', topic: 'dup' });
    assert.equal(count, 2);
    assert.equal(hub.stats.received, 2);
  });

  it('hub - a callback value becomes a reply: target id=<source id>, inReplyToEvent, source = subscriber metadata', async () => {
    makeHub();
    hub.subscribe('topic=ask', async () => ({ done: true }), { subscriber: { id: 'worker', applicationId: 'w' } });
    hub.subscribe('topic=ask', () => null);
    hub.subscribe('topic=ask', () => undefined);
    await hub.connect();
    deliver({ id: 'ask-1', topic: 'ask', source: { id: 'asker-hub' } });
    await until(() => sentEvents(net.last()).some((e) => e.event.topic === 'ftrack.meta.reply'), 'the reply');
    const replies = sentEvents(net.last()).filter((e) => e.event.topic === 'ftrack.meta.reply');
    assert.equal(replies.length, 1);
    const reply = replies[0]!.event;
    assert.equal(reply.target, 'id=asker-hub');
    assert.equal(reply.inReplyToEvent, 'ask-1');
    assert.deepEqual(reply.data, { done: true });
    assert.deepEqual(reply.source, { id: 'worker', applicationId: 'w', user: { username: 'bot' } });
  });

  it('hub - replies are routed to onReply by inReplyToEvent; targets filter by subscriber metadata; invalid targets drop the event', async () => {
    makeHub({ ackWindowMs: 0 });
    const hits: string[] = [];
    hub.subscribe('topic=t', () => void hits.push('a'), { subscriber: { id: 'a', role: 'render' } });
    hub.subscribe('topic=t', () => void hits.push('b'), { subscriber: { id: 'b', role: 'edit' } });
    await hub.connect();
    const replies: unknown[] = [];
    const publishing = hub.publish({ topic: 'q' }, { onReply: (reply) => replies.push(reply.data) });
    await tick();
    const sent = sentEvents(net.last()).at(-1)!;
    ack(sent.ackId);
    await publishing;
    deliver({ id: 'r1', topic: 'ftrack.meta.reply', target: `id=${hub.id}`, inReplyToEvent: sent.event.id, data: 1 });
    deliver({ id: 'r2', topic: 'ftrack.meta.reply', target: 'id=someone-else', inReplyToEvent: sent.event.id, data: 2 });
    deliver({ id: 'r3', topic: 'ftrack.meta.reply', target: `id=${hub.id}`, inReplyToEvent: sent.event.id, data: 3 });
    assert.deepEqual(replies, [1, 3]);
    deliver({ id: 't1', topic: 't', target: 'role=edit' });
    deliver({ id: 't2', topic: 't', target: 'role=(' });
    deliver({ id: 't3', topic: 't' });
    assert.deepEqual(hits, ['b', 'a', 'b']);
    assert.ok(logger.lines.some((line) => line.msg === 'dropping an event with an invalid target'));
  });

  it('hub - onReply stops listening after its timeout', async () => {
    makeHub({ heartbeatTimeoutMs: Infinity, ackWindowMs: 0 });
    await hub.connect();
    const replies: unknown[] = [];
    const publishing = hub.publish({ topic: 'q' }, { onReply: (reply) => replies.push(reply.data), timeout: 1_000 });
    await tick();
    const sent = sentEvents(net.last()).at(-1)!;
    ack(sent.ackId);
    await publishing;
    deliver({ id: 'early', topic: 'ftrack.meta.reply', target: `id=${hub.id}`, inReplyToEvent: sent.event.id, data: 'early' });
    timer.advance(1_000);
    deliver({ id: 'late', topic: 'ftrack.meta.reply', target: `id=${hub.id}`, inReplyToEvent: sent.event.id, data: 'late' });
    assert.deepEqual(replies, ['early']);
  });

  it('hub - breaking out of statusUpdates() stops that iterator only', async () => {
    makeHub();
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const status of hub.statusUpdates()) {
        seen.push(status.type);
        if (status.type === 'connected') break;
      }
    })();
    await hub.connect();
    await iterating;
    net.last().serverClose();
    assert.deepEqual(seen, ['connecting', 'connected']);
    assert.equal(statuses.at(-1)!.type, 'reconnecting');
  });

  it('hub - a refused subscription (ack success:false) is logged, the subscriber stays local', async () => {
    makeHub();
    await hub.connect();
    const id = hub.subscribe('topic=refused', () => 'local');
    const frame = sentEvents(net.last()).at(-1)!;
    assert.equal(frame.event.topic, 'ftrack.meta.subscribe');
    ack(frame.ackId, { success: false, message: 'too many subscriptions' });
    const warning = logger.lines.find((line) => line.msg === 'the event hub did not accept a (un)subscription');
    assert.ok(warning);
    assert.deepEqual(warning.obj, { topic: 'ftrack.meta.subscribe', message: 'too many subscriptions' });
    assert.deepEqual(hub.publishLocal({ topic: 'refused' }), ['local']);
    assert.equal(hub.unsubscribe(id), true);
  });

  it('hub - unsubscribe tells the server; the reply subscriber cannot be removed', async () => {
    makeHub();
    await hub.connect();
    const id = hub.subscribe('topic=z', () => {});
    assert.equal(hub.unsubscribe(hub.id), false);
    assert.equal(hub.unsubscribe(id), true);
    const last = sentEvents(net.last()).at(-1)!.event;
    assert.equal(last.topic, 'ftrack.meta.unsubscribe');
    assert.deepEqual(last.data, { subscriber: { id } });
  });

  it('hub - disconnect closes the socket, rejects pending publishes, and cancels every timer', async () => {
    makeHub();
    await hub.connect();
    const pending = hub.publish({ topic: 'p' });
    const waiting = hub.publishAndWaitForReply({ topic: 'w' }, { timeout: 10_000 });
    await hub.disconnect();
    await assert.rejects(pending, { code: 'FTRACK_ERR_HUB_CLOSED' });
    await assert.rejects(waiting, { code: 'FTRACK_ERR_HUB_CLOSED' });
    assert.equal(net.last().readyState, 3);
    assert.equal(timer.pending, 0);
    assert.deepEqual(statuses.at(-1), { type: 'closed', reason: 'disconnect' });
  });

  for (const from of ['disconnected', 'reconnecting', 'connecting'] as const) {
    it(`hub - disconnect() called from a '${from}' status listener wins: no timer, no new socket`, async () => {
      makeHub();
      await hub.connect();
      net.status = 500;
      hub.on('status', (status) => {
        if (status.type === from) void hub.disconnect();
      });
      net.last().serverClose();
      timer.advance(100);
      await tick();
      timer.advance(10_000);
      await tick();
      assert.equal(hub.state, 'closed');
      assert.equal(timer.pending, 0);
      assert.equal(net.sockets.length, 1);
      assert.equal(statuses.filter((s) => s.type === 'closed').length, 1);
    });
  }

  it('hub - closed() awaited before connect() resolves when the hub closes', async () => {
    makeHub();
    const closed = hub.closed();
    await hub.connect();
    await hub.disconnect();
    assert.deepEqual(await closed, { type: 'closed', reason: 'disconnect' });
  });

  it('hub - connect() after disconnect() connects again', async () => {
    makeHub();
    await hub.connect();
    await hub.disconnect();
    await hub.connect();
    assert.equal(hub.isConnected(), true);
    assert.equal(net.sockets.length, 2);
  });

  it('hub - with autoReconnect off a lost connection closes the hub', async () => {
    makeHub({ autoReconnect: false });
    await hub.connect();
    net.last().serverClose();
    assert.equal(hub.state, 'closed');
  });

  it('hub - a socket that never opens times out after connectTimeoutMs and is retried', async () => {
    net.autoOpen = false;
    makeHub({ connectTimeoutMs: 300 });
    const connecting = hub.connect();
    await until(() => net.sockets.length === 1, 'socket created');
    timer.advance(300);
    await until(() => hub.state === 'reconnecting', 'reconnecting');
    net.autoOpen = true;
    timer.advance(100);
    await connecting;
    assert.equal(hub.isConnected(), true);
  });

  it('hub - a burst asks for few acks; one ack settles every earlier publish (acks are cumulative)', async () => {
    makeHub({ ackWindowMs: 0 });
    await hub.connect();
    const before = sentEvents(net.last()).length;
    const publishes = Array.from({ length: 150 }, (_, n) => hub.publish({ topic: 'burst', data: { n } }));
    await tick();
    const frames = sentEvents(net.last()).slice(before);
    assert.equal(frames.length, 150);
    assert.deepEqual(frames.map((f) => (f.event.data as { n: number }).n), Array.from({ length: 150 }, (_, n) => n));
    const acked = frames.filter((f) => f.ackId !== undefined);
    // The first publish of the run leaves at once (and asks: window 0); the rest leave together, asking every 64th and last.
    assert.deepEqual(frames.map((f, i) => (f.ackId === undefined ? -1 : i)).filter((i) => i >= 0), [0, 64, 128, 149]);
    let settled = 0;
    for (const p of publishes) void p.then(() => (settled += 1));
    ack(acked[2]!.ackId);
    await tick();
    assert.equal(settled, 129);
    ack(acked[3]!.ackId);
    await tick();
    assert.equal(settled, 150);
    // The first ack arriving late is harmless.
    ack(acked[0]!.ackId);
    // A lone publish asks for its own ack.
    void hub.publish({ topic: 'alone' });
    await tick();
    assert.equal(typeof sentEvents(net.last()).at(-1)!.ackId, 'number');
  });

  it('hub - publishes nobody awaits share one ack request; when the traffic stops, a sync event asks one to two windows after the last', async () => {
    makeHub({ heartbeatTimeoutMs: Infinity });
    await hub.connect();
    const before = sentEvents(net.last()).length;
    // Even after a quiet spell, a publish nobody awaits leaves without a request, and so do
    // the later ones within 20 ms (the default window).
    const first = hub.publish({ topic: 'w', data: { n: 1 } });
    await tick();
    const second = hub.publish({ topic: 'w', data: { n: 2 } });
    await tick();
    timer.advance(5);
    const third = hub.publish({ topic: 'w', data: { n: 3 } });
    await tick();
    let frames = framesSince(before, [
      ['w', false],
      ['w', false],
      ['w', false],
    ]);
    // The window timer, armed by the first frame, runs out at 20 ms. The third frame left 15 ms before,
    // so the timer waits one more window: at 40 ms one sync event, targeted at the hub itself, asks for
    // all three. Nothing before that.
    await elapse(34);
    assert.equal(sentEvents(net.last()).length, before + 3);
    await elapse(1);
    frames = sentEvents(net.last()).slice(before);
    assert.equal(frames.length, 4);
    const sync = frames[3]!;
    assert.equal(sync.event.topic, ACK_SYNC_TOPIC);
    assert.equal(sync.event.target, `id=${hub.id}`);
    assert.equal(typeof sync.ackId, 'number');
    ack(sync.ackId);
    assert.deepEqual(await Promise.all([first, second, third]), frames.slice(0, 3).map((f) => f.event.id));
    // Nothing left to cover: no more frames, no more timers.
    timer.advance(1000);
    await tick();
    assert.equal(sentEvents(net.last()).length, before + 4);
    assert.equal(hub.stats.published, 3, 'syncs are not counted as publishes');
  });

  it('hub - the ack-sync timer is made once per connection and re-armed with refresh(); an injected timer without refresh() still gets every sync', async () => {
    for (const withRefresh of [true, false]) {
      // Counts the window timers (20 ms, the default ackWindowMs) the hub makes.
      let windowTimers = 0;
      const counting: Timer = {
        now: () => timer.now(),
        setTimeout: (fn, ms) => {
          if (ms === 20) windowTimers += 1;
          const handle = timer.setTimeout(fn, ms);
          return withRefresh ? handle : { cancel: () => handle.cancel() };
        },
      };
      makeHub({ heartbeatTimeoutMs: Infinity, timer: counting });
      await hub.connect();
      const before = sentEvents(net.last()).length;
      // Three quiet spells, each after one publish nobody awaits: each gets its sync a window later.
      for (let spell = 0; spell < 3; spell++) {
        // Not awaited: an awaited publish would make the next one ask for its ack itself.
        void hub.publish({ topic: 'w', data: { spell } });
        await tick();
        await elapse(19);
        assert.equal(sentEvents(net.last()).length, before + 2 * spell + 1);
        await elapse(1);
        const sync = sentEvents(net.last()).at(-1)!;
        assert.equal(sync.event.topic, ACK_SYNC_TOPIC, `spell ${spell}, ${withRefresh ? 'with' : 'without'} refresh()`);
        ack(sync.ackId);
        await elapse(1000);
      }
      assert.equal(sentEvents(net.last()).length, before + 6);
      assert.equal(windowTimers, withRefresh ? 1 : 3);
      await hub.disconnect();
    }
  });

  it('hub - a publish after a lone one, with no hub activity between, waits for a flush and leaves in order', async () => {
    await connectAfterFireAndForget();
    const before = sentEvents(net.last()).length;
    // Nothing ran in the hub since 'opens-window' left at once: this publish may be in the same run,
    // so it goes through the flush (a burst leaves in one write), which sees it awaited: its frame asks.
    let resolved: string | undefined;
    const awaited = (async () => (resolved = await hub.publish({ topic: 'next' })))();
    assert.equal(sentEvents(net.last()).length, before, 'queued for the flush');
    await tick();
    const frames = framesSince(before, [['next', true]]);
    ack(frames[0]!.ackId);
    await awaited;
    assert.equal(resolved, frames[0]!.event.id);
    // The ack ended the run: the next publish leaves at once again.
    void hub.publish({ topic: 'after-ack' });
    assert.equal(sentEvents(net.last()).at(-1)!.event.topic, 'after-ack');
  });

  it('hub - while publishes nobody awaits keep going out, they carry the ack requests: no sync events', async () => {
    makeHub({ heartbeatTimeoutMs: Infinity });
    await hub.connect();
    const before = sentEvents(net.last()).length;
    // One publish every 5 ms for 100 ms: the first frame sent when the oldest without a request is
    // 20 ms old asks, which starts the next window.
    for (let n = 0; n <= 20; n++) {
      void hub.publish({ topic: 'stream', data: { n } });
      await tick();
      timer.advance(5);
    }
    const frames = sentEvents(net.last()).slice(before);
    assert.equal(frames.length, 21);
    assert.ok(frames.every((f) => f.event.topic === 'stream'), 'no sync event while the stream flows');
    assert.deepEqual(frames.map((f, i) => (f.ackId === undefined ? -1 : i)).filter((i) => i >= 0), [4, 9, 14, 19]);
    // The stream stops after the 21st (sent at 100 ms, now 105 ms): a sync asks for it at 120 ms, not before.
    await elapse(14);
    assert.equal(sentEvents(net.last()).length, before + 21);
    await elapse(1);
    const [sync, ...more] = sentEvents(net.last()).slice(before + 21);
    assert.equal(sync?.event.topic, ACK_SYNC_TOPIC);
    assert.equal(typeof sync?.ackId, 'number');
    assert.equal(more.length, 0);
  });

  it('hub - an awaited publish gets its ack request at once inside a window: by a sync, then on its own frame while the caller keeps awaiting', async () => {
    await connectAfterFireAndForget();
    // A frame from the server: the run of 'opens-window' is over, so the next publish leaves at once.
    deliver({ id: 'e1', topic: 'elsewhere', data: {}, source: {}, target: '', sent: null, inReplyToEvent: null });
    let before = sentEvents(net.last()).length;
    let resolved: string | undefined;
    // The publish leaves before its caller awaits it, without a request; the await sends a sync that asks.
    let awaited = (async () => (resolved = await hub.publish({ topic: 'first-awaited' })))();
    await tick();
    let frames = framesSince(before, [
      ['first-awaited', false],
      [ACK_SYNC_TOPIC, true],
    ]);
    ack(frames[1]!.ackId);
    await awaited;
    assert.equal(resolved, frames[0]!.event.id);
    // The caller awaited the last publish, so the next one asks on its own frame: no sync.
    before = sentEvents(net.last()).length;
    awaited = (async () => (resolved = await hub.publish({ topic: 'second-awaited' })))();
    await tick();
    frames = framesSince(before, [['second-awaited', true]]);
    ack(frames[0]!.ackId);
    await awaited;
    assert.equal(resolved, frames[0]!.event.id);
  });

  it('hub - a publish awaited after its frame left without a request gets a sync at once', async () => {
    await connectAfterFireAndForget();
    const later = hub.publish({ topic: 'later' });
    await tick();
    assert.equal(sentEvents(net.last()).at(-1)!.ackId, undefined);
    let settled = false;
    void later.then(() => (settled = true));
    await tick();
    const sync = sentEvents(net.last()).at(-1)!;
    assert.equal(sync.event.topic, ACK_SYNC_TOPIC);
    assert.equal(typeof sync.ackId, 'number');
    assert.equal(settled, false);
    ack(sync.ackId);
    await tick();
    assert.equal(settled, true);
  });

  it('hub - in await Promise.all(burst) only the last frame and every 64th ask; a refused last frame rejects', async () => {
    await connectAfterFireAndForget();
    const before = sentEvents(net.last()).length;
    const all = Promise.all(Array.from({ length: 100 }, (_, n) => hub.publish({ topic: 'many', data: { n } })));
    await tick();
    const frames = sentEvents(net.last()).slice(before);
    assert.equal(frames.length, 100);
    // 'opens-window' left without a request too, so the 64th frame without one is the 63rd of the burst.
    assert.deepEqual(frames.map((f, i) => (f.ackId === undefined ? -1 : i)).filter((i) => i >= 0), [62, 99]);
    ack(frames[99]!.ackId, { success: false, message: 'refused' });
    await assert.rejects(all, (error: unknown) => error instanceof HubPublishError && error.serverMessage === 'refused');
  });

  it('hub - ackEveryFrames sets how many frames may go without an ack request', async () => {
    makeHub({ heartbeatTimeoutMs: Infinity, ackEveryFrames: 10 });
    await hub.connect();
    const before = sentEvents(net.last()).length;
    for (let n = 0; n < 25; n++) void hub.publish({ topic: 'fire-and-forget', data: { n } });
    await tick();
    const frames = sentEvents(net.last()).slice(before);
    assert.equal(frames.length, 25);
    assert.deepEqual(frames.map((f, i) => (f.ackId === undefined ? -1 : i)).filter((i) => i >= 0), [9, 19]);
    assert.equal(resolveHubOptions({ ackEveryFrames: Number.NaN }).ackEveryFrames, 64);
    assert.equal(resolveHubOptions({ ackEveryFrames: 0 }).ackEveryFrames, 1);
  });

  it('hub - frames waiting for a window ack are sent again after a reconnect, and the stale sync is not', async () => {
    makeHub({ heartbeatTimeoutMs: Infinity });
    await hub.connect();
    const first = net.last();
    void hub.publish({ topic: 'asked' });
    await tick();
    // The window's sync asks for it, and its ack covers it.
    timer.advance(20);
    await tick();
    assert.equal(sentEvents(first).at(-1)!.event.topic, ACK_SYNC_TOPIC);
    ack(sentEvents(first).at(-1)!.ackId);
    const pending = hub.publish({ topic: 'unasked' });
    await tick();
    assert.equal(sentEvents(first).at(-1)!.ackId, undefined);
    first.serverClose();
    timer.advance(100);
    await until(() => net.sockets.length === 2 && hub.isConnected(), 'reconnected');
    const second = net.last();
    await until(() => sentEvents(second).some((f) => f.event.topic === 'unasked'), 'the resend');
    timer.advance(1000);
    await tick();
    const resent = sentEvents(second).filter((f) => f.event.topic !== 'ftrack.meta.subscribe');
    assert.deepEqual(resent.map((f) => f.event.topic), ['unasked']);
    assert.equal(typeof resent[0]!.ackId, 'number', 'the last frame of the resend asks at once');
    ack(resent[0]!.ackId);
    assert.equal(await pending, resent[0]!.event.id);
  });

  it('hub - an event without a topic rejects with InvalidEventError; the hub keeps working', async () => {
    makeHub({ ackWindowMs: 0 });
    await hub.connect();
    await assert.rejects(hub.publish({ topic: '' }), { code: 'FTRACK_ERR_EVENT_INVALID' });
    await assert.rejects(hub.publishAndWaitForReply({ topic: '' }), { code: 'FTRACK_ERR_EVENT_INVALID' });
    const ok = hub.publish({ topic: 'fine' });
    await tick();
    ack(sentEvents(net.last()).at(-1)!.ackId);
    assert.equal(typeof (await ok), 'string');
  });

  it('hub - publishReply needs a source id', async () => {
    makeHub();
    await hub.connect();
    await assert.rejects(hub.publishReply(new Event('x'), {}), { code: 'FTRACK_ERR_EVENT_INVALID' });
  });
});
