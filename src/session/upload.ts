import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { backoffDelay } from '../internal/backoff.js';
import { UploadError } from './errors.js';

/**
 * Moving bytes to signed upload URLs with `fetch` and streaming bodies
 * (`duplex: 'half'`): nothing is buffered for a file path, so memory stays
 * flat for any size. Multipart parts are read straight from the file by
 * byte range, several at a time.
 */

export const MIB = 1024 * 1024;

/** Part size for a file, as the JS client plans it (8 MiB up to 128 MiB, then larger). */
export function partSizeFor(size: number): number {
  if (size <= 128 * MIB) return 8 * MIB;
  if (size <= 1024 * MIB) return 16 * MIB;
  if (size <= 8 * 1024 * MIB) return 32 * MIB;
  if (size <= 64 * 1024 * MIB) return 64 * MIB;
  return 128 * MIB;
}

/** A byte range of a file, sent without allocating per chunk (see {@link putStream}). */
export class FileRange {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  constructor(path: string, start: number, length: number) {
    this.path = path;
    this.start = start;
    this.length = length;
  }
  /** The range as a Node stream (for an injected fetch). */
  stream(): Readable {
    return this.length === 0 ? Readable.from([]) : createReadStream(this.path, { start: this.start, end: this.start + this.length - 1 });
  }
}

/** Bytes per read of a {@link FileRange}; one buffer per upload is reused. */
const RANGE_CHUNK = 256 * 1024;

/** Where the bytes come from: a file path, or a stream read once. */
export type UploadSource = { path: string } | { stream: Readable };

export interface PutOptions {
  /** `fetch` for the PUT; undefined streams through `node:http(s)` (see {@link putStream}). */
  fetch: typeof globalThis.fetch | undefined;
  headers: Record<string, string>;
  size: number;
  onBytes?: (n: number) => void;
  signal?: AbortSignal;
}

/**
 * A web stream that pulls from `stream` only when fetch asks for more (Node
 * 20's `Readable.toWeb` reads ahead without limit, which would buffer whole
 * files when the network is slower than the disk).
 */
function pulled(stream: Readable, onBytes?: (n: number) => void): ReadableStream<Uint8Array> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        onBytes?.(value.length);
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.length));
      },
      async cancel() {
        await iterator.return?.();
        stream.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** One PUT of `size` bytes from `body`; returns the ETag without quotes. */
export async function putBytes(url: string, source: Readable | Buffer | FileRange, options: PutOptions): Promise<string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = value;
  headers['content-length'] = String(options.size);
  if (!options.fetch) return putStream(url, source, headers, options);
  const body = source instanceof FileRange ? source.stream() : source;
  let response: Response;
  try {
    if (Buffer.isBuffer(body)) {
      response = await options.fetch(url, { method: 'PUT', headers, body: body as unknown as BodyInit, signal: options.signal });
      options.onBytes?.(body.length);
    } else {
      response = await options.fetch(url, {
        method: 'PUT',
        headers,
        body: pulled(body, options.onBytes),
        duplex: 'half',
        signal: options.signal,
      } as RequestInit);
    }
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new UploadError(`Upload failed: ${reason}`, undefined, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    throw new UploadError(`Upload refused with HTTP ${response.status}: ${text.slice(0, 200)}`, response.status);
  }
  return (response.headers.get('etag') ?? '').replaceAll('"', '');
}

/**
 * PUT through `node:http(s)` with `pipe()`: real backpressure. Node 20's
 * fetch reads a streaming request body far ahead of the socket (a 256 MiB
 * upload measured 318 MB of RSS, against 83 MB this way), so the session
 * uses this path unless a custom `fetch` was injected.
 */
function putStream(url: string, body: Readable | Buffer | FileRange, headers: Record<string, string>, options: PutOptions): Promise<string> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<string>((resolve, reject) => {
    const req = send(target, { method: 'PUT', headers, signal: options.signal }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.length < 64 && chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 400) {
          reject(new UploadError(`Upload refused with HTTP ${status}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`, status));
        } else {
          resolve(String(res.headers.etag ?? '').replaceAll('"', ''));
        }
      });
    });
    req.on('error', (error: Error & { code?: string }) => reject(new UploadError(`Upload failed: ${error.code ?? error.message}`, undefined, { cause: error })));
    if (Buffer.isBuffer(body)) {
      req.end(body);
      options.onBytes?.(body.length);
      return;
    }
    if (body instanceof FileRange) {
      writeRange(req, body, options.onBytes).catch((error: Error) => req.destroy(error));
      return;
    }
    if (options.onBytes) body.on('data', (chunk: Buffer) => options.onBytes!(chunk.length));
    body.on('error', (error) => req.destroy(error));
    body.pipe(req);
  });
}

