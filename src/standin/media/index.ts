import type { RouteHandler, StandinContext } from '../context.js';
import { Downloads } from './download.js';
import { Encoder } from './encoder.js';
import { FfmpegRunner } from './ffmpeg.js';
import { sendPreflight } from './http.js';
import { resolveMediaOptions } from './options.js';
import { MediaStorage } from './storage.js';
import { Uploads } from './upload.js';

export { MediaError, MEDIA_ERROR_CODES, type MediaErrorCode } from './errors.js';
export { ENCODE_JOB_TYPE } from './encoder.js';
export { OUTPUT_NAMES } from './encode-job.js';

export interface MediaMount {
  /** Upload PUT URLs and `/component/get|thumbnail|remove`. */
  routes: RouteHandler;
  /** Stops the encoder (running jobs are failed or finished) and releases resources. */
  close(): Promise<void>;
}

export interface MediaOptions {
  /** Largest accepted upload, bytes. Defaults to 10 GiB. */
  maxUploadBytes?: number;
  /** Encodes run at once. Defaults to 1. */
  encodeConcurrency?: number;
  /** ffmpeg binary; defaults to FFMPEG_PATH or `ffmpeg` on PATH. */
  ffmpegPath?: string;
  /** ffprobe binary; defaults to FFPROBE_PATH, else `ffprobe` beside ffmpegPath, else on PATH. */
  ffprobePath?: string;
  /** Lifetime of signed upload/download URLs, seconds. Defaults to 3600. */
  uploadUrlTtlSeconds?: number;
  /** An encode (and each ffprobe) is killed after this long, seconds. Defaults to 600. */
  encodeTimeoutSeconds?: number;
  /** Largest file one encode output may reach (`-fs`), bytes. Defaults to 4 GiB. */
  maxOutputBytes?: number;
  /** Sources wider than this fail before encoding, pixels. Defaults to 8192. */
  maxInputWidth?: number;
  /** Sources taller than this fail before encoding, pixels. Defaults to 8192. */
  maxInputHeight?: number;
  /** Box the review mp4 is scaled down into, pixels. Defaults to 1920. */
  maxOutputWidth?: number;
  /** Defaults to 1080. */
  maxOutputHeight?: number;
  /** Frame rate of image sequences without `fps` metadata. Defaults to 24. */
  sequenceFps?: number;
}

/**
 * Registers `get_upload_metadata`, `complete_multipart_upload` and
 * `encode_media` on the context and returns the media routes.
 */
export function mountMedia(context: StandinContext, options: MediaOptions = {}): MediaMount {
  const resolved = resolveMediaOptions(options);
  const logger = context.logger.child({ name: 'media' });
  // Same context with the media logger; it inherits the rest, so url/store filled in after mounting are seen.
  const scoped = Object.create(context, { logger: { value: logger, enumerable: true } }) as StandinContext;
  const storage = new MediaStorage(context.mediaDir);
  const swept = storage.sweep();
  if (swept.temp + swept.multipart > 0) logger.info(swept, 'removed leftovers of a previous run from the media folder');
  const runner = new FfmpegRunner({ ffmpegPath: resolved.ffmpegPath, ffprobePath: resolved.ffprobePath, timeoutMs: resolved.encodeTimeoutSeconds * 1000, logger });
  const uploads = new Uploads(scoped, storage, resolved);
  const downloads = new Downloads(scoped, storage, runner, resolved);
  const encoder = new Encoder({ context: scoped, storage, runner, options: resolved });

  context.registerAction('get_upload_metadata', uploads.getUploadMetadata);
  context.registerAction('complete_multipart_upload', uploads.completeMultipartUpload);
  context.registerAction('encode_media', encoder.encodeMedia);
  const stale = encoder.failStaleJobs();
  if (stale > 0) logger.info({ jobs: stale }, 'marked encode jobs of a previous run as failed');

  const routes: RouteHandler = (req, res, url) => {
    if (req.method === 'OPTIONS' && (url.pathname.startsWith('/media/') || url.pathname.startsWith('/component/'))) {
      sendPreflight(res);
      return true;
    }
    const handled = uploads.route(req, res, url);
    if (handled !== false) return handled;
    return downloads.route(req, res, url);
  };

  let closed: Promise<void> | undefined;
  return {
    routes,
    close: () => (closed ??= encoder.close()),
  };
}
