import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { HubEventError } from '../../src/standin/hub/index.js';
import { connectRawClient, startHubServer, type RawHubClient, type StartedHubServer } from '../helpers/hub-server.js';
import { until } from '../helpers/wait.js';

const EVENT_KEYS = ['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic'];

async function handshake(started: StartedHubServer, init: { query?: string; headers?: Record<string, string>; path?: string; method?: string } = {}) {
  const response = await fetch(`${started.url}${init.path ?? '/socket.io/1/'}${init.query ?? ''}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Opens a WebSocket and resolves with the HTTP status of a refused upgrade (or 101). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** Publishes a sentinel from `from` and waits until `to` got it: everything published before it has arrived. */
async function flush(from: RawHubClient, ...to: RawHubClient[]): Promise<void> {
  const marker = `sentinel-${Math.random().toString(36).slice(2)}`;
  from.publish({ topic: 'test.sentinel', data: { marker } });
  await Promise.all(to.map((client) => client.waitFor((frame) => frame.includes(marker), `sentinel ${marker}`)));
}

describe('hub server (raw socket.io 0.9 clients)', () => {
  let started: StartedHubServer;
  const clients: RawHubClient[] = [];

  async function client(options: Parameters<typeof connectRawClient>[1] = {}): Promise<RawHubClient> {
    const connected = await connectRawClient(started, options);
    clients.push(connected);
    // Every test client also listens to the sentinel topic used by flush().
    connected.subscribe('topic=test.sentinel', { id: `sentinel-${clients.length}` });
    return connected;
  }

  beforeEach(async () => {
    started = await startHubServer();
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await started.close();
  });

  describe('handshake', () => {
    it('accepts header credentials (Python) and answers sid:heartbeat:close:websocket', async () => {
      const answer = await handshake(started, { headers: { 'ftrack-user': started.apiUser, 'ftrack-api-key': started.apiKey } });
      assert.equal(answer.status, 200);
      assert.match(answer.body, /^[0-9a-f]{32}:60:60:websocket$/);
    });

    it('accepts query credentials (JavaScript) and echoes the Origin for CORS', async () => {
      const query = `?api_user=${started.apiUser}&api_key=${started.apiKey}`;
      const answer = await handshake(started, { query, headers: { origin: 'http://example.test' } });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.split(':').length, 4);
      assert.equal(answer.headers.get('access-control-allow-origin'), 'http://example.test');
      assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
    });

    it('refuses a wrong key with 401 and a readable text that does not echo the key', async () => {
      const answer = await handshake(started, { headers: { 'ftrack-user': started.apiUser, 'ftrack-api-key': 'wrong-key-123' } });
      assert.equal(answer.status, 401);
      assert.match(answer.body, /authentication failed/);
      assert.ok(!answer.body.includes('wrong-key-123'));
      assert.equal(started.hub.stats().handshakesRefused, 1);
    });

    it('refuses missing credentials with 401 saying what to send', async () => {
      const answer = await handshake(started);
      assert.equal(answer.status, 401);
      assert.match(answer.body, /ftrack-api-key/);
      assert.match(answer.body, /api_key/);
    });

    it('answers a CORS preflight', async () => {
      const answer = await handshake(started, { method: 'OPTIONS', headers: { origin: 'http://example.test' } });
      assert.equal(answer.status, 204);
      assert.equal(answer.headers.get('access-control-allow-origin'), 'http://example.test');
      assert.match(answer.headers.get('access-control-allow-methods') ?? '', /GET/);
    });

    it('only answers GET on the root path', async () => {
      assert.equal((await handshake(started, { path: '/prefix/socket.io/1/' })).status, 404);
      assert.equal((await handshake(started, { method: 'POST' })).status, 405);
    });

    it('refuses an upgrade with an unknown, reused or expired session id', async () => {
      const wsBase = `${started.url.replace(/^http/, 'ws')}/socket.io/1/websocket/`;
      assert.equal(await upgradeStatus(`${wsBase}not-a-session`), 403);
      const headers = { 'ftrack-user': started.apiUser, 'ftrack-api-key': started.apiKey };
      const sid = (await handshake(started, { headers })).body.split(':')[0]!;
      assert.equal(await upgradeStatus(`${wsBase}${sid}?api_user=x&api_key=y`), 101);
      assert.equal(await upgradeStatus(`${wsBase}${sid}`), 403, 'a session id is single-use');
      assert.equal(started.hub.stats().upgradesRefused, 2);
    });

    it('expires unused session ids', async () => {
      await started.close();
      started = await startHubServer({ sessionTtlMs: 20 });
      const headers = { 'ftrack-user': started.apiUser, 'ftrack-api-key': started.apiKey };
      const sid = (await handshake(started, { headers })).body.split(':')[0]!;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await upgradeStatus(`${started.url.replace(/^http/, 'ws')}/socket.io/1/websocket/${sid}`), 403);
    });
  });

  describe('connection lifecycle', () => {
    it('sends 1:: first and accepts packets right after the upgrade', async () => {
      const a = await client();
      a.subscribe('topic=early', { id: 'early' }, 1);
      await a.waitFor((frame) => frame === '6:::1+[{"success":true}]', 'the ack');
      assert.equal(a.frames[0], '1::');
    });

    it('sends 2:: heartbeats and keeps clients answering 2::: or 2:: while closing silent ones', async () => {
      await started.close();
      started = await startHubServer({ heartbeatIntervalMs: 50, clientTimeoutMs: 5000 });
      const python = await client({ heartbeatReply: '2:::' });
      const js = await client({ heartbeatReply: '2::' });
      const silent = await connectRawClient(started, { heartbeatReply: null });
      clients.push(silent);
      const closed = await silent.closed;
      assert.equal(closed.code, 1008);
      assert.equal(closed.reason, 'FTRACK_ERR_HUB_CLIENT_SILENT');
      assert.ok(python.frames.includes('2::'));
      assert.equal(python.ws.readyState, WebSocket.OPEN);
      assert.equal(js.ws.readyState, WebSocket.OPEN);
      await flush(python, python, js);
      assert.equal(started.hub.connectionCount(), 2);
    });

    it('closes the socket when the client sends 0:: (disconnect)', async () => {
      const a = await client();
      a.send('0::');
      assert.deepEqual(await a.closed, { code: 1000, reason: 'client disconnected' });
      await until(() => started.hub.connectionCount() === 0, 'no connections');
    });

    it('forgets every subscription of a closed socket', async () => {
      const a = await client();
      a.subscribe('topic=x', { id: 'x1' });
      a.subscribe('topic=y', { id: 'y1' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      assert.equal(started.hub.stats().subscriptions, 3);
      a.close();
      await until(() => started.hub.stats().subscriptions === 0 && started.hub.connectionCount() === 0, 'subscriptions are gone');
    });

    it('dropAllConnections() terminates every client', async () => {
      const a = await client();
      const b = await client();
      started.hub.dropAllConnections();
      assert.equal((await a.closed).code, 1006);
      assert.equal((await b.closed).code, 1006);
      await until(() => started.hub.connectionCount() === 0, 'no connections');
    });

    it('can be restarted on the same port (test helper)', async () => {
      const { port, users } = started;
      await started.close();
      started = await startHubServer({ port, users });
      assert.equal(started.port, port);
      const a = await client();
      await flush(a, a);
    });

    it('close() closes clients with 1001 and refuses later handshakes', async () => {
      const a = await client();
      await started.hub.close();
      assert.deepEqual(await a.closed, { code: 1001, reason: 'server closing' });
      const headers = { 'ftrack-user': started.apiUser, 'ftrack-api-key': started.apiKey };
      assert.equal((await handshake(started, { headers })).status, 503);
    });
  });

  describe('routing', () => {
    it('delivers once per connection, to the publisher too, despite duplicate subscribes', async () => {
      const a = await client();
      const b = await client({ auth: 'query', user: started.users[1] });
      a.subscribe('topic=shot.done', { id: 'a1' }, 1);
      a.subscribe('topic=shot.done', { id: 'a1' }, 2);
      a.subscribe('topic=shot.*', { id: 'a2' }, 3);
      b.subscribe('topic=shot.done', { id: 'b1' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::3+'));
      await b.waitFor((frame) => frame.startsWith('6:::1+'));
      a.publish({ topic: 'shot.done', data: { n: 1 } }, 4);
      await a.waitFor((frame) => frame === '6:::4+[{"success":true}]');
      await flush(a, a, b);
      assert.equal(a.events().filter((e) => e.topic === 'shot.done').length, 1);
      assert.equal(b.events().filter((e) => e.topic === 'shot.done').length, 1);
    });

    it('replaces a re-subscribed subscriber id', async () => {
      const a = await client();
      a.subscribe('topic=first', { id: 's' });
      a.subscribe('topic=second', { id: 's' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      a.publish({ topic: 'first' });
      a.publish({ topic: 'second' });
      await a.waitFor((frame) => frame.includes('"topic":"second"'));
      assert.deepEqual(a.events().map((e) => e.topic).filter((t) => t !== 'test.sentinel'), ['second']);
    });

    it('sends exactly the seven keys, stamps sent and fills missing fields', async () => {
      const a = await client();
      a.subscribe('topic=shape', { id: 's' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      a.send('5:::' + JSON.stringify({ name: 'ftrack.event', args: [{ topic: 'shape', custom: 1, sent: 'fake' }] }));
      const frame = await a.waitFor((f) => f.includes('"topic":"shape"'));
      assert.ok(frame.startsWith('5:::{"name":"ftrack.event","args":[{'));
      const event = a.events().find((e) => e.topic === 'shape')!;
      assert.deepEqual(Object.keys(event).sort(), EVENT_KEYS);
      assert.match(event.sent as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      assert.equal(typeof event.id, 'string');
      assert.equal(event.target, '');
      assert.equal(event.inReplyToEvent, null);
      assert.deepEqual(event.data, {});
    });

    it('stamps source.user with the authenticated user and keeps the other source fields', async () => {
      const a = await client();
      const other = started.users[1]!;
      const b = await client({ user: other });
      a.subscribe('topic=who', { id: 's' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      b.publish({ topic: 'who', source: { id: 'hub-b', applicationId: 'app', host: 'h', user: { username: 'demo', id: started.users[0]!.id } } });
      await a.waitFor((frame) => frame.includes('"topic":"who"'));
      const event = a.events().find((e) => e.topic === 'who')!;
      assert.deepEqual(event.source, { id: 'hub-b', applicationId: 'app', host: 'h', user: { username: 'other', id: other.id } });
    });

    it('matches targets against subscriber metadata, with the user taken from authentication', async () => {
      const demo = started.users[0]!;
      const a = await client();
      const b = await client({ user: started.users[1] });
      // a claims to be "other" in its metadata; targets still see it as demo.
      a.subscribe('topic=ftrack.meta.reply', { id: 'reply-a', applicationId: 'web', user: { username: 'other' } }, 1);
      b.subscribe('topic=ftrack.meta.reply', { id: 'reply-b', applicationId: 'web' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      await b.waitFor((frame) => frame.startsWith('6:::1+'));
      a.publish({ topic: 'ftrack.meta.reply', target: 'id=reply-b', data: { to: 'b-by-id' } });
      a.publish({ topic: 'ftrack.meta.reply', target: 'id="reply-a"', data: { to: 'a-by-quoted-id' } });
      a.publish({ topic: 'ftrack.meta.reply', target: 'applicationId=web and user.username=other', data: { to: 'b-by-user' } });
      a.publish({ topic: 'ftrack.meta.reply', target: `user.id="${demo.id}"`, data: { to: 'a-by-user-id' } });
      a.publish({ topic: 'ftrack.meta.reply', target: 'applicationId=web', data: { to: 'both' } });
      await flush(a, a, b);
      const received = (c: RawHubClient) => c.events().filter((e) => e.topic === 'ftrack.meta.reply').map((e) => (e.data as { to: string }).to);
      assert.deepEqual(received(a), ['a-by-quoted-id', 'a-by-user-id', 'both']);
      assert.deepEqual(received(b), ['b-by-id', 'b-by-user', 'both']);
    });

    it('consumes meta subscribe/unsubscribe events instead of forwarding them', async () => {
      const a = await client();
      const b = await client();
      b.subscribe('topic=ftrack.*', { id: 'all-ftrack' }, 1);
      await b.waitFor((frame) => frame.startsWith('6:::1+'));
      a.subscribe('topic=ftrack.update', { id: 'upd' }, 1);
      a.publish({ topic: 'ftrack.meta.unsubscribe', data: { subscriber: { id: 'upd' } } }, 2);
      await a.waitFor((frame) => frame === '6:::2+[{"success":true}]');
      a.publish({ topic: 'ftrack.update', data: {} });
      await flush(a, b);
      assert.deepEqual(b.events().map((e) => e.topic).filter((t) => t !== 'test.sentinel'), ['ftrack.update']);
    });

    it('uses the Python wildcard (substring) on the server', async () => {
      const a = await client();
      a.subscribe('topic=rack.*', { id: 'substring' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      a.publish({ topic: 'ftrack.update' });
      await a.waitFor((frame) => frame.includes('"topic":"ftrack.update"'));
    });

    it('keeps per-connection order', async () => {
      const a = await client();
      const b = await client();
      b.subscribe('topic=seq', { id: 'seq' }, 1);
      await b.waitFor((frame) => frame.startsWith('6:::1+'));
      for (let n = 0; n < 300; n++) a.publish({ topic: 'seq', data: { n } });
      await flush(a, b);
      const sequence = b.events().filter((e) => e.topic === 'seq').map((e) => (e.data as { n: number }).n);
      assert.deepEqual(sequence, Array.from({ length: 300 }, (_, n) => n));
    });

    it('sends acks in order, each after the delivery of its event, refusals included', async () => {
      const a = await client();
      a.subscribe('topic=ack.order', { id: 'o' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      a.publish({ topic: 'ack.order', data: { n: 0 } }, 2);
      a.publish({ topic: 'ack.order', data: { n: 1 } }, 3);
      a.send('5:4+::' + JSON.stringify({ name: 'ftrack.event', args: [{ data: { n: 'no topic' } }] }));
      a.publish({ topic: 'ack.order', data: { n: 2 } }, 5);
      await a.waitFor((frame) => frame.startsWith('6:::5+'));
      const acks = a.frames.filter((frame) => frame.startsWith('6:::'));
      assert.deepEqual(
        acks.map((frame) => Number(/^6:::(\d+)\+/.exec(frame)![1])),
        [1, 2, 3, 4, 5],
      );
      assert.match(acks[3]!, /"success":false/);
      for (const [n, ackId] of [[0, 2], [1, 3], [2, 5]] as const) {
        const delivered = a.frames.findIndex((frame) => frame.includes('"topic":"ack.order"') && frame.includes(`"n":${n}`));
        const acked = a.frames.findIndex((frame) => frame.startsWith(`6:::${ackId}+`));
        assert.ok(delivered >= 0 && delivered < acked, `event ${n} delivered before its ack`);
      }
    });

    it('publish() sends server events with the server identity as default source', async () => {
      const a = await client();
      a.subscribe('topic=ftrack.update', { id: 'u' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      const id = started.hub.publish({ topic: 'ftrack.update', data: { entities: [] } });
      started.hub.publish({ topic: 'ftrack.update', data: { n: 2 }, source: { user: { username: 'demo' } } });
      await a.waitFor((frame) => frame.includes('"n":2'));
      const [first, second] = a.events().filter((e) => e.topic === 'ftrack.update');
      assert.equal(first!.id, id);
      assert.deepEqual(first!.source, { id: 'ftrack-host.standin', applicationId: 'ftrack.server' });
      assert.deepEqual(second!.source, { id: 'ftrack-host.standin', applicationId: 'ftrack.server', user: { username: 'demo' } });
      assert.deepEqual(Object.keys(first!).sort(), EVENT_KEYS);
    });

    it('publish() throws HubEventError for an event without topic or with a bad target', () => {
      assert.throws(() => started.hub.publish({ topic: '' }), (error: unknown) => error instanceof HubEventError && error.code === 'FTRACK_ERR_HUB_EVENT_INVALID');
      assert.throws(() => started.hub.publish({ topic: 'x', target: 'id=(' }), HubEventError);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      started.hub.publish({ topic: 'nobody.listens', data: cyclic }); // no subscriber: nothing to encode
    });

    it('counts what it did in stats()', async () => {
      const a = await client();
      a.subscribe('topic=count', { id: 'c' }, 1);
      await a.waitFor((frame) => frame.startsWith('6:::1+'));
      a.publish({ topic: 'count' });
      await a.waitFor((frame) => frame.includes('"topic":"count"'));
      const stats = started.hub.stats();
      assert.equal(stats.connections, 1);
      assert.equal(stats.subscriptions, 2);
      assert.equal(stats.handshakes, 1);
      assert.ok(stats.eventsReceived >= 3);
      assert.ok(stats.deliveries >= 1);
    });
  });
});
