import { z } from 'zod';
import { FtrackError } from '../errors.js';
import { DEFAULT_PLUGIN_TIMEOUT_MS } from '../plugin/load.js';

/**
 * The host configuration: its zod schema, the merge of the three sources
 * (config file < environment < flags) and the error that reports every
 * mistake as source, key, what was expected and what was found.
 */

export const HOST_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Default time a stopping host waits for running handlers, ms. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

const argumentsObject = z.record(z.string(), z.unknown());

export const hostConfigSchema = z
  .object({
    /** ftrack server URL, e.g. `https://studio.ftrackapp.com`. None = embedded stand-in server. */
    server: z
      .string()
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: 'expected an http(s) URL such as https://studio.ftrackapp.com' })
      .optional(),
    apiUser: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    /** Plugin folders, files and glob patterns. */
    pluginPaths: z.array(z.string().min(1)).default([]),
    /** Load the bundled `plugins/` folder (encode-media). Defaults to true. */
    bundledPlugins: z.boolean().default(true),
    /** Arguments given to every plugin. */
    pluginArguments: argumentsObject.default({}),
    /** Per-plugin arguments by plugin name, merged over `pluginArguments`. */
    plugins: z.record(z.string(), argumentsObject).default({}),
    /** Time limit of each plugin's register(), ms. */
    pluginTimeoutMs: z.number().int().positive().default(DEFAULT_PLUGIN_TIMEOUT_MS),
    /** Port of `/healthz` and `/metrics`; none = no health server; 0 = any free port. */
    healthPort: z.number().int().min(0).max(65535).optional(),
    /** Address the health server binds. */
    healthHost: z.string().min(1).default('127.0.0.1'),
    logLevel: z.enum(HOST_LOG_LEVELS).default('info'),
    /** Human-readable logs (pino-pretty) instead of JSON lines. */
    pretty: z.boolean().default(false),
    /** How long a stopping host waits for running handlers, ms. */
    drainTimeoutMs: z.number().int().min(0).default(DEFAULT_DRAIN_TIMEOUT_MS),
    /** Folder of the schema cache; false disables it. */
    schemaCachePath: z.union([z.string().min(1), z.literal(false)]).optional(),
  })
  .strict();

/** The validated host configuration. */
export type HostConfig = z.output<typeof hostConfigSchema>;
/** What a source may set (before defaults). */
export type HostConfigInput = z.input<typeof hostConfigSchema>;

/** A partial configuration from one source, with where each key came from. */
export interface ConfigSource {
  values: Record<string, unknown>;
  /** Key → human-readable origin (`.ftrack-hostrc`, `environment variable FTRACK_SERVER`, `flag --server`). */
  origins: Record<string, string>;
}

export interface ConfigIssue {
  /** Where the value came from (file path, environment variable, flag). */
  source: string;
  /** Dotted key in the configuration. */
  key: string;
  expected: string;
  /** JSON of the value found (secrets hidden). */
  found: string;
}

/** The configuration is invalid; `issues` lists every mistake. */
export class HostConfigError extends FtrackError {
  readonly code = 'FTRACK_ERR_CONFIG' as const;
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration:\n` +
        issues.map((i) => `  ${i.source}: key "${i.key}": expected ${i.expected}, found ${i.found}`).join('\n') +
        `\nFix these values (see docs/host.md for every key).`,
    );
    this.issues = issues;
  }
}

/** The configuration file could not be read or parsed. */
export class HostConfigFileError extends FtrackError {
  readonly code = 'FTRACK_ERR_CONFIG_FILE' as const;
  readonly path: string;
  constructor(path: string, cause: unknown) {
    super(`Cannot read the configuration file "${path}": ${cause instanceof Error ? cause.message : String(cause)}. Fix its syntax or pass another file with --config.`, { cause });
    this.path = path;
  }
}

const SECRET_KEYS = new Set(['apiKey']);

/**
 * Merges sources by precedence (later wins; objects `pluginArguments` and
 * `plugins` are merged per key, `pluginPaths` are concatenated) and validates
 * the result.
 */
export function mergeConfig(...sources: ConfigSource[]): HostConfig {
  const values: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.values)) {
      if (value === undefined) continue;
      const previous = values[key];
      if (key === 'pluginPaths' && Array.isArray(previous) && Array.isArray(value)) values[key] = [...previous, ...value];
      else if ((key === 'pluginArguments' || key === 'plugins') && isPlainObject(previous) && isPlainObject(value)) values[key] = { ...previous, ...value };
      else values[key] = value;
      origins[key] = source.origins[key] ?? 'configuration';
    }
  }
  const result = hostConfigSchema.safeParse(values);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        source: origins[key] ?? 'configuration',
        key: [...issue.path.map(String), key].join('.'),
        expected: `one of the known keys (${Object.keys(hostConfigSchema.shape).join(', ')})`,
        found: 'an unknown key',
      }));
    }
    const top = String(issue.path[0] ?? '');
    return [
      {
        source: origins[top] ?? 'configuration',
        key: issue.path.map(String).join('.') || '(root)',
        expected: expectedOf(issue),
        found: SECRET_KEYS.has(top) ? '[hidden]' : describeValue(valueAt(values, issue.path)),
      },
    ];
  });
  throw new HostConfigError(issues);
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const what = issue.expected === 'record' ? 'object' : issue.expected === 'int' ? 'integer' : issue.expected;
    return `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`;
  }
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small') return `a value of at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
  if (issue.code === 'too_big') return `a value of at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_union') return 'a path (string) or false';
  return issue.message.replace(/^Invalid input: /, '').replace(/^expected /, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
