/**
 * Reader of ffmpeg's stderr when it runs with `-loglevel level+info`: every line
 * carries its level (`[info]`, `[error]`, …), so the banner ffmpeg prints before
 * it starts decoding (`Input #0, mov,…`, `Duration: …`, `Stream #0:0: Video: h264, …, 640x480, …, 25 fps`)
 * and the output banners (`Output #1, image2, …` / `Stream #1:0: Video: mjpeg, …, 300x225`) can be read
 * while the encode runs. This replaces a separate ffprobe before each encode.
 *
 * Metadata values cannot forge these lines: ffmpeg prints a value's own line
 * breaks as indented `: …` continuation lines, which never start with `Stream #`.
 */

export interface StreamSize {
  width: number;
  height: number;
}

export interface InputVideo extends StreamSize {
  /** Frames per second from the banner (`fps`, else `tbr`), undefined when not shown. */
  frameRate?: number;
}

const LEVEL = /\[(panic|fatal|error|warning|info|verbose|debug|trace)\] ?(.*)$/;
const CONTEXT = /^\[([A-Za-z0-9_,]+) @ 0x[0-9a-f]+\]/;
/** `, 640x480,` / `, 640x480 [SAR …` / `, 640x480` at the end; never the `0x31637661` of a codec tag. */
const SIZE = /, (\d{1,6})x(\d{1,6})(?=[\s,[]|$)/;
/** NTSC-style rates the banner rounds to two decimals (23.98 → 24000/1001). */
const NTSC = [24, 30, 48, 60, 120].map((n) => (n * 1000) / 1001);

/** `"23.98"` → 23.976…, `"25"` → 25, `"1k"` → 1000; undefined for junk. */
export function bannerRate(text: string, thousands = false): number | undefined {
  const value = Number(text) * (thousands ? 1000 : 1);
  if (!Number.isFinite(value) || value <= 0 || value >= 1000) return undefined;
  return NTSC.find((rate) => rate.toFixed(2) === text) ?? value;
}

function parseVideo(description: string): InputVideo | undefined {
  const size = SIZE.exec(description);
  if (!size) return undefined;
  const video: InputVideo = { width: Number(size[1]), height: Number(size[2]) };
  const rate = /, ([\d.]+)(k?) fps/.exec(description) ?? /, ([\d.]+)(k?) tbr/.exec(description);
  const frameRate = rate ? bannerRate(rate[1]!, rate[2] === 'k') : undefined;
  if (frameRate !== undefined) video.frameRate = frameRate;
  return video;
}

export class FfmpegLog {
  /** Demuxer name list of input #0 (`mov,mp4,m4a,3gp,3g2,mj2`). */
  inputFormat?: string;
  /** Seconds, from `Duration:` of input #0. */
  duration?: number;
  /** The first video stream of input #0 that is not an attached picture. */
  video?: InputVideo;
  hasAudio = false;
  /** Size of the first video stream of each output, by output index. */
  readonly outputs = new Map<number, StreamSize>();
  /** Frame size the source claims when a decoder refused it (`Picture size 30000x30000 is invalid`). */
  claimedSize?: StreamSize;
  /** Demuxer refused by `-format_whitelist` (e.g. `hls`). */
  refusedFormat?: string;
  /** `-map 0:V:0` found no video stream. */
  noVideoStream = false;
  /** Error lines, oldest first (at most 20), with the input path replaced by "source". */
  readonly errors: string[] = [];
  /** Called once, as soon as the input's video stream line is read. */
  onInputVideo?: (video: InputVideo) => void;

  private pending = '';
  private section: 'none' | 'input' | number = 'none';
  private readonly hidePaths: string[];

  /** `hidePaths`: server paths that must not appear in messages (the input file, the work folder). */
  constructor(hidePaths: string[] = []) {
    this.hidePaths = hidePaths.filter((p) => p !== '').sort((a, b) => b.length - a.length);
  }

  push(text: string): void {
    const lines = (this.pending + text).split(/\r?\n|\r/);
    this.pending = lines.pop() ?? '';
    if (this.pending.length > 64 * 1024) this.pending = '';
    for (const line of lines) this.line(line);
  }

  /** Reads a last line that had no line break. */
  end(): void {
    if (this.pending) this.line(this.pending);
    this.pending = '';
  }

  /** The last `count` error lines, for a job's failure message. */
  lastErrors(count = 3): string {
    return this.errors.slice(-count).join('; ') || 'no error output';
  }

  private line(raw: string): void {
    const level = LEVEL.exec(raw);
    if (!level) return;
    const msg = level[2]!;
    if (level[1] === 'info') this.info(msg);
    else if (['error', 'fatal', 'panic'].includes(level[1]!)) this.error(msg, CONTEXT.exec(raw)?.[1]);
  }

  private info(msg: string): void {
    let m: RegExpExecArray | null;
    if ((m = /^Input #(\d+), (.+?), from '/.exec(msg))) {
      this.section = m[1] === '0' ? 'input' : 'none';
      if (this.section === 'input') this.inputFormat = m[2];
      return;
    }
    if ((m = /^Output #(\d+), /.exec(msg))) {
      this.section = Number(m[1]);
      return;
    }
    if (/^(Stream mapping|Press \[q\])/.test(msg)) {
      this.section = 'none';
      return;
    }
    if (this.section === 'input' && (m = /^\s+Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(msg))) {
      const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
      if (seconds > 0) this.duration = seconds;
      return;
    }
    if (!(m = /^\s+Stream #\d+:\d+\S*: (Video|Audio): (.*)$/.exec(msg))) return;
    const [, kind, description] = m as unknown as [string, string, string];
    if (this.section === 'input') {
      if (kind === 'Audio') this.hasAudio = true;
      else if (!this.video && !description.includes('(attached pic)')) {
        const video = parseVideo(description);
        if (video) {
          this.video = video;
          this.onInputVideo?.(video);
        }
      }
    } else if (typeof this.section === 'number' && kind === 'Video' && !this.outputs.has(this.section)) {
      const video = parseVideo(description);
      if (video) this.outputs.set(this.section, { width: video.width, height: video.height });
    }
  }

  private error(msg: string, context: string | undefined): void {
    let text = msg.trim();
    for (const path of this.hidePaths) text = text.split(path).join('source');
    let m: RegExpExecArray | null;
    if ((m = /Picture size (\d+)x(\d+) (is invalid|exceeds)/.exec(text))) {
      this.claimedSize ??= { width: Number(m[1]), height: Number(m[2]) };
    }
    if (text.startsWith('Format not on whitelist')) {
      this.refusedFormat ??= context ?? 'unknown';
      text = `format ${this.refusedFormat} not accepted`;
    }
    if (/matches no streams/.test(text)) this.noVideoStream = true;
    this.errors.push(text.length > 300 ? `${text.slice(0, 300)}…` : text);
    if (this.errors.length > 20) this.errors.shift();
  }
}
