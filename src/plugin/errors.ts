import { FtrackError } from '../errors.js';

/**
 * Errors of plugin discovery and loading. Each names the plugin and its path
 * and says how to fix the problem; the loader records them in the load
 * report and carries on with the other plugins.
 */

/** The module could not be imported (syntax error, missing dependency, throw at top level). */
export class PluginImportError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_IMPORT' as const;
  readonly path: string;
  constructor(path: string, cause: unknown) {
    super(
      `Failed to import plugin from "${path}": ${describe(cause)}. Fix the module so that it imports on its own (node ${path}).`,
      { cause },
    );
    this.path = path;
  }
}

/** The module imported but exports no `register` function. */
export class PluginNoRegisterError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_NO_REGISTER' as const;
  readonly path: string;
  constructor(path: string, found: string) {
    super(
      `Plugin "${path}" has no register function (found ${found}). Export \`register(session, pluginArguments)\`, ` +
        'a default function, or `export default definePlugin({ register })`.',
    );
    this.path = path;
  }
}

/** `register()` threw or rejected. */
export class PluginRegisterError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_REGISTER' as const;
  readonly plugin: string;
  constructor(plugin: string, path: string, cause: unknown) {
    super(`Plugin '${plugin}' (${path}) failed in register(): ${describe(cause)}`, { cause });
    this.plugin = plugin;
  }
}

/** `register()` did not settle within the time limit. */
export class PluginTimeoutError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_TIMEOUT' as const;
  readonly plugin: string;
  constructor(plugin: string, path: string, timeoutMs: number) {
    super(
      `Plugin '${plugin}' (${path}) did not finish register() within ${timeoutMs} ms; return or resolve its promise ` +
        '(start long-running work in the background), or raise the plugin timeout.',
    );
    this.plugin = plugin;
  }
}

/** The plugin's arguments do not satisfy its exported schema. */
export class PluginArgumentsError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_ARGUMENTS' as const;
  readonly plugin: string;
  readonly issues: readonly { key: string; message: string }[];
  constructor(plugin: string, path: string, issues: readonly { key: string; message: string }[]) {
    super(
      `Plugin '${plugin}' (${path}) got invalid arguments: ` +
        issues.map((i) => `key '${i.key}': ${i.message}`).join('; ') +
        `. Fix the "plugins.${plugin}" section of the host configuration (or the shared pluginArguments).`,
    );
    this.plugin = plugin;
    this.issues = issues;
  }
}

/** Two discovered plugins ended up with the same name. */
export class PluginDuplicateNameError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_DUPLICATE_NAME' as const;
  constructor(plugin: string, path: string, firstPath: string) {
    super(
      `Plugin name '${plugin}' of "${path}" is already used by "${firstPath}"; export a distinct \`name\` ` +
        'from one of them or rename the file.',
    );
  }
}

/** A configured plugin path does not exist. */
export class PluginPathNotFoundError extends FtrackError {
  readonly code = 'FTRACK_ERR_PLUGIN_PATH' as const;
  readonly path: string;
  constructor(path: string) {
    super(`Plugin path "${path}" does not exist (nor matches any file as a glob pattern); fix or remove it.`);
    this.path = path;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
