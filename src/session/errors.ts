import { FtrackError } from '../errors.js';

/**
 * Typed errors of the HTTP API client. Server answers are mapped to these in
 * one place, {@link fromServer}; nothing downstream matches on messages.
 * Messages never contain an API key.
 */

/** A required option is missing or invalid (names the option and its variable). */
export class SessionConfigError extends FtrackError {
  readonly code = 'FTRACK_ERR_SESSION_CONFIG' as const;
}

/** The session was closed; create a new one. */
export class SessionClosedError extends FtrackError {
  readonly code = 'FTRACK_ERR_SESSION_CLOSED' as const;
  constructor() {
    super('The session is closed; create a new one with Session.create()');
  }
}

/** A method that needs a started session was called on a bare `new Session()`. */
export class SessionNotStartedError extends FtrackError {
  readonly code = 'FTRACK_ERR_SESSION_NOT_STARTED' as const;
  constructor() {
    super('The session is not started: use `await Session.create(options)` instead of `new Session(options)`');
  }
}

export interface ServerErrorDetails {
  /** Server exception class name, e.g. `ValidationError`. */
  exception?: string;
  /** Server message. */
  content?: string;
  /** Server `error_code`, when given. */
  errorCode?: string | null;
  /** HTTP status of the answer. */
  status?: number;
}

/** The server reported an error (`{ exception, content }`). */
export class ServerError extends FtrackError {
  readonly code: `FTRACK_ERR_${string}` = 'FTRACK_ERR_SERVER';
  readonly exception: string | undefined;
  readonly content: string | undefined;
  readonly errorCode: string | null | undefined;
  readonly status: number | undefined;
  constructor(message: string, details: ServerErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.exception = details.exception;
    this.content = details.content;
    this.errorCode = details.errorCode;
    this.status = details.status;
  }
}

/** The server rejected the data (`ValidationError`). */
export class ServerValidationError extends ServerError {
  override readonly code = 'FTRACK_ERR_SERVER_VALIDATION' as const;
}

/** The user may not do this (`PermissionError`, `FTAuthenticationError`). */
export class ServerPermissionError extends ServerError {
  override readonly code = 'FTRACK_ERR_SERVER_PERMISSION' as const;
}

/** The user name or API key was refused. */
export class InvalidCredentialsError extends ServerError {
  override readonly code = 'FTRACK_ERR_INVALID_CREDENTIALS' as const;
}

/** The server is too old or does not know an action. */
export class ServerCompatibilityError extends ServerError {
  override readonly code = 'FTRACK_ERR_SERVER_COMPATIBILITY' as const;
  readonly serverVersion: string | undefined;
  constructor(message: string, details: ServerErrorDetails & { serverVersion?: string } = {}) {
    super(message, details);
    this.serverVersion = details.serverVersion;
  }
}

/** The server answered something that is not the API's JSON (HTML error page, 500, truncated body). */
export class MalformedResponseError extends ServerError {
  override readonly code = 'FTRACK_ERR_MALFORMED_RESPONSE' as const;
}

/** The server could not be reached at all (refused, DNS, reset). */
export class ServerUnreachableError extends FtrackError {
  readonly code = 'FTRACK_ERR_SERVER_UNREACHABLE' as const;
}

/** A request or a wait took longer than allowed. */
export class SessionTimeoutError extends FtrackError {
  readonly code = 'FTRACK_ERR_TIMEOUT' as const;
}

/** The caller aborted through an `AbortSignal`. */
export class AbortError extends FtrackError {
  readonly code = 'FTRACK_ERR_ABORTED' as const;
  constructor(message = 'The operation was aborted', options?: ErrorOptions) {
    super(message, options);
    this.name = 'AbortError';
  }
}

/** An entity type that the server's schemas do not define. */
export class UnknownEntityTypeError extends FtrackError {
  readonly code = 'FTRACK_ERR_UNKNOWN_ENTITY_TYPE' as const;
}

/** `query(...).one()` found no row. */
export class NoResultFoundError extends FtrackError {
  readonly code = 'FTRACK_ERR_NO_RESULT_FOUND' as const;
}

/** `query(...).one()` found more than one row. */
export class MultipleResultsFoundError extends FtrackError {
  readonly code = 'FTRACK_ERR_MULTIPLE_RESULTS_FOUND' as const;
}

/** Bad input to a session method (wrong entity kind, unparsable sequence…). */
export class SessionInputError extends FtrackError {
  readonly code = 'FTRACK_ERR_INVALID_INPUT' as const;
}

/** An upload of component data failed. */
export class UploadError extends FtrackError {
  readonly code = 'FTRACK_ERR_UPLOAD_FAILED' as const;
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** A Job ended as `failed`; `message` carries the job's own failure text. */
export class JobFailedError extends FtrackError {
  readonly code = 'FTRACK_ERR_JOB_FAILED' as const;
  readonly jobId: string;
  readonly jobMessage: string | undefined;
  constructor(jobId: string, jobMessage: string | undefined) {
    super(`Job ${jobId} failed${jobMessage ? `: ${jobMessage}` : ' (the server gave no reason)'}`);
    this.jobId = jobId;
    this.jobMessage = jobMessage;
  }
}

const INVALID_ACTION = /Invalid action u?'([^']+)'/;

/**
 * Maps a server error envelope (`{ exception, content, error_code }`) to a typed
 * error. The one place where server messages are interpreted.
 */
export function fromServer(payload: unknown, context: { status?: number; serverVersion?: string } = {}): ServerError {
  const body = (payload ?? {}) as Record<string, unknown>;
  const exception = typeof body.exception === 'string' ? body.exception : undefined;
  const content = typeof body.content === 'string' ? body.content : body.content === undefined ? undefined : JSON.stringify(body.content);
  const errorCode = typeof body.error_code === 'string' ? body.error_code : null;
  const details: ServerErrorDetails = { exception, content, errorCode, status: context.status };
  const text = `Server reported error: ${exception ?? 'unknown'}(${content ?? ''})`;
  const action = content ? INVALID_ACTION.exec(content) : null;
  if (action) {
    return new ServerCompatibilityError(
      `The server (version ${context.serverVersion ?? 'unknown'}) does not support the action "${action[1]}"; upgrade the server or avoid this call`,
      { ...details, serverVersion: context.serverVersion },
    );
  }
  switch (exception) {
    case 'ValidationError':
      return new ServerValidationError(text, details);
    case 'PermissionError':
    case 'FTAuthenticationError':
      return new ServerPermissionError(text, details);
    case 'InvalidCredentialsError':
    case 'AuthenticationError':
      return new InvalidCredentialsError(
        `${text}. Check the API user and key (options apiUser/apiKey or FTRACK_API_USER/FTRACK_API_KEY)`,
        details,
      );
    default:
      if (context.status === 401) return new InvalidCredentialsError(text, details);
      if (context.status === 403) return new ServerPermissionError(text, details);
      return new ServerError(text, details);
  }
}
