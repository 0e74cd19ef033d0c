import assert from 'node:assert/strict';
import { changesToUpdateEvent, eventEntityType } from '../../../../src/standin/api/update-events.js';
import { parseApiOptions } from '../../../../src/standin/api/router.js';
import type { StandinUser } from '../../../../src/standin/context.js';

const user: StandinUser = { id: 'u1', username: 'demo', apiKey: 'secret-key', roles: ['Administrator'], firstName: 'Demo', lastName: 'User' };

describe('standin api - ftrack.update events', () => {
  it('names entity types like the real server tables', () => {
    assert.equal(eventEntityType('Job'), 'job');
    assert.equal(eventEntityType('AssetVersion'), 'assetversion');
    assert.equal(eventEntityType('Task'), 'task');
    assert.equal(eventEntityType('Shot'), 'task');
    assert.equal(eventEntityType('Project'), 'show');
    assert.equal(eventEntityType('FileComponent'), 'component');
    assert.equal(eventEntityType('ContextCustomAttributeValue'), 'variable_value');
  });

  it('builds one event per batch with entities, keys, changes, tokens and user, never the key', () => {
    const event = changesToUpdateEvent(
      [
        { action: 'update', entityType: 'Job', entityId: 'j1', changes: { status: { old: 'queued', new: 'running' } }, user },
        { action: 'add', entityType: 'Task', entityId: 't1', changes: { name: { old: null, new: 'comp' }, parent_id: { old: null, new: 's1' } } },
      ],
      { user, clientToken: 'client-1', pushToken: undefined },
    );
    assert.equal(event.topic, 'ftrack.update');
    const data = event.data as { entities: Record<string, unknown>[]; clientToken: unknown; pushToken: unknown; user: unknown; parents: unknown };
    assert.equal(data.clientToken, 'client-1');
    assert.equal(data.pushToken, null);
    assert.deepEqual(data.user, { userid: 'u1', name: 'Demo User' });
    assert.deepEqual(data.parents, ['j1', 't1']);
    assert.deepEqual(data.entities[0], {
      action: 'update',
      entityId: 'j1',
      entityType: 'job',
      entity_type: 'Job',
      parentId: null,
      keys: ['status'],
      changes: { status: { old: 'queued', new: 'running' } },
      parents: [{ entityId: 'j1', entityType: 'job', entity_type: 'Job', parentId: null }],
    });
    assert.equal(data.entities[1]!.parentId, 's1');
    assert.deepEqual(event.source, { applicationId: 'ftrack.client.web', id: 'client-1', user: { username: 'demo', id: 'u1' } });
    assert.ok(!JSON.stringify(event).includes('secret-key'));
  });

  it('adds database column names and details given by the store', () => {
    const event = changesToUpdateEvent(
      [{ action: 'update', entityType: 'Task', entityId: 't1', changes: { status_id: { old: 'a', new: 'b' }, name: { old: 'x', new: 'y' } } }],
      undefined,
      () => ({ aliases: { status_id: 'statusid' }, parentId: 's1', objectTypeId: '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c' }),
    );
    const [entity] = (event.data as { entities: Record<string, unknown>[] }).entities;
    assert.deepEqual(entity!.keys, ['status_id', 'statusid', 'name']);
    assert.deepEqual((entity!.changes as Record<string, unknown>).statusid, { old: 'a', new: 'b' });
    assert.equal(entity!.parentId, 's1');
    assert.equal(entity!.objectTypeId, '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c');
  });

  it('uses the change user when no request is in progress (encoder changes)', () => {
    const event = changesToUpdateEvent([{ action: 'update', entityType: 'Job', entityId: 'j1', changes: {} }], undefined);
    assert.deepEqual((event.data as { user: unknown }).user, { userid: null, name: null });
    assert.equal(typeof event.source?.id, 'string');
  });
});

describe('standin api - ftrack-api-options', () => {
  it('parses k:v and k=v lists', () => {
    assert.deepEqual(parseApiOptions('strict:1;denormalize:1'), { strict: true, denormalize: true });
    assert.deepEqual(parseApiOptions('denormalize=1; strict=0'), { denormalize: true, strict: false });
    assert.deepEqual(parseApiOptions(undefined), {});
    assert.deepEqual(parseApiOptions('garbage'), {});
  });
});
