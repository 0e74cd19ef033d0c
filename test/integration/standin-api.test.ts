import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, startStandin, type StandinServer } from '../helpers/standin.js';
import { DEMO_IDS } from '../../src/standin/seed.js';
import { LOCATION_IDS } from '../../src/standin/context.js';

type Obj = Record<string, unknown>;

describe('standin api - HTTP', () => {
  let server: StandinServer;
  beforeEach(async () => {
    server = await startStandin();
  });
  afterEach(async () => {
    await server.close();
  });

  const taskCount = async (): Promise<number> => {
    const { body } = await callApi(server, [{ action: 'query', expression: 'select id from Task' }]);
    return ((body as Obj[])[0]!.data as unknown[]).length;
  };

  it('answers query_server_information and query_schemas with the shapes of protocol 1.6', async () => {
    const { status, body } = await callApi(server, [{ action: 'query_server_information' }, { action: 'query_schemas' }, { action: 'query_server_information', values: ['version'] }]);
    assert.equal(status, 200);
    const [info, schemas, selected] = body as [Obj, Obj[], Obj];
    assert.equal(info.schema_hash, '23a1157b8b1730fd91c76f63dcd67a8f');
    assert.match(String(info.version), /^\d+\.\d+\.\d+$/);
    assert.deepEqual(info.storage_scenario, { scenario: 'ftrack.automatic', data: {} });
    assert.equal(info.is_timezone_support_enabled, true);
    assert.equal(schemas.length, 116);
    assert.deepEqual(Object.keys(selected), ['version']);
  });

  it('serves the seeded locations, users and demo project', async () => {
    const { body } = await callApi(server, [
      { action: 'query', expression: 'select id, name from Location where name is "ftrack.server" limit 2' },
      { action: 'query', expression: `select id from User where username is "${server.apiUser}" and is_active is True` },
      { action: 'query', expression: `select name, parent.name, parent.parent.name, project.full_name from Task where id is ${DEMO_IDS.task}` },
      { action: 'query', expression: `select name, file_type, version.asset.name, component_locations.location_id from FileComponent where id is "${DEMO_IDS.component}"` },
    ]);
    const [locations, users, tasks, components] = body as { data: Obj[] }[];
    assert.deepEqual(locations!.data, [{ __entity_type__: 'Location', id: LOCATION_IDS.server, name: 'ftrack.server' }]);
    assert.equal(users!.data.length, 1);
    const task = tasks!.data[0]!;
    assert.equal(task.name, 'compositing');
    assert.equal(((task.parent as Obj).parent as Obj).name, 'sq010');
    assert.equal((task.project as Obj).full_name, 'Demo Project');
    const component = components!.data[0]!;
    assert.equal(component.file_type, '.mov');
    assert.equal(((component.version as Obj).asset as Obj).name, 'plate');
    assert.deepEqual((component.component_locations as Obj[]).map((c) => c.location_id), [LOCATION_IDS.server]);
  });

  it('serves computed url/thumbnail_url as signed links that download', async () => {
    await callApi(server, [{ action: 'update', entity_type: 'AssetVersion', entity_key: [DEMO_IDS.version], entity_data: { thumbnail_id: DEMO_IDS.component } }]);
    const { body } = await callApi(server, [
      { action: 'query', expression: `select url from ComponentLocation where id is ${DEMO_IDS.componentLocation}` },
      { action: 'query', expression: `select thumbnail_url from AssetVersion where id is ${DEMO_IDS.version}` },
      { action: 'query', expression: `select thumbnail_url from Task where id is ${DEMO_IDS.task}` },
    ]);
    const [locations, versions, tasks] = body as { data: Obj[] }[];
    const url = locations!.data[0]!.url as { url: string; value: string };
    assert.equal(url.url, url.value);
    assert.ok(url.value.startsWith(`${server.url}/component/get?id=${DEMO_IDS.component}&`));
    const thumb = versions!.data[0]!.thumbnail_url as { url: string };
    assert.ok(thumb.url.startsWith(`${server.url}/component/thumbnail?id=${DEMO_IDS.component}&`));
    assert.equal(tasks!.data[0]!.thumbnail_url, null);
    const download = await fetch(url.value);
    assert.equal(download.status, 200);
    assert.ok((await download.arrayBuffer()).byteLength > 1000);
  });

  it('creates, updates and deletes with {action, data} results; entity_key as string or list', async () => {
    const created = await callApi(server, [{ action: 'create', entity_type: 'Shot', entity_data: { __entity_type__: 'Shot', name: 'sh020', parent: { __entity_type__: 'Sequence', id: DEMO_IDS.sequence } } }]);
    const result = (created.body as Obj[])[0]!;
    assert.equal(result.action, 'create');
    const shot = result.data as Obj;
    assert.equal(shot.__entity_type__, 'Shot');
    assert.equal(shot.parent_id, DEMO_IDS.sequence);
    assert.equal(shot.project_id, DEMO_IDS.project);
    const withKey = await callApi(server, [{ action: 'create', entity_type: 'Location', entity_key: ['f3a4e0c2-0000-4000-8000-000000000001'], entity_data: { __entity_type__: 'Location', name: 'studio.disk' } }]);
    assert.equal(((withKey.body as Obj[])[0]!.data as Obj).id, 'f3a4e0c2-0000-4000-8000-000000000001');
    const updated = await callApi(server, [
      { action: 'update', entity_type: 'Shot', entity_key: [shot.id], entity_data: { __entity_type__: 'Shot', name: 'sh030' } },
      { action: 'update', entity_type: 'Shot', entity_key: shot.id, entity_data: { description: 'string key' } },
    ]);
    const [u1, u2] = updated.body as Obj[];
    assert.equal(u1!.action, 'update');
    assert.equal((u1!.data as Obj).name, 'sh030');
    assert.equal((u2!.data as Obj).description, 'string key');
    const deleted = await callApi(server, [{ action: 'delete', entity_type: 'Shot', entity_key: [shot.id] }]);
    assert.deepEqual(deleted.body, [{ action: 'delete', data: true }]);
    const gone = await callApi(server, [{ action: 'query', expression: `Shot where id is "${String(shot.id)}"` }]);
    assert.deepEqual((gone.body as Obj[])[0]!.data, []);
  });

  it('answers the query strings the official clients emit (protocol 1.8)', async () => {
    const server_ = LOCATION_IDS.server;
    const c = DEMO_IDS.component;
    const expressions: [string, number][] = [
      ['select id from Location offset 0 limit 500', 5],
      ['select id from Location where name is "ftrack.server" limit 2', 1],
      [`select component_id, resource_identifier from ComponentLocation where location_id is ${server_} and component_id in (${c})`, 1],
      [`select id from ComponentLocation where component_id is ${c} and location_id is ${server_}`, 1],
      [`select id from AssetVersion where (id is "${DEMO_IDS.version}") offset 0 limit 500`, 1],
      [`select name from Task where id is ${DEMO_IDS.task}`, 1],
      [`select status.id from Task where id in (${DEMO_IDS.task},${DEMO_IDS.shot})`, 1],
      ['select key, project_id, id, object_type_id, entity_type, is_hierarchical from CustomAttributeConfiguration', 0],
      [`select id from User where username is "${server.apiUser}" and is_active is True`, 1],
      [`select id from User where username is "${server.apiUser}" and email is null`, 0],
      [`select _task_workflow.statuses.name, _task_workflow.statuses.color from ProjectSchema where id is ${DEMO_IDS.projectSchema}`, 1],
      [`Timelog where user_id = "${server.users.list()[0]!.id}"`, 0],
      [`select value from Metadata where (parent_id is "${c}"and key is "ftr_meta") or (parent_id is "${c}"and key is "other")`, 0],
      [`select component_locations.location_id from FileComponent where id in (${c}) offset 0 limit 500`, 1],
      ['select context_type, id, name from TypedContext where status.state.short is NOT_STARTED', 1],
      [`select version, asset.versions.version from AssetVersion where id is "${DEMO_IDS.version}" limit 1`, 1],
      [`select id from Task where project_id is "${DEMO_IDS.project}" and not timelogs any ()`, 1],
    ];
    const { body } = await callApi(server, expressions.map(([expression]) => ({ action: 'query', expression })));
    assert.ok(Array.isArray(body), JSON.stringify(body));
    (body as { data: unknown[] }[]).forEach((result, i) => assert.equal(result.data.length, expressions[i]![1], expressions[i]![0]));
  });

  it('pages query results with metadata.next.offset ending in null', async () => {
    const ops = Array.from({ length: 5 }, (_, i) => ({ action: 'create', entity_type: 'Task', entity_data: { name: `t${i}`, parent_id: DEMO_IDS.shot } }));
    await callApi(server, ops);
    const seen: unknown[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null && pages < 10) {
      const { body } = await callApi(server, [{ action: 'query', expression: `select name from Task where parent_id is ${DEMO_IDS.shot} order by name offset ${offset} limit 2` }]);
      const page = (body as { data: Obj[]; metadata: { next: { offset: number | null } } }[])[0]!;
      seen.push(...page.data.map((r) => r.name));
      offset = page.metadata.next.offset;
      pages++;
    }
    assert.deepEqual(seen, ['compositing', 't0', 't1', 't2', 't3', 't4']);
    assert.equal(pages, 3);
  });

  it('rejects a wrong key with InvalidCredentialsError and touches nothing', async () => {
    const before = await taskCount();
    const op = [{ action: 'create', entity_type: 'Task', entity_data: { name: 'intruder', parent_id: DEMO_IDS.shot } }];
    const wrong = await callApi(server, op, { 'ftrack-api-key': 'not-the-key' });
    assert.equal(wrong.status, 200);
    assert.equal((wrong.body as Obj).exception, 'InvalidCredentialsError');
    assert.equal((wrong.body as Obj).error_code, null);
    assert.ok(!String((wrong.body as Obj).content).includes(server.apiKey));
    const strict = await callApi(server, op, { 'ftrack-api-key': 'not-the-key', 'ftrack-strict-api': 'true' });
    assert.equal(strict.status, 401);
    const unknownUser = await callApi(server, op, { 'ftrack-user': 'nobody' });
    assert.equal((unknownUser.body as Obj).exception, 'InvalidCredentialsError');
    const response = await fetch(`${server.url}/api`, { method: 'POST', body: JSON.stringify(op) });
    assert.equal(((await response.json()) as Obj).exception, 'InvalidCredentialsError');
    assert.equal(await taskCount(), before);
  });

  it('runs a batch atomically: one failure rolls back everything and answers one error object', async () => {
    const before = await taskCount();
    const batch = [
      { action: 'create', entity_type: 'Task', entity_data: { name: 'first', parent_id: DEMO_IDS.shot } },
      { action: 'update', entity_type: 'Task', entity_key: ['00000000-0000-4000-8000-000000000000'], entity_data: { name: 'x' } },
    ];
    const { status, body } = await callApi(server, batch);
    assert.equal(status, 200);
    assert.equal(Array.isArray(body), false);
    assert.equal((body as Obj).exception, 'NoResultFoundError');
    assert.match(String((body as Obj).content), /does not exist/);
    assert.equal(await taskCount(), before);
    const strict = await callApi(server, batch, { 'ftrack-strict-api': 'true' });
    assert.equal(strict.status, 404);
    assert.equal(await taskCount(), before);
  });

  it('rejects references to missing entities with ValidationError naming attribute and id; the batch rolls back', async () => {
    const before = await taskCount();
    const batch = [
      { action: 'create', entity_type: 'Task', entity_data: { name: 'first', parent_id: DEMO_IDS.shot } },
      { action: 'create', entity_type: 'Task', entity_data: { name: 'orphan', parent_id: 'nonexistent' } },
    ];
    const { status, body } = await callApi(server, batch, { 'ftrack-strict-api': 'true' });
    assert.equal(status, 400);
    assert.equal((body as Obj).exception, 'ValidationError');
    assert.match(String((body as Obj).content), /parent_id .*nonexistent/);
    assert.equal(await taskCount(), before);
    const update = await callApi(server, [{ action: 'update', entity_type: 'Task', entity_key: [DEMO_IDS.task], entity_data: { status_id: 'no-such-status' } }]);
    assert.equal((update.body as Obj).exception, 'ValidationError');
    assert.match(String((update.body as Obj).content), /status_id .*no-such-status/);
    // The clients' own order works: a component, then its location and metadata, in one batch.
    const componentId = '5e1f0000-0000-4000-8000-00000000abcd';
    const ok = await callApi(server, [
      { action: 'create', entity_type: 'FileComponent', entity_data: { id: componentId, name: 'main', file_type: '.bin', size: 3 } },
      { action: 'create', entity_type: 'ComponentLocation', entity_data: { component_id: componentId, location_id: LOCATION_IDS.server, resource_identifier: componentId } },
      { action: 'create', entity_type: 'Metadata', entity_data: { parent_id: componentId, parent_type: 'FileComponent', key: 'k', value: 'v' } },
    ]);
    assert.equal(ok.status, 200);
    assert.ok(Array.isArray(ok.body), JSON.stringify(ok.body));
  });

  it('answers validation, query and unknown-action errors as {exception, content, error_code}', async () => {
    const cases: [unknown, string, number, RegExp][] = [
      [[{ action: 'create', entity_type: 'User', entity_data: { first_name: 'x' } }], 'ValidationError', 400, /username is required for User/],
      [[{ action: 'query', expression: 'select name from Task where name is "open' }], 'QueryError', 400, /position/],
      [[{ action: 'query', expression: 'select nope from Task' }], 'QueryError', 400, /no attribute "nope"/],
      [[{ action: 'no_such_action' }], 'ServerError', 400, /Invalid action u'no_such_action'/],
      ['this is not json', 'ValidationError', 400, /not valid JSON/],
      [{ action: 'query' }, 'ValidationError', 400, /JSON array/],
      [[42], 'ValidationError', 400, /not an object/],
      [[{ action: 'delete', entity_type: 'Task' }], 'ValidationError', 400, /entity_key/],
      [[{ action: 'reset_remote', reset_type: 'email', entity_type: 'User', entity_key: 'x' }], 'ValidationError', 400, /only "api_key"/],
    ];
    for (const [ops, exception, strictStatus, content] of cases) {
      const lax = await callApi(server, ops);
      assert.equal(lax.status, 200, JSON.stringify(ops));
      assert.equal((lax.body as Obj).exception, exception, JSON.stringify(lax.body));
      assert.match(String((lax.body as Obj).content), content);
      assert.ok('error_code' in (lax.body as Obj));
      const strict = await callApi(server, ops, { 'ftrack-strict-api': 'true' });
      assert.equal(strict.status, strictStatus, JSON.stringify(ops));
    }
    const huge = Array.from({ length: 3000 }, (_, i) => `name is "n${i}"`).join(' or ');
    const tooComplex = await callApi(server, [{ action: 'query', expression: `select id from Task where ${huge}` }], { 'ftrack-strict-api': 'true' });
    assert.equal(tooComplex.status, 400);
    assert.equal((tooComplex.body as Obj).exception, 'QueryError');
    const zero = await callApi(server, [{ action: 'query', expression: 'select id from Task limit 0' }]);
    assert.deepEqual((zero.body as Obj[])[0], { action: 'query', data: [], metadata: { next: { offset: null } } });
    // The server is still up and unharmed.
    assert.equal(await taskCount(), 1);
  });

  it('answers arbitrary JSON bodies with results or one error envelope, and stays up', async () => {
    const fc = (await import('fast-check')).default;
    const op = fc.record(
      {
        action: fc.constantFrom('query', 'create', 'update', 'delete', 'query_server_information', 'search', 'reset_remote', 'nope'),
        expression: fc.oneof(fc.string(), fc.constant('select name from Task')),
        entity_type: fc.constantFrom('Task', 'User', 'Location', 'Nope', 42),
        entity_key: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.integer()),
        entity_data: fc.oneof(fc.dictionary(fc.constantFrom('name', 'parent_id', 'bid', 'start_date', 'is_active', 'x'), fc.jsonValue()), fc.jsonValue()),
      },
      { requiredKeys: ['action'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(op, { maxLength: 3 }), fc.jsonValue()), async (body) => {
        const { status, body: answer } = await callApi(server, body);
        assert.equal(status, 200);
        assert.ok(Array.isArray(answer) || (typeof (answer as Obj).exception === 'string' && typeof (answer as Obj).content === 'string'), JSON.stringify(answer));
        if (!Array.isArray(answer)) assert.notEqual((answer as Obj).content, 'Internal error of the stand-in server; see its log for details.', JSON.stringify(body));
      }),
      { numRuns: 150 },
    );
    const info = await callApi(server, [{ action: 'query_server_information' }]);
    assert.equal(info.status, 200);
  });

  it('limits the body size (413 in strict mode) and refuses GET', async () => {
    await server.close();
    server = await startStandin({ maxBodyBytes: 1024 });
    const big = [{ action: 'query', expression: `select id from Task where name is "${'x'.repeat(4096)}"` }];
    const lax = await callApi(server, big);
    assert.equal((lax.body as Obj).exception, 'ValidationError');
    assert.match(String((lax.body as Obj).content), /larger than 1024 bytes/);
    const strict = await callApi(server, big, { 'ftrack-strict-api': 'true' });
    assert.equal(strict.status, 413);
    const get = await fetch(`${server.url}/api`, { headers: { 'ftrack-strict-api': 'true' } });
    assert.equal(get.status, 405);
    assert.equal(await taskCount(), 1);
  });

  it('survives a client that disconnects in the middle of a body', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${server.url}/api`);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: '/api', method: 'POST', headers: { 'content-length': '100000', 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey } });
      req.on('error', () => resolve());
      req.write('[{"action": "create", "entity_type": "Task", "entity_data": {"name": "half', () => {
        req.destroy();
        resolve();
      });
    });
    assert.equal(await taskCount(), 1);
  });

  it('answers CORS preflights and echoes the Origin', async () => {
    const preflight = await fetch(`${server.url}/api`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'ftrack-user, ftrack-api-key, x-custom' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    const allowed = preflight.headers.get('access-control-allow-headers') ?? '';
    for (const h of ['ftrack-user', 'ftrack-api-key', 'ftrack-pushtoken', 'ftrack-clienttoken', 'x-custom']) assert.ok(allowed.includes(h), h);
    assert.equal(preflight.headers.get('access-control-expose-headers'), 'ETag');
    const strictQuery = await callApi(server, [{ action: 'query', expression: `select name from Task where id is ${DEMO_IDS.task}` }], { 'ftrack-api-options': 'strict:1;denormalize=1' });
    assert.deepEqual(((strictQuery.body as Obj[])[0]!.data as Obj[])[0], { __entity_type__: 'Task', id: DEMO_IDS.task, name: 'compositing' });
    const laxQuery = await callApi(server, [{ action: 'query', expression: `select name from Task where id is ${DEMO_IDS.task}` }]);
    assert.equal(((laxQuery.body as Obj[])[0]!.data as Obj[])[0]!.context_type, 'task');
    const post = await callApi(server, [], { origin: 'http://localhost:5173', 'ftrack-pushtoken': 'undefined', 'ftrack-api-options': 'strict:1;denormalize=1' });
    assert.deepEqual(post.body, []);
    assert.equal(post.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  });

  it('answers reset_remote, get_widget_url, invites and delayed_job', async () => {
    const user = server.users.list()[0]!;
    const { body } = await callApi(server, [
      { action: 'get_widget_url', name: 'info', theme: null, entity_type: 'Task', entity_key: [DEMO_IDS.task] },
      { action: 'send_user_invite', user_id: user.id },
      { action: 'send_review_session_invite', review_session_invitee_id: 'abc' },
      { action: 'delayed_job', job_type: 'SYNC_USERS_LDAP' },
    ]);
    const [widget, invite, reviewInvite, delayed] = body as Obj[];
    assert.ok(String(widget!.widget_url).startsWith(`${server.url}/?`));
    assert.deepEqual(invite, { sent: true });
    assert.deepEqual(reviewInvite, { sent: true });
    assert.equal(delayed!.action, 'delayed_job');
    assert.equal((delayed!.data as Obj).status, 'done');
    assert.equal(((delayed!.data as Obj).finished_at as Obj).__type__, 'datetime');
    const reset1 = await callApi(server, [{ action: 'reset_remote', reset_type: 'api_key', entity_type: 'User', entity_key: user.id }]);
    const key1 = ((reset1.body as Obj[])[0]!).data as string;
    const reset2 = await callApi({ ...server, apiKey: key1 }, [{ action: 'reset_remote', reset_type: 'api_key', entity_type: 'User', entity_key: user.id }]);
    const key2 = ((reset2.body as Obj[])[0]!).data as string;
    assert.notEqual(key1, key2);
    const old = await callApi(server, [{ action: 'query_server_information' }]);
    assert.equal((old.body as Obj).exception, 'InvalidCredentialsError');
    const fresh = await callApi({ ...server, apiKey: key2 }, [{ action: 'query_server_information' }]);
    assert.equal(fresh.status, 200);
    // A User created through the API gets API access from reset_remote.
    const admin = { ...server, apiKey: key2 };
    const created = await callApi(admin, [{ action: 'create', entity_type: 'User', entity_data: { username: 'newcomer' } }]);
    const newcomerId = ((created.body as Obj[])[0]!.data as Obj).id;
    const reset = await callApi(admin, [{ action: 'reset_remote', reset_type: 'api_key', entity_type: 'User', entity_key: newcomerId }]);
    const newcomerKey = ((reset.body as Obj[])[0]!).data as string;
    const asNewcomer = await callApi({ url: server.url, apiUser: 'newcomer', apiKey: newcomerKey }, [{ action: 'query', expression: 'select username from User where username is "newcomer"' }]);
    assert.equal(((asNewcomer.body as Obj[])[0]!.data as Obj[]).length, 1);
    const missing = await callApi(admin, [{ action: 'reset_remote', reset_type: 'api_key', entity_type: 'User', entity_key: '00000000-0000-4000-8000-00000000dead' }]);
    assert.equal((missing.body as Obj).exception, 'ValidationError');
  });
});

describe('standin api - actions registered by other parts', () => {
  let server: StandinServer;
  beforeEach(async () => {
    server = await startStandin();
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs registered actions in the request transaction and afterCommit work after commit', async () => {
    const order: string[] = [];
    server.context.registerAction('test_make_job', (op, call) => {
      const job = call.context.store.create('Job', { type: 'api_job', data: JSON.stringify({ description: String(op.label) }) }, call.user);
      call.afterCommit(() => order.push(`after:${String(job.id)}`));
      order.push('handler');
      return { job_id: job.id };
    });
    server.context.registerAction('test_fail', () => {
      throw new Error('boom with internal details');
    });
    server.context.registerAction('test_async', async () => ({}));
    assert.throws(() => server.context.registerAction('query', () => ({})), /already registered/);

    const ok = await callApi(server, [{ action: 'test_make_job', label: 'x' }]);
    const jobId = ((ok.body as Obj[])[0]!).job_id as string;
    assert.deepEqual(order, ['handler', `after:${jobId}`]);
    assert.ok(server.store.get('Job', jobId));

    const failed = await callApi(server, [{ action: 'test_make_job', label: 'rolled back' }, { action: 'test_fail' }], { 'ftrack-strict-api': 'true' });
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.body, { exception: 'ServerError', content: 'Internal error of the stand-in server; see its log for details.', error_code: null });
    assert.equal(order.length, 3, 'afterCommit work of a rolled-back batch never runs');
    const jobs = await callApi(server, [{ action: 'query', expression: 'select data from Job' }]);
    assert.equal(((jobs.body as Obj[])[0]!.data as Obj[]).length, 1);

    const asyncAnswer = await callApi(server, [{ action: 'test_async' }]);
    assert.match(String((asyncAnswer.body as Obj).content), /must be synchronous/);
  });

  it('answers search with the query rows that contain every term', async () => {
    const { body } = await callApi(server, [
      { action: 'search', expression: 'select name from TypedContext', terms: ['SH0'] },
      { action: 'search', entity_type: 'Task', terms: ['comp', 'nothing-matches'] },
      { action: 'search', expression: 'select name, project_id from TypedContext', terms: [], context_id: DEMO_IDS.project },
      { action: 'search', expression: 'select name, object_type_id from TypedContext', terms: [], object_type_ids: ['bad911de-3bd6-47b9-8b46-3476e237cb36'] },
    ]);
    const [shots, none, inProject, byObjectType] = body as { action: string; data: Obj[]; metadata: Obj }[];
    assert.deepEqual(byObjectType!.data.map((r) => r.name), ['sh010']);
    assert.equal(shots!.action, 'search');
    assert.deepEqual(shots!.data.map((r) => r.name), ['sh010']);
    assert.deepEqual(shots!.metadata, { next: { offset: null } });
    assert.deepEqual(none!.data, []);
    assert.deepEqual(inProject!.data.map((r) => r.name), ['sq010', 'sh010', 'compositing']);
  });
});

describe('standin api - persistence', () => {
  it('keeps entities, users and keys across a restart with the same data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'standin-persist-'));
    try {
      const first = await startStandin({ dataDir });
      const created = await callApi(first, [{ action: 'create', entity_type: 'Location', entity_data: { name: 'persisted.location' } }]);
      const id = ((created.body as Obj[])[0]!.data as Obj).id;
      const { apiUser, apiKey } = first;
      await first.close();
      await first.close();
      const second = await startStandin({ dataDir });
      try {
        assert.equal(second.apiUser, apiUser);
        assert.equal(second.apiKey, apiKey);
        const { body } = await callApi(second, [{ action: 'query', expression: `select name from Location where id is ${String(id)}` }, { action: 'query', expression: 'select id from Project' }]);
        const [locations, projects] = body as { data: Obj[] }[];
        assert.equal(locations!.data[0]!.name, 'persisted.location');
        assert.equal(projects!.data.length, 1, 'seeding is idempotent');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('uses a temporary data dir when none is given and removes it on close', async () => {
    const { existsSync } = await import('node:fs');
    const server = await startStandin();
    const dir = server.context.dataDir;
    assert.ok(existsSync(join(dir, 'ftrack.sqlite')));
    assert.ok(existsSync(join(server.context.mediaDir, DEMO_IDS.component)), 'the demo clip is in the media dir');
    await server.close();
    assert.equal(existsSync(dir), false);
  });

  it('rejects a start on a busy port with EADDRINUSE and leaves the running server alone', async () => {
    const first = await startStandin();
    try {
      const port = Number(new URL(first.url).port);
      await assert.rejects(startStandin({ port }), (error: unknown) => (error as { code?: string }).code === 'EADDRINUSE');
      const { status } = await callApi(first, [{ action: 'query_server_information' }]);
      assert.equal(status, 200);
    } finally {
      await first.close();
    }
  });

  it('lets the users option override or add users; the first one is apiUser', async () => {
    const server = await startStandin({ users: [{ username: 'pipeline', apiKey: 'pipeline-key', roles: ['Administrator'] }] });
    try {
      assert.equal(server.apiUser, 'pipeline');
      assert.equal(server.apiKey, 'pipeline-key');
      const { body } = await callApi(server, [{ action: 'query', expression: 'select username from User order by username' }]);
      assert.deepEqual(((body as Obj[])[0]!.data as Obj[]).map((u) => u.username), ['artist', 'demo', 'pipeline']);
    } finally {
      await server.close();
    }
  });
});
