import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../../src/internal/paths.js';
import type { FetchLike } from '../../../src/session/index.js';

const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as unknown[];
const info = JSON.parse(readFileSync(join(DATA_DIR, 'query_server_information.json'), 'utf8')) as Record<string, unknown>;

/** One request seen by the fake server. */
export interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  operations: { action: string; [key: string]: unknown }[];
}

export type OperationHandler = (op: { action: string; [key: string]: unknown }) => unknown;

/**
 * A fake `/api` behind an injected fetch: answers server information and
 * schemas from the fixtures, and other operations through `handler`.
 * `respond` can replace the whole answer (status, body) of a request.
 */
export function fakeServer(
  handler: OperationHandler = () => ({}),
  respond?: (request: SeenRequest, attempt: number) => Response | undefined | Promise<Response | undefined>,
): { fetch: FetchLike; requests: SeenRequest[]; options: { serverUrl: string; apiUser: string; apiKey: string; schemaCachePath: false; fetch: FetchLike } } {
  const requests: SeenRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const operations = JSON.parse(String(init?.body)) as SeenRequest['operations'];
    const request = { url: String(input), headers, operations };
    requests.push(request);
    const custom = await respond?.(request, requests.length);
    if (custom) return custom;
    const results = operations.map((op) => {
      if (op.action === 'query_server_information') return info;
      if (op.action === 'query_schemas') return schemas;
      return handler(op);
    });
    return new Response(JSON.stringify(results), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests, options: { serverUrl: 'http://ftrack.test', apiUser: 'jane', apiKey: 'SECRET-KEY-1234', schemaCachePath: false, fetch } };
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
