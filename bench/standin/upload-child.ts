// Child process of upload-memory.ts: a stand-in server (or the naive peer
// that buffers the body) whose RSS the parent samples. Prints one JSON line
// when ready and exits when its stdin closes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStandinServer } from '../../src/standin/server.js';

const mode = process.argv[2] ?? 'standin';
let close: () => Promise<void>;
if (mode === 'standin') {
  const server = await createStandinServer({ port: 0 });
  close = () => server.close();
  process.stdout.write(`${JSON.stringify({ url: server.url, apiUser: server.apiUser, apiKey: server.apiKey })}\n`);
} else {
  // naive peer: collects the body in memory before writing it out
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.end(String(body.length));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
}
process.stdin.resume();
process.stdin.on('end', () => void close());
