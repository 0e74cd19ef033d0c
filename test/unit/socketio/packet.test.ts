import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PACKET_TYPES,
  PacketDecodeError,
  PacketEncodeError,
  decodeAckData,
  decodeEventData,
  decodePacket,
  encodeAck,
  encodeEvent,
  encodePacket,
  formatHandshake,
  parseHandshake,
  type Packet,
} from '../../../src/socketio/index.js';

function assertMalformed(fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => error instanceof PacketDecodeError && error.code === 'FTRACK_ERR_PACKET_MALFORMED');
}

describe('socketio/packet', () => {
  describe('decodePacket', () => {
    const table: Array<[string, Packet]> = [
      ['0::', { type: 'disconnect', endpoint: '' }],
      ['1::', { type: 'connect', endpoint: '' }],
      ['2::', { type: 'heartbeat', endpoint: '' }],
      ['2:::', { type: 'heartbeat', endpoint: '', data: '' }],
      ['3:::hello', { type: 'message', endpoint: '', data: 'hello' }],
      ['4:::{"a":1}', { type: 'json', endpoint: '', data: '{"a":1}' }],
      ['5:::{"name":"ftrack.event","args":[]}', { type: 'event', endpoint: '', data: '{"name":"ftrack.event","args":[]}' }],
      ['5:7+::{"name":"x"}', { type: 'event', id: 7, ackData: true, endpoint: '', data: '{"name":"x"}' }],
      ['5:7::{}', { type: 'event', id: 7, endpoint: '', data: '{}' }],
      ['6:::4+[{"success":true}]', { type: 'ack', endpoint: '', data: '4+[{"success":true}]' }],
      ['7:::reason+advice', { type: 'error', endpoint: '', data: 'reason+advice' }],
      ['7::', { type: 'error', endpoint: '', data: undefined as never }],
      ['8::', { type: 'noop', endpoint: '' }],
      ['1::/chat', { type: 'connect', endpoint: '/chat' }],
      ['3::/chat:a:b:c', { type: 'message', endpoint: '/chat', data: 'a:b:c' }],
    ];
    for (const [frame, expected] of table) {
      it(`socketio - decodes ${JSON.stringify(frame)}`, () => {
        const actual = decodePacket(frame);
        const want = { ...expected };
        if (want.data === undefined) delete want.data;
        assert.deepEqual(actual, want);
      });
    }

    const bad = ['', '9::', 'x::', '5', '5:', '5:abc::{}', '5:+::{}', '5:1a::', ':::', '10::', '2', '-1::', '5:12345678901234567::'];
    for (const frame of bad) {
      it(`socketio - rejects ${JSON.stringify(frame)} with PacketDecodeError`, () => {
        assertMalformed(() => decodePacket(frame));
      });
    }

    it('socketio - rejects a non-string frame', () => {
      assertMalformed(() => decodePacket(Buffer.from('2::') as unknown as string));
    });
  });

  describe('encodePacket', () => {
    it('socketio - writes the exact frames the ftrack clients expect', () => {
      assert.equal(encodePacket({ type: 'heartbeat', endpoint: '' }), '2::');
      assert.equal(encodePacket({ type: 'connect', endpoint: '' }), '1::');
      assert.equal(encodeEvent('ftrack.event', [{ topic: 'a' }]), '5:::{"name":"ftrack.event","args":[{"topic":"a"}]}');
      assert.equal(encodeEvent('ftrack.event', [], { id: 3, ackData: true }), '5:3+::{"name":"ftrack.event","args":[]}');
      assert.equal(encodeAck(4, [{ success: true }]), '6:::4+[{"success":true}]');
    });

    it('socketio - escapes U+2028/U+2029 in ack data, which old parsers read with a line-bound regex', () => {
      const message = 'bad \u2028 line \u2029 end';
      const frame = encodeAck(9, [{ success: false, message }]);
      assert.equal(frame, '6:::9+[{"success":false,"message":"bad \\u2028 line \\u2029 end"}]');
      assert.doesNotMatch(frame, /[\u2028\u2029]/);
      assert.deepEqual(decodeAckData(decodePacket(frame).data!), { id: 9, args: [{ success: false, message }] });
    });

    it('socketio - refuses packets it cannot write', () => {
      const isEncodeError = (error: unknown): boolean => error instanceof PacketEncodeError && error.code === 'FTRACK_ERR_PACKET_INVALID';
      assert.throws(() => encodePacket({ type: 'event', endpoint: 'a:b' }), isEncodeError);
      assert.throws(() => encodePacket({ type: 'event', endpoint: '', id: -1 }), isEncodeError);
      assert.throws(() => encodePacket({ type: 'event', endpoint: '', id: 1.5 }), isEncodeError);
      assert.throws(() => encodePacket({ type: 'event', endpoint: '', ackData: true }), isEncodeError);
      assert.throws(() => encodePacket({ type: 'bogus' as never, endpoint: '' }), isEncodeError);
      assert.throws(() => encodeAck(-3, []), isEncodeError);
    });
  });

  describe('event and ack data', () => {
    it('socketio - reads event data', () => {
      assert.deepEqual(decodeEventData('{"name":"ftrack.event","args":[{"topic":"a"}]}'), { name: 'ftrack.event', args: [{ topic: 'a' }] });
      assert.deepEqual(decodeEventData('{"name":"x"}'), { name: 'x', args: [] });
    });

    for (const data of ['', 'nope', '[]', 'null', '"x"', '{"args":[]}', '{"name":1}', '{"name":"x","args":{}}', '{"name":"x"']) {
      it(`socketio - rejects event data ${JSON.stringify(data)}`, () => assertMalformed(() => decodeEventData(data)));
    }

    it('socketio - reads ack data with and without args', () => {
      assert.deepEqual(decodeAckData('4+[{"success":true}]'), { id: 4, args: [{ success: true }] });
      assert.deepEqual(decodeAckData('12'), { id: 12, args: [] });
      assert.deepEqual(decodeAckData('1+[]'), { id: 1, args: [] });
    });

    for (const data of ['', '+[]', 'a+[]', '4+{"a":1}', '4+', '4+[', '4x']) {
      it(`socketio - rejects ack data ${JSON.stringify(data)}`, () => assertMalformed(() => decodeAckData(data)));
    }
  });

  describe('handshake', () => {
    it('socketio - formats and parses the handshake answer', () => {
      const h = { sessionId: '7f3a9c21e0b84d5f', heartbeatTimeoutS: 60, closeTimeoutS: 60, transports: ['websocket'] };
      assert.equal(formatHandshake(h), '7f3a9c21e0b84d5f:60:60:websocket');
      assert.deepEqual(parseHandshake('7f3a9c21e0b84d5f:60:60:websocket'), h);
      assert.deepEqual(parseHandshake('abc:::websocket,xhr-polling\n'), {
        sessionId: 'abc',
        heartbeatTimeoutS: 0,
        closeTimeoutS: 0,
        transports: ['websocket', 'xhr-polling'],
      });
    });

    for (const body of ['', 'abc', 'abc:1:2', ':1:2:websocket', 'a:b:2:websocket', 'a:1:2:websocket:x']) {
      it(`socketio - rejects handshake ${JSON.stringify(body)}`, () => assertMalformed(() => parseHandshake(body)));
    }

    it('socketio - refuses to format a session id with ":"', () => {
      assert.throws(() => formatHandshake({ sessionId: 'a:b', heartbeatTimeoutS: 1, closeTimeoutS: 1, transports: [] }), PacketEncodeError);
    });
  });

  describe('properties', () => {
    const packetArb: fc.Arbitrary<Packet> = fc
      .record({
        type: fc.constantFrom(...PACKET_TYPES),
        id: fc.option(fc.nat({ max: 2 ** 40 }), { nil: undefined }),
        ackData: fc.boolean(),
        endpoint: fc.string().filter((s) => !s.includes(':')),
        data: fc.option(fc.string(), { nil: undefined }),
      })
      .map(({ type, id, ackData, endpoint, data }) => {
        const packet: Packet = { type, endpoint };
        if (id !== undefined) {
          packet.id = id;
          if (ackData) packet.ackData = true;
        }
        if (data !== undefined) packet.data = data;
        return packet;
      });

    it('socketio - decode(encode(p)) round-trips every packet', () => {
      fc.assert(fc.property(packetArb, (packet) => assert.deepEqual(decodePacket(encodePacket(packet)), packet)), { numRuns: 1000 });
    });

    it('socketio - every decodable frame re-encodes to an equal packet', () => {
      const frames = fc.oneof(fc.string(), fc.tuple(fc.constantFrom('5:', '6:', '2:'), fc.string()).map(([a, b]) => a + b));
      fc.assert(
        fc.property(frames, (frame) => {
          let packet: Packet;
          try {
            packet = decodePacket(frame);
          } catch (error) {
            assert.ok(error instanceof PacketDecodeError);
            return;
          }
          assert.deepEqual(decodePacket(encodePacket(packet)), packet);
        }),
        { numRuns: 1000 },
      );
    });

    it('socketio - event and ack payloads round-trip', () => {
      fc.assert(
        fc.property(fc.string(), fc.array(fc.jsonValue()), fc.nat({ max: 1e9 }), (name, args, id) => {
          const norm = JSON.parse(JSON.stringify(args)) as unknown[];
          const event = decodePacket(encodeEvent(name, args, { id, ackData: true }));
          assert.deepEqual(decodeEventData(event.data!), { name, args: norm });
          const ack = decodePacket(encodeAck(id, args));
          assert.deepEqual(decodeAckData(ack.data!), { id, args: norm });
        }),
        { numRuns: 500 },
      );
    });

    it('socketio - garbage never throws anything but PacketDecodeError', () => {
      const garbage = fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.array(fc.constantFrom('0', '5', '6', ':', '+', '1', '{', '}', '[', ']', '"', 'a')).map((a) => a.join('')),
      );
      fc.assert(
        fc.property(garbage, (text) => {
          for (const fn of [decodePacket, decodeEventData, decodeAckData, parseHandshake]) {
            try {
              fn(text);
            } catch (error) {
              assert.ok(error instanceof PacketDecodeError, `${fn.name} threw ${String(error)}`);
            }
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
