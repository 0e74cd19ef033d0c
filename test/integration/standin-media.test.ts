import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '@ftrack/api';
import { startStandin, callApi, type StandinServer } from '../helpers/standin.js';
import { installXhr, xhrRequests } from '../helpers/xhr.js';
import { LOCATION_IDS } from '../../src/standin/context.js';
import { DATA_DIR } from '../../src/internal/paths.js';

type Obj = Record<string, unknown>;
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

/** Deterministic bytes (no big random buffers in the test process). */
function pattern(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(size));
  for (let i = 0; i < size; i++) out[i] = (i * 31 + (i >>> 11)) & 0xff;
  return out;
}

describe('standin media - uploads and downloads with the official @ftrack/api Session', function () {
  this.timeout(120_000);
  let server: StandinServer;
  let session: Session;
  let uninstall: () => void;
  before(() => {
    uninstall = installXhr();
  });
  after(() => uninstall());
  beforeEach(async () => {
    server = await startStandin();
    session = new Session(server.url, server.apiUser, server.apiKey, { autoConnectEventHub: false });
    await session.initializing;
  });
  afterEach(async () => {
    await server.close();
  });

  it('createComponent uploads a single-part file into ftrack.server; /component/get returns it with Range support', async () => {
    const clip = readFileSync(join(DATA_DIR, 'colour_wheel.mov'));
    const [created, location, meta] = (await session.createComponent(new File([clip], 'colour_wheel.mov'))) as unknown as [Obj, Obj, Obj];
    const component = created.data as Obj;
    assert.equal(component.name, 'colour_wheel');
    assert.equal(component.file_type, '.mov');
    assert.ok('url' in meta && 'headers' in meta, 'single-part metadata');
    assert.equal((location.data as Obj).location_id, LOCATION_IDS.server);
    const url = session.getComponentUrl(String(component.id))!;
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'video/quicktime');
    assert.equal(md5(new Uint8Array(await res.arrayBuffer())), md5(clip));
    const ranged = await fetch(url, { headers: { Range: 'bytes=10-19' } });
    assert.equal(ranged.status, 206);
    assert.deepEqual(new Uint8Array(await ranged.arrayBuffer()), new Uint8Array(clip.subarray(10, 20)));
    const thumb = await fetch(session.thumbnailUrl(String(component.id), { size: 64 }));
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
  });

  it('createComponent uploads a 20 MiB file in 3 multipart parts (8 MiB chunks) and it reads back identical', async () => {
    const bytes = pattern(20 * 1024 * 1024);
    const [created, , meta] = (await session.createComponent(new File([bytes], 'plate.exr'))) as unknown as [Obj, Obj, Obj];
    assert.ok(meta.upload_id, 'multipart metadata');
    assert.equal(xhrRequests.filter((r) => r.startsWith(`PUT ${server.url}/media/upload-part`)).length, 3, 'three part PUTs');
    const id = String((created.data as Obj).id);
    const res = await fetch(session.getComponentUrl(id)!);
    assert.equal(res.status, 200);
    assert.equal(md5(new Uint8Array(await res.arrayBuffer())), md5(bytes));
    const rows = await session.query(`select id from ComponentLocation where component_id is "${id}" and location_id is "${LOCATION_IDS.server}"`);
    assert.equal(rows.data.length, 1);
  });

  it('errors of get_upload_metadata come back as the ftrack error envelope (ValidationError)', async () => {
    const res = await callApi(server, [{ action: 'get_upload_metadata', component_id: '../x', file_name: 'a.mov', file_size: 1 }]);
    assert.equal((res.body as Obj).exception, 'ValidationError');
    assert.match(String((res.body as Obj).content), /component_id/);
  });

  it('a PUT with a bad signature gets 403 and the JSON envelope; the server keeps working', async () => {
    const [meta] = (await session.call([{ action: 'get_upload_metadata', component_id: 'abc-1', file_name: 'a.txt', file_size: 3, checksum: null } as never])) as unknown as [Obj];
    const res = await fetch(String(meta.url).replace(/signature=[^&]+/, 'signature=AAAA'), { method: 'PUT', body: 'abc' });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Obj).exception, 'PermissionError');
    const ok = await fetch(String(meta.url), { method: 'PUT', body: 'abc' });
    assert.equal(ok.status, 200);
    assert.ok(ok.headers.get('etag'));
  });

  it('/component/remove deletes the bytes; /component/get then answers 404', async () => {
    const [created] = (await session.createComponent(new File([pattern(1000)], 'note.txt'))) as unknown as [Obj];
    const id = String((created.data as Obj).id);
    const auth = `username=${encodeURIComponent(server.apiUser)}&apiKey=${encodeURIComponent(server.apiKey)}`;
    assert.equal((await fetch(`${server.url}/component/remove?id=${id}&${auth}`)).status, 200);
    assert.equal((await fetch(session.getComponentUrl(id)!)).status, 404);
  });
});
