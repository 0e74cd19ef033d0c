import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, rename, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ActionHandler, StandinContext } from '../context.js';
import type { PreparedActionHandler } from '../api/router.js';
import { MEDIA_ERROR_CODES, MediaError, validationError } from './errors.js';
import { guard } from './http.js';
import { attachmentDisposition, contentTypeOf } from './mime.js';
import { MAX_MULTIPART_PARTS, type ResolvedMediaOptions } from './options.js';
import { checkId, receiveBody, type MediaStorage } from './storage.js';

/** Paths of the signed upload URLs. */
export const UPLOAD_PATH = '/media/upload';
export const UPLOAD_PART_PATH = '/media/upload-part';

/** What `get_upload_metadata` writes beside the parts of a multipart upload. */
interface MultipartRecord {
  componentId: string;
  fileName: string;
  fileSize: number;
  parts: number;
}

/** Signed-URL uploads: the two actions and the PUT route. */
export class Uploads {
  readonly context: StandinContext;
  readonly storage: MediaStorage;
  readonly options: ResolvedMediaOptions;

  constructor(context: StandinContext, storage: MediaStorage, options: ResolvedMediaOptions) {
    this.context = context;
    this.storage = storage;
    this.options = options;
  }

  /** A signed `/component/get` URL for a component (used in action answers). */
  downloadUrl(componentId: string): string {
    return this.context.url + this.context.signer.sign('/component/get', { id: componentId }, this.options.uploadUrlTtlSeconds);
  }

  /** `get_upload_metadata` (protocol 1.6); works before the component exists. */
  readonly getUploadMetadata: ActionHandler = (op) => {
    const componentId = checkId(op.component_id);
    let fileName = op.file_name;
    let fileSize = op.file_size;
    if (fileName == null || fileSize == null) {
      // The docs allow leaving them out for a component that already exists.
      const component = this.context.store.get('Component', componentId);
      if (component) {
        fileName ??= `${String(component.name ?? 'main')}${String(component.file_type ?? '')}`;
        fileSize ??= component.size;
      }
    }
    if (typeof fileName !== 'string' || fileName === '' || fileName.includes('/')) {
      throw validationError('get_upload_metadata needs file_name (e.g. "main.mov") when the component does not exist yet.');
    }
    if (typeof fileSize !== 'number' || !Number.isSafeInteger(fileSize) || fileSize < 0) {
      throw validationError('get_upload_metadata needs file_size, a byte count (integer >= 0).');
    }
    if (fileSize > this.options.maxUploadBytes) {
      throw new MediaError(MEDIA_ERROR_CODES.tooLarge, `file_size ${fileSize} is above the upload limit of ${this.options.maxUploadBytes} bytes.`, {
        status: 413,
        exception: 'ValidationError',
      });
    }
    const checksum = op.checksum ?? undefined;
    if (checksum !== undefined && (typeof checksum !== 'string' || Buffer.from(checksum, 'base64').length !== 16)) {
      throw validationError('checksum must be the base64 MD5 digest of the file (RFC 1864 Content-MD5) or null.');
    }
    const parts = op.parts ?? undefined;
    if (parts !== undefined && (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 0 || parts > MAX_MULTIPART_PARTS)) {
      throw validationError(`parts must be null or an integer from 1 to ${MAX_MULTIPART_PARTS}.`);
    }
    const ttl = this.options.uploadUrlTtlSeconds;
    if (parts === undefined || parts === 0) {
      const params: Record<string, string> = { component_id: componentId, size: String(fileSize) };
      if (checksum !== undefined) params.md5 = checksum;
      const headers: Record<string, string> = {
        'Content-Type': contentTypeOf(fileName),
        'Content-Disposition': attachmentDisposition(fileName),
      };
      if (checksum !== undefined) headers['Content-MD5'] = checksum;
      return { url: this.context.url + this.context.signer.sign(UPLOAD_PATH, params, ttl), headers, component_id: componentId };
    }
    const uploadId = randomUUID();
    const dir = this.storage.multipartPath(uploadId);
    mkdirSync(dir, { recursive: true });
    const record: MultipartRecord = { componentId, fileName, fileSize, parts };
    writeFileSync(join(dir, 'upload.json'), JSON.stringify(record));
    const urls = [];
    for (let n = 1; n <= parts; n++) {
      const path = this.context.signer.sign(UPLOAD_PART_PATH, { component_id: componentId, upload_id: uploadId, part_number: String(n) }, ttl);
      urls.push({ signed_url: this.context.url + path, part_number: n });
    }
    return { component_id: componentId, upload_id: uploadId, urls };
  };

