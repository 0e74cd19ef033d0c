import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogger } from '../../src/logger.js';
import {
  Entity,
  FileCache,
  MultipleResultsFoundError,
  NOT_SET,
  NoResultFoundError,
  SerialisedCache,
  ServerValidationError,
  Session,
  type FetchLike,
  type SessionOptions,
} from '../../src/session/index.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

/** Counts the actions that reach the server. */
function countingFetch(): { fetch: FetchLike; actions: string[]; requests: () => number } {
  const actions: string[] = [];
  let requests = 0;
  const fetch: FetchLike = (input, init) => {
    if (String(input).endsWith('/api')) {
      requests++;
      for (const op of JSON.parse(String(init?.body)) as { action: string }[]) actions.push(op.action);
    }
    return globalThis.fetch(input, init);
  };
  return { fetch, actions, requests: () => requests };
}

describe('session (stand-in)', function () {
  this.timeout(60_000);
  let server: StandinServer;
  let dir: string;
  const sessions: Session[] = [];
  const open = async (options: SessionOptions = {}): Promise<Session> => {
    const session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false, ...options });
    sessions.push(session);
    return session;
  };

  before(async () => {
    server = await startStandin();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'session-int-'));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('session start - reads options from FTRACK_* variables through env', async () => {
    const session = await open({ serverUrl: undefined, apiUser: undefined, apiKey: undefined, env: { FTRACK_SERVER: server.url, FTRACK_API_USER: server.apiUser, FTRACK_API_KEY: server.apiKey } });
    assert.equal(session.serverUrl, server.url);
    assert.ok(session.schemas.has('FileComponent'));
  });

  it('session start - the schema cache file, keyed by the server schema_hash, skips query_schemas', async () => {
    const cold = countingFetch();
    await (await open({ schemaCachePath: dir, fetch: cold.fetch })).close();
    assert.ok(cold.actions.includes('query_schemas'));
    const warm = countingFetch();
    const session = await open({ schemaCachePath: dir, fetch: warm.fetch });
    assert.deepEqual(warm.actions, ['query_server_information']);
    assert.equal(session.schemasFromCache, true);
  });

  it('session start - loads plugins with the session and arguments, then publishes ftrack.api.session.ready locally', async () => {
    const logger = captureLogger();
    const session = await open({
      pluginPaths: [join('test', 'fixtures', 'session', 'plugins', 'ok')],
      pluginArguments: { greeting: 'hi' },
      logger,
    });
    const seen = (session as unknown as { fixtureSeen: { args: unknown; serverUrl: string } }).fixtureSeen;
    assert.deepEqual(seen.args, { greeting: 'hi' });
    assert.equal(seen.serverUrl, server.url);
    assert.equal((session as unknown as { fixtureReady?: boolean }).fixtureReady, true);
    assert.equal(session.pluginReport?.plugins[0]?.status, 'loaded');
    assert.ok(logger.lines.some((l) => l.bindings.name === 'plugin' && l.bindings.plugin === 'session-ok'), 'plugin child logger');
  });

  it('session entities - create, commit, get, update, delete', async () => {
    const session = await open();
    const project = (await session.query('Project').first())!;
    const user = session.create('User', { username: `u-${Date.now()}`, first_name: 'Ada' });
    await session.commit();
    const fresh = await open();
    const fetched = (await fresh.get('User', String(user.id)))!;
    assert.ok(fetched instanceof Entity);
    assert.equal(await fetched.get('first_name'), 'Ada');
    fetched.first_name = 'Grace';
    await fresh.commit();
    const third = await open();
    assert.equal(await (await third.get('User', String(user.id)))!.get('first_name'), 'Grace');
    third.delete((await third.get('User', String(user.id)))!);
    await third.commit();
    const fourth = await open();
    assert.equal(await fourth.get('User', String(user.id)), undefined);
    assert.ok(project.name);
  });

  it('session entities - a server validation error keeps the operations; rollback drops them', async () => {
    const session = await open();
    session.create('User', { first_name: 'no username' });
    await assert.rejects(session.commit(), (e: ServerValidationError) => {
      assert.ok(e instanceof ServerValidationError);
      assert.equal(e.code, 'FTRACK_ERR_SERVER_VALIDATION');
      assert.equal(e.exception, 'ValidationError');
      assert.match(String(e.content), /username/);
      return true;
    });
    assert.equal(session.recordedOperations.length, 1);
    session.rollback();
    assert.equal(session.recordedOperations.length, 0);
  });

  it('session query - pages with offset/limit until next.offset is null; first, one, all', async () => {
    const session = await open();
    const project = (await session.query('Project').first())!;
    const status = (await session.query('Status').first())!;
    const type = (await session.query('Type').first())!;
    const names = Array.from({ length: 7 }, (_, i) => `paging-${i}`);
    const parent = session.create('Folder', { name: `folder-${Date.now()}`, parent: project, project });
    for (const name of names) session.create('Task', { name, parent, project, status, type });
    await session.commit();
    const pages = countingFetch();
    const paged = await open({ fetch: pages.fetch });
    const tasks: Entity[] = [];
    for await (const task of paged.query(`select name from Task where parent_id is "${String(parent.id)}"`, { pageSize: 3 })) tasks.push(task);
    assert.deepEqual(tasks.map((t) => t.name).sort(), names);
    assert.equal(pages.actions.filter((a) => a === 'query').length, 3);
    assert.equal((await paged.query(`Task where parent_id is "${String(parent.id)}" and name is "paging-3"`).one()).name, 'paging-3');
    await assert.rejects(paged.query(`Task where parent_id is "${String(parent.id)}"`).one(), MultipleResultsFoundError);
    await assert.rejects(paged.query('Task where name is "no such task"').one(), NoResultFoundError);
    assert.equal((await paged.query(`Task where parent_id is "${String(parent.id)}" limit 2`).all()).length, 2);
  });

  it('session entities - ensure finds or creates; populate fetches for many entities in one query', async () => {
    const session = await open();
    const username = `ensure-${Date.now()}`;
    const created = await session.ensure('User', { username, first_name: 'One' }, ['username']);
    const again = await session.ensure('User', { username, first_name: 'Two' }, ['username']);
    assert.equal(again, created);
    const other = await open();
    const users = await other.query(`select id from User where username is "${username}"`).all();
    assert.equal(users.length, 1);
    assert.equal(users[0]!.first_name, undefined);
    await other.populate(users, 'first_name, username');
    assert.equal(users[0]!.first_name, 'Two');
  });

  it('session entities - auto-populate fetches a missing attribute; off returns NOT_SET', async () => {
    const session = await open({ autoPopulate: false });
    const user = (await session.query('select id from User').first())!;
    assert.equal(await user.get('username'), NOT_SET);
    assert.equal(await session.withAutoPopulating(true, () => user.get('username')), server.apiUser);
  });

  it('session entities - identity map: the same type and key give the same object', async () => {
    const session = await open();
    const [a] = await session.query('select username from User').all();
    const b = await session.get('User', String(a!.id));
    assert.equal(a, b);
  });

  it('session calls - 1,000 concurrent gets by id travel in at most a few requests', async () => {
    const seed = await open();
    const ids = (await seed.query('select id from Status').all()).map((s) => String(s.id));
    const counting = countingFetch();
    const session = await open({ fetch: counting.fetch });
    const before = counting.requests();
    const wanted = Array.from({ length: 1000 }, (_, i) => ids[i % ids.length]!);
    const results = await Promise.all(wanted.map((id) => session.get('Status', id)));
    assert.ok(results.every((r, i) => r && r.id === wanted[i]));
    assert.ok(counting.requests() - before <= 2, `requests: ${counting.requests() - before}`);
  });

  it('session caches - a FileCache layer answers get() in a new session without the server', async () => {
    const path = join(dir, 'entities.json');
    const first = await open({ cache: new SerialisedCache(new FileCache(path)) });
    const user = (await first.query('select id, username from User').first())!;
    await first.close();
    const counting = countingFetch();
    const second = await open({ cache: new SerialisedCache(new FileCache(path)), fetch: counting.fetch });
    const before = counting.requests();
    const cached = (await second.get('User', String(user.id)))!;
    assert.equal(cached.username, user.username);
    assert.equal(counting.requests(), before);
  });

  it('session calls - datetimes come back as Date; plain call() returns decoded entities', async () => {
    const session = await open();
    const [result] = (await session.call([{ action: 'query', expression: 'select id, created_at from Job limit 1' }])) as [{ data: Entity[] }];
    assert.ok(Array.isArray(result.data));
    const user = (await session.query('select id from User').first())!;
    const when = new Date('2024-05-01T09:30:00Z');
    const timer = session.create('Timelog', { user, start: when, duration: 60, name: 'x' });
    await session.commit();
    const check = await open();
    const log = (await check.query(`select start from Timelog where id is "${String(timer.id)}"`).first())!;
    assert.ok(log.start instanceof Date);
    assert.equal((log.start as Date).toISOString(), when.toISOString());
  });
});
