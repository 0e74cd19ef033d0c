import assert from 'node:assert/strict';
import {
  HubAuthenticationError,
  HubConnectionError,
  handshakeUrl,
  redactUrl,
  requestHandshake,
  websocketUrl,
} from '../../../src/socketio/index.js';

function fakeFetch(respond: (url: URL, init: RequestInit) => Response | Promise<Response>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => respond(new URL(String(input)), init ?? {})) as typeof fetch;
}

function isConnectionError(error: unknown): boolean {
  return error instanceof HubConnectionError && error.code === 'FTRACK_ERR_HUB_CONNECTION';
}

describe('socketio/handshake', () => {
  it('handshake - URLs: root path, both auth styles, ws/wss by scheme', () => {
    const url = handshakeUrl('https://studio.example/prefix/', 'jane', 'k e y');
    assert.equal(url.origin + url.pathname, 'https://studio.example/socket.io/1/');
    assert.equal(url.searchParams.get('api_user'), 'jane');
    assert.equal(url.searchParams.get('api_key'), 'k e y');
    assert.equal(websocketUrl('https://studio.example:8443/x', 'abc'), 'wss://studio.example:8443/socket.io/1/websocket/abc');
    assert.equal(websocketUrl('http://127.0.0.1:3000', 'abc'), 'ws://127.0.0.1:3000/socket.io/1/websocket/abc');
    assert.equal(redactUrl(url), 'https://studio.example/socket.io/1/');
    assert.equal(redactUrl('not a url'), '[invalid url]');
  });

  it('handshake - sends header and query auth and parses the answer', async () => {
    let seen: { url?: URL; headers?: Record<string, string> } = {};
    const handshake = await requestHandshake('http://h.test', 'bob', 'secret', {
      headers: { 'ftrack-strict-api': 'true' },
      fetch: fakeFetch((url, init) => {
        seen = { url, headers: init.headers as Record<string, string> };
        return new Response('sid9:60:60:websocket,flashsocket', { status: 200 });
      }),
    });
    assert.deepEqual(handshake, { sessionId: 'sid9', heartbeatTimeoutS: 60, closeTimeoutS: 60, transports: ['websocket', 'flashsocket'] });
    assert.equal(seen.headers!['ftrack-user'], 'bob');
    assert.equal(seen.headers!['ftrack-api-key'], 'secret');
    assert.equal(seen.headers!['ftrack-strict-api'], 'true');
    assert.equal(seen.url!.searchParams.get('api_key'), 'secret');
  });

  for (const status of [401, 403]) {
    it(`handshake - HTTP ${status} is a HubAuthenticationError without the key in the message`, async () => {
      await assert.rejects(
        requestHandshake('http://h.test', 'bob', 'secret-123', { fetch: fakeFetch(() => new Response('no', { status })) }),
        (error: unknown) => {
          assert.ok(error instanceof HubAuthenticationError);
          assert.equal(error.code, 'FTRACK_ERR_HUB_AUTH');
          assert.equal(error.status, status);
          assert.ok(!error.message.includes('secret-123'));
          return true;
        },
      );
    });
  }

  const bad: Array<[string, () => Response | Promise<Response>]> = [
    ['HTTP 500', () => new Response('oops', { status: 500 })],
    ['HTTP 404', () => new Response('nope', { status: 404 })],
    ['an unreadable body', () => new Response('<html>', { status: 200 })],
    ['no websocket transport', () => new Response('sid:60:60:xhr-polling', { status: 200 })],
    ['a network error', () => Promise.reject(new TypeError('fetch failed'))],
  ];
  for (const [what, respond] of bad) {
    it(`handshake - ${what} is a HubConnectionError without the key in the message`, async () => {
      await assert.rejects(requestHandshake('http://h.test', 'bob', 'secret-123', { fetch: fakeFetch(respond) }), (error: unknown) => {
        assert.ok(isConnectionError(error), String(error));
        assert.ok(!(error as Error).message.includes('secret-123'));
        return true;
      });
    });
  }

  it('handshake - an invalid server URL is a HubConnectionError', async () => {
    await assert.rejects(requestHandshake('not a url', 'bob', 'k'), isConnectionError);
  });
});
