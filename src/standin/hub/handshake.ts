import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { formatHandshake } from '../../socketio/packet.js';
import type { Logger } from '../../logger.js';
import type { StandinUser } from '../context.js';
import { readCredentials, type SessionTable } from './sessions.js';

const TEXT = 'text/plain; charset=utf-8';

export interface HandshakeContext {
  closed: boolean;
  authenticate: (username: string, apiKey: string) => StandinUser | undefined;
  sessions: SessionTable;
  /** Announced as heartbeat and close timeout (neither official client reads them). */
  timeoutS: number;
  logger: Logger;
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  if (body !== '') res.setHeader('Content-Type', TEXT);
  res.end(body);
}

/**
 * Answers `GET /socket.io/1/` (protocol 5.1): `<sid>:<hb>:<close>:websocket`
 * for good credentials (headers or query), `401` with a readable text
 * otherwise. Returns what happened, for the counters.
 */
export function answerHandshake(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: HandshakeContext,
): 'accepted' | 'refused' | 'other' {
  const origin = req.headers.origin;
  if (origin) {
    // The JS client fetches with credentials: 'include', so echo the origin (no '*').
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'ftrack-user, ftrack-api-key, ftrack-strict-api, content-type');
    reply(res, 204, '');
    return 'other';
  }
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET, OPTIONS');
    reply(res, 405, 'The event hub handshake only answers GET /socket.io/1/.');
    return 'other';
  }
  if (context.closed) {
    reply(res, 503, 'The event hub is shutting down.');
    return 'other';
  }
  const credentials = readCredentials(req, url);
  if (!credentials) {
    reply(
      res,
      401,
      'Event hub authentication failed: no credentials. Send the headers ftrack-user and ftrack-api-key, ' +
        'or the query parameters api_user and api_key.',
    );
    return 'refused';
  }
  let user: StandinUser | undefined;
  try {
    user = context.authenticate(credentials.username, credentials.apiKey);
  } catch (error) {
    context.logger.error({ err: error }, 'authenticate() threw during an event hub handshake');
  }
  if (!user) {
    context.logger.info({ username: credentials.username, via: credentials.via }, 'event hub handshake refused');
    reply(res, 401, `Event hub authentication failed: unknown user ${JSON.stringify(credentials.username)} or wrong API key.`);
    return 'refused';
  }
  const sid = context.sessions.create(user);
  if (sid === undefined) {
    reply(res, 503, 'Too many event hub handshakes waiting for their WebSocket; retry shortly.');
    return 'refused';
  }
  res.setHeader('Cache-Control', 'no-store');
  reply(res, 200, formatHandshake({ sessionId: sid, heartbeatTimeoutS: context.timeoutS, closeTimeoutS: context.timeoutS, transports: ['websocket'] }));
  return 'accepted';
}

/** Refuses a WebSocket upgrade with an HTTP status and a text body, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, body: string): void {
  const bytes = Buffer.byteLength(body);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: ${TEXT}\r\n` +
      `Content-Length: ${bytes}\r\n\r\n${body}`,
  );
}
