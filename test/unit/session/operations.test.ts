import assert from 'node:assert/strict';
import { buildCommitBatch, buildEntityClass, jobFailureMessage, parseJobData, type RecordedOperation } from '../../../src/session/index.js';

const Task = buildEntityClass({ id: 'Task', properties: { id: {}, name: {}, status_id: {} }, primary_key: ['id'] });
const host = { onAttributeSet: () => undefined, fetchAttribute: async () => undefined };
const task = (id: string) => {
  const entity = new Task(host);
  entity.set('id', id);
  return entity;
};

describe('session operations - commit batch', () => {
  it('session operations - consecutive updates of a persisted entity become one update; the last value wins', () => {
    const a = task('a');
    const b = task('b');
    const key = (id: string) => ({ id });
    const ops: RecordedOperation[] = [
      { type: 'update', entityType: 'Task', entityKey: key('a'), attribute: 'name', oldValue: 'x', newValue: 'y', entity: a },
      { type: 'update', entityType: 'Task', entityKey: key('a'), attribute: 'status_id', oldValue: null, newValue: 's1', entity: a },
      { type: 'update', entityType: 'Task', entityKey: key('a'), attribute: 'name', oldValue: 'y', newValue: 'z', entity: a },
      { type: 'delete', entityType: 'Task', entityKey: key('b'), entity: b },
    ];
    const batch = buildCommitBatch(ops);
    assert.deepEqual(batch.operations, [
      { action: 'update', entity_type: 'Task', entity_key: ['a'], entity_data: { __entity_type__: 'Task', status_id: 's1', name: 'z' } },
      { action: 'delete', entity_type: 'Task', entity_key: ['b'] },
    ]);
    assert.deepEqual(batch.entities, [a, b]);
  });

  it('session operations - references and dates are encoded in entity_data', () => {
    const a = task('a');
    const parent = task('p');
    const when = new Date('2024-01-02T03:04:05Z');
    const batch = buildCommitBatch([{ type: 'create', entityType: 'Task', entityKey: { id: 'a' }, entityData: { parent, start: when }, entity: a }]);
    assert.deepEqual(batch.operations[0]!.entity_data, {
      __entity_type__: 'Task',
      id: 'a',
      parent: { __entity_type__: 'Task', id: 'p' },
      start: { __type__: 'datetime', value: '2024-01-02T03:04:05.000Z' },
    });
  });
});

describe('session jobs - job data', () => {
  it('session jobs - parses the data JSON string and finds the failure message', () => {
    assert.deepEqual(parseJobData('{"output": [], "message": "boom"}'), { output: [], message: 'boom' });
    assert.deepEqual(parseJobData('not json'), {});
    assert.deepEqual(parseJobData(null), {});
    assert.equal(jobFailureMessage({ message: 'boom' }), 'boom');
    assert.equal(jobFailureMessage({ error: 'bad input' }), 'bad input');
    assert.equal(jobFailureMessage({ description: 'x' }), 'x');
    assert.equal(jobFailureMessage({}), undefined);
  });
});
