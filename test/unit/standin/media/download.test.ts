import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCATION_IDS } from '../../../../src/standin/context.js';
import { DATA_DIR } from '../../../../src/internal/paths.js';
import { MEDIA_ERROR_CODES } from '../../../../src/standin/media/index.js';
import { parseRange } from '../../../../src/standin/media/download.js';
import { startHarness, USER, type Harness } from './harness.js';
import { send } from './http-client.js';

const auth = `username=${USER.username}&apiKey=${USER.apiKey}`;

function store(h: Harness, id: string, bytes: Buffer, fileType = '.mov', name = 'main'): void {
  writeFileSync(join(h.mediaDir, id), bytes);
  h.store.create('FileComponent', { id, name, file_type: fileType, size: bytes.length });
  h.store.create('ComponentLocation', { component_id: id, location_id: LOCATION_IDS.server, resource_identifier: id });
}

describe('standin media - downloads', function () {
  this.timeout(60_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('parseRange handles start-end, open ends, suffixes and unsatisfiable ranges', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=9-3', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1,5-6', 100), null);
    assert.equal(parseRange(undefined, 100), null);
  });

  it('GET /component/get streams the bytes with Content-Type and Range support (206, 416)', async () => {
    const clip = readFileSync(join(DATA_DIR, 'colour_wheel.mov'));
    store(h, 'v-1', clip);
    const full = await send('GET', `${h.url}/component/get?id=v-1&${auth}`);
    assert.equal(full.status, 200);
    assert.equal(full.headers['content-type'], 'video/quicktime');
    assert.equal(full.headers['accept-ranges'], 'bytes');
    assert.deepEqual(full.body, clip);
    const part = await send('GET', `${h.url}/component/get?id=v-1&${auth}`, { headers: { Range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${clip.length}`);
    assert.deepEqual(part.body, clip.subarray(100, 200));
    const tail = await send('GET', `${h.url}/component/get?id=v-1&${auth}`, { headers: { Range: 'bytes=-50' } });
    assert.deepEqual(tail.body, clip.subarray(clip.length - 50));
    const beyond = await send('GET', `${h.url}/component/get?id=v-1&${auth}`, { headers: { Range: `bytes=${clip.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${clip.length}`);
    const head = await send('HEAD', `${h.url}/component/get?id=v-1&${auth}`);
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), clip.length);
  });

  it('answers 401 without valid credentials, 404 for unknown ids, and 404 after /component/remove', async () => {
    store(h, 'v-2', Buffer.from('hello'), '.txt');
    const noAuth = await send('GET', `${h.url}/component/get?id=v-2`);
    assert.equal(noAuth.status, 401);
    assert.equal(noAuth.json().exception, 'InvalidCredentialsError');
    const wrong = await send('GET', `${h.url}/component/get?id=v-2&username=alice&apiKey=nope`);
    assert.equal(wrong.status, 401);
    assert.ok(!wrong.body.toString().includes('nope'));
    const unknown = await send('GET', `${h.url}/component/get?id=nothing&${auth}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json().error_code, MEDIA_ERROR_CODES.notFound);
    const removed = await send('GET', `${h.url}/component/remove?id=v-2&${auth}`);
    assert.equal(removed.status, 200);
    const after = await send('GET', `${h.url}/component/get?id=v-2&${auth}`);
    assert.equal(after.status, 404);
    const again = await send('GET', `${h.url}/component/remove?id=v-2&${auth}`);
    assert.equal(again.status, 404);
  });

  it('thumbnail: a scaled JPEG for a component or an entity with thumbnail_id, placeholder otherwise', async () => {
    store(h, 'img-1', readFileSync(join(DATA_DIR, 'image.png')), '.png');
    const thumb = await send('GET', `${h.url}/component/thumbnail?id=img-1&size=100&${auth}`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers['content-type'], 'image/jpeg');
    writeFileSync(join(h.mediaDir, 'check.jpg'), thumb.body);
    const dims = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', join(h.mediaDir, 'check.jpg')], { encoding: 'utf8' }).trim();
    assert.equal(dims, '100,75');
    const cached = await send('GET', `${h.url}/component/thumbnail?id=img-1&size=100&${auth}`);
    assert.deepEqual(cached.body, thumb.body);
    h.store.create('AssetVersion', { id: 'av-1', thumbnail_id: 'img-1' });
    const viaVersion = await send('GET', `${h.url}/component/thumbnail?id=av-1&size=100&${auth}`);
    assert.equal(viaVersion.status, 200);
    assert.deepEqual(viaVersion.body, thumb.body);
    h.store.create('AssetVersion', { id: 'av-2' });
    const none = await send('GET', `${h.url}/component/thumbnail?id=av-2&${auth}`);
    assert.equal(none.status, 302);
    assert.equal(none.headers.location, '/img/thumbnail2.png');
    const placeholder = await send('GET', `${h.url}/img/thumbnail2.png`);
    assert.equal(placeholder.status, 200);
    assert.equal(placeholder.headers['content-type'], 'image/png');
    assert.deepEqual(placeholder.body.subarray(1, 4), Buffer.from('PNG'));
    const unknown = await send('GET', `${h.url}/component/thumbnail?id=zzz&${auth}`);
    assert.equal(unknown.status, 404);
  });

  it('thumbnail of a file ffmpeg cannot read falls back to the placeholder and the server stays up', async () => {
    store(h, 'txt-1', Buffer.from('not an image at all'), '.png');
    const res = await send('GET', `${h.url}/component/thumbnail?id=txt-1&${auth}`);
    assert.equal(res.status, 302);
    const ok = await send('GET', `${h.url}/img/thumbnail2.png`);
    assert.equal(ok.status, 200);
  });
});