/**
 * Writes a file range into a request with one reused buffer: read, write,
 * wait until the socket took the chunk, repeat. No garbage per chunk, so
 * memory does not wait for the garbage collector (a plain read stream
 * allocates a new buffer per chunk; those pile up to V8's external-memory
 * threshold, ~40 MB, before they are collected).
 */
async function writeRange(req: import('node:http').ClientRequest, range: FileRange, onBytes?: (n: number) => void): Promise<void> {
  const file = await open(range.path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(RANGE_CHUNK, Math.max(1, range.length)));
    let position = range.start;
    let remaining = range.length;
    while (remaining > 0) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, remaining), position);
      if (bytesRead === 0) throw new UploadError(`The file ${range.path} ended before the ${range.length} bytes to upload were read (was it truncated?)`);
      await new Promise<void>((resolve, reject) => req.write(buffer.subarray(0, bytesRead), (error) => (error ? reject(error) : resolve())));
      position += bytesRead;
      remaining -= bytesRead;
      onBytes?.(bytesRead);
    }
    req.end();
  } finally {
    await file.close();
  }
}

/** base64 MD5 of a file (Content-MD5), read as a stream. */
export async function md5File(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Runs `tasks` with at most `limit` at once; rejects with the first failure (the rest are not started). */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < tasks.length) {
      const index = next++;
      try {
        results[index] = await tasks[index]!();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/** Yields `size`-byte buffers from a stream (the last one shorter). Memory: one part. */
export async function* chunksOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const raw of stream) {
    let chunk = raw as Buffer;
    while (chunk.length > 0) {
      const take = Math.min(size - length, chunk.length);
      parts.push(chunk.subarray(0, take));
      length += take;
      chunk = chunk.subarray(take);
      if (length === size) {
        yield Buffer.concat(parts, length);
        parts = [];
        length = 0;
      }
    }
  }
  if (length > 0) yield Buffer.concat(parts, length);
}

/** First wait before a part is sent again, ms; doubled per attempt, with jitter (see {@link partRetryDelay}). */
export const PART_RETRY_BASE_MS = 250;
const PART_RETRY_MAX_MS = 30_000;

/**
 * The wait before sending a part again after its `failures`th failed attempt:
 * 250 ms, 500 ms, 1 s, … (at most 30 s), minus up to half of it at random.
 */
export function partRetryDelay(failures: number, random: () => number = Math.random): number {
  return backoffDelay(failures - 1, { minMs: PART_RETRY_BASE_MS, maxMs: PART_RETRY_MAX_MS, factor: 2, jitter: 0.5 }, random);
}

/**
 * A part PUT with retries for network errors, 429 and 5xx (parts are
 * idempotent). Waits grow exponentially with jitter, so parallel parts that
 * failed together do not retry in lockstep; an abort ends the wait at once.
 */
export async function putPartWithRetry(
  url: string,
  makeBody: () => Readable | Buffer | FileRange,
  options: PutOptions,
  attempts = 3,
  random: () => number = Math.random,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    let sent = 0;
    try {
      return await putBytes(url, makeBody(), { ...options, onBytes: (n) => ((sent += n), options.onBytes?.(n)) });
    } catch (error) {
      const status = (error as UploadError).status;
      const retriable = status === undefined || status >= 500 || status === 429;
      // A Buffer body can be resent; progress is rolled back first.
      options.onBytes?.(-sent);
      if (!retriable || attempt >= attempts || options.signal?.aborted) throw error;
      // An abort ends the wait at once (the timer rejects; the upload then fails with its last error).
      await delay(partRetryDelay(attempt, random), undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal?.aborted) throw error;
    }
  }
}
