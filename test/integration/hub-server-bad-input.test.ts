import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { connectRawClient, makeTestUsers, startHubServer, type RawHubClient, type StartedHubServer } from '../helpers/hub-server.js';

/**
 * Every bad input of issue 2 §5: the offending connection gets an error
 * packet, a failed ack or a close with a reason; the server stays up and a
 * witness pair of well-behaved connections loses nothing.
 */
describe('hub server: bad input', () => {
  let started: StartedHubServer;
  let publisher: RawHubClient;
  let witness: RawHubClient;
  let sent = 0;
  const clients: RawHubClient[] = [];

  async function start(options: Parameters<typeof startHubServer>[0] = {}): Promise<void> {
    started = await startHubServer(options);
    publisher = await connectRawClient(started);
    witness = await connectRawClient(started, { user: started.users[1], auth: 'query', heartbeatReply: '2::' });
    clients.push(publisher, witness);
    witness.subscribe('topic=witness', { id: 'witness' }, 1);
    await witness.waitFor((frame) => frame.startsWith('6:::1+'));
    sent = 0;
  }

  async function bad(): Promise<RawHubClient> {
    const client = await connectRawClient(started);
    clients.push(client);
    return client;
  }

  /** The well-behaved pair still works and has received every event sent so far, in order. */
  async function assertOthersUntouched(): Promise<void> {
    sent += 1;
    publisher.publish({ topic: 'witness', data: { n: sent } });
    await witness.waitFor((frame) => frame.includes(`"n":${sent}}`), `witness event ${sent}`);
    const received = witness.events().map((event) => (event.data as { n: number }).n);
    assert.deepEqual(received, Array.from({ length: sent }, (_, i) => i + 1));
    assert.equal(publisher.ws.readyState, WebSocket.OPEN);
    assert.equal(witness.ws.readyState, WebSocket.OPEN);
  }

  const errorPacket = (code: string) => (frame: string) => frame.startsWith(`7:::${code}: `);
  const failedAck = (id: number, code: string) => (frame: string) => frame.startsWith(`6:::${id}+[{"success":false,"message":"${code}: `);

  afterEach(async () => {
    for (const client of clients.splice(0)) client.ws.terminate();
    await started.close();
  });

  describe('with default limits', () => {
    beforeEach(() => start());

    it('answers a malformed frame with 7:::FTRACK_ERR_HUB_FRAME_MALFORMED and keeps the connection', async () => {
      const client = await bad();
      client.send('garbage');
      client.send('5');
      client.send('');
      await client.waitFor(errorPacket('FTRACK_ERR_HUB_FRAME_MALFORMED'));
      client.subscribe('topic=still.here', { id: 'ok' }, 9);
      await client.waitFor((frame) => frame === '6:::9+[{"success":true}]', 'a later ack');
      assert.equal(client.frames.filter(errorPacket('FTRACK_ERR_HUB_FRAME_MALFORMED')).length, 3);
      await assertOthersUntouched();
    });

    it('refuses non-JSON event data: 7::: without ack id, success:false with one', async () => {
      const client = await bad();
      client.send('5:::{"name":"ftrack.event","args":[{"topic":');
      await client.waitFor(errorPacket('FTRACK_ERR_HUB_EVENT_INVALID'));
      client.send('5:3+::not json at all');
      await client.waitFor(failedAck(3, 'FTRACK_ERR_HUB_EVENT_INVALID'));
      await assertOthersUntouched();
    });

    it('refuses events without topic, with a non-object payload, no args or another event name', async () => {
      const client = await bad();
      client.publish({ data: { x: 1 } }, 1);
      client.send('5:2+::' + JSON.stringify({ name: 'ftrack.event', args: ['just a string'] }));
      client.send('5:3+::' + JSON.stringify({ name: 'ftrack.event', args: [] }));
      client.send('5:4+::' + JSON.stringify({ name: 'other.event', args: [{ topic: 'witness' }] }));
      client.publish({ topic: 'witness', target: 42 }, 5);
      for (const id of [1, 2, 3, 4, 5]) await client.waitFor(failedAck(id, 'FTRACK_ERR_HUB_EVENT_INVALID'), `failed ack ${id}`);
      const ack = JSON.parse(client.frames.find(failedAck(1, 'FTRACK_ERR_HUB_EVENT_INVALID'))!.slice('6:::1+'.length)) as Array<{ message: string }>;
      assert.match(ack[0]!.message, /no topic/);
      await assertOthersUntouched();
    });

    it('refuses an event nested too deeply to be sent on', async () => {
      const client = await bad();
      client.subscribe('topic=deep', { id: 'deep' }, 1);
      await client.waitFor((frame) => frame.startsWith('6:::1+'));
      const depth = 200_000;
      client.send(`5:2+::{"name":"ftrack.event","args":[{"topic":"deep","data":${'['.repeat(depth)}${']'.repeat(depth)}}]}`);
      await client.waitFor(failedAck(2, 'FTRACK_ERR_HUB_EVENT_INVALID'));
      await assertOthersUntouched();
    });

    it('refuses unknown and unsupported packet types with 7:::FTRACK_ERR_HUB_PACKET_UNSUPPORTED', async () => {
      const client = await bad();
      client.send('9::');
      client.send('12:::x');
      client.send('3:::hello');
      client.send('4:::{"a":1}');
      await client.waitFor((frame) => client.frames.filter(errorPacket('FTRACK_ERR_HUB_PACKET_UNSUPPORTED')).length === 4 && frame !== '');
      // Packets the protocol allows but ftrack does not need are ignored without error.
      client.send('8::');
      client.send('1::');
      client.send('6:::1+[]');
      client.send('7:::client trouble');
      await assertOthersUntouched();
      assert.equal(client.frames.filter((frame) => frame.startsWith('7:::')).length, 4);
      assert.equal(client.ws.readyState, WebSocket.OPEN);
    });

    it('refuses binary frames with 7:::FTRACK_ERR_HUB_FRAME_BINARY', async () => {
      const client = await bad();
      client.ws.send(Buffer.from('5:::{}'), { binary: true });
      await client.waitFor(errorPacket('FTRACK_ERR_HUB_FRAME_BINARY'));
      await assertOthersUntouched();
    });

    it('acks an invalid subscription expression with success:false and the parse message', async () => {
      const client = await bad();
      client.subscribe('topic=a and (', { id: 'broken' }, 1);
      const frame = await client.waitFor(failedAck(1, 'FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
      const [ack] = JSON.parse(frame.slice('6:::1+'.length)) as Array<{ success: boolean; message: string }>;
      assert.equal(ack!.success, false);
      assert.match(ack!.message, /column \d+/);
      client.subscribe('', { id: 'empty' }, 2);
      await client.waitFor(failedAck(2, 'FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
      client.publish({ topic: 'ftrack.meta.subscribe', data: { subscription: 'topic=x' } }, 3);
      await client.waitFor(failedAck(3, 'FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
      client.publish({ topic: 'ftrack.meta.unsubscribe', data: {} }, 4);
      await client.waitFor(failedAck(4, 'FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
      client.subscribe('topic=a and (', { id: 'broken' });
      await client.waitFor(errorPacket('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
      assert.equal(started.hub.stats().subscriptions, 1, 'only the witness subscription exists');
      await assertOthersUntouched();
    });

    it('refuses an event with an invalid target', async () => {
      const client = await bad();
      client.publish({ topic: 'witness', target: 'id=("', data: { n: -1 } }, 1);
      await client.waitFor(failedAck(1, 'FTRACK_ERR_HUB_TARGET_INVALID'));
      await assertOthersUntouched();
    });

    it('answers 401 when authenticate() throws, and stays up', async () => {
      await started.close();
      const users = makeTestUsers();
      await start({
        users,
        authenticate: (username, apiKey) => {
          if (username === 'boom') throw new Error('user database down');
          return users.find((user) => user.username === username && user.apiKey === apiKey);
        },
      });
      const response = await fetch(`${started.url}/socket.io/1/`, { headers: { 'ftrack-user': 'boom', 'ftrack-api-key': 'k' } });
      assert.equal(response.status, 401);
      assert.match(await response.text(), /authentication failed/);
      await assertOthersUntouched();
    });
  });

  describe('slow consumers', () => {
    beforeEach(() => start({ maxBufferedBytes: 64 * 1024 }));

    it('cuts off a client that stops reading, without losing events of the others', async () => {
      const client = await bad();
      client.subscribe('topic=big', { id: 'big' }, 1);
      await client.waitFor((frame) => frame.startsWith('6:::1+'));
      // Stop reading: the kernel buffers fill, then ws buffers on the server side.
      (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const blob = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 2000 && started.hub.stats().closedByServer === 0; i++) {
        started.hub.publish({ topic: 'big', data: { i, blob } });
        if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const deadline = Date.now() + 20_000;
      while (started.hub.stats().closedByServer === 0 || started.hub.connectionCount() !== 2) {
        assert.ok(Date.now() < deadline, `the slow client was not cut off: ${JSON.stringify(started.hub.stats())}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(started.hub.stats().closedByServer, 1);
      await assertOthersUntouched();
    });
  });

  describe('with small limits', () => {
    beforeEach(() => start({ maxFrameBytes: 4096, maxSubscriptionsPerConnection: 3, subscribeBurst: 20, subscribeRatePerSecond: 1 }));

    it('closes a connection sending a frame over maxFrameBytes with 1009', async () => {
      const client = await bad();
      client.publish({ topic: 'witness', data: { blob: 'x'.repeat(5000) } });
      const closed = await client.closed;
      assert.equal(closed.code, 1009);
      await assertOthersUntouched();
      assert.ok(started.hub.stats().socketErrors >= 1);
      assert.equal(started.hub.connectionCount(), 2);
    });

    it('refuses subscriptions beyond maxSubscriptionsPerConnection but allows re-subscribing', async () => {
      const client = await bad();
      for (const id of [1, 2, 3]) client.subscribe(`topic=t${id}`, { id: `s${id}` }, id);
      client.subscribe('topic=t4', { id: 's4' }, 4);
      await client.waitFor(failedAck(4, 'FTRACK_ERR_HUB_SUBSCRIPTION_LIMIT'));
      client.subscribe('topic=t1-again', { id: 's1' }, 5);
      await client.waitFor((frame) => frame === '6:::5+[{"success":true}]', 'ack of a replacing subscribe');
      client.subscribe('topic=t5', { id: 's5' });
      await client.waitFor(errorPacket('FTRACK_ERR_HUB_SUBSCRIPTION_LIMIT'));
      assert.equal(started.hub.stats().subscriptions, 4, 'three of the client and the witness');
      await assertOthersUntouched();
    });

    it('closes a connection flooding subscribe events with 1008 FTRACK_ERR_HUB_SUBSCRIPTION_FLOOD', async () => {
      const client = await bad();
      for (let i = 0; i < 200; i++) client.subscribe(`topic=flood`, { id: 'same' });
      const closed = await client.closed;
      assert.deepEqual(closed, { code: 1008, reason: 'FTRACK_ERR_HUB_SUBSCRIPTION_FLOOD' });
      assert.ok(client.frames.some(errorPacket('FTRACK_ERR_HUB_SUBSCRIPTION_FLOOD')));
      await assertOthersUntouched();
      assert.equal(started.hub.stats().subscriptions, 1);
    });
  });
});
