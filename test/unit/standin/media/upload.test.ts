import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIA_ERROR_CODES, MediaError } from '../../../../src/standin/media/index.js';
import { startHarness, waitFor, type Harness } from './harness.js';
import { send } from './http-client.js';

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('base64');
const bytes = (n: number, seed = 7): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed + (i >> 8)) & 0xff));

function incomingEmpty(h: Harness): boolean {
  return readdirSync(join(h.mediaDir, '.incoming')).length === 0;
}

describe('standin media - uploads', function () {
  this.timeout(60_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ maxUploadBytes: 1024 * 1024 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('get_upload_metadata works before the component exists and returns self-authorising PUT headers', async () => {
    const body = bytes(5000);
    const meta = h.call('get_upload_metadata', { component_id: 'c-1', file_name: 'main.mov', file_size: body.length, checksum: md5(body) }) as {
      url: string;
      headers: Record<string, string>;
      component_id: string;
    };
    assert.equal(meta.component_id, 'c-1');
    assert.deepEqual(meta.headers, { 'Content-Type': 'video/quicktime', 'Content-Disposition': 'attachment; filename="main.mov"', 'Content-MD5': md5(body) });
    const put = await send('PUT', meta.url, { body, headers: meta.headers });
    assert.equal(put.status, 200);
    assert.match(String(put.headers.etag), /^"[0-9a-f]{32}"$/);
    assert.deepEqual(readFileSync(join(h.mediaDir, 'c-1')), body);
    assert.ok(incomingEmpty(h));
  });

  it('rejects a wrong checksum (400) and keeps no file', async () => {
    const body = bytes(3000);
    const meta = h.call('get_upload_metadata', { component_id: 'c-2', file_name: 'a.png', file_size: body.length, checksum: md5(bytes(3000, 3)) }) as { url: string };
    const put = await send('PUT', meta.url, { body });
    assert.equal(put.status, 400);
    assert.equal(put.json().error_code, MEDIA_ERROR_CODES.checksum);
    assert.ok(!existsSync(join(h.mediaDir, 'c-2')));
    assert.ok(incomingEmpty(h));
  });

  it('rejects a Content-MD5 header that does not match the body', async () => {
    const body = bytes(100);
    const meta = h.call('get_upload_metadata', { component_id: 'c-2b', file_name: 'a.bin', file_size: 100, checksum: null }) as { url: string };
    const put = await send('PUT', meta.url, { body, headers: { 'Content-MD5': md5(Buffer.from('other')) } });
    assert.equal(put.status, 400);
    assert.equal(put.json().error_code, MEDIA_ERROR_CODES.checksum);
    assert.ok(!existsSync(join(h.mediaDir, 'c-2b')));
  });

  it('answers 403 for a tampered signature and for an expired URL', async () => {
    const meta = h.call('get_upload_metadata', { component_id: 'c-3', file_name: 'a.bin', file_size: 10, checksum: null }) as { url: string };
    const tampered = meta.url.replace('size=10', 'size=11');
    const bad = await send('PUT', tampered, { body: bytes(11) });
    assert.equal(bad.status, 403);
    assert.deepEqual(Object.keys(bad.json()).sort(), ['content', 'error_code', 'exception']);
    assert.equal(bad.json().error_code, MEDIA_ERROR_CODES.signature);
    const unsigned = await send('PUT', `${h.url}/media/upload?component_id=c-3&size=10`, { body: bytes(10) });
    assert.equal(unsigned.status, 403);
    h.signer.now = () => Date.now() + 2 * 3600 * 1000;
    const expired = await send('PUT', meta.url, { body: bytes(10) });
    assert.equal(expired.status, 403);
    assert.equal(expired.json().error_code, MEDIA_ERROR_CODES.expired);
    assert.ok(!existsSync(join(h.mediaDir, 'c-3')));
  });

  it('answers 400 when the body is not the declared file_size (longer or shorter); earlier bytes survive', async () => {
    const first = h.call('get_upload_metadata', { component_id: 'c-4', file_name: 'a.bin', file_size: 10, checksum: null }) as { url: string };
    assert.equal((await send('PUT', first.url, { body: bytes(10) })).status, 200);
    const meta = h.call('get_upload_metadata', { component_id: 'c-4', file_name: 'a.bin', file_size: 1000, checksum: null }) as { url: string };
    const longer = await send('PUT', meta.url, { body: bytes(1001) });
    assert.equal(longer.status, 400);
    assert.equal(longer.json().error_code, MEDIA_ERROR_CODES.size);
    // chunked body (no Content-Length): detected while streaming
    const shorter = await send('PUT', meta.url, {
      headers: { 'Transfer-Encoding': 'chunked' },
      write: (req) => {
        req.write(bytes(400));
        req.end(bytes(100));
      },
    });
    assert.equal(shorter.status, 400);
    assert.equal(shorter.json().error_code, MEDIA_ERROR_CODES.size);
    assert.deepEqual(readFileSync(join(h.mediaDir, 'c-4')), bytes(10), 'the stored bytes are untouched by failed uploads');
    await waitFor(() => (incomingEmpty(h) ? true : undefined), 'temp files removed');
  });

  it('answers 413 above maxUploadBytes, at metadata time and while streaming', async () => {
    assert.throws(
      () => h.call('get_upload_metadata', { component_id: 'c-5', file_name: 'big.bin', file_size: 2 * 1024 * 1024, checksum: null }),
      (e: unknown) => e instanceof MediaError && e.code === MEDIA_ERROR_CODES.tooLarge && e.exception === 'ValidationError',
    );
    const meta = h.call('get_upload_metadata', { component_id: 'c-5', file_name: 'part.bin', file_size: 1024 * 1024, parts: 3 }) as {
      urls: { signed_url: string }[];
    };
    // a part larger than the limit, sent chunked so only the stream can notice
    const put = await send('PUT', meta.urls[0]!.signed_url, {
      headers: { 'Transfer-Encoding': 'chunked' },
      write: (req) => {
        for (let i = 0; i < 20; i++) req.write(bytes(64 * 1024));
        req.end();
      },
    });
    assert.equal(put.status, 413);
    assert.equal(put.json().error_code, MEDIA_ERROR_CODES.tooLarge);
    await waitFor(() => (incomingEmpty(h) ? true : undefined), 'temp files removed');
  });

  /** PUTs part of a body, waits until the server has a temp file for it, then aborts the request. */
  async function interruptedPut(url: string, size: number): Promise<void> {
    let sawTemp = false;
    await send('PUT', url, {
      headers: { 'Content-Length': String(size) },
      write: (req) => {
        req.write(bytes(Math.floor(size / 2)));
        waitFor(() => (incomingEmpty(h) ? undefined : true), 'temp file of the upload', 30_000).then(
          () => {
            sawTemp = true;
            req.destroy();
          },
          () => req.destroy(),
        );
      },
    }).catch(() => undefined);
    assert.ok(sawTemp, 'the server had started writing the upload before it was aborted');
    await waitFor(() => (incomingEmpty(h) ? true : undefined), 'temp file of the aborted upload removed');
  }

  it('an interrupted upload leaves no file and the server keeps serving', async () => {
    const meta = h.call('get_upload_metadata', { component_id: 'c-6', file_name: 'a.bin', file_size: 500_000, checksum: null }) as { url: string };
    await interruptedPut(meta.url, 500_000);
    assert.ok(!existsSync(join(h.mediaDir, 'c-6')));
    const again = await send('PUT', meta.url, { body: bytes(500_000) });
    assert.equal(again.status, 200);
    assert.equal(readFileSync(join(h.mediaDir, 'c-6')).length, 500_000);
  });

  it('an interrupted part upload leaves no part; the part can be sent again', async () => {
    const meta = h.call('get_upload_metadata', { component_id: 'c-6b', file_name: 'a.bin', file_size: 500_000, parts: 2 }) as {
      upload_id: string;
      urls: { signed_url: string }[];
    };
    const dir = join(h.mediaDir, '.multipart', meta.upload_id);
    await interruptedPut(meta.urls[0]!.signed_url, 250_000);
    assert.deepEqual(readdirSync(dir), ['upload.json']);
    const again = await send('PUT', meta.urls[0]!.signed_url, { body: bytes(250_000) });
    assert.equal(again.status, 200);
    assert.ok(existsSync(join(dir, '1.part')));
  });

  it('verifies Content-MD5 on part PUTs: a mismatch is 400 with the checksum code and leaves no part', async () => {
    const body = bytes(200_000, 5);
    const meta = h.call('get_upload_metadata', { component_id: 'c-6c', file_name: 'a.bin', file_size: body.length, parts: 2 }) as {
      upload_id: string;
      urls: { signed_url: string }[];
    };
    const dir = join(h.mediaDir, '.multipart', meta.upload_id);
    const first = body.subarray(0, 100_000);
    const bad = await send('PUT', meta.urls[0]!.signed_url, { body: first, headers: { 'Content-MD5': md5(Buffer.from('other')) } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error_code, MEDIA_ERROR_CODES.checksum);
    assert.deepEqual(readdirSync(dir), ['upload.json']);
    await waitFor(() => (incomingEmpty(h) ? true : undefined), 'temp file of the rejected part removed');
    const good = await send('PUT', meta.urls[0]!.signed_url, { body: first, headers: { 'Content-MD5': md5(first) } });
    assert.equal(good.status, 200);
    assert.ok(existsSync(join(dir, '1.part')));
  });

  it('multipart: parts answer 200 with a quoted ETag, complete assembles them in order', async () => {
    const body = bytes(250_000, 13);
    const meta = h.call('get_upload_metadata', { component_id: 'c-7', file_name: 'clip.mp4', file_size: body.length, parts: 3 }) as {
      component_id: string;
      upload_id: string;
      urls: { signed_url: string; part_number: number }[];
    };
    assert.equal(meta.urls.length, 3);
    const chunk = 100_000;
    const etags: { part_number: number; e_tag: string }[] = [];
    for (const part of [...meta.urls].reverse()) {
      const put = await send('PUT', part.signed_url, { body: body.subarray((part.part_number - 1) * chunk, part.part_number * chunk) });
      assert.equal(put.status, 200);
      assert.equal(put.headers['access-control-expose-headers'], 'ETag');
      etags.push({ part_number: part.part_number, e_tag: String(put.headers.etag).replaceAll('"', '') });
    }
    await assert.rejects(
      h.callAsync('complete_multipart_upload', { component_id: 'c-7', upload_id: meta.upload_id, parts: etags.map((p) => ({ ...p, e_tag: 'ffff' })) }),
      (e: unknown) => e instanceof MediaError && e.code === MEDIA_ERROR_CODES.validation,
    );
    await assert.rejects(
      h.callAsync('complete_multipart_upload', { component_id: 'c-7', upload_id: meta.upload_id, parts: etags.slice(1) }),
      (e: unknown) => e instanceof MediaError && e.code === MEDIA_ERROR_CODES.size,
    );
    const done = (await h.callAsync('complete_multipart_upload', { component_id: 'c-7', upload_id: meta.upload_id, parts: etags })) as Record<string, unknown>;
    assert.equal(done.action, 'complete_multipart_upload');
    assert.equal(done.component_id, 'c-7');
    assert.deepEqual(readFileSync(join(h.mediaDir, 'c-7')), body);
    const download = await send('GET', String(done.url));
    assert.equal(download.status, 200);
    assert.deepEqual(download.body, body);
    await assert.rejects(h.callAsync('complete_multipart_upload', { component_id: 'c-7', upload_id: meta.upload_id, parts: etags }), MediaError);
  });

  it('rejects bad get_upload_metadata input with ValidationError', () => {
    const bad: Record<string, unknown>[] = [
      { component_id: '../etc/passwd', file_name: 'a', file_size: 1 },
      { component_id: 'x', file_size: 1 },
      { component_id: 'x', file_name: 'a.bin', file_size: -1 },
      { component_id: 'x', file_name: 'a.bin', file_size: 1, checksum: 'nope' },
      { component_id: 'x', file_name: 'a.bin', file_size: 1, parts: 1.5 },
    ];
    for (const op of bad) {
      assert.throws(() => h.call('get_upload_metadata', op), (e: unknown) => e instanceof MediaError && e.exception === 'ValidationError', JSON.stringify(op));
    }
  });

  it('reads file_name and file_size from an existing component', () => {
    h.store.create('FileComponent', { id: 'c-8', name: 'plate', file_type: '.exr', size: 42 });
    const meta = h.call('get_upload_metadata', { component_id: 'c-8' }) as { url: string; headers: Record<string, string> };
    assert.equal(meta.headers['Content-Disposition'], 'attachment; filename="plate.exr"');
    assert.match(meta.url, /size=42/);
  });
});
