import { createStandinServer, type StandinServer, type StandinServerOptions } from '../../src/standin/server.js';

/**
 * Starts a stand-in server on 127.0.0.1, port 0, with a temporary data dir
 * (unless `dataDir` is given). The caller closes it in `afterEach`/`after`.
 */
export function startStandin(options: StandinServerOptions = {}): Promise<StandinServer> {
  return createStandinServer({ port: 0, host: '127.0.0.1', ...options });
}

/** POSTs a batch to `/api` with the server's credentials (or `headers` overrides). */
export async function callApi(
  server: Pick<StandinServer, 'url' | 'apiUser' | 'apiKey'>,
  operations: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${server.url}/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey, ...headers },
    body: typeof operations === 'string' ? operations : JSON.stringify(operations),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the raw text
  }
  return { status: response.status, body, headers: response.headers };
}

export type { StandinServer };
