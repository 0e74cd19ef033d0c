import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import fc from 'fast-check';
import { Event, EventHub, HubPublishError, type HubStatus } from '../../src/event/index.js';
import { HubAuthenticationError, decodeAckData, decodeEventData, decodePacket, encodeAck, encodeEvent, encodePacket, type PacketType } from '../../src/socketio/index.js';
import { startHubServer, type StartedHubServer } from '../helpers/hub-server.js';
import { until } from '../helpers/wait.js';

/**
 * Conformance with the socket.io 0.9 reference packages: socket.io@0.9.19
 * (server) and socket.io-client@0.9.16, the last releases of the protocol
 * ftrack's event hub speaks. They are devDependencies for this test only and
 * never load at run time (their `ws@0.4` install script is denied in
 * package.json's allowScripts; it falls back to plain JavaScript).
 *
 * - our codec against both reference parsers, both directions (property tests);
 * - our EventHub against the reference server;
 * - the reference client against our hub server.
 */

const require = createRequire(import.meta.url);

/** The subset of a reference parser's packet object this test reads and writes. */
interface RefPacket {
  type?: string;
  id?: string | number;
  ack?: 'data' | true;
  endpoint?: string;
  name?: string;
  args?: unknown[];
  ackId?: string | number;
  reason?: string;
  advice?: string;
}
interface RefParser {
  encodePacket(packet: RefPacket): string;
  decodePacket(frame: string): RefPacket;
}

// socket.io-client 0.9 probes a global `io` when loaded; required from a module it attaches to module.exports.
const refClient = require('socket.io-client') as { parser: RefParser; version: string; connect(url: string, options: Record<string, unknown>): RefClientSocket };
const refServerParser = require('socket.io/lib/parser.js') as RefParser;
const refServer = require('socket.io') as { listen(server: Server, options: Record<string, unknown>): RefManager; version: string };
const refServerVersion = (require('socket.io/package.json') as { version: string }).version;

const PARSERS: Array<[string, RefParser]> = [
  [`socket.io-client@${refClient.version} parser`, refClient.parser],
  [`socket.io@${refServerVersion} parser`, refServerParser],
];

/** JSON round trip: what any JSON peer reads back (drops undefined, -0 → 0). */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Event args of any JSON, with full-Unicode strings (event frames allow every character). */
const jsonArgs = fc.array(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), { maxLength: 3 });
/** Ack args: any JSON too (our encodeAck escapes U+2028/U+2029, which the reference ack parser cannot read raw). */
const ackArgs = fc.array(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), { minLength: 1, maxLength: 3 });
/** Reference encoders drop id 0 (`packet.id || ''`), so ids start at 1, as both ftrack clients' counters do. */
const ackId = fc.integer({ min: 1, max: 2 ** 31 });
const endpoint = fc.constantFrom('', '/ftrack', '/a.b-c');

describe('conformance: socket.io 0.9 codec against the reference parsers', () => {
  for (const [label, parser] of PARSERS) {
    it(`socketio-reference - ${label} reads our event frames`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), jsonArgs, fc.option(ackId, { nil: undefined }), fc.boolean(), (name, args, id, ackData) => {
          const frame = encodeEvent(name, args, id === undefined ? {} : { id, ackData });
          const packet = parser.decodePacket(frame);
          assert.equal(packet.type, 'event');
          assert.equal(packet.endpoint, '');
          assert.equal(packet.name, name);
          assert.deepEqual(packet.args, viaJson(args));
          assert.equal(packet.id, id === undefined ? undefined : String(id));
          assert.equal(packet.ack, id === undefined ? undefined : ackData ? 'data' : true);
        }),
      );
    });

    it(`socketio-reference - we read ${label}'s event frames`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), jsonArgs, fc.option(ackId, { nil: undefined }), fc.boolean(), endpoint, (name, args, id, ackData, ep) => {
          const ref: RefPacket = { type: 'event', name, args, endpoint: ep };
          if (id !== undefined) {
            ref.id = id;
            if (ackData) ref.ack = 'data';
          }
          const packet = decodePacket(parser.encodePacket(ref));
          assert.equal(packet.type, 'event');
          assert.equal(packet.endpoint, ep);
          assert.equal(packet.id, id);
          assert.equal(packet.ackData, id !== undefined && ackData ? true : undefined);
          assert.deepEqual(decodeEventData(packet.data!), { name, args: viaJson(args) });
        }),
      );
    });

    it(`socketio-reference - ${label} and our codec agree on ack frames, both ways`, () => {
      fc.assert(
        fc.property(ackId, fc.oneof(ackArgs, fc.constant<unknown[]>(['line\u2028and paragraph\u2029separators']), fc.constant<unknown[]>([{ success: true }]), fc.constant<unknown[]>([])), (id, args) => {
          const ours = parser.decodePacket(encodeAck(id, args));
          assert.equal(ours.type, 'ack');
          assert.equal(ours.ackId, String(id));
          assert.deepEqual(ours.args, viaJson(args));

          const packet = decodePacket(parser.encodePacket({ type: 'ack', ackId: id, args }));
          assert.equal(packet.type, 'ack');
          assert.deepEqual(decodeAckData(packet.data!), { id, args: viaJson(args) });
        }),
      );
    });

    it(`socketio-reference - ${label} and our codec write the data-less packets alike`, () => {
      const types: PacketType[] = ['disconnect', 'connect', 'heartbeat', 'noop'];
      for (const type of types) {
        for (const ep of ['', '/ftrack']) {
          const frame = encodePacket({ type, endpoint: ep });
          assert.equal(frame, parser.encodePacket({ type, endpoint: ep }), `${type} ${ep}`);
          assert.equal(parser.decodePacket(frame).type, type);
          assert.deepEqual(decodePacket(frame), { type, endpoint: ep });
        }
      }
      // An error packet: reason "unauthorized" (2), advice "reconnect" (0).
      const error = parser.encodePacket({ type: 'error', reason: 'unauthorized', advice: 'reconnect' });
      assert.deepEqual(decodePacket(error), { type: 'error', endpoint: '', data: '2+0' });
      assert.deepEqual(parser.decodePacket(encodePacket({ type: 'error', endpoint: '', data: '2+0' })), { type: 'error', endpoint: '', reason: 'unauthorized', advice: 'reconnect' });
    });
  }
});

