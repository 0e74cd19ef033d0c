import type { Command } from 'commander';
import pino from 'pino';
import { createLogger } from '../../logger.js';
import { resolveHostConfig } from '../../host/config-sources.js';
import { runHost, type Host } from '../../host/host.js';
import { startEmbedded } from '../../host/embedded.js';
import { DEFAULT_DRAIN_TIMEOUT_MS } from '../../host/config.js';

/**
 * `ftrack-host run` (the default command): the long-running host. The flags
 * are declared here for `--help`; they are read by the pure
 * `readCliOptions` from the raw arguments so that file, environment and
 * flags merge in one place. SIGINT/SIGTERM stop the host gracefully and exit
 * 0; a second signal exits at once with 1.
 */
export function register(program: Command): void {
  program
    .command('run', { isDefault: true })
    .description('Run the event-hub plugin host (default command). Without a server, runs against an embedded stand-in server.')
    .option('-c, --config <file>', 'configuration file (default: .ftrack-hostrc* / ftrack-host.config.* / package.json "ftrack-host" in the current folder)')
    .option('--server <url>', 'ftrack server URL (FTRACK_SERVER)')
    .option('--api-user <name>', 'API user (FTRACK_API_USER)')
    .option('--api-key <key>', 'API key (FTRACK_API_KEY)')
    .option('--plugin-path <path>', 'plugin folder, file or glob; repeatable (FTRACK_EVENT_PLUGIN_PATH)')
    .option('--no-bundled-plugins', 'do not load the bundled plugins/ folder')
    .option('--health-port <port>', 'serve /healthz and /metrics on this port (0 = any free port)')
    .option('--health-host <host>', 'address of the health server', '127.0.0.1')
    .option('--log-level <level>', 'trace, debug, info, warn, error, fatal or silent', 'info')
    .option('--pretty', 'human-readable logs instead of JSON lines')
    .option('--drain-timeout <ms>', 'on SIGINT/SIGTERM, wait this long for running handlers', String(DEFAULT_DRAIN_TIMEOUT_MS))
    .option('--plugin-timeout <ms>', "time limit of each plugin's register()")
    .option('--schema-cache-path <dir>', 'schema cache folder')
    .action(async () => {
      const argv = runArguments(process.argv);
      const config = await resolveHostConfig({ argv, env: process.env, cwd: process.cwd() });
      const embedded = !config.server;
      const logger = createLogger({ level: config.logLevel, pretty: config.pretty || (embedded && process.stdout.isTTY === true) });
      // Signal handlers first, so Ctrl-C while starting also stops gracefully (once started).
      let stopAll: ((reason: string) => Promise<unknown>) | undefined;
      let requested: NodeJS.Signals | undefined;
      const stop = (signal: NodeJS.Signals): void => {
        stopAll!(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`ftrack-host: stop failed: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
          },
        );
      };
      let firstAt = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        // One Ctrl-C under `npm start` can arrive twice (from the terminal and forwarded by npm): a repeat within 500 ms is the same request.
        if (requested && Date.now() - firstAt < 500) return;
        if (requested) {
          process.stderr.write(`ftrack-host: second ${signal}, exiting without waiting\n`);
          process.exit(1);
        }
        requested = signal;
        firstAt = Date.now();
        if (stopAll) stop(signal);
        else process.stderr.write(`ftrack-host: ${signal} received while starting; stopping once started\n`);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let host: Host;
      if (embedded) {
        // Started through npm (`npm start`, `npx ftrack-host`), `ftrack-host` is not on PATH but `npx ftrack-host` works.
        const cli = process.env.npm_lifecycle_event ? 'npx ftrack-host' : 'ftrack-host';
        const started = await startEmbedded(config, { logger, env: process.env, cli });
        host = started.host;
        stopAll = (reason) => started.stop(reason);
        if (!requested) {
          // After the start-up log lines (pino writes asynchronously), so the instructions come last.
          await flushLogger(logger);
          process.stdout.write(`${started.instructions}\n`);
        }
      } else {
        host = await runHost(config, { logger });
        stopAll = (reason) => host.stop(reason);
      }
      if (requested) stop(requested);
      await host.closed();
    });
}

/**
 * Waits until the logger wrote what it buffered: pino's `flush(cb)` calls back
 * before an asynchronous destination emptied its buffer, so the destination's
 * own `flushSync()` finishes the job (a no-op for other loggers).
 */
async function flushLogger(logger: unknown): Promise<void> {
  const flush = (logger as { flush?: (cb: (error?: Error) => void) => void }).flush;
  if (typeof flush !== 'function') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    flush.call(logger, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const stream = (logger as Record<symbol, { flushSync?: () => void } | undefined>)[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // A destination that cannot flush synchronously (a transport) keeps its order as is.
  }
}

/** The tokens after `run` (or all of them when `run` was implied). */
export function runArguments(argv: readonly string[]): string[] {
  const args = argv.slice(2);
  return args[0] === 'run' ? args.slice(1) : args;
}
