import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../logger.js';
import { createStandinServer } from '../../standin/server.js';
import { CliUsageError } from '../errors.js';

/** Default data dir of `ftrack-host server`: `$XDG_CACHE_HOME` or `~/.cache`, then `ftrack-host/standin`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'ftrack-host', 'standin');
}

interface ServerCliOptions {
  port: string;
  host: string;
  dataDir?: string;
  apiUser?: string;
  apiKey?: string;
  maxUploadBytes?: string;
}

/** Parses `--max-upload-bytes`: a positive integer byte count. */
export function parseMaxUploadBytes(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value <= 0) {
    throw new CliUsageError(`--max-upload-bytes must be a positive whole number of bytes (e.g. 1073741824 for 1 GiB), got "${text}"`);
  }
  return value;
}

/**
 * `ftrack-host server`: runs the stand-in ftrack server until SIGINT/SIGTERM.
 * Prints exactly one ready line on stdout (the one place the API key is
 * shown, on purpose); logs go to stderr.
 */
export function register(program: Command): void {
  program
    .command('server')
    .description('Run the stand-in ftrack server (HTTP API, event hub, uploads, encoder) on a local SQLite store')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data-dir <dir>', `database and media folder (default: ${defaultDataDir()})`)
    .option('--api-user <name>', 'API user to create or override (becomes the printed user)')
    .option('--api-key <key>', 'API key of --api-user (default: the stored or a random key)')
    .option('--max-upload-bytes <n>', 'largest accepted upload in bytes (default: 10 GiB)')
    .action(async (options: ServerCliOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port must be an integer from 0 to 65535, got "${options.port}"`);
      if (options.apiKey && !options.apiUser) throw new CliUsageError('--api-key needs --api-user (the user it belongs to)');
      const maxUploadBytes = options.maxUploadBytes === undefined ? undefined : parseMaxUploadBytes(options.maxUploadBytes);
      const logger = createLogger({ name: 'ftrack-host', destination: 2 });
      const dataDir = options.dataDir ?? defaultDataDir();
      // Without --api-key the user keeps its stored key, else gets a random one.
      const users = options.apiUser ? [{ username: options.apiUser, ...(options.apiKey ? { apiKey: options.apiKey } : {}) }] : undefined;
      const server = await createStandinServer({
        port,
        host: options.host,
        dataDir,
        logger,
        ...(users ? { users } : {}),
        ...(maxUploadBytes !== undefined ? { media: { maxUploadBytes } } : {}),
      }).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'EADDRINUSE') {
          throw new CliUsageError(`Port ${port} on ${options.host} is already in use; stop the other server or pass --port 0 (any free port) or another port`);
        }
        throw error;
      });
      process.stdout.write(`ftrack stand-in server ready at ${server.url} (api user: ${server.apiUser}, api key: ${server.apiKey})\n`);
      let stopping = false;
      const stop = (signal: NodeJS.Signals): void => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping the stand-in server');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'closing the stand-in server failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
