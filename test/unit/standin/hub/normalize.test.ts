import assert from 'node:assert/strict';
import { InvalidEventInput, normalizeClientEvent, normalizeServerEvent, sentTimestamp } from '../../../../src/standin/hub/normalize.js';
import type { StandinUser } from '../../../../src/standin/context.js';

const user: StandinUser = { id: 'u1', username: 'demo', apiKey: 'k', roles: [] };
const now = new Date('2026-11-24T03:10:00.123Z');

describe('hub event normalisation', () => {
  it('stamps sent as a naive UTC ISO string with microseconds', () => {
    assert.equal(sentTimestamp(now), '2026-11-24T03:10:00.123000');
  });

  it('keeps exactly the seven keys and fills missing ones', () => {
    const event = normalizeClientEvent({ topic: 't', extra: 1, sent: null }, user, 'conn-1', now);
    assert.deepEqual(Object.keys(event).sort(), ['data', 'id', 'inReplyToEvent', 'sent', 'source', 'target', 'topic']);
    assert.deepEqual(event.data, {});
    assert.equal(event.target, '');
    assert.equal(event.inReplyToEvent, null);
    assert.equal(event.sent, '2026-11-24T03:10:00.123000');
    assert.deepEqual(event.source, { id: 'conn-1', user: { username: 'demo', id: 'u1' } });
    assert.match(event.id, /^[0-9a-f-]{36}$/);
  });

  it('keeps given fields but replaces source.user with the authenticated user', () => {
    const event = normalizeClientEvent(
      { id: 'e1', topic: 't', data: [1], target: 'id=x', inReplyToEvent: 'e0', source: { id: 'hub', applicationId: 'app', user: { username: 'boss', id: 'u9', extra: 1 } } },
      user,
      'conn-1',
      now,
    );
    assert.equal(event.id, 'e1');
    assert.deepEqual(event.data, [1]);
    assert.equal(event.target, 'id=x');
    assert.equal(event.inReplyToEvent, 'e0');
    assert.deepEqual(event.source, { id: 'hub', applicationId: 'app', user: { username: 'demo', id: 'u1' } });
  });

  it('rejects events without topic, non-objects and non-string targets', () => {
    for (const raw of [{}, { topic: '' }, { topic: 3 }, 'x', null, [], { topic: 't', target: 1 }]) {
      assert.throws(() => normalizeClientEvent(raw, user, 'c'), InvalidEventInput, JSON.stringify(raw));
    }
  });

  it('fills server events from the server source and keeps a given source', () => {
    const server = { id: 'srv', applicationId: 'ftrack.server' };
    assert.deepEqual(normalizeServerEvent({ topic: 't' }, server, now).source, server);
    assert.deepEqual(normalizeServerEvent({ topic: 't', source: { user: { username: 'x' } } }, server, now).source, {
      ...server,
      user: { username: 'x' },
    });
    assert.throws(() => normalizeServerEvent({ data: 1 }, server), InvalidEventInput);
  });
});
