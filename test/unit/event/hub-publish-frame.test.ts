import assert from 'node:assert/strict';
import fc from 'fast-check';
import { captureLogger } from '../../../src/logger.js';
import { ManualTimer } from '../../../src/internal/timer.js';
import { Event, EventHub, type EventInput } from '../../../src/event/index.js';
import { encodeEvent } from '../../../src/socketio/packet.js';
import { ACK_SYNC_TOPIC } from '../../../src/event/hub-traffic.js';
import { fakeNetwork, type FakeNetwork } from './fake-socket.js';

/**
 * A plain publish is encoded straight from its fields (no Event); the frame
 * must be byte for byte what the general path writes for the same event:
 * `encodeEvent` of an Event whose source has the hub defaults filled in.
 */

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The frame body the general path writes for `input` (given its id). */
function reference(hub: EventHub, input: EventInput, id: string): string {
  const source = { id: hub.id, applicationId: 'ftrack.client.test', user: { username: 'bot' }, ...input.source };
  const event = new Event(input.topic, input.data === undefined ? {} : input.data, { ...input, id, source });
  return encodeEvent('ftrack.event', [event]).slice(4);
}

/** The body of the last event frame sent (without `5:[id+]::`), ack-sync events aside. */
function lastBody(net: FakeNetwork): string {
  const frame = net.last().sent.filter((f) => f.startsWith('5:') && !f.includes(`"topic":"${ACK_SYNC_TOPIC}"`)).at(-1)!;
  return frame.replace(/^5:[^:]*:[^:]*:/, ''); // type:id:endpoint:data
}

describe('event/hub publish frames (fake socket)', () => {
  let net: FakeNetwork;
  let hub: EventHub;

  beforeEach(async () => {
    net = fakeNetwork();
    hub = new EventHub('https://example.test', 'bot', 'secret', {
      WebSocket: net.WebSocket,
      fetch: net.fetch,
      timer: new ManualTimer(),
      logger: captureLogger(),
      applicationId: 'ftrack.client.test',
    });
    await hub.connect();
  });

  afterEach(async () => {
    await hub.disconnect();
  });

  async function publishedBody(input: EventInput): Promise<{ body: string; id: string }> {
    const promise = hub.publish(input);
    promise.catch(() => {});
    await tick();
    const body = lastBody(net);
    const id = (JSON.parse(body) as { args: Array<{ id: string }> }).args[0]!.id;
    return { body, id };
  }

  const cases: Array<[string, EventInput]> = [
    ['topic only', { topic: 'a.b' }],
    ['data, no id', { topic: 'a.b', data: { seq: 1, t: 2n.toString(), nested: { at: new Date(0) } } }],
    ['every field', { topic: 'a.b', data: [1, 'x'], id: 'my-id', target: 'id=x', inReplyToEvent: 'other' }],
    ['empty strings', { topic: 'a.b', id: '', target: '', inReplyToEvent: '' }],
    ['escapes', { topic: 'ä "quoted" \\ \n', data: '\u2028', id: 'i"d', target: 'x="y"' }],
    ['own source', { topic: 'a.b', source: { id: 'me', extra: true } }],
    ['null data', { topic: 'a.b', data: null }],
    ['data with toJSON', { topic: 'a.b', data: { toJSON: (key: string) => `key:${key}` } }],
    ['function data', { topic: 'a.b', data: () => 1 }],
    ['number id', { topic: 'a.b', id: 7 as unknown as string }],
    ['sent', { topic: 'a.b', sent: 'yesterday' } as EventInput],
  ];
  for (const [name, input] of cases) {
    it(`hub publish frame - ${name}: same bytes as the Event path`, async () => {
      const { body, id } = await publishedBody(input);
      assert.equal(body, reference(hub, input, id));
      if (input.id === undefined) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  }

  it('hub publish frame - any JSON data, topic and ids: same bytes as the Event path', async () => {
    const optionalString = fc.option(fc.string(), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          topic: fc.string({ minLength: 1 }),
          data: fc.option(fc.jsonValue(), { nil: undefined }),
          id: optionalString,
          target: optionalString,
          inReplyToEvent: fc.option(fc.string()),
        }),
        async (input) => {
          const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as unknown as EventInput;
          const { body, id } = await publishedBody(clean);
          assert.equal(body, reference(hub, clean, id));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hub publish frame - a missing topic rejects with InvalidEventError; data JSON cannot write throws as before', async () => {
    await assert.rejects(hub.publish({ topic: '' }), { code: 'FTRACK_ERR_EVENT_INVALID' });
    await assert.rejects(hub.publish({ topic: 5 as unknown as string }), { code: 'FTRACK_ERR_EVENT_INVALID' });
    assert.throws(() => void hub.publish({ topic: 'a.b', data: { n: 1n } }), TypeError);
    // Nothing was queued and the hub still publishes.
    const { body } = await publishedBody({ topic: 'after', data: 1 });
    assert.match(body, /"topic":"after"/);
  });
});
