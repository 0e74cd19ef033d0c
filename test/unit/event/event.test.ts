import assert from 'node:assert/strict';
import { Event, InvalidEventError } from '../../../src/event/index.js';

describe('event/event', () => {
  it('event - fills defaults and serialises exactly seven keys', () => {
    const event = new Event('my.topic', { a: 1 });
    assert.match(event.id, /^[0-9a-f-]{36}$/);
    const json = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    assert.deepEqual(json, { id: event.id, topic: 'my.topic', data: { a: 1 }, source: {}, target: '', sent: null, inReplyToEvent: null });
  });

  it('event - default data is an empty object; ids are unique', () => {
    const a = new Event('t');
    const b = new Event('t');
    assert.deepEqual(a.data, {});
    assert.notEqual(a.id, b.id);
  });

  it('event - stop() sets isStopped and is not serialised', () => {
    const event = new Event('t');
    assert.equal(event.isStopped, false);
    event.stop();
    assert.equal(event.isStopped, true);
    assert.equal(Object.keys(event.toJSON()).includes('isStopped'), false);
  });

  it('event - fromPayload reads wire events and drops unknown keys', () => {
    const event = Event.fromPayload({
      id: 'x1',
      topic: 'ftrack.meta.reply',
      data: ['a'],
      source: { id: 's' },
      target: 'id=abc',
      sent: '2026-01-01T00:00:00Z',
      inReplyToEvent: 'x0',
      customOption: 1,
    });
    assert.deepEqual(event.toJSON(), {
      id: 'x1',
      topic: 'ftrack.meta.reply',
      data: ['a'],
      source: { id: 's' },
      target: 'id=abc',
      sent: '2026-01-01T00:00:00Z',
      inReplyToEvent: 'x0',
    });
  });

  it('event - fromPayload repairs wrongly typed optional fields', () => {
    const event = Event.fromPayload({ topic: 't', source: 'x', target: null, sent: 5, inReplyToEvent: 3, id: '' });
    assert.equal(event.target, '');
    assert.deepEqual(event.source, {});
    assert.equal(event.sent, null);
    assert.equal(event.inReplyToEvent, null);
    assert.ok(event.id.length > 0);
    assert.deepEqual(event.data, {});
  });

  for (const bad of [null, undefined, 'x', 1, [], {}, { topic: '' }, { topic: 5 }]) {
    it(`event - fromPayload(${JSON.stringify(bad)}) throws InvalidEventError`, () => {
      assert.throws(
        () => Event.fromPayload(bad),
        (error: unknown) => error instanceof InvalidEventError && error.code === 'FTRACK_ERR_EVENT_INVALID',
      );
    });
  }

  it('event - the constructor refuses an empty topic', () => {
    assert.throws(() => new Event(''), InvalidEventError);
  });
});
