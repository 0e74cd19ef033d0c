// PLACEHOLDER (owned by the stand-in media work): replaced by uploads, downloads and the encoder.
import type { RouteHandler, StandinContext } from '../context.js';

export interface MediaMount {
  /** Upload PUT URLs and `/component/get|thumbnail|remove`. */
  routes: RouteHandler;
  /** Stops the encoder (running jobs are failed or finished) and releases resources. */
  close(): Promise<void>;
}

export interface MediaOptions {
  /** Largest accepted upload, bytes. */
  maxUploadBytes?: number;
  /** Encodes run at once. */
  encodeConcurrency?: number;
  /** ffmpeg binary; defaults to FFMPEG_PATH or `ffmpeg` on PATH. */
  ffmpegPath?: string;
}

/** Registers the media actions on the context and returns the media routes. */
export function mountMedia(_context: StandinContext, _options: MediaOptions = {}): MediaMount {
  return { routes: () => false, close: async () => {} };
}
