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

/** Where the review still is taken: the first frame at or after this time (the first frame of shorter clips). */
export const STILL_AT_SECONDS = 1;

export interface EncodePlan {
  input: string;
  /** Input options before `-i` (e.g. image2 settings of a sequence). */
  inputArgs: readonly string[];
  /** Decoder guard: largest frame in pixels. */
  maxPixels: number;
  /** `-fs` of each output, bytes. */
  maxOutputBytes: number;
  /** The H.264 review movie (scaled into `box`, even sizes), or undefined for a still. */
  mp4?: { path: string; box: { width: number; height: number } };
  /** The review still, fitting a `size`×`size` square. */
  image: { path: string; size: number };
  thumbnail: { path: string; size: number };
}

/** `scale` sizes that give exactly {@link fitEven} (same double arithmetic, evaluated by ffmpeg on the input size). */
function evenScale(box: { width: number; height: number }): string {
  const s = `min(1,min(${box.width}/iw,${box.height}/ih))`;
  return `scale=w='max(2,trunc(iw*${s}/2)*2)':h='max(2,trunc(ih*${s}/2)*2)'`;
}

/** `scale` sizes that give exactly {@link fitBox}. */
function boxScale(size: number): string {
  const s = `min(1,min(${size}/iw,${size}/ih))`;
  return `scale=w='max(1,round(iw*${s}))':h='max(1,round(ih*${s}))'`;
}

/**
 * One ffmpeg command for all outputs (the source is decoded once), built without
 * knowing the source: sizes are `scale` expressions, audio is mapped when present
 * (`0:a:0?`), the still is picked while decoding. ffmpeg's own banner (`-loglevel
 * level+info`, read by `FfmpegLog`) tells the caller the input size, rate and the
 * output sizes. Progress goes to stdout as `key=value` lines (`-progress pipe:1`).
 */
export function buildEncodeArgs(plan: EncodePlan): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-y', '-loglevel', 'level+info', '-xerror', '-progress', 'pipe:1'];
  args.push(...SAFE_INPUT_ARGS, '-max_pixels', String(plan.maxPixels), ...plan.inputArgs, '-i', plan.input);
  const fs = ['-fs', String(plan.maxOutputBytes)];
  if (plan.mp4) {
    // 0:V = video streams that are not attached pictures (cover art)
    args.push('-map', '0:V:0', '-map', '0:a:0?', '-c:a', 'aac', '-b:a', '160k', '-ac', '2');
    args.push(
      '-vf', `${evenScale(plan.mp4.box)}:flags=bicubic,setsar=1,format=yuv420p`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
      '-movflags', '+faststart', ...fs, '-f', 'mp4', plan.mp4.path,
    );
  }
  // A movie: keep the first frame, then replace it by the first frame at STILL_AT_SECONDS
  // (`-update 1` rewrites the file; passthrough so no frame is duplicated). A still: its first frame.
  const pick = plan.mp4
    ? [`select='isnan(prev_selected_t)+gte(t,${STILL_AT_SECONDS})*lt(prev_selected_t,${STILL_AT_SECONDS})',`, ['-fps_mode', 'passthrough']] as const
    : ['', ['-frames:v', '1']] as const;
  const still = (out: { path: string; size: number }, quality: string): void => {
    args.push('-map', '0:V:0', '-vf', `${pick[0]}${boxScale(out.size)}:flags=bicubic,setsar=1`, ...pick[1]);
    args.push('-q:v', quality, '-update', '1', ...fs, '-f', 'image2', '-c:v', 'mjpeg', out.path);
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
