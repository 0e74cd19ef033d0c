import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { StandinContext } from '../context.js';
import { MEDIA_ERROR_CODES, MediaError } from './errors.js';
import { SAFE_INPUT_ARGS, lastLines, type FfmpegRunner } from './ffmpeg.js';
import { guard, sendJson } from './http.js';
import { attachmentDisposition, contentTypeOf } from './mime.js';
import { DEFAULT_THUMBNAIL_SIZE, type ResolvedMediaOptions } from './options.js';
import { PLACEHOLDER_PNG } from './placeholder.js';
import { checkId, type MediaStorage } from './storage.js';
import { verifySigned } from './upload.js';

export const PLACEHOLDER_PATH = '/img/thumbnail2.png';
/** Entity types searched for a `thumbnail_id` when `/component/thumbnail` gets a non-component id. */
const THUMBNAIL_OWNERS = ['AssetVersion', 'TypedContext', 'Project', 'User'];
const THUMBNAIL_TIMEOUT_MS = 30_000;

/** Parses a single `Range: bytes=…` against a size; null when absent or not a single byte range (serve it all). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** `/component/get|thumbnail|remove` and the placeholder image (protocol 1.9). */
export class Downloads {
  readonly context: StandinContext;
  readonly storage: MediaStorage;
  readonly runner: FfmpegRunner;
  readonly options: ResolvedMediaOptions;
  private readonly generating = new Map<string, Promise<string | undefined>>();

  constructor(context: StandinContext, storage: MediaStorage, runner: FfmpegRunner, options: ResolvedMediaOptions) {
    this.context = context;
    this.storage = storage;
    this.runner = runner;
    this.options = options;
  }

