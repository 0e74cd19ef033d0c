import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger.js';
import { sendJson as sendBody } from '../http.js';
import { MediaError } from './errors.js';

/** Sends a JSON body with the CORS header browsers need to read it. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, body, { 'Access-Control-Allow-Origin': '*', ...headers });
}

/**
 * Answers an error as the ftrack envelope `{exception, content, error_code}`.
 * When the request body has not been read, a small body is drained first (so
 * the client sees the answer instead of a reset); a large one is cut off by
 * closing the connection after the answer.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, logger: Logger): void {
  const mediaError =
    error instanceof MediaError ? error : undefined;
  const status = mediaError?.status ?? 500;
  const body = mediaError?.toEnvelope() ?? { exception: 'ServerError', content: 'Internal error of the stand-in media server; see its log.', error_code: null };
  if (!mediaError) logger.error({ err: error }, 'media request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const answer = (close: boolean): void => {
    if (res.headersSent || res.destroyed) return;
    sendJson(res, status, body, close ? { Connection: 'close' } : {});
  };
  if (req.complete || req.readableEnded || req.destroyed) {
    answer(false);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared <= 64 * 1024 * 1024) {
    req.on('end', () => answer(false));
    req.on('error', () => res.destroy());
    req.resume();
    return;
  }
  answer(true);
  res.once('finish', () => req.destroy());
}

/** Wraps an async route body so any thrown error becomes an error answer. */
export function guard(req: IncomingMessage, res: ServerResponse, logger: Logger, fn: () => Promise<void>): Promise<boolean> {
  return fn().then(
    () => true,
    (error: unknown) => {
      sendError(req, res, error, logger);
      return true;
    },
  );
}

/** Answers a CORS preflight for the media routes. */
export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, HEAD, PUT, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Content-MD5, Content-Disposition, Range',
    'Access-Control-Expose-Headers': 'ETag, Content-Range, Accept-Ranges, Content-Length',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