  /** Assembled files of the operations being completed, by operation object. */
  private readonly assembled = new WeakMap<object, string>();

  /**
   * `complete_multipart_upload`. The `/api` router first awaits `prepare`
   * (checks the e_tags and sizes, then joins the parts in order into
   * `assembled` in the upload's folder with streaming async I/O, so the event
   * loop keeps serving other requests and hub heartbeats), then calls the
   * handler inside the batch's transaction, which moves the file in place.
   */
  readonly completeMultipartUpload: PreparedActionHandler = Object.assign(
    (op: Record<string, unknown>) => {
      const path = this.assembled.get(op);
      if (path === undefined) {
        throw new MediaError(MEDIA_ERROR_CODES.validation, 'complete_multipart_upload must be called through /api (its parts are assembled before the transaction).', { status: 500, exception: 'ServerError' });
      }
      const componentId = checkId(op.component_id);
      const uploadId = checkId(op.upload_id, 'upload_id');
      const dir = this.storage.multipartPath(uploadId);
      rmSync(join(this.storage.thumbnailDir, componentId), { recursive: true, force: true });
      renameSync(path, this.storage.componentPath(componentId));
      rmSync(dir, { recursive: true, force: true });
      this.context.logger.debug({ componentId, uploadId }, 'multipart upload completed');
      return { action: 'complete_multipart_upload', component_id: componentId, url: this.downloadUrl(componentId) };
    },
    { prepare: (op: Record<string, unknown>) => this.prepareCompletion(op) },
  );

  private async prepareCompletion(op: Record<string, unknown>): Promise<() => void> {
    const componentId = checkId(op.component_id);
    const uploadId = checkId(op.upload_id, 'upload_id');
    const dir = this.storage.multipartPath(uploadId);
    const record = readRecord(dir);
    if (!record || record.componentId !== componentId) {
      throw validationError(`No open multipart upload ${uploadId} for component ${componentId}; it was completed already or never started.`);
    }
    if (!Array.isArray(op.parts) || op.parts.length === 0) throw validationError('parts must be a non-empty list of {part_number, e_tag}.');
    const parts = op.parts.map((raw: unknown) => {
      const part = raw as { part_number?: unknown; e_tag?: unknown };
      if (typeof part?.part_number !== 'number' || !Number.isInteger(part.part_number) || typeof part.e_tag !== 'string') {
        throw validationError('each part must be {part_number: integer, e_tag: string}.');
      }
      return { n: part.part_number, eTag: part.e_tag.replaceAll('"', '').toLowerCase() };
    });
    parts.sort((a, b) => a.n - b.n);
    let total = 0;
    for (const [i, part] of parts.entries()) {
      if (part.n < 1 || part.n > record.parts || (i > 0 && parts[i - 1]!.n === part.n)) {
        throw validationError(`part_number ${part.n} is not one of the ${record.parts} parts of this upload (or is listed twice).`);
      }
      const stored = existsSync(join(dir, `${part.n}.etag`)) ? readFileSync(join(dir, `${part.n}.etag`), 'utf8') : undefined;
      if (stored === undefined) throw validationError(`Part ${part.n} was never uploaded; PUT it to its signed_url first.`);
      if (stored !== part.eTag) throw validationError(`e_tag of part ${part.n} does not match the uploaded part (expected ${stored}).`);
      total += statSync(join(dir, `${part.n}.part`)).size;
    }
    if (total !== record.fileSize) {
      throw new MediaError(MEDIA_ERROR_CODES.size, `The parts add up to ${total} bytes but file_size was ${record.fileSize}; upload the missing parts.`);
    }
    const target = join(dir, ASSEMBLED_NAME);
    await joinParts(parts.map((p) => join(dir, `${p.n}.part`)), target);
    this.assembled.set(op, target);
    // After the transaction: a file not moved in place (the batch failed) is removed.
    return () => {
      this.assembled.delete(op);
      rmSync(target, { force: true });
    };
  }

