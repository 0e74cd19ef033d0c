import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../../logger.js';
import { MEDIA_ERROR_CODES, MediaError } from './errors.js';

/**
 * Demuxers a source may be read with (`-format_whitelist`): movie containers,
 * elementary video streams and still images. Left out on purpose: playlists and
 * anything else that opens further files or URLs named inside the input (`hls`,
 * `concat`, `dash`, `imf`, `sdp`, `rtsp`, `tee`…), devices (`lavfi`, `x11grab`…),
 * SVG (external references), audio-only and subtitle formats. ffmpeg probes the
 * input, then refuses it before the demuxer reads anything when the winner is not listed.
 */
export const ACCEPTED_DEMUXERS = [
  'mov', 'matroska', 'avi', 'mxf', 'mpeg', 'mpegts', 'mpegvideo', 'm4v', 'h264', 'hevc', 'obu', 'ivf',
  'flv', 'asf', 'ogg', 'nut', 'dv', 'gxf', 'r3d', 'cine', 'wtv', 'rm', 'yuv4mpegpipe', 'mjpeg', 'dnxhd',
  'dirac', 'vc1', 'apng', 'gif', 'gif_pipe', 'image2',
  'png_pipe', 'jpeg_pipe', 'jpegls_pipe', 'jpegxl_pipe', 'tiff_pipe', 'exr_pipe', 'dpx_pipe', 'bmp_pipe',
  'webp_pipe', 'psd_pipe', 'j2k_pipe', 'sgi_pipe', 'pam_pipe', 'pbm_pipe', 'pgm_pipe', 'ppm_pipe',
  'pfm_pipe', 'phm_pipe', 'qoi_pipe', 'sunrast_pipe', 'pcx_pipe', 'dds_pipe', 'pictor_pipe', 'xwd_pipe',
  'photocd_pipe', 'alias_pix', 'brender_pix',
] as const;

/**
 * Input options put before every `-i`: local files only (a playlist pointing at a
 * URL fails instead of fetching) and only the demuxers of {@link ACCEPTED_DEMUXERS}.
 */
export const SAFE_INPUT_ARGS = ['-protocol_whitelist', 'file', '-format_whitelist', ACCEPTED_DEMUXERS.join(',')] as const;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Last lines of stderr (for error messages). */
  stderr: string;
  timedOut: boolean;
}

const STDOUT_LIMIT = 1024 * 1024;
const STDERR_TAIL = 4096;

/**
 * Runs ffmpeg/ffprobe as child processes with no stdin, a time limit and a
 * kill switch (`killAll`, used by close). Output is captured with a cap.
 */
export class FfmpegRunner {
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  private readonly running = new Set<ChildProcess>();

  constructor(options: { ffmpegPath: string; ffprobePath: string; timeoutMs: number; logger: Logger }) {
    this.ffmpegPath = options.ffmpegPath;
    this.ffprobePath = options.ffprobePath;
    this.timeoutMs = options.timeoutMs;
    this.logger = options.logger;
  }

  /** Number of child processes alive now. */
  get runningCount(): number {
    return this.running.size;
  }

  /**
   * Runs one binary; resolves when it exits (never rejects on a non-zero exit).
   * `signal` kills the child (SIGKILL) when aborted.
   */
  run(
    binary: string,
    args: readonly string[],
    options: { timeoutMs?: number; onStdout?: (text: string) => void; onStderr?: (text: string) => void; signal?: AbortSignal } = {},
  ): Promise<RunResult> {
    return new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let settled = false;
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.running.add(child);
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? this.timeoutMs);
      const abort = (): void => {
        child.kill('SIGKILL');
      };
      options.signal?.addEventListener('abort', abort, { once: true });
      if (options.signal?.aborted) abort();
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
        this.running.delete(child);
        resolve({ code, signal, stdout, stderr, timedOut });
      };
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        if (stdout.length < STDOUT_LIMIT) stdout += text;
        options.onStdout?.(text);
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr = (stderr + text).slice(-STDERR_TAIL);
        options.onStderr?.(text);
      });
      child.on('error', (error) => {
        stderr += `\n${error.message}`;
        finish(null, null);
      });
      child.on('close', finish);
    });
  }

  /** Kills every running child (server shutdown). */
  killAll(): void {
    for (const child of this.running) child.kill('SIGKILL');
  }
}

/** `"30000/1001"` → 29.97…; undefined for `0/0` or junk. */
export function parseRate(text: string): number | undefined {
  const [num, den] = text.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num) || num <= 0) return undefined;
  const rate = den === undefined ? num : num / den;
  return Number.isFinite(rate) && rate > 0 && rate < 1000 ? rate : undefined;
}

/** The last meaningful stderr lines, without ffmpeg's `[demuxer @ 0x…]` prefixes. */
export function lastLines(stderr: string, count = 3): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter((line) => line !== '');
  return lines.slice(-count).join('; ') || 'no error output';
}

export function encodeError(message: string): MediaError {
  return new MediaError(MEDIA_ERROR_CODES.encode, message, { status: 500, exception: 'ServerError' });
}
