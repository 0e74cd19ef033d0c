import assert from 'node:assert/strict';
import { captureLogger } from '../../../src/logger.js';
import { Event, EventHub, SubscriberRegistry } from '../../../src/event/index.js';

describe('event/dispatch (local delivery through publishLocal)', () => {
  function makeHub(logger = captureLogger()): EventHub {
    // Never connected: publishLocal needs no network.
    return new EventHub('http://127.0.0.1:9', 'bot', 'key', { logger });
  }

  it('dispatch - lower priority runs first, ties in subscription order', () => {
    const hub = makeHub();
    const order: string[] = [];
    hub.subscribe('topic=t', () => void order.push('default-1'));
    hub.subscribe('topic=t', () => void order.push('late'), { priority: 200 });
    hub.subscribe('topic=*', () => void order.push('early-wild'), { priority: 10 });
    hub.subscribe('topic=t', () => void order.push('default-2'));
    hub.subscribe('topic=t', () => void order.push('first'), { priority: -5 });
    hub.publishLocal({ topic: 't' });
    assert.deepEqual(order, ['first', 'early-wild', 'default-1', 'default-2', 'late']);
  });

  it('dispatch - event.stop() stops later subscribers', () => {
    const hub = makeHub();
    const order: string[] = [];
    hub.subscribe('topic=t', () => void order.push('a'), { priority: 1 });
    hub.subscribe('topic=t', (event) => {
      order.push('b');
      event.stop();
    }, { priority: 2 });
    hub.subscribe('topic=t', () => void order.push('c'), { priority: 3 });
    const event = new Event('t');
    hub.publishLocal(event);
    assert.deepEqual(order, ['a', 'b']);
    assert.equal(event.isStopped, true);
  });

  it('dispatch - a throwing or rejecting callback is logged with event id and topic; the others still run', async () => {
    const logger = captureLogger();
    const hub = makeHub(logger);
    const order: string[] = [];
    hub.subscribe('topic=t', () => {
      throw new Error('sync boom');
    }, { subscriber: { id: 'thrower' } });
    hub.subscribe('topic=t', async () => {
      throw new Error('async boom');
    }, { subscriber: { id: 'rejecter' } });
    hub.subscribe('topic=t', () => {
      order.push('ok');
      return 'value';
    });
    const event = new Event('t', {}, { id: 'evt-1' });
    const results = hub.publishLocal(event);
    assert.deepEqual(order, ['ok']);
    assert.equal(results.length, 2);
    assert.equal(results[1], 'value');
    await new Promise((resolve) => setImmediate(resolve));
    const errors = logger.lines.filter((line) => line.level === 'error');
    assert.equal(errors.length, 2);
    for (const line of errors) {
      const obj = line.obj as { eventId: string; topic: string; subscriberId: string };
      assert.equal(obj.eventId, 'evt-1');
      assert.equal(obj.topic, 't');
    }
    assert.deepEqual(errors.map((line) => (line.obj as { subscriberId: string }).subscriberId).sort(), ['rejecter', 'thrower']);
  });

  it('dispatch - expressions and targets are evaluated locally', () => {
    const hub = makeHub();
    const hits: string[] = [];
    hub.subscribe('topic=t and data.kind=a', () => void hits.push('a'), { subscriber: { id: 'sa', team: 'x' } });
    hub.subscribe('topic=t and data.kind=b', () => void hits.push('b'), { subscriber: { id: 'sb', team: 'y' } });
    hub.subscribe('topic=t', () => void hits.push('any-y'), { subscriber: { id: 'sc', team: 'y' } });
    hub.publishLocal({ topic: 't', data: { kind: 'a' } });
    hub.publishLocal({ topic: 't', data: { kind: 'b' }, target: 'team=y' });
    hub.publishLocal({ topic: 't', data: { kind: 'a' }, target: 'team=y' });
    hub.publishLocal({ topic: 't', data: { kind: 'a' }, target: 'team=(' });
    assert.deepEqual(hits, ['a', 'any-y', 'b', 'any-y', 'any-y']);
  });

  it('dispatch - publishLocal sends nothing and returns raw results; subscribing in a callback is safe', () => {
    const hub = makeHub();
    hub.subscribe('topic=t', () => {
      hub.subscribe('topic=t', () => 'added-late');
      return 1;
    });
    assert.deepEqual(hub.publishLocal({ topic: 't' }), [1]);
    assert.deepEqual(hub.publishLocal({ topic: 't' }), [1, 'added-late']);
    assert.equal(hub.stats.published, 0);
  });
});

describe('event/subscriber registry (topic index)', () => {
  it('subscriber - candidates are the exact-topic subscribers plus unbounded ones, in priority order', () => {
    const registry = new SubscriberRegistry();
    registry.add('topic=a', () => {}, { id: 'a1' }, 100);
    registry.add('topic=b', () => {}, { id: 'b1' }, 100);
    registry.add('topic=a*', () => {}, { id: 'w' }, 50);
    registry.add('topic=a or topic=c', () => {}, { id: 'ac' }, 150);
    registry.add('topic=a and topic=b', () => {}, { id: 'never' }, 1);
    assert.deepEqual(registry.candidates('a').map((s) => s.id), ['w', 'a1', 'ac']);
    assert.deepEqual(registry.candidates('c').map((s) => s.id), ['w', 'ac']);
    assert.deepEqual(registry.candidates('zzz').map((s) => s.id), ['w']);
    registry.remove('w');
    registry.remove('ac');
    assert.deepEqual(registry.candidates('a').map((s) => s.id), ['a1']);
    assert.deepEqual(registry.candidates('c').map((s) => s.id), []);
    assert.equal(registry.size, 3);
  });

  it('subscriber - 10,000 subscribers on other topics are not candidates', () => {
    const registry = new SubscriberRegistry();
    for (let i = 0; i < 10_000; i++) registry.add(`topic=other.${i}`, () => {}, { id: `s${i}` }, 100);
    registry.add('topic=hot', () => {}, { id: 'hot' }, 100);
    assert.deepEqual(registry.candidates('hot').map((s) => s.id), ['hot']);
  });
});
