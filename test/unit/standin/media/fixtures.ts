// Media files made on the fly for the encoder tests (ffmpeg, or crafted bytes).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { solidPng } from '../../../../src/standin/media/placeholder.js';

/** Runs ffmpeg quietly (throws on failure). */
export function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `key=value` stream info of a file, via ffprobe. */
export function probe(file: string): Record<string, string> {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,pix_fmt,nb_frames', '-of', 'default=nw=1', file], {
    encoding: 'utf8',
  });
  return Object.fromEntries(out.trim().split('\n').map((l) => l.split('=') as [string, string]));
}

/** PNG frames `f0001.png`… of a test pattern; returns their paths. */
export function makeFrames(dir: string, count: number, size = '320x240'): string[] {
  ffmpeg(['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=1`, '-frames:v', String(count), join(dir, 'f%04d.png')]);
  return Array.from({ length: count }, (_, i) => join(dir, `f${String(i + 1).padStart(4, '0')}.png`));
}

/** An mp4 (moov first) cut in half: its header reads fine, its frames do not. */
export function makeTruncatedClip(dir: string): Buffer {
  const file = join(dir, 'whole.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=duration=4:size=640x480:rate=24', '-c:v', 'libx264', '-g', '12', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file]);
  const whole = readFileSync(file);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A clip long enough to still be encoding when a test acts on it. */
export function makeLongClip(dir: string, seconds = 30): string {
  const file = join(dir, 'long.mp4');
  ffmpeg(['-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=1280x720:rate=25`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file]);
  return file;
}

/** A small valid PNG whose header claims `width`×`height` (a decompression bomb as far as the header goes). */
export function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(solidPng(4, 4));
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC follows the 13 data bytes.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** An HLS playlist whose only segment is a URL (must never be fetched). */
export const HLS_TO_URL = Buffer.from('#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\nhttp://127.0.0.1:1/x.ts\n#EXT-X-ENDLIST\n');
/** An ffconcat playlist pointing at a URL. */
export const CONCAT_TO_URL = Buffer.from('ffconcat version 1.0\nfile http://127.0.0.1:1/x\n');