  route(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean> {
    const path = url.pathname;
    if (path === PLACEHOLDER_PATH) {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(PLACEHOLDER_PNG.length), 'Cache-Control': 'max-age=3600', 'Access-Control-Allow-Origin': '*' });
      res.end(req.method === 'HEAD' ? undefined : PLACEHOLDER_PNG);
      return true;
    }
    if (path !== '/component/get' && path !== '/component/thumbnail' && path !== '/component/remove') return false;
    return guard(req, res, this.context.logger, async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new MediaError(MEDIA_ERROR_CODES.validation, `${path} takes GET.`, { status: 405 });
      this.authorize(url);
      const id = checkId(url.searchParams.get('id'), 'id');
      if (path === '/component/get') await this.get(req, res, id);
      else if (path === '/component/remove') await this.remove(res, id);
      else await this.thumbnail(req, res, id, url.searchParams.get('size'));
    });
  }

  /** Query credentials (`username` + `apiKey`) or a signed URL for the same id. */
  private authorize(url: URL): void {
    if (url.searchParams.has('signature')) {
      const params = verifySigned(this.context, url);
      if (params.id !== url.searchParams.get('id')) {
        throw new MediaError(MEDIA_ERROR_CODES.signature, 'This signed URL is for another component.', { status: 403, exception: 'PermissionError' });
      }
      return;
    }
    const username = url.searchParams.get('username');
    const apiKey = url.searchParams.get('apiKey');
    if (!username || !apiKey || !this.context.authenticate(username, apiKey)) {
      throw new MediaError(MEDIA_ERROR_CODES.unauthorized, 'The username and apiKey query parameters are missing or wrong; add valid API credentials to the URL.', {
        status: 401,
        exception: 'InvalidCredentialsError',
      });
    }
  }

  private notFound(id: string): MediaError {
    return new MediaError(MEDIA_ERROR_CODES.notFound, `No data stored for component ${id} in the ftrack.server location.`, { status: 404 });
  }

  private async get(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const path = this.storage.componentPath(id);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw this.notFound(id);
    const component = safeGet(this.context, 'Component', id);
    const fileType = typeof component?.file_type === 'string' ? component.file_type : '';
    const fileName = `${String(component?.name ?? id)}${fileType}`;
    const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, info.size);
    const headers: Record<string, string> = {
      'Content-Type': contentTypeOf(fileType || '.bin'),
      'Accept-Ranges': 'bytes',
      'Content-Disposition': attachmentDisposition(fileName, 'inline'),
      'Last-Modified': info.mtime.toUTCString(),
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Content-Range, Accept-Ranges, Content-Length',
    };
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${info.size}`, 'Content-Length': '0' });
      res.end();
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? info.size - 1;
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': String(Math.max(0, end - start + 1)) });
    if (req.method === 'HEAD' || info.size === 0) {
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(path, { start, end });
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
  }

  private async remove(res: ServerResponse, id: string): Promise<void> {
    if (!(await this.storage.remove(id))) throw this.notFound(id);
    sendJson(res, 200, { removed: id });
  }

  private async thumbnail(req: IncomingMessage, res: ServerResponse, id: string, sizeParam: string | null): Promise<void> {
    const size = Math.min(2048, Math.max(16, Math.round(Number(sizeParam ?? DEFAULT_THUMBNAIL_SIZE)) || DEFAULT_THUMBNAIL_SIZE));
    let componentId: string | undefined = existsSync(this.storage.componentPath(id)) ? id : undefined;
    if (!componentId) {
      const owner = THUMBNAIL_OWNERS.map((type) => safeGet(this.context, type, id)).find((e) => e !== undefined);
      if (!owner && !safeGet(this.context, 'Component', id)) throw new MediaError(MEDIA_ERROR_CODES.notFound, `No component or entity with id ${id}.`, { status: 404 });
      const thumbnailId = owner?.thumbnail_id;
      if (typeof thumbnailId === 'string' && existsSync(this.storage.componentPath(thumbnailId))) componentId = thumbnailId;
    }
    const file = componentId ? await this.cachedThumbnail(componentId, size) : undefined;
    if (!file) {
      res.writeHead(302, { Location: PLACEHOLDER_PATH, 'Content-Length': '0', 'Access-Control-Allow-Origin': '*' });
      res.end();
      return;
    }
    const info = await stat(file);
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(info.size), 'Cache-Control': 'max-age=60', 'Access-Control-Allow-Origin': '*' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  /** Path of a JPEG fitting `size`×`size`, made once per component and size; undefined when ffmpeg cannot read the source. */
  private cachedThumbnail(componentId: string, size: number): Promise<string | undefined> {
    const key = `${componentId}/${size}`;
    const running = this.generating.get(key);
    if (running) return running;
    const work = this.makeThumbnail(componentId, size).finally(() => this.generating.delete(key));
    this.generating.set(key, work);
    return work;
  }

  private async makeThumbnail(componentId: string, size: number): Promise<string | undefined> {
    const dir = join(this.storage.thumbnailDir, componentId);
    const target = join(dir, `${size}.jpg`);
    if (existsSync(target)) return target;
    await mkdir(dir, { recursive: true });
    const temp = this.storage.tempPath('.jpg');
    const maxPixels = this.options.maxInputWidth * this.options.maxInputHeight;
    const args = ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...SAFE_INPUT_ARGS, '-max_pixels', String(maxPixels), '-i', this.storage.componentPath(componentId)];
    args.push('-frames:v', '1', '-vf', `scale=w='min(iw,${size})':h='min(ih,${size})':force_original_aspect_ratio=decrease`, '-q:v', '4', '-update', '1', '-f', 'image2', '-c:v', 'mjpeg', temp);
    const result = await this.runner.run(this.options.ffmpegPath, args, { timeoutMs: THUMBNAIL_TIMEOUT_MS });
    const ok = result.code === 0 && (await stat(temp).then((s) => s.size > 0, () => false));
    if (!ok) {
      await unlink(temp).catch(() => {});
      this.context.logger.warn({ componentId, reason: result.timedOut ? 'timeout' : lastLines(result.stderr) }, 'thumbnail failed; serving the placeholder');
      return undefined;
    }
    await rename(temp, target);
    return target;
  }
}

function safeGet(context: StandinContext, type: string, id: string): Record<string, unknown> | undefined {
  try {
    return context.store.get(type, id);
  } catch {
    return undefined;
  }
}
