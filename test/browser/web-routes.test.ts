import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { captureLogger } from '../../src/logger.js';
import type { StandinContext, StandinUser } from '../../src/standin/context.js';
import { createWebRoutes, WebBuildError, type WebAssets } from '../../src/standin/web/index.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

/** The page's HTTP routes (no browser): assets, the loopback-only session endpoints, build failures. */
describe('web page - routes', function () {
  this.timeout(60_000);

  describe('on the stand-in server', () => {
    let server: StandinServer;
    before(async () => {
      server = await startStandin();
    });
    after(async () => {
      await server?.close();
    });

    it('web page - serves the page, its script and stylesheet with a same-origin CSP', async () => {
      const page = await fetch(`${server.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.doesNotMatch(csp, /https?:/, 'nothing outside the stand-in is allowed');
      const html = await page.text();
      assert.match(html, /src="\/web\/app\.js"/);
      assert.doesNotMatch(html, /https?:\/\//, 'no CDN or font URLs in the page');

      const script = await fetch(`${server.url}/web/app.js`);
      assert.equal(script.status, 200);
      const code = await script.text();
      assert.match(code, /ftrack\.action\.discover/);
      assert.doesNotMatch(code, /from\s+["'](node:|ws["'])/, 'the bundle has no Node imports');
      const css = await fetch(`${server.url}/web/app.css`);
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    });

    it('web page - /web/session signs in as demo by default and as any listed user on request', async () => {
      const users = server.users.list();
      const demo = users.find((u) => u.username === 'demo')!;
      const artist = users.find((u) => u.username === 'artist')!;
      const byDefault = (await (await fetch(`${server.url}/web/session`)).json()) as Record<string, unknown>;
      assert.deepEqual(byDefault, { username: 'demo', apiKey: demo.apiKey, userId: demo.id, roles: demo.roles });
      const asArtist = (await (await fetch(`${server.url}/web/session?user=artist`)).json()) as Record<string, unknown>;
      assert.equal(asArtist.userId, artist.id);
      const list = (await (await fetch(`${server.url}/web/users`)).json()) as { users: Record<string, unknown>[] };
      assert.deepEqual(list.users.map((u) => u.username).sort(), users.map((u) => u.username).sort());
      assert.ok(list.users.every((u) => !('apiKey' in u)), 'the user list carries no keys');
    });

    it('web page - /web/session answers 404 for an unknown user and the server keeps serving', async () => {
      const response = await fetch(`${server.url}/web/session?user=nobody`);
      assert.equal(response.status, 404);
      const body = (await response.json()) as { exception: string; content: string };
      assert.equal(body.exception, 'ValidationError');
      assert.match(body.content, /nobody/);
      assert.equal((await fetch(`${server.url}/web/session`)).status, 200);
    });
  });

  describe('with a fake context', () => {
    const users: StandinUser[] = [{ id: 'u1', username: 'demo', apiKey: 'secret-key-1', roles: ['Administrator'] }];
    const assets: WebAssets = { html: '<!doctype html>', script: 'export {}', css: 'body{}' };

    function call(handler: ReturnType<typeof createWebRoutes>, path: string, remoteAddress = '127.0.0.1') {
      const req = { method: 'GET', url: path, headers: { host: 'localhost' }, socket: { remoteAddress } } as unknown as IncomingMessage;
      const result = { status: 0, headers: {} as Record<string, unknown>, body: '' };
      const res = {
        req,
        writeHead(status: number, headers: Record<string, unknown>) {
          result.status = status;
          result.headers = headers;
          return this;
        },
        end(body?: string) {
          result.body = body ?? '';
        },
      } as unknown as ServerResponse;
      return Promise.resolve(handler(req, res, new URL(path, 'http://localhost'))).then((handled) => ({ handled, ...result }));
    }

    function context(logger = captureLogger()): StandinContext {
      return { logger, users: () => users } as unknown as StandinContext;
    }

    it('web page - refuses to hand out keys to clients that are not on loopback', async () => {
      const handler = createWebRoutes(context(), { build: async () => assets });
      for (const path of ['/web/session', '/web/users']) {
        const answer = await call(handler, path, '10.1.2.3');
        assert.equal(answer.status, 403);
        assert.doesNotMatch(answer.body, /secret-key-1/);
        assert.match(JSON.parse(answer.body).content, /loopback/);
      }
      assert.equal((await call(handler, '/web/session', '::1')).status, 200);
      assert.equal((await call(handler, '/web/session', '::ffff:127.0.0.1')).status, 200);
    });

    it('web page - a failed build answers 500 with the reason, is logged, and is retried on the next request', async () => {
      const logger = captureLogger();
      let builds = 0;
      const handler = createWebRoutes(context(logger), {
        build: async () => {
          builds += 1;
          if (builds === 1) throw new WebBuildError('main.ts: syntax error');
          return assets;
        },
      });
      const failed = await call(handler, '/');
      assert.equal(failed.status, 500);
      assert.match(failed.body, /syntax error/);
      assert.ok(logger.lines.some((l) => l.level === 'error'));
      const retried = await call(handler, '/');
      assert.equal(retried.status, 200);
      assert.equal(retried.body, assets.html);
      assert.equal(builds, 2);
      // Cached after success.
      await call(handler, '/web/app.js');
      assert.equal(builds, 2);
    });

    it('web page - leaves other paths and methods to the other routes', async () => {
      const handler = createWebRoutes(context(), { build: async () => assets });
      assert.equal((await call(handler, '/api')).handled, false);
      assert.equal((await call(handler, '/web/other')).handled, false);
      const post = { method: 'POST', headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
      assert.equal(await handler(post, {} as ServerResponse, new URL('http://localhost/')), false);
    });

    it('web page - WebBuildError has a stable code', () => {
      const error = new WebBuildError('x');
      assert.equal(error.code, 'FTRACK_ERR_WEB_BUILD');
      assert.match(error.message, /src\/standin\/web\/client/);
    });
  });
});
