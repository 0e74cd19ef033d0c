import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../../../src/internal/paths.js';
import { SqliteStore } from '../../../../src/standin/store/sqlite-store.js';
import { DuplicateEntityError, EntityNotFoundError, QuerySyntaxError, StoreError, StoreValidationError } from '../../../../src/standin/store/errors.js';
import type { EntityChange } from '../../../../src/standin/context.js';

const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as Record<string, unknown>[];

describe('standin store - SQLite entity store', () => {
  let store: SqliteStore;
  let projectId: string;
  let sequenceId: string;

  beforeEach(() => {
    store = new SqliteStore({ file: ':memory:', schemas });
    store.create('Status', { name: 'Not started', is_active: true });
    store.create('Type', { name: 'Generic' });
    store.create('ProjectSchema', { name: 'std' });
    projectId = store.create('Project', { name: 'p1' }).id as string;
    sequenceId = store.create('Sequence', { name: 'sq010', parent_id: projectId }).id as string;
  });
  afterEach(() => store.close());

  it('creates typed contexts with discriminators, defaults and derived project', () => {
    const task = store.create('Task', { name: 'comp', parent: { __entity_type__: 'Sequence', id: sequenceId } });
    assert.equal(task.__entity_type__, 'Task');
    assert.equal(task.context_type, 'task');
    assert.equal(task.object_type_id, '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c');
    assert.equal(task.parent_id, sequenceId);
    assert.equal(task.project_id, projectId);
    assert.equal(task.priority_id, '9661b320-3a0c-11e2-81c1-0800200c9a66');
    assert.match(String(task.id), /^[0-9a-f-]{36}$/);
    assert.equal(store.get('Project', projectId)?.context_type, 'show');
  });

  it('fills required flags: new users and statuses are active', () => {
    const user = store.create('User', { username: 'fresh' });
    assert.equal(user.is_active, true);
    assert.equal(user.resource_type, 'user');
    assert.equal(store.create('Status', { name: 'Blocked' }).is_active, true);
    assert.equal(store.create('Project', { name: 'p2' }).is_global, false);
  });

  it('fills component discriminators and resolves references to foreign keys', () => {
    const component = store.create('FileComponent', { name: 'main', file_type: '.mov' });
    assert.equal(component.system_type, 'file');
    assert.equal(component.size, 0);
    const location = store.create('Location', { name: 'ftrack.server' });
    const cl = store.create('ComponentLocation', {
      component: { __entity_type__: 'FileComponent', id: component.id },
      location: { __entity_type__: 'Location', id: location.id },
      resource_identifier: component.id,
    });
    assert.equal(cl.component_id, component.id);
    assert.equal(cl.location_id, location.id);
    const result = store.query(`select component_id, resource_identifier from ComponentLocation where location_id is ${String(location.id)} and component_id in (${String(component.id)})`);
    assert.equal(result.data.length, 1);
    assert.equal(store.create('SequenceComponent', { name: 'seq', padding: 4 }).system_type, 'sequence');
  });

  it('answers polymorphic queries with the concrete type', () => {
    store.create('FileComponent', { name: 'a' });
    store.create('ContainerComponent', { name: 'b' });
    const types = store.query('select name from Component order by name').data.map((r) => r.__entity_type__);
    assert.deepEqual(types, ['FileComponent', 'ContainerComponent']);
    const contexts = store.query('select name from Context order by name').data.map((r) => `${r.__entity_type__}:${String(r.name)}`);
    assert.deepEqual(contexts, ['Project:p1', 'Sequence:sq010']);
    assert.equal(store.query('TypedContext').data.length, 1);
    assert.equal(store.query('Shot').data.length, 0);
  });

  it('pages with offset/limit and ends with next null', () => {
    for (let i = 0; i < 5; i++) store.create('Task', { name: `t${i}`, parent_id: sequenceId });
    const first = store.query('select name from Task order by name offset 0 limit 2');
    assert.deepEqual(first.data.map((r) => r.name), ['t0', 't1']);
    assert.equal(first.next, 2);
    const last = store.query('select name from Task order by name offset 4 limit 2');
    assert.deepEqual(last.data.map((r) => r.name), ['t4']);
    assert.equal(last.next, null);
    assert.equal(store.query('select name from Task order by name offset 3 limit 2').next, null);
    assert.equal(store.query('select name from Task').next, null);
  });

  it('filters through references, collections, has/any, like, not_in, null and booleans', () => {
    const t1 = store.create('Task', { name: 'comp', parent_id: sequenceId });
    store.create('Task', { name: 'anim', parent_id: sequenceId, description: 'x' });
    store.create('Metadata', { parent_id: t1.id, parent_type: 'Task', key: 'k', value: 'v' });
    const names = (expr: string): unknown[] => store.query(expr).data.map((r) => r.name);
    assert.deepEqual(names('select name from Task where parent.name is "sq010" and name is comp'), ['comp']);
    assert.deepEqual(names('select name from Task where project.name like "p%" order by name'), ['anim', 'comp']);
    assert.deepEqual(names('select name from Task where metadata any (key=k and value=v)'), ['comp']);
    assert.deepEqual(names('select name from Task where parent has (name is sq010) and description is None'), ['comp']);
    assert.deepEqual(names('select name from Task where description is_not null'), ['anim']);
    assert.deepEqual(names('select name from Task where name not_in (comp, x)'), ['anim']);
    assert.deepEqual(names('select name from Task where not name like "c%"'), ['anim']);
    assert.deepEqual(names('select name from Sequence where children any (name is "comp")'), ['sq010']);
    assert.deepEqual(names('select name from Project where is_private is False and is_global is false'), ['p1']);
    assert.deepEqual(names('select name from Task where id in (select id from Task where name is "anim")'), ['anim']);
  });

  it('compares datetimes given with Z, +00:00, naive or date-only', () => {
    store.create('Task', { name: 'dated', parent_id: sequenceId, start_date: { __type__: 'datetime', value: '2024-05-01T09:30:00+00:00' } });
    store.create('Task', { name: 'late', parent_id: sequenceId, start_date: { __type__: 'datetime', value: '2024-06-01T09:30:00.000Z' } });
    const dated = store.query('select start_date from Task where name is dated').data[0]!;
    assert.deepEqual(dated.start_date, { __type__: 'datetime', value: '2024-05-01T09:30:00' });
    assert.deepEqual(store.query('select name from Task where start_date after "2024-05-15"').data.map((r) => r.name), ['late']);
    assert.deepEqual(store.query('select name from Task where start_date before "2024-05-15T00:00:00Z"').data.map((r) => r.name), ['dated']);
  });

  it('projects nested relations and collections', () => {
    const task = store.create('Task', { name: 'comp', parent_id: sequenceId });
    const [row] = store.query(`select name, parent.name, project.full_name, status.name from Task where id is ${String(task.id)}`).data;
    assert.equal((row!.parent as Record<string, unknown>).name, 'sq010');
    assert.equal((row!.parent as Record<string, unknown>).__entity_type__, 'Sequence');
    assert.equal((row!.project as Record<string, unknown>).full_name, 'p1');
    assert.equal((row!.status as Record<string, unknown>).name, 'Not started');
    const [seq] = store.query('select children.name, custom_attributes from Sequence').data;
    assert.deepEqual((seq!.children as Record<string, unknown>[]).map((c) => c.name), ['comp']);
    assert.deepEqual(seq!.custom_attributes, []);
    store.create('Metadata', { parent_id: task.id, parent_type: 'Task', key: 'k', value: 'v' });
    const [withMeta] = store.query(`select metadata, status from Task where id is ${String(task.id)}`).data;
    assert.deepEqual(withMeta!.metadata, [{ __entity_type__: 'Metadata', parent_id: task.id, key: 'k', value: 'v', parent_type: 'Task' }]);
    assert.deepEqual(Object.keys(withMeta!.status as object), ['__entity_type__', 'id']);
  });

  it('computes link, ancestors and descendants of typed contexts', () => {
    const shot = store.create('Shot', { name: 'sh010', parent_id: sequenceId });
    const task = store.create('Task', { name: 'comp', parent_id: shot.id });
    const [row] = store.query(`select link, ancestors.name from Task where id is ${String(task.id)}`).data;
    assert.deepEqual(row!.link, [
      { id: projectId, name: 'p1', type: 'Project' },
      { id: sequenceId, name: 'sq010', type: 'TypedContext' },
      { id: shot.id, name: 'sh010', type: 'TypedContext' },
      { id: task.id, name: 'comp', type: 'TypedContext' },
    ]);
    assert.deepEqual((row!.ancestors as Record<string, unknown>[]).map((a) => `${String(a.__entity_type__)}:${String(a.name)}`), ['Shot:sh010', 'Sequence:sq010']);
    const below = (expr: string): unknown[] => store.query(expr).data.map((r) => r.name);
    assert.deepEqual(below(`select name from Task where ancestors any (id is "${String(shot.id)}")`), ['comp']);
    assert.deepEqual(below('select name from TypedContext where ancestors.name is "sq010" order by name'), ['comp', 'sh010']);
    assert.deepEqual(below('select name from TypedContext where descendants any (name is "comp") order by name'), ['sh010', 'sq010']);
    assert.deepEqual(below('select name from Project where descendants any (name is "comp")'), ['p1']);
    const [project] = store.query(`select descendants.name from Project where id is ${projectId}`).data;
    assert.deepEqual((project!.descendants as Record<string, unknown>[]).map((d) => d.name), ['sq010', 'sh010', 'comp']);
  });

  it('computes link and ancestors of many rows sharing ancestors and of versions, and survives a parent cycle', () => {
    const shots = ['sh010', 'sh020'].map((name) => store.create('Shot', { name, parent_id: sequenceId }));
    for (const [i, shot] of shots.entries()) for (const name of ['comp', 'light']) store.create('Task', { name: `${name}${i}`, parent_id: shot.id });
    const rows = store.query(`select name, link, ancestors.name from Task where parent.parent_id is "${sequenceId}" order by name`).data;
    assert.deepEqual(
      rows.map((r) => [(r.link as Array<{ name: string }>).map((l) => l.name).join('/'), (r.ancestors as Array<{ name: string }>).map((a) => a.name).join('<')]),
      [
        ['p1/sq010/sh010/comp0', 'sh010<sq010'],
        ['p1/sq010/sh020/comp1', 'sh020<sq010'],
        ['p1/sq010/sh010/light0', 'sh010<sq010'],
        ['p1/sq010/sh020/light1', 'sh020<sq010'],
      ],
    );
    const asset = store.create('Asset', { name: 'plate', context_id: shots[0]!.id });
    store.create('AssetVersion', { asset_id: asset.id, version: 3 });
    const [version] = store.query(`select link from AssetVersion where asset_id is "${String(asset.id)}"`).data;
    const names = (link: unknown): string => (link as Array<{ name: string; type: string }>).map((l) => `${l.type}:${l.name}`).join('/');
    assert.equal(names(version!.link), 'Project:p1/TypedContext:sq010/TypedContext:sh010/Asset:plate/AssetVersion:v003');
    // A cycle in the parents (not something ftrack allows, but a stand-in database can hold it) ends the walk.
    store.update('Sequence', sequenceId, { parent_id: shots[0]!.id });
    const [looped] = store.query(`select link, ancestors.name from Shot where id is "${String(shots[0]!.id)}"`).data;
    assert.equal(names(looped!.link), 'TypedContext:sq010/TypedContext:sh010');
    assert.deepEqual((looped!.ancestors as Array<{ name: string }>).map((a) => a.name), ['sq010']);
  });

  it('reads, filters and replaces many-to-many collections through link rows', () => {
    const [notStarted] = store.query('select id from Status').data;
    const done = store.create('Status', { name: 'Done', is_active: true });
    const workflow = store.create('WorkflowSchema', { name: 'wf', statuses: [{ __entity_type__: 'Status', id: notStarted!.id }] });
    const read = (): unknown[] => (store.query(`select statuses.name from WorkflowSchema where id is ${String(workflow.id)}`).data[0]!.statuses as Record<string, unknown>[]).map((x) => x.name);
    assert.deepEqual(read(), ['Not started']);
    store.update('WorkflowSchema', String(workflow.id), { statuses: [{ __entity_type__: 'Status', id: done.id }, { __entity_type__: 'Status', id: notStarted!.id }] });
    assert.deepEqual([...read()].sort(), ['Done', 'Not started']);
    assert.equal(store.query('select id from WorkflowSchema where statuses any (name is "Done")').data.length, 1);
    store.update('WorkflowSchema', String(workflow.id), { statuses: [{ __entity_type__: 'Status', id: done.id }] });
    assert.deepEqual(read(), ['Done']);
    const task = store.create('Task', { name: 'listed', parent_id: sequenceId });
    const category = store.create('ListCategory', { name: 'Dailies' });
    const list = store.create('TypedContextList', { name: 'dailies', category_id: category.id, items: [{ __entity_type__: 'Task', id: task.id }] });
    assert.deepEqual((store.query(`select items.name from TypedContextList where id is ${String(list.id)}`).data[0]!.items as Record<string, unknown>[]).map((x) => x.name), ['listed']);
    assert.deepEqual(store.query('select name from Task where lists any (name is "dailies")').data.map((x) => x.name), ['listed']);
  });

  it('keeps Asset.latest_version and AssetVersion.is_latest_version derived', () => {
    const asset = store.create('Asset', { name: 'plate', context_id: sequenceId });
    const v1 = store.create('AssetVersion', { asset_id: asset.id });
    assert.equal(v1.version, 1);
    assert.equal(v1.is_latest_version, true);
    const v2 = store.create('AssetVersion', { asset: { __entity_type__: 'Asset', id: asset.id } });
    assert.equal(v2.version, 2);
    const latest = (): unknown => (store.query(`select latest_version.version from Asset where id is ${String(asset.id)}`).data[0]!.latest_version as Record<string, unknown>).version;
    assert.equal(latest(), 2);
    assert.deepEqual(store.query('select version from AssetVersion where is_latest_version is true').data.map((v) => v.version), [2]);
    store.delete('AssetVersion', String(v2.id));
    assert.equal(latest(), 1);
    assert.equal(store.get('AssetVersion', String(v1.id))?.is_latest_version, true);
  });

  it('updates, upserts custom attribute values, deletes and reports changes once per transaction', () => {
    const batches: EntityChange[][] = [];
    store.onChange((changes) => batches.push(changes));
    const job = store.create('Job', { type: 'api_job' });
    assert.equal(job.status, 'queued');
    store.update('Job', [String(job.id)], { status: 'running' });
    const last = batches.at(-1)!;
    assert.equal(last[0]!.action, 'update');
    assert.deepEqual(last[0]!.changes.status, { old: 'queued', new: 'running' });
    const attributeType = store.create('CustomAttributeType', { name: 'number' });
    store.create('CustomAttributeConfiguration', { id: 'cfg1', key: 'k1', label: 'K1', entity_type: 'task', type_id: attributeType.id, config: '{}' });
    const value = store.update('ContextCustomAttributeValue', ['cfg1', sequenceId], { value: 5 });
    assert.equal(value.value, 5);
    store.transaction(() => {
      store.create('Task', { name: 'a', parent_id: sequenceId });
      store.create('Task', { name: 'b', parent_id: sequenceId });
    });
    assert.equal(batches.at(-1)!.length, 2);
    store.delete('Job', String(job.id));
    assert.equal(store.get('Job', String(job.id)), undefined);
  });

  it('returns dense custom_attributes from the configurations, with stored values winning', () => {
    const task = store.create('Task', { name: 'comp', parent_id: sequenceId });
    const type = store.create('CustomAttributeType', { name: 'number' });
    const config = store.create('CustomAttributeConfiguration', { key: 'fstart', label: 'Frame start', entity_type: 'task', type_id: type.id, default: 1001, config: '{}' });
    store.create('ObjectType', { id: 'bad911de-3bd6-47b9-8b46-3476e237cb36', name: 'Shot' });
    store.create('CustomAttributeConfiguration', { key: 'shot_only', label: 'x', entity_type: 'task', object_type_id: 'bad911de-3bd6-47b9-8b46-3476e237cb36', type_id: type.id, config: '{}' });
    store.create('CustomAttributeConfiguration', { key: 'version_only', label: 'y', entity_type: 'assetversion', type_id: type.id, config: '{}' });
    const read = (): Record<string, unknown>[] => store.query(`select custom_attributes from Task where id is ${String(task.id)}`).data[0]!.custom_attributes as Record<string, unknown>[];
    assert.deepEqual(read(), [{ __entity_type__: 'ContextCustomAttributeValue', configuration_id: config.id, entity_id: task.id, key: 'fstart', value: 1001 }]);
    store.update('ContextCustomAttributeValue', [String(config.id), String(task.id)], { value: 1009 });
    const [value] = read();
    assert.equal(value!.value, 1009);
    assert.equal(value!.key, 'fstart');
  });

  it('rolls back the whole transaction when one write fails', () => {
    const before = store.query('Task').data.length;
    const batches: EntityChange[][] = [];
    store.onChange((changes) => batches.push(changes));
    assert.throws(() =>
      store.transaction(() => {
        store.create('Task', { name: 'kept?', parent_id: sequenceId });
        store.update('Task', 'no-such-id', { name: 'x' });
      }),
    EntityNotFoundError);
    assert.equal(store.query('Task').data.length, before);
    assert.equal(batches.length, 0);
  });

  it('rejects bad writes with typed errors', () => {
    assert.throws(() => store.create('User', {}), (e: unknown) => e instanceof StoreValidationError && /username/.test(e.message));
    assert.throws(() => store.create('NoSuchType', {}), StoreValidationError);
    assert.throws(() => store.create('TypedContext', { name: 'x' }), StoreValidationError);
    assert.throws(() => store.create('Task', { name: 'x', start_date: 'yesterday' }), StoreValidationError);
    assert.throws(() => store.create('Task', { name: { nested: true } }), (e: unknown) => e instanceof StoreValidationError && /name of Task must be a string/.test(e.message));
    assert.throws(() => store.create('Task', { name: 'x', bid: 'lots' }), StoreValidationError);
    assert.throws(() => store.create('Project', { name: 'x', is_private: 'maybe' }), StoreValidationError);
    assert.throws(() => store.create('Task', { name: 'x', parent: 42.5 }), StoreValidationError);
    assert.throws(() => store.create('Project', { id: projectId, name: 'dup' }), DuplicateEntityError);
    assert.throws(() => store.delete('Task', 'missing'), EntityNotFoundError);
    assert.throws(() => store.update('Task', ['a', 'b'], {}), StoreValidationError);
    assert.throws(() => store.query('select nope from Task'), QuerySyntaxError);
    assert.throws(() => store.query('select name from Nope'), QuerySyntaxError);
    assert.throws(() => store.query('Task where status.nope is 1'), QuerySyntaxError);
  });

  it('rejects references to missing entities, naming the attribute and id; the batch rolls back', () => {
    const changes: EntityChange[][] = [];
    store.onChange((c) => changes.push(c));
    const missing = (attribute: string, id: string) => (e: unknown) =>
      e instanceof StoreValidationError && e.code === 'FTRACK_ERR_STANDIN_VALIDATION' && e.message.includes(attribute) && e.message.includes(id);
    const tasks = store.query('Task').data.length;
    assert.throws(() => store.create('Task', { name: 'orphan', parent_id: 'nonexistent' }), missing('parent_id', 'nonexistent'));
    assert.throws(() => store.create('Task', { name: 'orphan', parent: { __entity_type__: 'Sequence', id: 'gone-1' } }), missing('parent_id', 'gone-1'));
    // wrong type: a Project id where a Status is expected
    assert.throws(() => store.create('Task', { name: 'x', parent_id: sequenceId, status_id: projectId }), missing('status_id', projectId));
    const task = store.create('Task', { name: 'ok', parent_id: sequenceId });
    assert.throws(() => store.update('Task', task.id as string, { parent_id: 'nonexistent' }), missing('parent_id', 'nonexistent'));
    // polymorphic references: any entity type, but it must exist
    assert.throws(() => store.create('Metadata', { parent_id: 'nope-2', parent_type: 'Task', key: 'k', value: 'v' }), missing('parent_id', 'nope-2'));
    store.create('Metadata', { parent_id: task.id, parent_type: 'Task', key: 'k', value: 'v' });
    assert.throws(() => store.create('Note', { content: 'hi', parent_id: 'nope-3', parent_type: 'Task' }), missing('parent_id', 'nope-3'));
    // A batch: rows created earlier in the same transaction resolve; a bad one rolls everything back.
    const seen = changes.length;
    assert.throws(
      () =>
        store.transaction(() => {
          store.create('Task', { name: 'first', parent_id: sequenceId });
          store.create('Task', { name: 'second', parent_id: 'nonexistent' });
        }),
      missing('parent_id', 'nonexistent'),
    );
    assert.equal(store.query('Task').data.length, tasks + 1);
    assert.equal(changes.length, seen);
    store.transaction(() => {
      const component = store.create('FileComponent', { name: 'main', file_type: '.mov', size: 1 });
      const sequence = store.create('SequenceComponent', { name: 'frames', padding: 4 });
      store.create('FileComponent', { name: '1001', container_id: sequence.id });
      store.create('ComponentLocation', { component_id: component.id, location_id: store.create('Location', { name: 'loc' }).id, resource_identifier: 'x' });
      store.create('Metadata', { parent_id: component.id, parent_type: 'FileComponent', key: 'k', value: 'v' });
    });
    assert.equal(store.query('select id from ComponentLocation').data.length, 1);
  });

  it('compiles to indexed SQL, not a scan, for ids, foreign keys and dotted relations', () => {
    const byId = store.explain('select name from Task where id is "x"').join(' | ');
    assert.match(byId, /USING INDEX sqlite_autoindex_Context_1 \(id=\?\)/);
    assert.doesNotMatch(byId, /SCAN t0/);
    assert.match(store.explain('select name from Task where parent_id is "x"').join(' | '), /USING INDEX ix_Context_parent_id/);
    assert.match(store.explain('select id from ComponentLocation where component_id in (a, b) and location_id is c').join(' | '), /USING INDEX ix_ComponentLocation_(component|location)_id/);
    assert.match(store.explain('select id from Task where parent.name is "sq010" and id is "x"').join(' | '), /USING INDEX sqlite_autoindex_Context_1/);
  });

  it('answers aggregate queries with group by', () => {
    for (const name of ['a', 'b', 'c']) store.create('Task', { name, parent_id: sequenceId, bid: 2 });
    const grouped = store.query('select count(id), sum(bid), parent_id from Task group by parent_id').data;
    assert.deepEqual(grouped, [{ count_id: 3, sum_bid: 6, parent_id: sequenceId }]);
    assert.deepEqual(store.query('select count(id) from TypedContext where name is_not "a"').data, [{ count_id: 3 }]);
    assert.deepEqual(store.query('select max(name), min(name) from Task').data, [{ max_name: 'c', min_name: 'a' }]);
    assert.throws(() => store.query('select count(id), name from Task group by parent_id'), QuerySyntaxError);
    assert.throws(() => store.query('select count(parent.name) from Task'), QuerySyntaxError);
  });

  it('pages grouped aggregates with offset, with and without limit', () => {
    for (const [index, name] of ['a', 'b', 'c'].entries()) store.create('Task', { name, parent_id: sequenceId, bid: index + 1 });
    const all = store.query('select count(id), bid from Task group by bid order by bid').data;
    assert.deepEqual(all, [
      { count_id: 1, bid: 1 },
      { count_id: 1, bid: 2 },
      { count_id: 1, bid: 3 },
    ]);
    assert.deepEqual(store.query('select count(id), bid from Task group by bid order by bid offset 1').data, all.slice(1));
    const page = store.query('select count(id), bid from Task group by bid order by bid offset 1 limit 1');
    assert.deepEqual(page.data, all.slice(1, 2));
    assert.equal(page.next, 2);
  });

  it('binds values as parameters (quotes in values cannot change the SQL)', () => {
    store.create('Task', { name: `it's "quoted"`, parent_id: sequenceId });
    assert.equal(store.query(`select name from Task where name is "x' OR 1=1 --"`).data.length, 0);
    assert.equal(store.query(`select name from Task where name is 'it\\'s "quoted"'`).data.length, 1);
    assert.equal(store.query(`select name from Task where name is "it's \\"quoted\\""`).data.length, 1);
    assert.equal(store.query('Task').data.length, 1);
  });

  it('answers arbitrary queries with rows or a StoreError, never anything else', async () => {
    const fc = (await import('fast-check')).default;
    const word = fc.constantFrom('select', 'from', 'where', 'Task', 'Component', 'Context', 'name', 'parent', 'parent.name', 'children', 'children.name', 'status.state.short', 'metadata', 'custom_attributes', 'is', 'in', 'like', 'after', '(', ')', ',', '"x"', 'None', 'True', 'and', 'or', 'not', 'has', 'any', 'limit', '2', 'offset', 'order', 'by', 'desc', 'id', 'link', 'ancestors', 'ancestors.name', 'count(id)', 'sum(bid)', 'group', 'count');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
        try {
          const result = store.query(words.join(' '));
          assert.ok(Array.isArray(result.data));
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps data across a restart (file database)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-store-'));
    try {
      const file = join(dir, 'ftrack.sqlite');
      const first = new SqliteStore({ file, schemas });
      const id = first.create('Location', { name: 'persisted' }).id;
      first.close();
      const second = new SqliteStore({ file, schemas });
      assert.equal(second.get('Location', String(id))?.name, 'persisted');
      assert.equal(second.db.pragma('journal_mode', { simple: true }), 'wal');
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
