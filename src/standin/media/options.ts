import type { MediaOptions } from './index.js';

/** Defaults of {@link MediaOptions}. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 ** 3;
export const DEFAULT_ENCODE_CONCURRENCY = 1;
export const DEFAULT_UPLOAD_URL_TTL_SECONDS = 3600;
export const DEFAULT_ENCODE_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 ** 3;
export const DEFAULT_MAX_INPUT_DIMENSION = 8192;
export const DEFAULT_MAX_OUTPUT_WIDTH = 1920;
export const DEFAULT_MAX_OUTPUT_HEIGHT = 1080;
export const DEFAULT_THUMBNAIL_SIZE = 300;
export const DEFAULT_SEQUENCE_FPS = 24;
export const MAX_MULTIPART_PARTS = 10_000;

/** {@link MediaOptions} with every default applied. */
export interface ResolvedMediaOptions {
  maxUploadBytes: number;
  encodeConcurrency: number;
  ffmpegPath: string;
  ffprobePath: string;
  uploadUrlTtlSeconds: number;
  encodeTimeoutSeconds: number;
  maxOutputBytes: number;
  maxInputWidth: number;
  maxInputHeight: number;
  maxOutputWidth: number;
  maxOutputHeight: number;
  sequenceFps: number;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`media option ${name} must be a positive number, got ${value}`);
  return value;
}

/** Applies defaults; `env` supplies `FFMPEG_PATH` / `FFPROBE_PATH`. */
export function resolveMediaOptions(options: MediaOptions, env: NodeJS.ProcessEnv = process.env): ResolvedMediaOptions {
  const ffmpegPath = options.ffmpegPath ?? env.FFMPEG_PATH ?? 'ffmpeg';
  // ffprobe sits beside ffmpeg when only FFMPEG_PATH is given.
  const sibling = ffmpegPath.includes('/') ? ffmpegPath.replace(/ffmpeg([^/]*)$/, 'ffprobe$1') : 'ffprobe';
  return {
    maxUploadBytes: positive(options.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES, 'maxUploadBytes'),
    encodeConcurrency: Math.floor(positive(options.encodeConcurrency, DEFAULT_ENCODE_CONCURRENCY, 'encodeConcurrency')),
    ffmpegPath,
    ffprobePath: options.ffprobePath ?? env.FFPROBE_PATH ?? sibling,
    uploadUrlTtlSeconds: positive(options.uploadUrlTtlSeconds, DEFAULT_UPLOAD_URL_TTL_SECONDS, 'uploadUrlTtlSeconds'),
    encodeTimeoutSeconds: positive(options.encodeTimeoutSeconds, DEFAULT_ENCODE_TIMEOUT_SECONDS, 'encodeTimeoutSeconds'),
    maxOutputBytes: positive(options.maxOutputBytes, DEFAULT_MAX_OUTPUT_BYTES, 'maxOutputBytes'),
    maxInputWidth: positive(options.maxInputWidth, DEFAULT_MAX_INPUT_DIMENSION, 'maxInputWidth'),
    maxInputHeight: positive(options.maxInputHeight, DEFAULT_MAX_INPUT_DIMENSION, 'maxInputHeight'),
    maxOutputWidth: positive(options.maxOutputWidth, DEFAULT_MAX_OUTPUT_WIDTH, 'maxOutputWidth'),
    maxOutputHeight: positive(options.maxOutputHeight, DEFAULT_MAX_OUTPUT_HEIGHT, 'maxOutputHeight'),
    sequenceFps: positive(options.sequenceFps, DEFAULT_SEQUENCE_FPS, 'sequenceFps'),
  };
}