// --- our EventHub against the reference server ------------------------------------------------

interface RefSocket {
  id: string;
  on(name: string, listener: (...args: never[]) => void): void;
  emit(name: string, ...args: unknown[]): void;
  disconnect(): void;
}
interface RefManager {
  set(key: string, value: unknown): void;
  sockets: { on(name: 'connection', listener: (socket: RefSocket) => void): void };
}
interface Handshake {
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
}

interface StartedRefServer {
  url: string;
  io: RefManager;
  handshakes: Handshake[];
  /** Every `ftrack.event` received, with the connection it came on and whether it asked for an ack. */
  received: Array<{ socketId: string; event: Record<string, unknown>; acked: boolean }>;
  sockets: RefSocket[];
  disconnects: string[];
  /** Answer to give an acked publish of this topic instead of `{ success: true }`. */
  ackFor: Map<string, unknown>;
  close(): Promise<void>;
}

/**
 * socket.io@0.9.19 on 127.0.0.1:0 playing a minimal ftrack hub: it accepts the
 * API key "secret", acks every acked `ftrack.event` and records what it got.
 */
async function startRefServer(): Promise<StartedRefServer> {
  const http = createServer();
  const netSockets = new Set<NetSocket>();
  http.on('connection', (socket) => {
    netSockets.add(socket);
    socket.on('close', () => netSockets.delete(socket));
    // socket.io 0.9 leaves socket errors unhandled (an abrupt peer can crash its process).
    socket.on('error', () => {});
  });
  const io = refServer.listen(http, { log: false });
  io.set('transports', ['websocket']);
  io.set('heartbeat interval', 1); // seconds: a 2:: every second…
  io.set('heartbeat timeout', 2); // …and the client is dropped when it has not answered within 2 s
  const started: StartedRefServer = {
    url: '',
    io,
    handshakes: [],
    received: [],
    sockets: [],
    disconnects: [],
    ackFor: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        for (const socket of netSockets) socket.destroy();
      }),
  };
  io.set('authorization', (handshake: Handshake, callback: (error: unknown, authorized: boolean) => void) => {
    started.handshakes.push(handshake);
    callback(null, handshake.query.api_key === 'secret');
  });
  io.sockets.on('connection', (socket) => {
    started.sockets.push(socket);
    socket.on('ftrack.event', ((event: Record<string, unknown>, ack?: (payload: unknown) => void) => {
      started.received.push({ socketId: socket.id, event, acked: typeof ack === 'function' });
      ack?.(started.ackFor.get(event.topic as string) ?? { success: true });
    }) as (...args: never[]) => void);
    socket.on('disconnect', (() => started.disconnects.push(socket.id)) as (...args: never[]) => void);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  started.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return started;
}

describe('conformance: our EventHub against the socket.io@0.9.19 reference server', function () {
  this.timeout(30_000);
  let server: StartedRefServer;
  let hub: EventHub;
  const statuses: HubStatus['type'][] = [];

  beforeEach(async () => {
    server = await startRefServer();
    statuses.length = 0;
    hub = new EventHub(server.url, 'pipeline', 'secret', { backoff: { minMs: 20, maxMs: 50 } });
    hub.on('status', (status) => statuses.push(status.type));
  });

  afterEach(async () => {
    await hub.disconnect();
    await server.close();
  });

  const subscribeEvents = () => server.received.filter((r) => r.event.topic === 'ftrack.meta.subscribe');

  it('socketio-reference - connects with the credentials in the handshake and announces its subscribers with acks', async () => {
    const id = hub.subscribe('topic=render.done', () => undefined, { subscriber: { applicationId: 'conformance' } });
    await hub.connect();
    assert.equal(server.handshakes.length, 1);
    assert.equal(server.handshakes[0]!.query.api_user, 'pipeline');
    assert.equal(server.handshakes[0]!.headers['ftrack-user'], 'pipeline');
    await until(() => subscribeEvents().length >= 2, 'both subscribers announced');
    const announced = subscribeEvents().map((r) => r.event.data as { subscriber: { id: string }; subscription: string });
    assert.deepEqual(
      announced.map((d) => d.subscription).sort(),
      ['topic=ftrack.meta.reply', 'topic=render.done'],
    );
    assert.ok(announced.some((d) => d.subscriber.id === id));
    assert.ok(subscribeEvents().every((r) => r.acked), 'subscribe events ask for an ack');
  });

  it('socketio-reference - a refused handshake (HTTP 403) rejects connect() with HubAuthenticationError', async () => {
    const refused = new EventHub(server.url, 'pipeline', 'wrong');
    try {
      await assert.rejects(refused.connect(), (error: unknown) => error instanceof HubAuthenticationError && error.code === 'FTRACK_ERR_HUB_AUTH');
    } finally {
      await refused.disconnect();
    }
  });

  it('socketio-reference - an awaited publish resolves on the reference ack and rejects on success: false', async () => {
    await hub.connect();
    const id = await hub.publish({ topic: 'conformance.one', data: { n: 1 } });
    const got = server.received.find((r) => r.event.topic === 'conformance.one');
    assert.ok(got, 'the server got the event');
    assert.equal(got.event.id, id);
    assert.deepEqual(got.event.data, { n: 1 });

    server.ackFor.set('conformance.refused', { success: false, message: 'not allowed here' });
    await assert.rejects(
      hub.publish({ topic: 'conformance.refused' }),
      (error: unknown) => error instanceof HubPublishError && error.code === 'FTRACK_ERR_HUB_PUBLISH_REJECTED' && error.message.includes('not allowed here'),
    );

    // A burst nobody awaits one by one: all arrive in order, and awaiting them all resolves.
    const burst = Array.from({ length: 50 }, (_, n) => hub.publish({ topic: 'conformance.burst', data: { n } }));
    await Promise.all(burst);
    assert.deepEqual(
      server.received.filter((r) => r.event.topic === 'conformance.burst').map((r) => (r.event.data as { n: number }).n),
      Array.from({ length: 50 }, (_, n) => n),
    );
  });

  it('socketio-reference - events the server emits reach the callback, and its return value goes back as a reply', async () => {
    const seen: Event[] = [];
    hub.subscribe('topic=conformance.ask and data.kind=render*', (event) => {
      seen.push(event);
      return { answer: (event.data as { n: number }).n * 2 };
    });
    await hub.connect();
    await until(() => server.sockets.length === 1 && subscribeEvents().length >= 2, 'subscribed');
    const ask = { id: 'ask-1', topic: 'conformance.ask', data: { kind: 'render-farm', n: 21 }, source: { id: 'reference' }, target: '', sent: null, inReplyToEvent: null };
    server.sockets[0]!.emit('ftrack.event', ask);
    server.sockets[0]!.emit('ftrack.event', { ...ask, id: 'ask-2', data: { kind: 'comp', n: 1 } }); // filtered out by the expression
    await until(() => server.received.some((r) => r.event.topic === 'ftrack.meta.reply'), 'the reply');
    const reply = server.received.find((r) => r.event.topic === 'ftrack.meta.reply')!;
    assert.equal(reply.event.inReplyToEvent, 'ask-1');
    assert.deepEqual(reply.event.data, { answer: 42 });
    assert.equal(reply.event.target, 'id=reference');
    assert.deepEqual(seen.map((e) => e.id), ['ask-1']);
  });

  it('socketio-reference - answers the reference heartbeats, so a 2 s heartbeat timeout never drops it', async () => {
    await hub.connect();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    assert.deepEqual(server.disconnects, []);
    assert.equal(hub.isConnected(), true);
    assert.deepEqual(statuses, ['connecting', 'connected']);
  });

  it('socketio-reference - a server-side disconnect (0:: then close) reconnects and re-announces every subscriber', async () => {
    hub.subscribe('topic=render.done', () => undefined);
    await hub.connect();
    await until(() => subscribeEvents().length >= 2, 'subscribed');
    const first = server.sockets[0]!;
    first.disconnect();
    await until(() => server.sockets.length === 2 && hub.isConnected(), 'reconnected');
    const second = server.sockets[1]!;
    await until(() => subscribeEvents().filter((r) => r.socketId === second.id).length >= 2, 're-announced on the new connection');
    assert.ok(statuses.includes('reconnecting'), statuses.join());
    // Publishing works on the new connection.
    await hub.publish({ topic: 'conformance.after' });
    assert.equal(server.received.find((r) => r.event.topic === 'conformance.after')?.socketId, second.id);
  });

  it('socketio-reference - disconnect() closes the connection the server holds', async () => {
    await hub.connect();
    await until(() => server.sockets.length === 1, 'connected');
    await hub.disconnect();
    await until(() => server.disconnects.length === 1, 'the server saw the disconnect');
    assert.equal(statuses.at(-1), 'closed');
  });
});

// --- the reference client against our hub server ----------------------------------------------

interface RefClientSocket {
  socket: { connected: boolean; transport?: { name: string }; sessionid?: string };
  on(name: string, listener: (...args: never[]) => void): void;
  emit(name: string, ...args: unknown[]): void;
  disconnect(): void;
}

/** socket.io-client@0.9.16 as a browser would use it, with the JavaScript client's query credentials. */
function connectRefClient(hub: StartedHubServer, apiKey = hub.apiKey): RefClientSocket {
  return refClient.connect(hub.url, {
    query: new URLSearchParams({ api_user: hub.apiUser, api_key: apiKey }).toString(),
    transports: ['websocket'],
    'force new connection': true,
    reconnect: false,
  });
}

function emitWithAck(socket: RefClientSocket, event: Record<string, unknown>): Promise<unknown[]> {
  return new Promise((resolve) => socket.emit('ftrack.event', event, (...args: unknown[]) => resolve(args)));
}

describe('conformance: the socket.io-client@0.9.16 reference client against our hub server', function () {
  this.timeout(30_000);
  let server: StartedHubServer;
  const clients: RefClientSocket[] = [];

  async function connected(apiKey?: string): Promise<{ socket: RefClientSocket; inbox: Array<Record<string, unknown>> }> {
    const socket = connectRefClient(server, apiKey);
    clients.push(socket);
    const inbox: Array<Record<string, unknown>> = [];
    socket.on('ftrack.event', ((event: Record<string, unknown>) => inbox.push(event)) as (...args: never[]) => void);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('error', ((error: unknown) => reject(new Error(String(error)))) as (...args: never[]) => void);
    });
    return { socket, inbox };
  }

  beforeEach(async () => {
    // Heartbeats every 300 ms; a client silent for 2 s is closed, and the handshake tells the client 2 s too.
    server = await startHubServer({ heartbeatIntervalMs: 300, clientTimeoutMs: 2_000 });
  });

  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.disconnect();
    await server.close();
  });

  it('socketio-reference - connects over websocket, subscribes with an ack, and gets its own event with the seven keys', async () => {
    const { socket, inbox } = await connected();
    assert.equal(socket.socket.transport?.name, 'websocket');
    const subscribed = await emitWithAck(socket, { id: 's-1', topic: 'ftrack.meta.subscribe', data: { subscriber: { id: 'ref-1' }, subscription: 'topic=conformance.*' } });
    assert.deepEqual(subscribed, [{ success: true }]);
    const published = await emitWithAck(socket, { id: 'p-1', topic: 'conformance.hello', data: { a: 1 }, source: { id: 'ref-1', user: { username: 'somebody-else' } } });
    assert.deepEqual(published, [{ success: true }]);
    await until(() => inbox.length === 1, 'own event delivered');
    const event = inbox[0]!;
    assert.deepEqual(Object.keys(event).sort(), ['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    assert.equal(event.id, 'p-1');
    assert.deepEqual(event.data, { a: 1 });
    assert.equal((event.source as { user: { username: string } }).user.username, server.apiUser, 'the server stamps the authenticated user');
  });

  it('socketio-reference - an event without a topic or with a bad subscription gets a failed ack, and the connection stays usable', async () => {
    const { socket } = await connected();
    const [answer] = (await emitWithAck(socket, { id: 'bad-1', data: {} })) as [{ success: boolean; message?: string }];
    assert.equal(answer.success, false);
    assert.match(answer.message ?? '', /topic/);
    // A refusal quoting the client's own text, line separators included, still reads as one object.
    const [invalid] = (await emitWithAck(socket, {
      id: 'bad-2',
      topic: 'ftrack.meta.subscribe',
      data: { subscriber: { id: 'ref-bad' }, subscription: 'topic=\u2028 and (' },
    })) as [{ success: boolean; message?: string }];
    assert.equal(invalid.success, false);
    assert.match(invalid.message ?? '', /invalid subscription.*\u2028/s);
    assert.deepEqual(await emitWithAck(socket, { id: 'ok-1', topic: 'conformance.ok' }), [{ success: true }]);
    assert.equal(socket.socket.connected, true);
  });

  it('socketio-reference - exchanges events and replies with our EventHub', async () => {
    const { socket, inbox } = await connected();
    await emitWithAck(socket, { id: 's-2', topic: 'ftrack.meta.subscribe', data: { subscriber: { id: 'ref-2' }, subscription: 'topic=conformance.ask' } });
    const ours = new EventHub(server.url, server.users[1]!.username, server.users[1]!.apiKey);
    try {
      const fromRef: Event[] = [];
      ours.subscribe('topic=conformance.to-ours', (event) => {
        fromRef.push(event);
        return { thanks: true };
      });
      await ours.connect();
      await ours.publish({ topic: 'conformance.sync' }); // its ack proves our subscriptions are registered

      // Our EventHub asks; the reference client answers with an ftrack.meta.reply event.
      const asking = ours.publishAndWaitForReply(new Event('conformance.ask', { n: 1 }), { timeout: 10_000 });
      await until(() => inbox.some((e) => e.topic === 'conformance.ask'), 'the ask reached the reference client');
      const ask = inbox.find((e) => e.topic === 'conformance.ask')!;
      const source = ask.source as { id: string };
      await emitWithAck(socket, { id: 'r-1', topic: 'ftrack.meta.reply', data: { pong: 2 }, target: `id=${source.id}`, inReplyToEvent: ask.id, source: { id: 'ref-2' } });
      const reply = await asking;
      assert.deepEqual(reply.data, { pong: 2 });
      assert.equal(reply.inReplyToEvent, ask.id);

      // The reference client asks; our callback's return value comes back as a reply.
      await emitWithAck(socket, { id: 's-3', topic: 'ftrack.meta.subscribe', data: { subscriber: { id: 'ref-2-replies' }, subscription: 'topic=ftrack.meta.reply' } });
      await emitWithAck(socket, { id: 'q-1', topic: 'conformance.to-ours', data: { n: 5 }, source: { id: 'ref-2-replies' } });
      await until(() => inbox.some((e) => e.topic === 'ftrack.meta.reply' && e.inReplyToEvent === 'q-1'), 'our reply reached the reference client');
      assert.equal(fromRef.length, 1);
      assert.deepEqual(inbox.find((e) => e.inReplyToEvent === 'q-1')!.data, { thanks: true });
    } finally {
      await ours.disconnect();
    }
  });

  it('socketio-reference - heartbeats keep both sides up past their 2 s timeouts', async () => {
    const { socket } = await connected();
    let disconnected = false;
    socket.on('disconnect', () => {
      disconnected = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(disconnected, false);
    assert.equal(socket.socket.connected, true);
    assert.equal(server.hub.stats().connections, 1);
    assert.equal(server.hub.stats().closedByServer, 0);
  });

  it("socketio-reference - the client's disconnect packet (0::) ends its connection and drops its subscriptions", async () => {
    const { socket } = await connected();
    await emitWithAck(socket, { id: 's-4', topic: 'ftrack.meta.subscribe', data: { subscriber: { id: 'ref-4' }, subscription: 'topic=conformance.*' } });
    assert.equal(server.hub.stats().subscriptions, 1);
    socket.disconnect();
    await until(() => server.hub.stats().connections === 0, 'connection gone');
    assert.equal(server.hub.stats().subscriptions, 0);
  });

  it('socketio-reference - a wrong API key is refused at the handshake with a readable reason', async () => {
    const socket = connectRefClient(server, 'not-the-key');
    clients.push(socket);
    const reason = await new Promise<string>((resolve) => socket.on('error', ((error: unknown) => resolve(String(error))) as (...args: never[]) => void));
    assert.match(reason, /authentication failed/i);
    assert.equal(socket.socket.connected, false);
    assert.equal(server.hub.stats().handshakesRefused, 1);
  });
});
