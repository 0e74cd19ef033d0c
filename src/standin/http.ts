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

/**
 * Answers a request whose handler failed: a 500 JSON envelope when nothing
 * was sent yet; otherwise (a download that broke off mid-way, say) the
 * connection is cut, so the client sees a truncated response instead of an
 * error body glued onto the data it was reading.
 */
export function failResponse(res: ServerResponse): void {
  if (!res.headersSent) {
    sendJson(res, 500, { exception: 'ServerError', content: 'Internal error of the stand-in server.', error_code: null });
    return;
  }
  if (!res.writableEnded) res.destroy();
}
