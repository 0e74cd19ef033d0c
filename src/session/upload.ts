import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
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

/** Where the bytes come from: a file path, or a stream read once. */
export type UploadSource = { path: string } | { stream: Readable };

export interface PutOptions {
  fetch: typeof globalThis.fetch;
  headers: Record<string, string>;
  size: number;
  onBytes?: (n: number) => void;
  signal?: AbortSignal;
}

function counted(stream: Readable, onBytes?: (n: number) => void): ReadableStream<Uint8Array> {
  if (onBytes) stream.on('data', (chunk: Buffer) => onBytes(chunk.length));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

/** One PUT of `size` bytes from `body`; returns the ETag without quotes. */
export async function putBytes(url: string, body: Readable | Buffer, options: PutOptions): Promise<string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = value;
  headers['content-length'] = String(options.size);
  let response: Response;
  try {
    if (Buffer.isBuffer(body)) {
      response = await options.fetch(url, { method: 'PUT', headers, body: body as unknown as BodyInit, signal: options.signal });
      options.onBytes?.(body.length);
    } else {
      response = await options.fetch(url, {
        method: 'PUT',
        headers,
        body: counted(body, options.onBytes),
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

/** A part PUT with retries for network errors and 5xx (parts are idempotent). */
export async function putPartWithRetry(url: string, makeBody: () => Readable | Buffer, options: PutOptions, attempts = 3): Promise<string> {
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
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
