import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What `/healthz` reports. */
export interface HealthStatus {
  connected: boolean;
  /** ISO time of the last heartbeat from the server, or null. */
  lastHeartbeat: string | null;
  pluginsLoaded: number;
  pluginsFailed: number;
  subscriptions: number;
  stopping: boolean;
}

export interface HealthServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `/healthz` (JSON; 200 when connected, else 503) and `/metrics`
 * (Prometheus text) for a supervisor.
 */
export async function startHealthServer(options: { port: number; host: string; status: () => HealthStatus; registry: Registry }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const status = options.status();
      const ok = status.connected && !status.stopping;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(status));
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
