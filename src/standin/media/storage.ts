import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm, rename, unlink, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MEDIA_ERROR_CODES, MediaError, validationError } from './errors.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Throws a validation error unless `id` is safe to use as a file name. */
export function checkId(id: unknown, what = 'component_id'): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw validationError(`${what} must be an id made of letters, digits, '-' and '_' (got ${JSON.stringify(id)}).`);
  }
  return id;
}

/**
 * Layout of the media folder: `<mediaDir>/<componentId>` holds the bytes of a
 * component in `ftrack.server`; dot-folders hold uploads in progress, open
 * multipart uploads and cached thumbnails. Nothing but a complete, verified
 * file is ever renamed to a component path.
 */
export class MediaStorage {
  readonly dir: string;
  readonly incomingDir: string;
  readonly multipartDir: string;
  readonly thumbnailDir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.incomingDir = join(dir, '.incoming');
    this.multipartDir = join(dir, '.multipart');
    this.thumbnailDir = join(dir, '.thumbnails');
    for (const d of [dir, this.incomingDir, this.multipartDir, this.thumbnailDir]) mkdirSync(d, { recursive: true });
  }

  /**
   * Removes what a previous run left behind: temp files of uploads and encodes
   * (nothing is running yet) and multipart uploads older than `maxAgeMs`.
   */
  sweep(maxAgeMs = 7 * 24 * 3600 * 1000): { temp: number; multipart: number } {
    const temp = readdirSync(this.incomingDir);
    for (const name of temp) rmSync(join(this.incomingDir, name), { recursive: true, force: true });
    let multipart = 0;
    for (const name of readdirSync(this.multipartDir)) {
      const path = join(this.multipartDir, name);
      if (Date.now() - statSync(path).mtimeMs > maxAgeMs) {
        rmSync(path, { recursive: true, force: true });
        multipart++;
      }
    }
    return { temp: temp.length, multipart };
  }

  componentPath(componentId: string): string {
    return join(this.dir, checkId(componentId));
  }

  multipartPath(uploadId: string): string {
    return join(this.multipartDir, checkId(uploadId, 'upload_id'));
  }

  /** A fresh temp file name in the incoming folder. */
  tempPath(suffix = '.part'): string {
    return join(this.incomingDir, `${randomUUID()}${suffix}`);
  }

  /** Size of the stored bytes of a component, or undefined. */
  async sizeOf(componentId: string): Promise<number | undefined> {
    try {
      const info = await stat(this.componentPath(componentId));
      return info.isFile() ? info.size : undefined;
    } catch {
      return undefined;
    }
  }

  /** Deletes the bytes and cached thumbnails of a component; false when there were none. */
  async remove(componentId: string): Promise<boolean> {
    const path = this.componentPath(componentId);
    let existed = true;
    await unlink(path).catch(() => {
      existed = false;
    });
    await rm(join(this.thumbnailDir, componentId), { recursive: true, force: true });
    return existed;
  }

  /** Moves a verified temp file into place (atomic on one file system). */
  async commit(tempPath: string, componentId: string): Promise<void> {
    await rm(join(this.thumbnailDir, componentId), { recursive: true, force: true });
    await rename(tempPath, this.componentPath(componentId));
  }
}

export interface ReceiveLimits {
  /** Largest body accepted, bytes (413 above). */
  maxBytes: number;
  /** Exact size the body must have (400 otherwise). */
  expectedSize?: number;
  /** Base64 MD5 the body must have (400 otherwise). */
  md5?: string;
}

export interface Received {
  size: number;
  md5Hex: string;
  md5Base64: string;
}

/** Counts and hashes bytes on their way to disk, stopping at the limits. */
class Meter extends Transform {
  size = 0;
  readonly hash = createHash('md5');
  readonly limits: ReceiveLimits;

  constructor(limits: ReceiveLimits) {
    super();
    this.limits = limits;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limits.maxBytes) {
      done(tooLarge(this.limits.maxBytes));
      return;
    }
    if (this.limits.expectedSize !== undefined && this.size > this.limits.expectedSize) {
      done(wrongSize(this.limits.expectedSize, `more than ${this.limits.expectedSize}`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

function tooLarge(maxBytes: number): MediaError {
  return new MediaError(MEDIA_ERROR_CODES.tooLarge, `Upload is larger than the limit of ${maxBytes} bytes (media option maxUploadBytes).`, {
    status: 413,
  });
}

function wrongSize(expected: number, got: number | string): MediaError {
  return new MediaError(
    MEDIA_ERROR_CODES.size,
    `Upload has ${got} bytes but ${expected} were declared as file_size in get_upload_metadata; ask for new upload metadata with the right size.`,
    { status: 400 },
  );
}

/** Rejects a request up front from its Content-Length header. */
export function checkDeclaredLength(req: IncomingMessage, limits: ReceiveLimits): void {
  const header = req.headers['content-length'];
  if (header === undefined) return;
  const declared = Number(header);
  if (!Number.isSafeInteger(declared) || declared < 0) throw new MediaError(MEDIA_ERROR_CODES.size, 'Content-Length is not a valid byte count.');
  if (declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
  if (limits.expectedSize !== undefined && declared !== limits.expectedSize) throw wrongSize(limits.expectedSize, declared);
}

/**
 * Streams a request body into `target` (created exclusively), hashing it on
 * the way. Memory use does not depend on the body size. On any failure the
 * partial file is removed and a {@link MediaError} is thrown.
 */
export async function receiveBody(req: IncomingMessage, target: string, limits: ReceiveLimits): Promise<Received> {
  checkDeclaredLength(req, limits);
  const meter = new Meter(limits);
  try {
    await pipeline(req, meter, createWriteStream(target, { flags: 'wx' }));
    if (!req.complete) throw aborted();
  } catch (error) {
    await unlink(target).catch(() => {});
    if (error instanceof MediaError) throw error;
    if (req.destroyed || !req.complete) throw aborted(error);
    throw error;
  }
  const digest = meter.hash.digest();
  const received: Received = { size: meter.size, md5Hex: digest.toString('hex'), md5Base64: digest.toString('base64') };
  try {
    if (limits.expectedSize !== undefined && received.size !== limits.expectedSize) throw wrongSize(limits.expectedSize, received.size);
    if (limits.md5 !== undefined && limits.md5 !== received.md5Base64) {
      throw new MediaError(
        MEDIA_ERROR_CODES.checksum,
        `Upload MD5 ${received.md5Base64} does not match the checksum ${limits.md5} given in get_upload_metadata / Content-MD5; the file changed or was damaged in transit.`,
      );
    }
  } catch (error) {
    await unlink(target).catch(() => {});
    throw error;
  }
  return received;
}

function aborted(cause?: unknown): MediaError {
  return new MediaError(MEDIA_ERROR_CODES.aborted, 'Upload was interrupted before the whole body arrived; nothing was stored, upload again.', {
    status: 400,
    cause,
  });
}
