import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaStorage, checkId } from '../../../../src/standin/media/storage.js';
import { attachmentDisposition, contentTypeOf, extensionOf } from '../../../../src/standin/media/mime.js';
import { buildEncodeArgs, fitBox, fitEven, ProgressReader } from '../../../../src/standin/media/encode-args.js';
import { lastLines, parseRate } from '../../../../src/standin/media/ffmpeg.js';
import { resolveMediaOptions } from '../../../../src/standin/media/options.js';
import { MediaError } from '../../../../src/standin/media/errors.js';

describe('standin media - pure helpers', () => {
  it('checkId accepts ids and refuses paths and odd characters', () => {
    assert.equal(checkId('a38e9f21-b6b6-4b22-96b2-925a2574c4ff'), 'a38e9f21-b6b6-4b22-96b2-925a2574c4ff');
    for (const bad of ['', '..', '../x', 'a/b', '.hidden', 'a b', 42, null]) assert.throws(() => checkId(bad), MediaError, String(bad));
  });

  it('content types, extensions and Content-Disposition', () => {
    assert.equal(extensionOf('shot.v001.MOV'), '.mov');
    assert.equal(extensionOf('noext'), '');
    assert.equal(contentTypeOf('main.mov'), 'video/quicktime');
    assert.equal(contentTypeOf('.jpg'), 'image/jpeg');
    assert.equal(contentTypeOf('x.unknown'), 'application/octet-stream');
    assert.equal(attachmentDisposition('main.mov'), 'attachment; filename="main.mov"');
    assert.equal(attachmentDisposition('été "1".mov'), `attachment; filename="_t_ _1_.mov"; filename*=UTF-8''${encodeURIComponent('été "1".mov')}`);
  });

  it('fitEven keeps the aspect ratio, never upscales and gives even sizes', () => {
    assert.deepEqual(fitEven(640, 480, 1920, 1080), { width: 640, height: 480 });
    assert.deepEqual(fitEven(641, 481, 1920, 1080), { width: 640, height: 480 });
    assert.deepEqual(fitEven(3840, 2160, 1920, 1080), { width: 1920, height: 1080 });
    assert.deepEqual(fitEven(4000, 1000, 1920, 1080), { width: 1920, height: 480 });
    assert.deepEqual(fitEven(1, 1, 1920, 1080), { width: 2, height: 2 });
    assert.deepEqual(fitBox(768, 576, 300), { width: 300, height: 225 });
  });

  it('buildEncodeArgs puts the safety options before the input and -fs on every output', () => {
    const args = buildEncodeArgs({
      input: '/in',
      inputArgs: ['-f', 'image2'],
      maxPixels: 100,
      maxOutputBytes: 5000,
      mp4: { path: '/o.mp4', box: { width: 1920, height: 1080 } },
      image: { path: '/i.jpg', size: 1920 },
      thumbnail: { path: '/t.jpg', size: 300 },
    });
    const input = args.indexOf('-i');
    assert.ok(args.indexOf('-nostdin') < input);
    assert.equal(args[args.indexOf('-protocol_whitelist') + 1], 'file');
    const formats = args[args.indexOf('-format_whitelist') + 1]!.split(',');
    assert.ok(formats.includes('mov') && formats.includes('image2') && formats.includes('png_pipe'));
    for (const refused of ['hls', 'concat', 'dash', 'imf', 'lavfi', 'sdp', 'rtsp', 'svg_pipe', 'tty']) assert.ok(!formats.includes(refused), refused);
    assert.ok(args.indexOf('-format_whitelist') < input);
    assert.ok(!args.includes('ffprobe'));
    assert.equal(args[args.indexOf('-loglevel') + 1], 'level+info', 'the banner is read for sizes and rate');
    assert.deepEqual(args.filter((_a, i) => args[i - 1] === '-map'), ['0:V:0', '0:a:0?', '0:V:0', '0:V:0']);
    assert.ok(args.indexOf('-protocol_whitelist') < input && args.indexOf('-max_pixels') < input && args.indexOf('image2') < input);
    assert.equal(args.filter((a) => a === '-fs').length, 3);
    assert.ok(args.includes('+faststart') && args.includes('libx264') && args.includes('yuv420p'));
  });

  it('ProgressReader reads frame and out_time across chunk boundaries', () => {
    const p = new ProgressReader();
    p.push('frame=1');
    p.push('2\nout_time_us=1500000\nprogress=continue\n');
    assert.equal(p.frame, 12);
    assert.equal(p.outTimeSeconds, 1.5);
  });

  it('parseRate and lastLines', () => {
    assert.equal(parseRate('25/1'), 25);
    assert.ok(Math.abs(parseRate('30000/1001')! - 29.97) < 0.01);
    assert.equal(parseRate('0/0'), undefined);
    assert.equal(lastLines('[mov,mp4 @ 0x55aa] moov atom not found\nin.mov: Invalid data\n'), 'moov atom not found; in.mov: Invalid data');
  });

  it('resolveMediaOptions applies defaults, reads FFMPEG_PATH and refuses nonsense', () => {
    const o = resolveMediaOptions({}, { FFMPEG_PATH: '/opt/ff/bin/ffmpeg' });
    assert.equal(o.ffmpegPath, '/opt/ff/bin/ffmpeg');
    assert.equal(o.ffprobePath, '/opt/ff/bin/ffprobe');
    assert.equal(o.maxUploadBytes, 10 * 1024 ** 3);
    assert.equal(resolveMediaOptions({}, {}).ffprobePath, 'ffprobe');
    assert.throws(() => resolveMediaOptions({ encodeConcurrency: 0 }, {}), RangeError);
  });

  it('MediaStorage.sweep removes temp leftovers and stale multipart uploads only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    try {
      const storage = new MediaStorage(dir);
      writeFileSync(join(storage.incomingDir, 'x.part'), 'half');
      mkdirSync(join(storage.incomingDir, 'encode-1'));
      const old = join(storage.multipartDir, 'old-upload');
      const fresh = join(storage.multipartDir, 'fresh-upload');
      mkdirSync(old);
      mkdirSync(fresh);
      const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
      utimesSync(old, longAgo, longAgo);
      writeFileSync(join(dir, 'component-1'), 'kept');
      assert.deepEqual(storage.sweep(), { temp: 2, multipart: 1 });
      assert.ok(!existsSync(old) && existsSync(fresh) && existsSync(join(dir, 'component-1')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
