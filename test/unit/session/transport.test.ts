import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { captureLogger, silentLogger } from '../../../src/logger.js';
import {
  InvalidCredentialsError,
  MalformedResponseError,
  ServerCompatibilityError,
  ServerError,
  ServerPermissionError,
  ServerUnreachableError,
  ServerValidationError,
  SessionAuthentication,
  SessionTimeoutError,
  Transport,
  fromServer,
  retryDelay,
  type FetchLike,
} from '../../../src/session/index.js';
import { json } from './fake-server.js';

const KEY = 'SECRET-KEY-1234';

function transport(fetch: FetchLike, extra: Partial<ConstructorParameters<typeof Transport>[0]> = {}): Transport {
  return new Transport({
    serverUrl: 'http://ftrack.test',
    auth: new SessionAuthentication('jane', KEY),
    fetch,
    timeoutMs: 5_000,
    maxRetries: 3,
    retryBaseDelayMs: 1,
    logger: silentLogger,
    ...extra,
  });
}

function echo(): { fetch: FetchLike; bodies: { action: string; n?: number }[][]; headers: Headers[] } {
  const bodies: { action: string; n?: number }[][] = [];
  const headers: Headers[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const ops = JSON.parse(String(init?.body)) as { action: string; n?: number }[];
    bodies.push(ops);
    headers.push(new Headers(init?.headers));
    return json(ops.map((op) => ({ echo: op.n })));
  };
  return { fetch, bodies, headers };
}

