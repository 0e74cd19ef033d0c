import type { ServerResponse } from 'node:http';

/**
 * Ends `res` with a JSON body (`Content-Type` and `Content-Length` set);
 * `headers` are added and may override them. Shared by the `/api`, media
 * and fallback answers of the stand-in server.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
