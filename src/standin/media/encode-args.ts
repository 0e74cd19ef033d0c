import { SAFE_INPUT_ARGS } from './ffmpeg.js';

/** Output dimensions: fit `width`×`height` inside `maxWidth`×`maxHeight`, keeping the aspect ratio, both even (H.264 4:2:0 needs it). */
export function fitEven(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  const even = (n: number): number => Math.max(2, Math.floor((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/** Dimensions that fit in a `size`×`size` box (JPEG has no even-size rule). */
export function fitBox(width: number, height: number, size: number): { width: number; height: number } {
  const scale = Math.min(1, size / width, size / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface EncodePlan {
  input: string;
  /** Input options before `-i` (e.g. image2 settings of a sequence). */
  inputArgs: readonly string[];
  /** Decoder guard: largest frame in pixels. */
  maxPixels: number;
  /** `-fs` of each output, bytes. */
  maxOutputBytes: number;
  /** The H.264 review movie, or undefined for a still. */
  mp4?: { path: string; width: number; height: number; withAudio: boolean };
  image: { path: string; width: number; height: number };
  thumbnail: { path: string; width: number; height: number };
  /** Where to grab the still from, seconds. */
  stillAt: number;
}

/**
 * One ffmpeg command for all outputs (the source is decoded once).
 * Progress goes to stdout as `key=value` lines (`-progress pipe:1`).
 */
export function buildEncodeArgs(plan: EncodePlan): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-y', '-v', 'error', '-xerror', '-progress', 'pipe:1'];
  args.push(...SAFE_INPUT_ARGS, '-max_pixels', String(plan.maxPixels), ...plan.inputArgs, '-i', plan.input);
  const fs = ['-fs', String(plan.maxOutputBytes)];
  if (plan.mp4) {
    const { width, height } = plan.mp4;
    args.push('-map', '0:v:0');
    if (plan.mp4.withAudio) args.push('-map', '0:a:0', '-c:a', 'aac', '-b:a', '160k', '-ac', '2');
    args.push(
      '-vf', `scale=${width}:${height}:flags=bicubic,setsar=1,format=yuv420p`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
      '-movflags', '+faststart', ...fs, '-f', 'mp4', plan.mp4.path,
    );
  }
  const still = (out: { path: string; width: number; height: number }, quality: string): void => {
    args.push('-map', '0:v:0');
    if (plan.stillAt > 0) args.push('-ss', plan.stillAt.toFixed(3));
    args.push('-frames:v', '1', '-vf', `scale=${out.width}:${out.height}:flags=bicubic,setsar=1`, '-q:v', quality, '-update', '1', ...fs, '-f', 'image2', '-c:v', 'mjpeg', out.path);
  };
  still(plan.image, '3');
  still(plan.thumbnail, '4');
  return args;
}

/** The `-progress` reader: latest frame count and output time. */
export class ProgressReader {
  frame = 0;
  outTimeSeconds = 0;
  private pending = '';

  push(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq);
      const value = Number(line.slice(eq + 1));
      if (!Number.isFinite(value)) continue;
      if (key === 'frame') this.frame = value;
      else if (key === 'out_time_us' || key === 'out_time_ms') this.outTimeSeconds = value / 1e6;
    }
  }
}
