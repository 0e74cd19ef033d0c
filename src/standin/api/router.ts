import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActionCall, ActionHandler, RouteHandler, StandinContext, StandinUser } from '../context.js';
import type { Logger } from '../../logger.js';
import { sendJson } from '../http.js';
import { ApiError, badRequest, invalidCredentials, toEnvelope, unknownAction } from './errors.js';

/**
 * `POST /api`: authenticates, decodes the batch, runs every operation in
 * ONE store transaction (all or nothing) and answers an array of results,
 * or a single error object (protocol 1.1, 1.5).
 */

export interface ApiRouterOptions {
  /** Largest accepted request body, bytes. Defaults to 16 MiB. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * An action handler with an optional asynchronous pre-step. The router awaits
 * `prepare` for every such operation of a batch BEFORE the batch's (synchronous)
 * transaction, so slow file work (assembling a multipart upload) does not block
 * the event loop and the answer still comes after the work. A rejection becomes
 * the request's error answer and no operation of the batch runs. The function
 * `prepare` resolves to is called after the transaction, committed or not.
 */
export type PreparedActionHandler = ActionHandler & {
  prepare?: (op: Record<string, unknown>, call: ActionCall) => Promise<(() => void) | void>;
};

/** What the request that is being handled sent; read by the `ftrack.update` publisher. */
export interface RequestScope {
  user: StandinUser;
  clientToken: string | undefined;
  pushToken: string | undefined;
}

const ALLOWED_HEADERS = [
  'ftrack-user',
  'ftrack-api-key',
  'ftrack-clienttoken',
  'ftrack-pushtoken',
  'ftrack-strict-api',
  'ftrack-api-options',
  'content-type',
  'accept',
];

/** Adds the CORS headers of protocol 1.2 (echoed Origin, credentials). */
export function setCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  const requested = req.headers['access-control-request-headers'];
  const extra = typeof requested === 'string' ? requested.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean) : [];
  res.setHeader('Access-Control-Allow-Headers', [...new Set([...ALLOWED_HEADERS, ...extra])].join(', '));
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
  res.setHeader('Access-Control-Expose-Headers', 'ETag');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** Parses `ftrack-api-options` (`strict:1;denormalize=1`). */
export function parseApiOptions(header: string | string[] | undefined): Record<string, boolean> {
  const options: Record<string, boolean> = {};
  const text = Array.isArray(header) ? header.join(';') : header;
  if (!text) return options;
  for (const part of text.split(/[;,]/)) {
    const match = /^\s*([\w-]+)\s*[:=]\s*(\S+)\s*$/.exec(part);
    if (match) options[match[1]!.toLowerCase()] = /^(1|true|yes)$/i.test(match[2]!);
  }
  return options;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(badRequest(`The request body is larger than ${limit} bytes; send fewer operations per call.`, 413));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (!failed) resolve(Buffer.concat(chunks));
    });
    // A client that goes away mid-body: settle, so nothing waits forever.
    req.on('close', () => {
      if (!ended && !failed) {
        failed = true;
        reject(badRequest('The client closed the connection before the request body was complete.'));
      }
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

export interface ApiRouter {
  route: RouteHandler;
  registerAction(name: string, handler: ActionHandler): void;
  hasAction(name: string): boolean;
  /** The request whose transaction is committing right now, if any. */
  currentScope(): RequestScope | undefined;
}

export function createApiRouter(getContext: () => StandinContext, logger: Logger, options: ApiRouterOptions = {}): ApiRouter {
  const actions = new Map<string, ActionHandler>();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let scope: RequestScope | undefined;

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void => {
    setCors(req, res);
    sendJson(res, status, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const strict = /^(true|1)$/i.test(header(req, 'ftrack-strict-api') ?? '');
    const started = Date.now();
    const fail = (error: unknown): void => {
      const { status, body } = toEnvelope(error);
      if (status >= 500) logger.error({ err: error }, 'api request failed');
      else logger.debug({ exception: body.exception, content: body.content }, 'api request rejected');
      send(req, res, strict ? status : 200, body);
    };
    try {
      if (req.method !== 'POST') throw badRequest(`Use POST for /api (got ${req.method}).`, 405);
      const context = getContext();
      const username = header(req, 'ftrack-user');
      const apiKey = header(req, 'ftrack-api-key');
      const body = await readBody(req, maxBody);
      const user = username && apiKey ? context.authenticate(username, apiKey) : undefined;
      if (!user) throw invalidCredentials();
      let operations: unknown;
      try {
        operations = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('The request body is not valid JSON; send a JSON array of operations, e.g. [{"action": "query_server_information"}].');
      }
      if (!Array.isArray(operations)) throw badRequest('The request body must be a JSON array of operations, e.g. [{"action": "query_server_information"}].');
      operations.forEach((op, index) => {
        if (!op || typeof op !== 'object' || Array.isArray(op)) throw badRequest(`Operation ${index} is not an object; each operation needs an "action".`);
        const action = (op as { action?: unknown }).action;
        if (typeof action !== 'string') throw badRequest(`Operation ${index} has no "action" string.`);
        if (!actions.has(action)) throw unknownAction(action);
      });
      const pushToken = header(req, 'ftrack-pushtoken');
      const after: (() => void)[] = [];
      const call: ActionCall = { user, context, headers: req.headers, afterCommit: (fn) => after.push(fn), apiOptions: parseApiOptions(req.headers['ftrack-api-options']) };
      let results: unknown[];
      const cleanups: (() => void)[] = [];
      try {
        for (const op of operations as Record<string, unknown>[]) {
          const prepare = (actions.get(op.action as string) as PreparedActionHandler).prepare;
          const cleanup = prepare ? await prepare(op, call) : undefined;
          if (cleanup) cleanups.push(cleanup);
        }
        scope = { user, clientToken: header(req, 'ftrack-clienttoken'), pushToken: pushToken && pushToken !== 'undefined' ? pushToken : undefined };
        results = context.store.transaction(() =>
          (operations as Record<string, unknown>[]).map((op) => {
            const result = actions.get(op.action as string)!(op, call);
            if (result && typeof (result as Promise<unknown>).then === 'function') {
              throw new ApiError('ServerError', `Action ${String(op.action)} returned a promise; /api actions must be synchronous (use call.afterCommit for async work).`, 500, 'FTRACK_ERR_STANDIN_ASYNC_ACTION');
            }
            return result;
          }),
        );
      } finally {
        scope = undefined;
        for (const cleanup of cleanups) {
          try {
            cleanup();
          } catch (error) {
            logger.error({ err: error }, 'cleanup of a prepared action failed');
          }
        }
      }
      for (const fn of after) {
        try {
          fn();
        } catch (error) {
          logger.error({ err: error }, 'afterCommit callback failed');
        }
      }
      logger.debug({ user: user.username, actions: (operations as { action: string }[]).map((o) => o.action), ms: Date.now() - started }, 'api call');
      send(req, res, 200, results);
    } catch (error) {
      fail(error);
    }
  };

  const route: RouteHandler = (req, res, url) => {
    if (url.pathname !== '/api' && url.pathname !== '/api/') return false;
    if (req.method === 'OPTIONS') {
      setCors(req, res);
      res.writeHead(204);
      res.end();
      return true;
    }
    void handle(req, res);
    return true;
  };

  return {
    route,
    registerAction(name, handler) {
      if (actions.has(name)) throw new ApiError('ServerError', `Action ${name} is already registered.`, 500, 'FTRACK_ERR_STANDIN_DUPLICATE_ACTION');
      actions.set(name, handler);
    },
    hasAction: (name) => actions.has(name),
    currentScope: () => scope,
  };
}
