import assert from 'node:assert/strict';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { captureLogger } from '../../src/logger.js';
import type { StandinContext, StandinUser } from '../../src/standin/context.js';
import { createWebRoutes, isLoopbackHost, WebBuildError, type WebAssets } from '../../src/standin/web/index.js';
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

    /** GET with a chosen Host header (fetch may not set it). */
    function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
      return new Promise((resolve, reject) => {
        const req = request(`${server.url}${path}`, { headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    }

    it('web page - refuses keys when the Host header is not a loopback name (DNS rebinding), serves loopback names', async () => {
      const demo = server.users.list().find((u) => u.username === 'demo')!;
      const port = new URL(server.url).port;
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.evil.example`, `10.0.0.5:${port}`]) {
        for (const path of ['/web/session', '/web/users']) {
          const answer = await getWithHost(path, host);
          assert.equal(answer.status, 403, `${path} with Host ${JSON.stringify(host)}`);
          assert.ok(!answer.body.includes(demo.apiKey), 'no key in the refusal');
          assert.equal(JSON.parse(answer.body).exception, 'PermissionError');
        }
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, 'localhost', `[::1]:${port}`]) {
        const answer = await getWithHost('/web/session', host);
        assert.equal(answer.status, 200, `Host ${host}`);
        assert.equal(JSON.parse(answer.body).apiKey, demo.apiKey);
      }
      // The page itself is not secret: it is served whatever the Host, and the server keeps serving.
      assert.equal((await getWithHost('/', `evil.example:${port}`)).status, 200);
      assert.equal((await fetch(`${server.url}/web/session`)).status, 200);
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

    function call(handler: ReturnType<typeof createWebRoutes>, path: string, remoteAddress = '127.0.0.1', host: string | null = 'localhost') {
      const req = { method: 'GET', url: path, headers: host === null ? {} : { host }, socket: { remoteAddress } } as unknown as IncomingMessage;
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

    it('web page - refuses keys to a loopback client whose Host header is not a loopback name', async () => {
      const handler = createWebRoutes(context(), { build: async () => assets });
      for (const host of ['attacker.example', 'attacker.example:8080', '127.0.0.1:8080.attacker.example', '[::1]x', 'localhost:99999', null]) {
        const answer = await call(handler, '/web/session', '127.0.0.1', host);
        assert.equal(answer.status, 403, String(host));
        assert.doesNotMatch(answer.body, /secret-key-1/);
      }
      assert.equal((await call(handler, '/web/users', '127.0.0.1', '127.0.0.1:8080')).status, 200);
      assert.equal((await call(handler, '/web/session', '::1', '[::1]:8080')).status, 200);
    });

    it('web page - isLoopbackHost accepts only 127.0.0.1, localhost and [::1] with an optional port', () => {
      for (const host of ['127.0.0.1', '127.0.0.1:8080', 'localhost', 'Localhost:1', '[::1]', '[::1]:65535']) assert.equal(isLoopbackHost(host), true, host);
      for (const host of ['', undefined, '::1', '127.0.0.2', 'localhost.', 'localhost:', 'localhost:65536', 'evil.example', 'a.localhost', '127.0.0.1:80:80']) {
        assert.equal(isLoopbackHost(host), false, String(host));
      }
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
