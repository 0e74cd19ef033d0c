import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entity, NOT_SET, Session, UnknownEntityTypeError, entityState } from '../../../src/session/index.js';
import { fakeServer } from './fake-server.js';

describe('session (fake fetch)', () => {
  let dir: string;
  const sessions: Session[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'session-unit-'));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (...args: Parameters<typeof fakeServer>) => {
    const server = fakeServer(...args);
    const session = await Session.create(server.options);
    sessions.push(session);
    return { server, session };
  };

  it('session start - server information and schemas in one request, then ready', async () => {
    const { server, session } = await start();
    assert.equal(server.requests.length, 1);
    assert.deepEqual(server.requests[0]!.operations.map((o) => o.action), ['query_server_information', 'query_schemas']);
    assert.equal(session.schemas.size, 116);
    assert.equal(session.serverInformation.version, 'dev');
  });

  it('session start - a schema cache file whose hash matches skips query_schemas', async () => {
    const first = fakeServer();
    await (await Session.create({ ...first.options, schemaCachePath: dir })).close();
    assert.ok(existsSync(join(dir, 'ftrack_api_schema_cache.json')));
    const second = fakeServer();
    const session = await Session.create({ ...second.options, schemaCachePath: dir });
    sessions.push(session);
    assert.deepEqual(second.requests.flatMap((r) => r.operations.map((o) => o.action)), ['query_server_information']);
    assert.equal(session.schemasFromCache, true);
    assert.equal(session.schemas.size, 116);
  });

  it('session entities - commit merges operations as the Python API does, in one request', async () => {
    const { server, session } = await start((op) => ({ action: op.action, data: op.action === 'delete' ? true : op.entity_data }));
    const before = server.requests.length;
    const task = session.create('Task', { name: 'comp' });
    task.name = 'comp_v2';
    task.set('description', 'first');
    task.set('description', 'second');
    const temp = session.create('Note', { content: 'temporary' });
    session.delete(temp);
    const user = session.create('User', { username: 'x' });
    assert.equal(entityState(task), 'created');
    assert.equal(session.recordedOperations.length, 7);
    await session.commit();
    assert.equal(server.requests.length, before + 1);
    const ops = server.requests.at(-1)!.operations;
    assert.equal(ops.length, 2, 'the note was created and deleted: dropped; the task updates folded into its create');
    assert.equal(ops[0]!.action, 'create');
    assert.equal(ops[0]!.entity_type, 'Task');
    assert.deepEqual(ops[0]!.entity_key, [task.id]);
    assert.equal((ops[0]!.entity_data as Record<string, unknown>).name, 'comp_v2');
    assert.equal((ops[0]!.entity_data as Record<string, unknown>).description, 'second');
    assert.equal(ops[1]!.entity_type, 'User');
    assert.equal(session.recordedOperations.length, 0);
    assert.equal(entityState(user), 'not_set');
    assert.equal(user.username, 'x');
  });

  it('session entities - recording can be switched off in a scope; rollback forgets created entities', async () => {
    const { session } = await start();
    session.withRecordOperations(false, () => session.create('User', { username: 'silent' }));
    assert.equal(session.recordedOperations.length, 0);
    const user = session.create('User', { username: 'kept' });
    assert.equal(session.recordedOperations.length, 1);
    session.rollback();
    assert.equal(session.recordedOperations.length, 0);
    assert.equal(await session.get('User', String(user.id)).catch(() => 'fetched'), undefined);
  });

  it('session entities - properties are plain; get() auto-populates, or returns NOT_SET when off', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const { server, session } = await start((op) => {
      const expression = String(op.expression);
      if (expression.includes('email')) return { action: 'query', data: [{ __entity_type__: 'User', id, email: 'j@x' }], metadata: { next: { offset: null } } };
      return { action: 'query', data: [{ __entity_type__: 'User', id, username: 'jane' }], metadata: { next: { offset: null } } };
    });
    const user = (await session.get('User', id))!;
    assert.ok(user instanceof Entity);
    assert.equal(user.username, 'jane');
    assert.equal(user.entityType, 'User');
    assert.equal(user.__entity_type__, 'User');
    assert.equal(user.email, undefined);
    assert.equal(await session.withAutoPopulating(false, () => user.get('email')), NOT_SET);
    const requests = server.requests.length;
    assert.equal(await user.get('email'), 'j@x');
    assert.equal(server.requests.length, requests + 1);
    assert.match(String(server.requests.at(-1)!.operations[0]!.expression), /^select email from User where id in \("1111/);
    assert.equal(await session.get('User', id), user, 'identity map: same object');
    await assert.rejects(session.get('Nope', id), UnknownEntityTypeError);
  });

  it('session entities - rows can be typed with an interface extending Entity', async () => {
    interface User extends Entity {
      username: string;
    }
    const id = '22222222-2222-4222-8222-222222222222';
    const { session } = await start(() => ({ action: 'query', data: [{ __entity_type__: 'User', id, username: 'typed' }], metadata: { next: { offset: null } } }));
    const user = await session.get<User>('User', id);
    const name: string | undefined = user?.username;
    assert.equal(name, 'typed');
    const all: User[] = await session.query<User>('select username from User').all();
    assert.equal(all[0]!.username, 'typed');
  });

  it('session entities - concurrent gets share one request', async () => {
    const { server, session } = await start((op) => {
      const id = /id is "([^"]+)"/.exec(String(op.expression))![1];
      return { action: 'query', data: [{ __entity_type__: 'User', id, username: `u${id}` }], metadata: { next: { offset: null } } };
    });
    const before = server.requests.length;
    const users = await Promise.all(Array.from({ length: 200 }, (_, i) => session.get('User', `id-${i}`)));
    assert.equal(server.requests.length, before + 1);
    assert.equal(users[42]!.username, 'uid-42');
  });

  it('session calls - encode_media merged in a tick with a failing query reaches the server once; commitWith shares a request', async () => {
    const { server, session } = await start(
      (op) => (op.action === 'encode_media' ? { job_id: 'job-1' } : { data: [], metadata: { next: { offset: null } } }),
      (request) =>
        request.operations.some((op) => String(op.expression).includes('nope'))
          ? new Response(JSON.stringify({ exception: 'ValidationError', content: 'no attribute nope', error_code: null }), { status: 200 })
          : undefined,
    );
    const before = server.requests.length;
    const [bad, encode] = await Promise.allSettled([
      session.call([{ action: 'query', expression: 'select nope from Task' }]),
      session.call([{ action: 'encode_media', component_id: 'c1', version_id: null, keep_original: false }]),
    ]);
    assert.equal(bad.status, 'rejected');
    assert.deepEqual(encode, { status: 'fulfilled', value: [{ job_id: 'job-1' }] });
    const encodes = server.requests.slice(before).flatMap((r) => r.operations).filter((op) => op.action === 'encode_media');
    assert.equal(encodes.length, 1);
    // Writes that belong together still share one request through commitWith.
    const task = session.create('Task', { name: 'x' });
    const sent = server.requests.length;
    const { results, extra } = await session.commitWith([{ action: 'get_upload_metadata', component_id: String(task.id) }]);
    assert.equal(server.requests.length, sent + 1);
    assert.deepEqual(server.requests.at(-1)!.operations.map((op) => op.action), ['create', 'get_upload_metadata']);
    assert.equal(results.length, 1);
    assert.equal(extra.length, 1);
  });
});