describe('session transport', () => {
  it('session transport - merges read-only calls of one tick into one request and splits the results', async () => {
    const server = echo();
    const t = transport(server.fetch);
    const results = await Promise.all([
      t.call([{ action: 'query', n: 1 }]),
      t.call([{ action: 'query', n: 2 }, { action: 'search', n: 3 }]),
      t.call([{ action: 'query_server_information', n: 4 }]),
    ]);
    assert.equal(server.bodies.length, 1);
    assert.equal(server.bodies[0]!.length, 4);
    assert.deepEqual(results, [[{ echo: 1 }], [{ echo: 2 }, { echo: 3 }], [{ echo: 4 }]]);
    assert.deepEqual(t.stats, { requests: 1, operations: 4, retries: 0 });
  });

  it('session transport - a call with a side effect travels alone; the requests of its tick keep call order', async () => {
    const server = echo();
    const t = transport(server.fetch);
    const results = await Promise.all([
      t.call([{ action: 'query', n: 1 }]),
      t.call([{ action: 'query', n: 2 }]),
      t.call([{ action: 'create', n: 3 }, { action: 'get_upload_metadata', n: 4 }]),
      t.call([{ action: 'query', n: 5 }]),
      t.call([{ action: 'update', n: 6 }]),
    ]);
    assert.deepEqual(results, [[{ echo: 1 }], [{ echo: 2 }], [{ echo: 3 }, { echo: 4 }], [{ echo: 5 }], [{ echo: 6 }]]);
    assert.deepEqual(server.bodies.map((b) => b.map((op) => op.n)), [[1, 2], [3, 4], [5], [6]]);
  });

  it('session transport - a rejected merged request never re-sends encode_media: it reaches the server exactly once', async () => {
    const bodies: { action: string; bad?: boolean }[][] = [];
    const fetch: FetchLike = async (_u, init) => {
      const ops = JSON.parse(String(init?.body)) as { action: string; bad?: boolean }[];
      bodies.push(ops);
      // A server that is not all-or-nothing: it runs what it can, then rejects the whole request.
      if (ops.some((op) => op.bad)) return json({ exception: 'ValidationError', content: 'bad query', error_code: null });
      return json(ops.map((op) => (op.action === 'encode_media' ? { job_id: 'j1' } : { data: [] })));
    };
    const t = transport(fetch);
    const [bad, encode, good] = await Promise.allSettled([
      t.call([{ action: 'query', expression: 'select nope from Task', bad: true }]),
      t.call([{ action: 'encode_media', component_id: 'c1', version_id: null, keep_original: false }]),
      t.call([{ action: 'query', expression: 'select id from Task' }]),
    ]);
    const sentEncodes = bodies.flat().filter((op) => op.action === 'encode_media');
    assert.equal(sentEncodes.length, 1, 'encode_media reached the server exactly once');
    assert.deepEqual(encode, { status: 'fulfilled', value: [{ job_id: 'j1' }] });
    assert.deepEqual(good, { status: 'fulfilled', value: [{ data: [] }] });
    assert.equal(bad.status, 'rejected');
    assert.ok((bad as PromiseRejectedResult).reason instanceof ServerValidationError);
  });

  it('session transport - sends identical read operations of one request once', async () => {
    const server = echo();
    const t = transport(server.fetch);
    const results = await Promise.all(Array.from({ length: 5 }, () => t.call([{ action: 'query', n: 7 }])));
    assert.equal(server.bodies[0]!.length, 1);
    assert.deepEqual(results, Array.from({ length: 5 }, () => [{ echo: 7 }]));
  });

  it('session transport - puts the authentication headers on every request', async () => {
    const server = echo();
    await transport(server.fetch).call([{ action: 'query' }]);
    const h = server.headers[0]!;
    assert.equal(h.get('ftrack-user'), 'jane');
    assert.equal(h.get('ftrack-api-key'), KEY);
    assert.equal(h.get('ftrack-strict-api'), 'false');
    assert.equal(h.get('content-type'), 'application/json');
  });

  it('session transport - retries 502/503/504/429 for idempotent batches only', async () => {
    for (const status of [502, 503, 504, 429]) {
      let n = 0;
      const fetch: FetchLike = async (_u, init) => {
        n++;
        if (n < 3) return new Response('busy', { status });
        return json((JSON.parse(String(init?.body)) as unknown[]).map(() => ({ ok: true })));
      };
      const t = transport(fetch);
      assert.deepEqual(await t.call([{ action: 'query' }]), [{ ok: true }]);
      assert.equal(n, 3);
      assert.equal(t.stats.retries, 2);
    }
    let writes = 0;
    const t = transport(async () => {
      writes++;
      return new Response('busy', { status: 503 });
    });
    await assert.rejects(t.call([{ action: 'create' }]), (e: ServerError) => e instanceof ServerError && e.status === 503);
    assert.equal(writes, 1, 'a create is never sent twice');
    let encodes = 0;
    const t2 = transport(async () => {
      encodes++;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    });
    await assert.rejects(t2.call([{ action: 'encode_media' }]), ServerUnreachableError);
    assert.equal(encodes, 1);
  });

  it('session transport - retries a reset connection for queries, then reports the URL', async () => {
    let n = 0;
    const t = transport(async () => {
      n++;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    });
    await assert.rejects(t.call([{ action: 'query' }]), (e: ServerUnreachableError) => {
      assert.equal(e.code, 'FTRACK_ERR_SERVER_UNREACHABLE');
      assert.match(e.message, /http:\/\/ftrack\.test\/api/);
      return true;
    });
    assert.equal(n, 4);
  });

  it('session transport - a refused connection fails at once, naming the URL and not the key', async () => {
    let n = 0;
    const t = transport(async () => {
      n++;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    await assert.rejects(t.call([{ action: 'query' }]), (e: ServerUnreachableError) => {
      assert.ok(e instanceof ServerUnreachableError);
      assert.match(e.message, /ftrack\.test/);
      assert.ok(!e.message.includes(KEY));
      return true;
    });
    assert.equal(n, 1);
  });

  it('session transport - a request that takes too long is FTRACK_ERR_TIMEOUT', async () => {
    const t = transport(
      (_u, init) =>
        new Promise((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
        }),
      { timeoutMs: 50 },
    );
    await assert.rejects(t.call([{ action: 'create' }]), (e: SessionTimeoutError) => e instanceof SessionTimeoutError && e.code === 'FTRACK_ERR_TIMEOUT');
  });

  it('session transport - a 500 HTML page or truncated JSON is MalformedResponseError with the status', async () => {
    const t = transport(async () => new Response('<html>Internal error</html>', { status: 500 }));
    await assert.rejects(t.call([{ action: 'query' }]), (e: MalformedResponseError) => {
      assert.equal(e.code, 'FTRACK_ERR_MALFORMED_RESPONSE');
      assert.equal(e.status, 500);
      assert.match(e.message, /not JSON/);
      return true;
    });
    const t2 = transport(async () => new Response('[{"a":', { status: 200 }));
    await assert.rejects(t2.call([{ action: 'query' }]), MalformedResponseError);
    const t3 = transport(async () => json([1, 2]));
    await assert.rejects(t3.call([{ action: 'query' }]), MalformedResponseError);
  });

  it('session transport - a server error in a merged request reaches only the faulty caller', async () => {
    const fetch: FetchLike = async (_u, init) => {
      const ops = JSON.parse(String(init?.body)) as { action: string; bad?: boolean }[];
      if (ops.some((op) => op.bad)) return json({ exception: 'ValidationError', content: 'bad data', error_code: null });
      return json(ops.map(() => ({ ok: true })));
    };
    const t = transport(fetch);
    const [good, bad] = await Promise.allSettled([t.call([{ action: 'query' }]), t.call([{ action: 'query', bad: true }])]);
    assert.deepEqual(good, { status: 'fulfilled', value: [{ ok: true }] });
    assert.equal(bad.status, 'rejected');
    assert.ok((bad as PromiseRejectedResult).reason instanceof ServerValidationError);
  });

  it('session transport - the key never appears in logs or errors, even when the server echoes it', async () => {
    const logger = captureLogger();
    const t = transport(async () => new Response(`bad key ${KEY}`, { status: 500 }), { logger });
    const error = await t.call([{ action: 'query' }]).catch((e: unknown) => e as Error);
    assert.ok(error instanceof MalformedResponseError);
    assert.ok(!error.message.includes(KEY));
    assert.ok(!JSON.stringify(logger.lines).includes(KEY));
    assert.ok(!inspect(t).includes(KEY));
  });

  it('session transport - keeps cookies the server sets and sends the cookie option', async () => {
    const seen: (string | null)[] = [];
    const fetch: FetchLike = async (_u, init) => {
      seen.push(new Headers(init?.headers).get('cookie'));
      return new Response('[{}]', { status: 200, headers: { 'set-cookie': 'sid=abc; Path=/' } });
    };
    const t = transport(fetch, { cookies: { team: 'x' } });
    await t.call([{ action: 'query' }]);
    await t.call([{ action: 'query' }]);
    assert.deepEqual(seen, ['team=x', 'team=x; sid=abc']);
  });

  it('session transport - jittered backoff stays within half and full of the doubled base', () => {
    assert.equal(retryDelay(0, 100, () => 0), 50);
    assert.equal(retryDelay(0, 100, () => 1), 100);
    assert.equal(retryDelay(3, 100, () => 1), 800);
  });
});

describe('session errors - fromServer', () => {
  it('session errors - maps server exceptions to typed errors carrying exception and content', () => {
    const v = fromServer({ exception: 'ValidationError', content: 'name is required', error_code: 'x1' });
    assert.ok(v instanceof ServerValidationError);
    assert.equal(v.exception, 'ValidationError');
    assert.equal(v.content, 'name is required');
    assert.equal(v.errorCode, 'x1');
    assert.ok(fromServer({ exception: 'PermissionError', content: '' }) instanceof ServerPermissionError);
    assert.ok(fromServer({ exception: 'FTAuthenticationError', content: '' }) instanceof ServerPermissionError);
    assert.ok(fromServer({ exception: 'InvalidCredentialsError', content: '' }) instanceof InvalidCredentialsError);
    const other = fromServer({ exception: 'Boom', content: 'x' });
    assert.equal(other.constructor, ServerError);
    assert.equal(other.code, 'FTRACK_ERR_SERVER');
  });

  it('session errors - an unknown action is ServerCompatibilityError with the server version', () => {
    const e = fromServer({ exception: 'ServerError', content: "Invalid action u'encode_media'" }, { serverVersion: '3.3.20' }) as ServerCompatibilityError;
    assert.ok(e instanceof ServerCompatibilityError);
    assert.equal(e.serverVersion, '3.3.20');
    assert.match(e.message, /3\.3\.20/);
    assert.match(e.message, /encode_media/);
  });
});

describe('session authentication', () => {
  it('session authentication - applies the three headers and hides the key from JSON and inspect', () => {
    const auth = new SessionAuthentication('jane', KEY, { strictApi: true });
    const headers = auth.apply(new Headers());
    assert.equal(headers.get('ftrack-user'), 'jane');
    assert.equal(headers.get('ftrack-api-key'), KEY);
    assert.equal(headers.get('ftrack-strict-api'), 'true');
    assert.deepEqual(auth.apply({} as Record<string, string>), auth.headers());
    assert.ok(!JSON.stringify(auth).includes(KEY));
    assert.ok(!inspect(auth).includes(KEY));
    assert.ok(!inspect({ nested: auth }, { depth: 5 }).includes(KEY));
    assert.equal(auth.redact(`x${KEY}y`), 'x[redacted]y');
  });
});
