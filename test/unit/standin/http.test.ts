import assert from 'node:assert/strict';
import { createServer, get, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failResponse } from '../../../src/standin/http.js';

/** A server on 127.0.0.1:0 whose handler runs `handle`. */
async function serve(handle: (res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => handle(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Reads the whole response; `aborted` when the connection was cut before its end. */
function fetchRaw(url: string): Promise<{ status: number; body: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, aborted: false }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, aborted: true }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, body, aborted: true }));
    }).on('error', reject);
  });
}

describe('standin http - failResponse', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('answers a 500 ftrack error envelope when nothing was sent yet', async () => {
    const started = await serve((res) => failResponse(res));
    server = started.server;
    const answer = await fetchRaw(started.url);
    assert.equal(answer.status, 500);
    assert.deepEqual(JSON.parse(answer.body), { exception: 'ServerError', content: 'Internal error of the stand-in server.', error_code: null });
  });

  it('cuts the connection when the body had started, instead of appending an error to it', async () => {
    const started = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '100' });
      res.write('partial-data');
      setTimeout(() => failResponse(res), 20);
    });
    server = started.server;
    const answer = await fetchRaw(started.url);
    assert.equal(answer.status, 200);
    assert.equal(answer.aborted, true);
    assert.equal(answer.body, 'partial-data');
  });
});
