import { FtrackError } from '../../errors.js';
import { StoreError } from '../store/errors.js';

/**
 * Errors the `/api` endpoint answers with. Each carries the ftrack
 * `exception` name of the wire envelope (protocol 1.5) and the HTTP status
 * used when the request sent `ftrack-strict-api: true`.
 *
 * Strict-mode statuses (the real codes are a documented gap, protocol 11.2):
 * 401 bad credentials, 400 validation/query/unknown action/bad body,
 * 404 entity not found, 413 body too large, 500 anything else.
 */
export class ApiError extends FtrackError {
  readonly code: `FTRACK_ERR_${string}`;
  readonly exception: string;
  readonly status: number;
  readonly errorCode: string | null;
  constructor(exception: string, message: string, status: number, code: `FTRACK_ERR_${string}`, errorCode: string | null = null) {
    super(message);
    this.exception = exception;
    this.status = status;
    this.code = code;
    this.errorCode = errorCode;
  }
}

export function invalidCredentials(): ApiError {
  return new ApiError(
    'InvalidCredentialsError',
    'The API user or API key is invalid. Send the user name in the ftrack-user header and a valid API key in the ftrack-api-key header.',
    401,
    'FTRACK_ERR_STANDIN_CREDENTIALS',
  );
}

export function badRequest(message: string, status = 400): ApiError {
  return new ApiError('ValidationError', message, status, 'FTRACK_ERR_STANDIN_BAD_REQUEST');
}

/** Message matched by the Python client's ServerCompatibilityError detection. */
export function unknownAction(name: unknown): ApiError {
  return new ApiError('ServerError', `Invalid action u'${String(name)}': the stand-in server does not support this action.`, 400, 'FTRACK_ERR_STANDIN_UNKNOWN_ACTION');
}

const STORE_STATUS: Record<string, number> = {
  ValidationError: 400,
  QueryError: 400,
  IntegrityError: 400,
  NoResultFoundError: 404,
};

/** The wire envelope and strict status of any thrown value. */
export function toEnvelope(error: unknown): { status: number; body: { exception: string; content: string; error_code: string | null } } {
  if (error instanceof ApiError) {
    return { status: error.status, body: { exception: error.exception, content: error.message, error_code: error.errorCode } };
  }
  if (error instanceof StoreError) {
    return { status: STORE_STATUS[error.serverException] ?? 400, body: { exception: error.serverException, content: error.message, error_code: null } };
  }
  if (error instanceof RangeError || (error instanceof Error && error.name === 'SqliteError' && /too (large|many|deep)|maximum depth|too complex|recursion limit/i.test(error.message))) {
    return { status: 400, body: { exception: 'QueryError', content: 'The query is too complex for the stand-in server; split it into smaller queries.', error_code: null } };
  }
  if (error instanceof Error && error.name === 'SqliteError' && /constraint failed/i.test(error.message)) {
    return { status: 400, body: { exception: 'IntegrityError', content: `The change conflicts with existing data (${error.message}).`, error_code: null } };
  }
  const duck = error as { serverException?: unknown; status?: unknown; message?: unknown };
  if (error instanceof Error && typeof duck.serverException === 'string') {
    const status = typeof duck.status === 'number' ? duck.status : 400;
    // Media errors (and any FtrackError carrying an ftrack exception name) keep their stable code, as on the media routes.
    return { status, body: { exception: duck.serverException, content: error.message, error_code: error instanceof FtrackError ? error.code : null } };
  }
  if (error instanceof FtrackError) {
    return { status: 500, body: { exception: 'ServerError', content: error.message, error_code: error.code } };
  }
  return { status: 500, body: { exception: 'ServerError', content: 'Internal error of the stand-in server; see its log for details.', error_code: null } };
}
