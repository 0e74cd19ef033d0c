import assert from 'node:assert/strict';
import { bannerRate, FfmpegLog } from '../../../../src/standin/media/ffmpeg-log.js';

// stderr of ffmpeg 5.1 run with `-loglevel level+info` (shortened, real lines)
const GOOD = `[info] Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/srv/media/6f1e':
[info]   Metadata:
[info]     major_brand     : qt  
[info]     title           : line one
[info]                     : Stream #0:9: Video: h264, 1x1, 1 fps
[info]   Duration: 00:01:02.50, start: 0.000000, bitrate: 235 kb/s
[info]   Stream #0:0[0x1](eng): Video: h264 (Main) (avc1 / 0x31637661), yuv420p(tv, smpte170m/smpte170m/bt709, progressive), 640x480, 218 kb/s, SAR 1:1 DAR 4:3, 23.98 fps, 23.98 tbr, 2500 tbn (default)
[info]   Stream #0:1[0x2](eng): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)
[info] Stream mapping:
[info]   Stream #0:0 -> #0:0 (h264 (native) -> h264 (libx264))
[info] Output #0, mp4, to '/srv/media/.incoming/encode-x/review.mp4':
[info]   Stream #0:0(eng): Video: h264 (avc1 / 0x31637661), yuv420p(tv, progressive), 1798x1080 [SAR 1:1 DAR 899:540], q=2-31, 24 fps, 12288 tbn
[swscaler @ 0x556e540c4740] [swscaler @ 0x556e540d1700] [warning] deprecated pixel format used, make sure you did set range correctly
[info] Output #1, image2, to '/srv/media/.incoming/encode-x/image.jpg':
[info]   Stream #1:0(eng): Video: mjpeg, yuvj420p(pc, progressive), 1920x1152 [SAR 1:1 DAR 5:3], q=2-31, 200 kb/s, 24 fps, 24 tbn (default)
[info] Output #2, image2, to '/srv/media/.incoming/encode-x/thumbnail.jpg':
[info]   Stream #2:0(eng): Video: mjpeg, yuvj420p(pc, progressive), 300x180 [SAR 1:1 DAR 5:3], q=2-31, 200 kb/s, 24 fps, 24 tbn (default)
[info] frame=   15 fps=0.0 q=-1.0 Lq=3.0 q=4.0 size=      16kB time=00:00:00.48 bitrate= 268.9kbits/s speed=11.5x    
`;

describe('standin media - ffmpeg banner reader', () => {
  it('reads format, duration, the input video (size, rate), audio and each output size, across chunk boundaries', () => {
    const log = new FfmpegLog(['/srv/media/6f1e']);
    const seen: unknown[] = [];
    log.onInputVideo = (v) => seen.push(v);
    for (let i = 0; i < GOOD.length; i += 7) log.push(GOOD.slice(i, i + 7));
    log.end();
    assert.equal(log.inputFormat, 'mov,mp4,m4a,3gp,3g2,mj2');
    assert.equal(log.duration, 62.5);
    assert.deepEqual(log.video, { width: 640, height: 480, frameRate: 24000 / 1001 });
    assert.deepEqual(seen, [log.video], 'called once, for the real stream (not the metadata continuation line)');
    assert.equal(log.hasAudio, true);
    assert.deepEqual([...log.outputs.entries()], [
      [0, { width: 1798, height: 1080 }],
      [1, { width: 1920, height: 1152 }],
      [2, { width: 300, height: 180 }],
    ]);
    assert.deepEqual(log.errors, [], 'warnings are not errors');
  });

  it('skips attached pictures and reads the tbr when there is no fps', () => {
    const log = new FfmpegLog();
    log.push(`[info] Input #0, mp3, from 'x':\n[info]   Stream #0:1: Video: png, rgb24(pc), 500x500, 90k tbr, 90k tbn (attached pic)\n`);
    log.push(`[info]   Stream #0:2: Video: vp9, yuv420p(tv), 320x240, 30 tbr, 1k tbn\n`);
    assert.deepEqual(log.video, { width: 320, height: 240, frameRate: 30 });
  });

  it('errors: claimed sizes, refused formats, missing streams; server paths are hidden', () => {
    const log = new FfmpegLog(['/srv/media/6f1e']);
    log.push('[png @ 0x560af2896280] [IMGUTILS @ 0x7ffed5d57e80] [error] Picture size 30000x30000 is invalid\n');
    log.push('[hls @ 0x5567c5baaac0] [error] Format not on whitelist \'mov,matroska,avi\'\n');
    log.push('[error] Stream map \'0:V:0\' matches no streams.\n');
    log.push('[error] /srv/media/6f1e: Invalid data found when processing input\n');
    assert.deepEqual(log.claimedSize, { width: 30000, height: 30000 });
    assert.equal(log.refusedFormat, 'hls');
    assert.equal(log.noVideoStream, true);
    assert.equal(log.lastErrors(2), 'Stream map \'0:V:0\' matches no streams.; source: Invalid data found when processing input');
    assert.ok(!log.errors.join('\n').includes('/srv/'));
    const max = new FfmpegLog();
    max.push('[png @ 0x1] [IMGUTILS @ 0x2] [error] Picture size 10000x10000 exceeds specified max pixel count 67108864, see the documentation\n');
    assert.deepEqual(max.claimedSize, { width: 10000, height: 10000 });
  });

  it('lines without a level prefix and junk are ignored; error lines are bounded', () => {
    const log = new FfmpegLog();
    log.push('Consider increasing the value for the \'analyzeduration\'\nfoo\n\u0000\u0001 [info]\n');
    for (let i = 0; i < 50; i++) log.push(`[error] e${i} ${'x'.repeat(1000)}\n`);
    assert.equal(log.video, undefined);
    assert.equal(log.errors.length, 20);
    assert.ok(log.errors.every((e) => e.length <= 301));
  });

  it('bannerRate maps the two-decimal NTSC rates back to n*1000/1001', () => {
    assert.equal(bannerRate('23.98'), 24000 / 1001);
    assert.equal(bannerRate('29.97'), 30000 / 1001);
    assert.equal(bannerRate('59.94'), 60000 / 1001);
    assert.equal(bannerRate('25'), 25);
    assert.equal(bannerRate('12.5'), 12.5);
    assert.equal(bannerRate('0'), undefined);
    assert.equal(bannerRate('1', true), undefined, '1k fps is not a frame rate');
    assert.equal(bannerRate('abc'), undefined);
  });
});