  /** Handles PUTs to the signed upload URLs; false for other routes. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean> {
    if (url.pathname !== UPLOAD_PATH && url.pathname !== UPLOAD_PART_PATH) return false;
    return guard(req, res, this.context.logger, async () => {
      if (req.method !== 'PUT') throw new MediaError(MEDIA_ERROR_CODES.validation, 'Upload URLs take PUT only.', { status: 405 });
      const params = verifySigned(this.context, url);
      const componentId = checkId(params.component_id);
      const eTag = url.pathname === UPLOAD_PATH ? await this.putSingle(req, params, componentId) : await this.putPart(req, params, componentId);
      res.writeHead(200, {
        ETag: `"${eTag}"`,
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': 'ETag',
        'Content-Length': '0',
      });
      res.end();
    });
  }

  private async putSingle(req: IncomingMessage, params: Record<string, string>, componentId: string): Promise<string> {
    const header = req.headers['content-md5'];
    const md5 = params.md5 ?? (typeof header === 'string' ? header : undefined);
    if (params.md5 !== undefined && typeof header === 'string' && header !== params.md5) {
      throw new MediaError(MEDIA_ERROR_CODES.checksum, 'Content-MD5 header differs from the checksum given in get_upload_metadata.');
    }
    const temp = this.storage.tempPath();
    const received = await receiveBody(req, temp, { maxBytes: this.options.maxUploadBytes, expectedSize: Number(params.size), md5 });
    await this.storage.commit(temp, componentId);
    this.context.logger.debug({ componentId, bytes: received.size }, 'upload stored');
    return received.md5Hex;
  }

  private async putPart(req: IncomingMessage, params: Record<string, string>, componentId: string): Promise<string> {
    const dir = this.storage.multipartPath(checkId(params.upload_id, 'upload_id'));
    const record = await readFile(join(dir, 'upload.json'), 'utf8').then((t) => JSON.parse(t) as MultipartRecord, () => undefined);
    if (!record || record.componentId !== componentId) {
      throw new MediaError(MEDIA_ERROR_CODES.notFound, 'This multipart upload is unknown or already completed; ask for new upload metadata.', { status: 404 });
    }
    const n = Number(params.part_number);
    const temp = this.storage.tempPath();
    // A part's Content-MD5 (RFC 1864, as S3 accepts on part uploads) is verified like a single PUT's.
    const header = req.headers['content-md5'];
    const md5 = typeof header === 'string' ? header : undefined;
    const received = await receiveBody(req, temp, { maxBytes: Math.min(this.options.maxUploadBytes, record.fileSize), ...(md5 !== undefined ? { md5 } : {}) });
    try {
      await rename(temp, join(dir, `${n}.part`));
      await writeFile(join(dir, `${n}.etag`), received.md5Hex);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new MediaError(MEDIA_ERROR_CODES.notFound, 'The multipart upload was completed or removed while this part arrived.', { status: 404, cause: error });
    }
    return received.md5Hex;
  }
}

/** Verifies a signed URL; 403 with the reason otherwise. */
export function verifySigned(context: StandinContext, url: URL): Record<string, string> {
  const result = context.signer.verify(url);
  if (result.ok) return result.params;
  if (result.reason === 'expired') {
    throw new MediaError(MEDIA_ERROR_CODES.expired, 'This signed URL has expired; ask the API for a new one.', { status: 403, exception: 'PermissionError' });
  }
  throw new MediaError(MEDIA_ERROR_CODES.signature, 'The signature of this URL is missing or wrong; use the URL exactly as the API returned it.', {
    status: 403,
    exception: 'PermissionError',
  });
}

function readRecord(dir: string): MultipartRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'upload.json'), 'utf8')) as MultipartRecord;
  } catch {
    return undefined;
  }
}

/** Name of the file a completion assembles into, inside the upload's folder. */
export const ASSEMBLED_NAME = 'assembled';

/**
 * Concatenates files into `target` with streaming async I/O (memory stays
 * flat, the event loop stays free). A second completion of the same upload
 * while one runs fails on the exclusive create.
 */
async function joinParts(files: string[], target: string): Promise<void> {
  let out: FileHandle;
  try {
    out = await open(target, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw validationError('This multipart upload is being completed by another request; wait for its answer.');
    }
    throw error;
  }
  try {
    for (const file of files) {
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
        await out.write(chunk as Buffer);
      }
    }
    await out.close();
  } catch (error) {
    await out.close().catch(() => undefined);
    rmSync(target, { force: true });
    throw new MediaError(MEDIA_ERROR_CODES.validation, `Could not assemble the parts of the upload: ${(error as Error).message}. Complete it again or upload anew.`, {
      status: 500,
      exception: 'ServerError',
      cause: error,
    });
  }
}
