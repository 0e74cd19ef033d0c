import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_DIR } from '../../src/internal/paths.js';
import { captureLogger } from '../../src/logger.js';
import {
  InvalidCredentialsError,
  MalformedResponseError,
  ServerCompatibilityError,
  ServerUnreachableError,
  Session,
  SessionClosedError,
  SessionTimeoutError,
  type FetchLike,
} from '../../src/session/index.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

/** A tiny HTTP server on 127.0.0.1:0 answering every request with `handler`. */
async function tinyServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const KEY = 'WRONG-KEY-6d2f9a';

describe('session bad input (stand-in and tiny servers)', function () {
  this.timeout(60_000);
  let standin: StandinServer;
  const servers: Server[] = [];
  const sessions: Session[] = [];

  before(async () => {
    standin = await startStandin();
  });
  after(async () => {
    await standin.close();
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  const good = () => ({ serverUrl: standin.url, apiUser: standin.apiUser, apiKey: standin.apiKey, schemaCachePath: false as const });
  const stillUp = async (): Promise<void> => {
    const session = await Session.create(good());
    sessions.push(session);
    assert.ok(await session.query('User').first());
  };

  it('session errors - a wrong key is InvalidCredentialsError; the key is in no log line nor message', async () => {
    const logger = captureLogger();
    logger.level = 'trace';
    const error = await Session.create({ ...good(), apiKey: KEY, logger }).catch((e: unknown) => e as InvalidCredentialsError);
    assert.ok(error instanceof InvalidCredentialsError);
    assert.equal(error.code, 'FTRACK_ERR_INVALID_CREDENTIALS');
    assert.equal(error.exception, 'InvalidCredentialsError');
    assert.ok(!error.message.includes(KEY));
    assert.ok(!String(error.stack).includes(KEY));
    assert.ok(!JSON.stringify(logger.lines).includes(KEY));
    await stillUp();
  });

  it('session errors - with strictApi the error status comes back and still maps to a typed error', async () => {
    const error = await Session.create({ ...good(), apiKey: KEY, strictApi: true }).catch((e: unknown) => e as InvalidCredentialsError);
    assert.ok(error instanceof InvalidCredentialsError);
    assert.ok(!error.message.includes(KEY));
  });

  it('session errors - an unreachable server fails at the first attempt, naming the URL', async () => {
    const { url, server } = await tinyServer(() => undefined);
    await new Promise((r) => server.close(r));
    let attempts = 0;
    const fetch: FetchLike = (input, init) => {
      attempts++;
      return globalThis.fetch(input, init);
    };
    const error = await Session.create({ serverUrl: url, apiUser: 'u', apiKey: KEY, schemaCachePath: false, fetch }).catch((e: unknown) => e as Error);
    assert.ok(error instanceof ServerUnreachableError);
    assert.equal(error.code, 'FTRACK_ERR_SERVER_UNREACHABLE');
    assert.ok(error.message.includes(url));
    assert.ok(!error.message.includes(KEY));
    assert.equal(attempts, 1);
  });

  it('session errors - a server answering 500 with HTML is MalformedResponseError (status 500)', async () => {
    const { url, server } = await tinyServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
    });
    servers.push(server);
    const error = await Session.create({ serverUrl: url, apiUser: 'u', apiKey: KEY, schemaCachePath: false }).catch((e: unknown) => e as MalformedResponseError);
    assert.ok(error instanceof MalformedResponseError);
    assert.equal(error.status, 500);
    assert.match(error.message, /not JSON/);
  });

  it('session errors - a 200 answer that is not JSON is MalformedResponseError', async () => {
    const { url, server } = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello, I am not ftrack');
    });
    servers.push(server);
    await assert.rejects(Session.create({ serverUrl: url, apiUser: 'u', apiKey: KEY, schemaCachePath: false }), (e: MalformedResponseError) => {
      assert.equal(e.code, 'FTRACK_ERR_MALFORMED_RESPONSE');
      assert.match(e.message, /hello, I am not ftrack/);
      return true;
    });
  });

  it('session errors - a server that never answers is FTRACK_ERR_TIMEOUT after the timeout option', async () => {
    const { url, server } = await tinyServer(() => undefined);
    servers.push(server);
    await assert.rejects(Session.create({ serverUrl: url, apiUser: 'u', apiKey: KEY, schemaCachePath: false, timeout: 0.3, maxRetries: 0 }), (e: SessionTimeoutError) => {
      assert.ok(e instanceof SessionTimeoutError);
      assert.equal(e.code, 'FTRACK_ERR_TIMEOUT');
      assert.match(e.message, /timeout/);
      return true;
    });
  });

  it('session errors - a server older than 3.3.11 is ServerCompatibilityError', async () => {
    const { url, server } = await tinyServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        const ops = JSON.parse(body) as { action: string }[];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ops.map((op) => (op.action === 'query_server_information' ? { version: '3.2.1' } : []))));
      });
    });
    servers.push(server);
    await assert.rejects(Session.create({ serverUrl: url, apiUser: 'u', apiKey: KEY, schemaCachePath: false }), (e: ServerCompatibilityError) => {
      assert.ok(e instanceof ServerCompatibilityError);
      assert.equal(e.serverVersion, '3.2.1');
      return true;
    });
  });

  it('session errors - an action the server does not know is ServerCompatibilityError with its version', async () => {
    const session = await Session.create(good());
    sessions.push(session);
    await assert.rejects(session.call([{ action: 'no_such_action' }]), (e: ServerCompatibilityError) => {
      assert.ok(e instanceof ServerCompatibilityError);
      assert.equal(e.serverVersion, session.serverInformation.version);
      assert.match(e.message, /no_such_action/);
      return true;
    });
  });

  it('session errors - a plugin path that does not exist is logged; the session starts', async () => {
    const logger = captureLogger();
    const missing = resolve('test', 'fixtures', 'session', 'plugins', 'does-not-exist');
    const session = await Session.create({ ...good(), pluginPaths: [missing], logger });
    sessions.push(session);
    assert.ok(logger.lines.some((l) => l.level === 'warn' && String(l.msg).includes(missing)));
    assert.ok(await session.query('User').first());
  });

  it('session errors - a plugin whose register throws is logged with its path; the others load', async () => {
    const logger = captureLogger();
    const plugins = join('test', 'fixtures', 'session', 'plugins');
    const session = await Session.create({ ...good(), pluginPaths: [join(plugins, 'throws'), join(plugins, 'ok')], logger });
    sessions.push(session);
    const failed = session.pluginReport!.plugins.find((p) => p.name === 'session-throws')!;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'FTRACK_ERR_PLUGIN_REGISTER');
    assert.ok(logger.lines.some((l) => l.level === 'error' && JSON.stringify(l).includes(join('plugins', 'throws'))));
    assert.equal(session.pluginReport!.plugins.find((p) => p.name === 'session-ok')!.status, 'loaded');
    assert.equal((session as unknown as { fixtureReady?: boolean }).fixtureReady, true);
  });

  it('session errors - autoConnectEventHub against a server without a hub: warned, the session still works', async () => {
    const info = JSON.parse(readFileSync(join(DATA_DIR, 'query_server_information.json'), 'utf8')) as unknown;
    const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as unknown;
    const { url, server } = await tinyServer((req, res) => {
      if (req.url !== '/api') {
        res.writeHead(404);
        res.end('no hub here');
        return;
      }
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        const ops = JSON.parse(body) as { action: string }[];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ops.map((op) => (op.action === 'query_server_information' ? info : op.action === 'query_schemas' ? schemas : { action: 'query', data: [], metadata: { next: { offset: null } } }))));
      });
    });
    servers.push(server);
    const logger = captureLogger();
    // timeout (seconds, per API request): a stalled request fails with SessionTimeoutError, not a bare mocha timeout
    const session = await Session.create({ serverUrl: url, apiUser: 'u', apiKey: KEY, schemaCachePath: false, autoConnectEventHub: true, timeout: 10, logger });
    sessions.push(session);
    assert.equal(session.eventHub.isConnected(), false);
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /event hub did not connect/.test(String(l.msg))));
    assert.deepEqual(await session.query('User').all(), []);
    assert.ok(!JSON.stringify(logger.lines).includes(KEY));
  });

  it('session errors - calls after close() fail with SessionClosedError', async () => {
    const session = await Session.create(good());
    await session.close();
    await assert.rejects(session.query('User').first(), SessionClosedError);
    await session.close();
  });
});
