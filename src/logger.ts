import { pino, type LoggerOptions } from 'pino';

/**
 * The logger interface every component takes. It is the subset of pino that
 * we use, so a pino logger (or anything shaped like it) can be injected.
 *
 * Call style is pino's: `logger.info({ eventId }, 'message')` or
 * `logger.info('message')`.
 */
export interface Logger {
  level?: string;
  trace(obj: unknown, msg?: string, ...args: unknown[]): void;
  debug(obj: unknown, msg?: string, ...args: unknown[]): void;
  info(obj: unknown, msg?: string, ...args: unknown[]): void;
  warn(obj: unknown, msg?: string, ...args: unknown[]): void;
  error(obj: unknown, msg?: string, ...args: unknown[]): void;
  fatal?(obj: unknown, msg?: string, ...args: unknown[]): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Paths redacted from every log line: API keys and auth headers, wherever a
 * component puts them. Plugins can add their own secret fields through
 * `createLogger({ redact: [...] })`.
 */
export const REDACTED_PATHS: readonly string[] = [
  'apiKey',
  'api_key',
  'password',
  'secret',
  'token',
  '*.apiKey',
  '*.api_key',
  '*.password',
  '*.secret',
  '*.token',
  'headers["ftrack-api-key"]',
  '*.headers["ftrack-api-key"]',
  'options.apiKey',
  'config.apiKey',
];

export interface CreateLoggerOptions {
  /** Minimum level. Defaults to `FTRACK_LOG_LEVEL` or `info`. */
  level?: string;
  /**
   * Bound as `service` on every line. (`name` is left to the child loggers,
   * `{ name: 'hub' }`, `{ name: 'plugin', plugin }`, so a line never carries two
   * `name` keys.)
   */
  name?: string;
  /** Pretty, human-readable output (pino-pretty) instead of JSON lines. */
  pretty?: boolean;
  /** Extra paths to redact (added to {@link REDACTED_PATHS}). */
  redact?: string[];
  /** Write JSON lines here instead of stdout (file descriptor or stream). */
  destination?: NodeJS.WritableStream | number;
}

/** A pino logger with our redaction rules. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level ?? process.env.FTRACK_LOG_LEVEL ?? 'info',
    redact: { paths: [...REDACTED_PATHS, ...(options.redact ?? [])], censor: '[redacted]' },
    base: options.name ? { service: options.name } : {},
  };
  if (options.pretty) {
    return pino({
      ...pinoOptions,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', destination: 2 } },
    });
  }
  if (options.destination !== undefined) {
    const dest =
      typeof options.destination === 'number'
        ? pino.destination({ fd: options.destination, sync: true })
        : (options.destination as pino.DestinationStream);
    return pino(pinoOptions, dest);
  }
  return pino(pinoOptions);
}

const noop = (): void => {};

/** A logger that drops everything (the default in library code and tests). */
export const silentLogger: Logger = {
  level: 'silent',
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => silentLogger,
};

/** A logger that keeps every line in memory; for tests. */
export interface CapturedLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  bindings: Record<string, unknown>;
  obj: unknown;
  msg: string | undefined;
}

export function captureLogger(bindings: Record<string, unknown> = {}, lines: CapturedLine[] = []): Logger & { lines: CapturedLine[] } {
  const at =
    (level: CapturedLine['level']) =>
    (obj: unknown, msg?: string): void => {
      if (typeof obj === 'string' && msg === undefined) lines.push({ level, bindings, obj: undefined, msg: obj });
      else lines.push({ level, bindings, obj, msg });
    };
  return {
    lines,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    child: (more) => captureLogger({ ...bindings, ...more }, lines),
  };
}
