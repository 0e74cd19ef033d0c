/**
 * Base of every error this package throws on purpose.
 *
 * Each condition a caller may branch on has its own subclass with a stable,
 * prefixed `code` (`FTRACK_ERR_…`). Messages say what went wrong and, where
 * possible, how to fix it. Credentials never appear in a message.
 *
 * Subclasses live next to the code that throws them (`src/event/errors.ts`,
 * `src/session/errors.ts`, …) and are re-exported from the package root.
 */
export abstract class FtrackError extends Error {
  /** Stable machine-readable code, e.g. `FTRACK_ERR_HUB_CLOSED`. */
  abstract readonly code: `FTRACK_ERR_${string}`;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** A plain object for structured logs (no stack, no cause chain). */
  toJSON(): { name: string; code: string; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** True when `value` is one of our errors, optionally with the given code. */
export function isFtrackError(value: unknown, code?: string): value is FtrackError {
  return value instanceof FtrackError && (code === undefined || value.code === code);
}

/** Message of any thrown value, for logs and replies. */
export function errorMessage(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
