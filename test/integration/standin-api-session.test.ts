import assert from 'node:assert/strict';
import { Session, error as ftrackErrors, projectSchema } from '@ftrack/api';

const { ServerError } = ftrackErrors;
import { startStandin, type StandinServer } from '../helpers/standin.js';
import { DEMO_IDS } from '../../src/standin/seed.js';

type Obj = Record<string, unknown>;

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('standin api - official @ftrack/api Session', () => {
  let server: StandinServer;
  let session: Session;
  beforeEach(async () => {
    server = await startStandin();
    session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
  });
  afterEach(async () => {
    session.eventHub?.disconnect?.();
    await server.close();
  });

  it('initialises against the stand-in', async () => {
    assert.equal(session.initialized, true);
    assert.equal(typeof session.serverVersion, 'string');
    assert.equal(session.schemas?.length, 116);
  });

  it('queries with paging (offset/limit, next offset null at the end)', async () => {
    await session.call(Array.from({ length: 3 }, (_, i) => ({ action: 'create', entity_type: 'Task', entity_data: { name: `page${i}`, parent_id: DEMO_IDS.shot } })) as never);
    const first = await session.query(`select name from Task where name like "page%" order by name offset 0 limit 2`);
    assert.deepEqual(first.data.map((t: Obj) => t.name), ['page0', 'page1']);
    assert.equal(first.metadata.next.offset, 2);
    const second = await session.query(`select name from Task where name like "page%" order by name offset 2 limit 2`);
    assert.deepEqual(second.data.map((t: Obj) => t.name), ['page2']);
    assert.equal(second.metadata.next.offset, null);
    const typed = await session.query(`select name, parent.name from TypedContext where project_id is "${DEMO_IDS.project}" and name is "sh010"`);
    assert.equal(typed.data[0].__entity_type__, 'Shot');
    assert.equal(typed.data[0].parent.name, 'sq010');
  });

  it('creates, updates, deletes and ensures entities', async () => {
    const created = await session.create('AssetVersion', { asset_id: DEMO_IDS.asset, comment: 'from js' });
    const version = created.data as Obj;
    assert.equal(version.version, 2);
    assert.equal(version.status_id, DEMO_IDS.statusNotStarted);
    const updated = await session.update('AssetVersion', [String(version.id)], { comment: 'updated', status_id: DEMO_IDS.statusApproved });
    assert.equal((updated.data as Obj).comment, 'updated');
    const check = await session.query(`select comment, status.name from AssetVersion where id is "${String(version.id)}"`);
    assert.equal(check.data[0].status.name, 'Approved');
    await session.delete('AssetVersion', [String(version.id)]);
    assert.equal((await session.query(`AssetVersion where id is "${String(version.id)}"`)).data.length, 0);

    const ensured = (await session.ensure('User', { username: 'newbie', first_name: 'New' })) as Obj;
    const again = (await session.ensure('User', { username: 'newbie', first_name: 'Renamed' }, ['username'])) as Obj;
    assert.equal(again.id, ensured.id);
    const users = await session.query('select first_name from User where username is "newbie"');
    assert.equal(users.data.length, 1);
    assert.equal(users.data[0].first_name, 'Renamed');
  });

  it('runs call() batches atomically and maps errors', async () => {
    const results = (await session.call([
      { action: 'create', entity_type: 'Location', entity_data: { name: 'batch.location' } },
      { action: 'query', expression: 'select id from Location where name is "batch.location"' },
    ] as never)) as Obj[];
    assert.equal(((results[1]!.data as Obj[]) ?? []).length, 1);
    await assert.rejects(
      session.call([
        { action: 'create', entity_type: 'Location', entity_data: { name: 'rolled.back' } },
        { action: 'create', entity_type: 'User', entity_data: {} },
      ] as never),
      (error: unknown) => (error as Error).name === 'ServerValidationError',
    );
    assert.equal((await session.query('Location where name is "rolled.back"')).data.length, 0);
    await assert.rejects(session.query('select from where'), (error: unknown) => error instanceof ServerError);
  });

  it('answers projectSchema.getStatuses for tasks, versions and other object types', async () => {
    for (const entityType of ['Task', 'AssetVersion', 'Shot', 'Sequence']) {
      const statuses = (await projectSchema.getStatuses(session, DEMO_IDS.projectSchema, entityType)) as Obj[];
      assert.deepEqual(statuses.map((s) => s.name), ['Not started', 'In progress', 'Approved'], entityType);
    }
  });

  it('works with strictApi (non-200 error statuses) and ensureSerializableResponse (strict projections)', async () => {
    const strict = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false, strictApi: true });
    await strict.initializing;
    assert.equal((await strict.query('select name from Location where name is "ftrack.server"')).data.length, 1);
    await assert.rejects(strict.create('User', {}), (error: unknown) => (error as Error).name === 'ServerValidationError' && /username is required/.test((error as Error).message));
    await assert.rejects(strict.update('Task', ['00000000-0000-4000-8000-000000000000'], { name: 'x' }), (error: unknown) => error instanceof ServerError && /does not exist/.test((error as Error).message));
    const serializable = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false, ensureSerializableResponse: true });
    await serializable.initializing;
    const { data } = await serializable.query(`select name, parent.name from Task where id is "${DEMO_IDS.task}"`);
    assert.deepEqual(JSON.parse(JSON.stringify(data)), [{ __entity_type__: 'Task', id: DEMO_IDS.task, name: 'compositing', parent: { __entity_type__: 'Shot', id: DEMO_IDS.shot, name: 'sh010' } }]);
  });

  it('fails to initialise with a wrong key (InvalidCredentialsError)', async () => {
    const bad = new Session(server.url, server.apiUser, 'wrong-key', { autoConnectEventHub: false });
    await assert.rejects(bad.initializing, (error: unknown) => error instanceof ServerError && /API key is invalid/.test((error as Error).message));
  });

  it('publishes ftrack.update on the hub when a Job status changes in the store', async function () {
    this.timeout(60_000);
    const listener = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: true });
    await listener.initializing;
    const updates: Obj[] = [];
    try {
      listener.eventHub.subscribe('topic=ftrack.update', (event) => {
        updates.push(event.data as Obj);
      });
      await waitFor(() => listener.eventHub.isConnected());
      const job = server.store.create('Job', { type: 'api_job', status: 'queued' });
      // The hub may still be registering the subscription: retry a no-op-free status cycle until seen.
      let status: 'running' | 'queued' = 'running';
      await waitFor(() => {
        if (updates.some((u) => (u.entities as Obj[]).some((e) => e.entityType === 'job' && e.action === 'update' && (e.changes as Obj).status))) return true;
        server.store.update('Job', String(job.id), { status });
        status = status === 'running' ? 'queued' : 'running';
        return false;
      });
      const entity = updates.flatMap((u) => u.entities as Obj[]).find((e) => e.entityType === 'job' && e.action === 'update' && (e.changes as Obj).status)!;
      assert.equal(entity.entity_type, 'Job');
      assert.equal(entity.entityId, job.id);
      assert.equal(entity.action, 'update');
      assert.deepEqual(Object.keys((entity.changes as Obj).status as Obj).sort(), ['new', 'old']);
      // A status change made through the API carries the request's user and the real column name too.
      await session.update('Task', [DEMO_IDS.task], { status_id: DEMO_IDS.statusInProgress });
      await waitFor(() => updates.some((u) => (u.entities as Obj[]).some((e) => e.entityType === 'task' && (e.changes as Obj).statusid)));
      const update = updates.find((u) => (u.entities as Obj[]).some((e) => e.entityType === 'task' && (e.changes as Obj).statusid))!;
      const task = (update.entities as Obj[]).find((e) => e.entityType === 'task')!;
      assert.deepEqual((task.changes as Obj).statusid, { old: DEMO_IDS.statusNotStarted, new: DEMO_IDS.statusInProgress });
      assert.equal(task.objectTypeId, '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c');
      assert.equal(task.parentId, DEMO_IDS.shot);
      assert.deepEqual(
        (task.parents as Obj[]).map((p) => `${String(p.entityType)}:${String(p.entity_type)}:${String(p.entityId)}`),
        [`task:Task:${DEMO_IDS.task}`, `task:Shot:${DEMO_IDS.shot}`, `task:Sequence:${DEMO_IDS.sequence}`, `show:Project:${DEMO_IDS.project}`],
      );
      assert.ok((update.parents as string[]).includes(DEMO_IDS.project));
      assert.equal((update.user as Obj).userid, server.users.list()[0]!.id);
    } finally {
      listener.eventHub.disconnect?.();
    }
  });
});
