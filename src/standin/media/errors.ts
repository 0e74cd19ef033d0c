import { FtrackError } from '../../errors.js';

/** Codes of the media endpoints and the encoder. */
export const MEDIA_ERROR_CODES = {
  signature: 'FTRACK_ERR_MEDIA_BAD_SIGNATURE',
  expired: 'FTRACK_ERR_MEDIA_URL_EXPIRED',
  size: 'FTRACK_ERR_MEDIA_WRONG_SIZE',
  tooLarge: 'FTRACK_ERR_MEDIA_TOO_LARGE',
  checksum: 'FTRACK_ERR_MEDIA_CHECKSUM_MISMATCH',
  aborted: 'FTRACK_ERR_MEDIA_UPLOAD_ABORTED',
  notFound: 'FTRACK_ERR_MEDIA_NOT_FOUND',
  unauthorized: 'FTRACK_ERR_MEDIA_UNAUTHORIZED',
  range: 'FTRACK_ERR_MEDIA_RANGE',
  validation: 'FTRACK_ERR_MEDIA_VALIDATION',
  encode: 'FTRACK_ERR_ENCODE_FAILED',
} as const;

export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[keyof typeof MEDIA_ERROR_CODES];

/**
 * An error of the media part of the stand-in. `status` is the HTTP status of
 * the media endpoints; `exception` is the class name put in the ftrack error
 * envelope (`{exception, content, error_code}`, protocol 1.5), so the `/api`
 * dispatcher and the media routes report it the way ftrack does.
 */
export class MediaError extends FtrackError {
  readonly code: MediaErrorCode;
  readonly status: number;
  readonly exception: string;

  constructor(code: MediaErrorCode, message: string, options: { status?: number; exception?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 400;
    this.exception = options.exception ?? 'ValidationError';
  }

  /** Same as `exception`; the name the `/api` dispatcher reads for the envelope. */
  get serverException(): string {
    return this.exception;
  }

  /** The ftrack error envelope of protocol 1.5. */
  toEnvelope(): { exception: string; content: string; error_code: string } {
    return { exception: this.exception, content: this.message, error_code: this.code };
  }
}

/** A validation error of a media action (`get_upload_metadata`, `encode_media`, …). */
export function validationError(message: string): MediaError {
  return new MediaError(MEDIA_ERROR_CODES.validation, message, { status: 400, exception: 'ValidationError' });
}
