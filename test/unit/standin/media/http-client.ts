// Small node:http client for the media tests (bodies as Buffers or written by a callback).
import { request, type IncomingHttpHeaders, type ClientRequest } from 'node:http';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json(): Record<string, unknown>;
}

export function send(
  method: string,
  url: string,
  options: { body?: Buffer; headers?: Record<string, string>; write?: (req: ClientRequest) => void } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown> });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.write) options.write(req);
    else req.end(options.body);
  });
}
