import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../../logger.js';
import { MEDIA_ERROR_CODES, MediaError } from './errors.js';

/** Input options put before every `-i`: local files only, so a playlist pointing at a URL fails instead of fetching. */
export const SAFE_INPUT_ARGS = ['-protocol_whitelist', 'file'] as const;

/** Demuxers that read other files or URLs named inside the input; never accepted as a source. */
const PLAYLIST_FORMATS = new Set(['hls', 'applehttp', 'concat', 'ffconcat', 'dash', 'tee', 'rtsp', 'sdp']);

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Last lines of stderr (for error messages). */
  stderr: string;
  timedOut: boolean;
}

export interface ProbeInfo {
  formatName: string;
  /** Seconds, when known. */
  duration?: number;
  video?: { codec: string; width: number; height: number; frameRate?: number; frames?: number };
  hasAudio: boolean;
  /** Frame size the source claims when ffmpeg refused it as invalid (e.g. 30000x30000). */
  claimedSize?: { width: number; height: number };
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

  /** Runs one binary; resolves when it exits (never rejects on a non-zero exit). */
  run(binary: string, args: readonly string[], options: { timeoutMs?: number; onStdout?: (text: string) => void } = {}): Promise<RunResult> {
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
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.running.delete(child);
        resolve({ code, signal, stdout, stderr, timedOut });
      };
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        if (stdout.length < STDOUT_LIMIT) stdout += text;
        options.onStdout?.(text);
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr = (stderr + text).slice(-STDERR_TAIL);
      });
      child.on('error', (error) => {
        stderr += `\n${error.message}`;
        finish(null, null);
      });
      child.on('close', finish);
    });
  }

  /**
   * Reads the streams of an input with ffprobe. Throws an encode error with a
   * readable message when the input is not media ffmpeg can read.
   */
  async probe(input: string, inputArgs: readonly string[] = []): Promise<ProbeInfo> {
    const args = ['-v', 'error', ...SAFE_INPUT_ARGS, '-print_format', 'json', '-show_format', '-show_streams', ...inputArgs, '-i', input];
    const result = await this.run(this.ffprobePath, args);
    if (result.timedOut) throw encodeError(`reading the source took longer than ${this.timeoutMs / 1000} s and was stopped.`);
    if (result.code !== 0) throw encodeError(`ffprobe could not read the source: ${lastLines(result.stderr)}`);
    let parsed: { format?: Record<string, unknown>; streams?: Record<string, unknown>[] };
    try {
      parsed = JSON.parse(result.stdout) as typeof parsed;
    } catch {
      throw encodeError('ffprobe gave no readable description of the source.');
    }
    const formatName = String(parsed.format?.format_name ?? '');
    if (formatName.split(',').some((name) => PLAYLIST_FORMATS.has(name))) {
      throw encodeError(`the source is a playlist (${formatName}); playlists that point at other files or URLs are not accepted.`);
    }
    const streams = parsed.streams ?? [];
    const videoStream = streams.find((s) => s.codec_type === 'video' && (s.disposition as Record<string, number> | undefined)?.attached_pic !== 1);
    const duration = Number(parsed.format?.duration ?? videoStream?.duration);
    const info: ProbeInfo = { formatName, hasAudio: streams.some((s) => s.codec_type === 'audio') };
    if (Number.isFinite(duration) && duration > 0) info.duration = duration;
    const claimed = /Picture size (\d+)x(\d+) is invalid/.exec(result.stderr);
    if (claimed) info.claimedSize = { width: Number(claimed[1]), height: Number(claimed[2]) };
    if (videoStream) {
      info.video = { codec: String(videoStream.codec_name ?? ''), width: Number(videoStream.width ?? 0), height: Number(videoStream.height ?? 0) };
      const rate = parseRate(String(videoStream.avg_frame_rate ?? '')) ?? parseRate(String(videoStream.r_frame_rate ?? ''));
      if (rate !== undefined) info.video.frameRate = rate;
      const frames = Number(videoStream.nb_frames);
      if (Number.isInteger(frames) && frames > 0) info.video.frames = frames;
    }
    return info;
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
