import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { pino } from 'pino';
import { Event } from '../../../src/event/index.js';
import { Session, SessionNotStartedError } from '../../../src/session/index.js';
import { fakeServer } from './fake-server.js';

const KEY = 'SECRET-KEY-1234';

/** A pino logger (no redaction configured) writing into memory. */
function memoryLogger(): { logger: ReturnType<typeof pino>; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), text: () => chunks.join('') };
}

describe('session secrets - the API key never shows', () => {
  const sessions: Session[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
  });
  const start = async (): Promise<Session> => {
    const session = await Session.create(fakeServer().options);
    sessions.push(session);
    return session;
  };

  it('session secrets - inspect and JSON of a session show server and user only', async () => {
    const session = await start();
    for (const text of [inspect(session), inspect(session, { depth: 10, showHidden: true }), JSON.stringify(session), JSON.stringify(session.options), inspect(session.options)]) {
      assert.ok(!text.includes(KEY), `key leaked in ${text}`);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(session)), { serverUrl: 'http://ftrack.test', apiUser: 'jane' });
    assert.match(inspect(session), /http:\/\/ftrack\.test.*jane/);
    assert.equal('apiKey' in session.options, false);
    // The key still reaches the server.
    assert.equal(session.auth.headers()['ftrack-api-key'], KEY);
  });

  it('session secrets - a pino log of an event holding the session has no key', async () => {
    const session = await start();
    const { logger, text } = memoryLogger();
    const event = new Event('ftrack.api.session.ready', { session });
    logger.info({ event: { data: { session } } }, 'ready');
    logger.info({ event }, 'ready event');
    logger.info({ session, options: session.options, auth: session.auth }, 'session');
    logger.flush();
    assert.ok(text().includes('ftrack.test'), 'the log has the server URL');
    assert.ok(!text().includes(KEY), 'no key in the log');
  });

  it('session secrets - inspect and JSON of the session event hub have no key', async () => {
    const session = await start();
    const hub = session.eventHub;
    for (const text of [inspect(hub), inspect(hub, { depth: 10, showHidden: true }), JSON.stringify(hub)]) {
      assert.ok(!text.includes(KEY), `key leaked in ${text}`);
    }
    const { logger, text } = memoryLogger();
    logger.info({ hub }, 'hub');
    logger.flush();
    assert.ok(!text().includes(KEY));
  });
});

describe('session not started', () => {
  it('session not started - a bare new Session() throws SessionNotStartedError from methods needing start', async () => {
    const { options, requests } = fakeServer();
    const session = new Session(options);
    assert.equal(session.started, false);
    const isNotStarted = (e: unknown): boolean => {
      assert.ok(e instanceof SessionNotStartedError);
      assert.equal(e.code, 'FTRACK_ERR_SESSION_NOT_STARTED');
      assert.match(e.message, /await Session\.create\(options\)/);
      return true;
    };
    assert.throws(() => session.schemas, isNotStarted);
    assert.throws(() => session.create('Task', { name: 'x' }), isNotStarted);
    assert.throws(() => session.query('Task'), isNotStarted);
    assert.throws(() => session.decode({ __entity_type__: 'Task', id: 'x' }), isNotStarted);
    await assert.rejects(session.get('Task', 'x'), isNotStarted);
    await assert.rejects(session.call([{ action: 'query', expression: 'select id from Task' }]), isNotStarted);
    await assert.rejects(session.query('select id from Task').first(), isNotStarted);
    assert.equal(requests.length, 0, 'nothing was sent');
    await session.close();
    const started = await Session.create(options);
    assert.equal(started.started, true);
    await started.close();
  });
});
