import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { resolveHostConfig, sharedFlagArgs } from '../../host/config-sources.js';
import { dryRunPlugins } from '../../host/host.js';
import type { HostConfig } from '../../host/config.js';

interface Check {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** How to fix it (only for failures). */
  fix?: string;
  /** True when the failure does not stop the host from running. */
  warning?: boolean;
}

/**
 * `ftrack-host doctor`: checks the configuration, server reachability,
 * credentials, the event hub handshake, ffmpeg and the plugins, and says how
 * to fix each problem. Exits 1 when a check fails.
 */
export function register(program: Command): void {
  program
    .command('doctor')
    .description('Check configuration, server, credentials, event hub, ffmpeg and plugins; explain how to fix problems')
    .option('-c, --config <file>', 'configuration file')
    .option('--server <url>', 'ftrack server URL')
    .option('--api-user <name>', 'API user')
    .option('--api-key <key>', 'API key')
    .option('--timeout <ms>', 'time limit of each network check', '5000')
    .action(async (options: { config?: string; server?: string; apiUser?: string; apiKey?: string; timeout: string }) => {
      const timeoutMs = Number(options.timeout) > 0 ? Number(options.timeout) : 5000;
      const checks: Check[] = [];
      const print = (c: Check): void => {
        process.stdout.write(`${c.ok ? '✔' : c.warning ? '!' : '✖'} ${c.name}: ${c.detail}\n`);
        if (!c.ok && c.fix) process.stdout.write(`    fix: ${c.fix}\n`);
      };
      const add = (c: Check): void => {
        checks.push(c);
        print(c);
      };
      let config: HostConfig | undefined;
      try {
        config = await resolveHostConfig({ argv: sharedFlagArgs(options), env: process.env, cwd: process.cwd() });
        add({ name: 'configuration', ok: true, detail: 'valid' });
      } catch (error) {
        add({ name: 'configuration', ok: false, detail: (error as Error).message, fix: 'correct the keys listed above (docs/host.md lists every key)' });
      }
      if (config) {
        if (!config.server) {
          add({ name: 'server', ok: true, detail: 'none configured: `ftrack-host run` will start the embedded stand-in server' });
        } else {
          await checkServer(config, timeoutMs, add);
        }
      }
      add(await checkFfmpeg(!config?.server));
      if (config) {
        const report = await dryRunPlugins(config);
        const failed = report.plugins.filter((p) => p.status !== 'loaded');
        add({
          name: 'plugins',
          ok: failed.length === 0,
          detail: failed.length === 0 ? `${report.plugins.length} would load` : failed.map((p) => `${p.name}: [${p.error?.code}] ${p.error?.message}`).join('; '),
          fix: 'run `ftrack-host plugins` for details; fix or remove the failing plugins',
        });
      }
      const failures = checks.filter((c) => !c.ok && !c.warning).length;
      process.stdout.write(failures === 0 ? 'All checks passed.\n' : `${failures} check(s) failed.\n`);
      if (failures > 0) process.exitCode = 1;
    });
}

async function checkServer(config: HostConfig, timeoutMs: number, add: (c: Check) => void): Promise<void> {
  const server = config.server!.replace(/\/+$/, '');
  try {
    const res = await fetch(server, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    add({ name: 'server reachable', ok: true, detail: `${server} answered HTTP ${res.status}` });
  } catch (error) {
    add({ name: 'server reachable', ok: false, detail: `${server}: ${causeOf(error)}`, fix: 'check the URL (FTRACK_SERVER / --server), the network and any proxy' });
    return;
  }
  if (!config.apiUser || !config.apiKey) {
    add({ name: 'credentials', ok: false, detail: `missing ${!config.apiUser ? 'API user' : 'API key'}`, fix: 'set FTRACK_API_USER and FTRACK_API_KEY (or --api-user/--api-key)' });
    return;
  }
  const headers = { 'ftrack-user': config.apiUser, 'ftrack-api-key': config.apiKey };
  try {
    const res = await fetch(`${server}/api`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify([{ action: 'query_server_information' }]),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => undefined)) as unknown;
    if (res.ok && Array.isArray(body)) {
      const version = (body[0] as { version?: string } | undefined)?.version;
      add({ name: 'credentials', ok: true, detail: `accepted for ${config.apiUser}${version ? ` (server ${version})` : ''}` });
    } else {
      const message = (body as { exception?: string; content?: string } | undefined)?.content ?? `HTTP ${res.status}`;
      add({ name: 'credentials', ok: false, detail: message, fix: `check the API key of ${config.apiUser} (ftrack: My account > API key, or System settings > API keys)` });
      return;
    }
  } catch (error) {
    add({ name: 'credentials', ok: false, detail: causeOf(error), fix: 'the server did not answer /api; check the URL points at the ftrack server itself' });
    return;
  }
  try {
    const url = new URL('/socket.io/1/', server);
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    const fields = text.split(':');
    if (res.status === 200 && fields.length >= 4 && fields[3]!.split(',').includes('websocket')) {
      add({ name: 'event hub handshake', ok: true, detail: `session granted (heartbeat ${fields[1]} s)` });
    } else {
      add({ name: 'event hub handshake', ok: false, detail: `HTTP ${res.status}: ${text.slice(0, 80)}`, fix: 'the event hub must accept WebSocket connections at /socket.io/1/; check any proxy in front of the server' });
    }
  } catch (error) {
    add({ name: 'event hub handshake', ok: false, detail: causeOf(error), fix: 'check that /socket.io/1/ is reachable through your proxy' });
  }
}

function checkFfmpeg(required: boolean): Promise<Check> {
  const warning = !required;
  return new Promise((resolve) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', () =>
      resolve({ name: 'ffmpeg', ok: false, warning, detail: 'not found on PATH', fix: 'install ffmpeg (e.g. apt-get install ffmpeg); only the embedded stand-in server needs it' }),
    );
    child.on('close', (code) => {
      if (code === 0) resolve({ name: 'ffmpeg', ok: true, detail: out.split('\n')[0]?.trim() ?? 'found' });
      else resolve({ name: 'ffmpeg', ok: false, warning, detail: `ffmpeg -version exited with ${code}`, fix: 'reinstall ffmpeg' });
    });
  });
}

function causeOf(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}
