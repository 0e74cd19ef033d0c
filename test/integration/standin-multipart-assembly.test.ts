import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, startStandin, type StandinServer } from '../helpers/standin.js';

type Obj = Record<string, unknown>;

async function md5File(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('standin media - multipart completion does not block the event loop', function () {
  this.timeout(300_000);
  let server: StandinServer;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'standin-assembly-'));
    server = await startStandin({ dataDir });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /api queries while a 200 MiB upload is assembled; the assembled file is byte-identical', async () => {
    const partSize = 50 * 1024 * 1024;
    const partCount = 4;
    const [meta] = (await callApi(server, [
      { action: 'get_upload_metadata', component_id: 'c0ffee00-0000-4000-8000-000000000001', file_name: 'big.bin', file_size: partSize * partCount, parts: partCount },
    ])).body as [{ upload_id: string; urls: { signed_url: string; part_number: number }[] }];
    const whole = createHash('md5');
    const etags: { part_number: number; e_tag: string }[] = [];
    for (const { signed_url, part_number } of meta.urls) {
      // Odd-length fill so each part has its own bytes and boundaries do not line up.
      const body = Buffer.alloc(partSize, randomBytes(1024 * 1024 + part_number));
      whole.update(body);
      const put = await fetch(signed_url, { method: 'PUT', body });
      assert.equal(put.status, 200);
      etags.push({ part_number, e_tag: String(put.headers.get('etag')).replaceAll('"', '') });
    }
    const expected = whole.digest('hex');

    let completed = false;
    const completion = callApi(server, [
      { action: 'complete_multipart_upload', component_id: 'c0ffee00-0000-4000-8000-000000000001', upload_id: meta.upload_id, parts: etags },
    ]).then((result) => {
      completed = true;
      return result;
    });
    // Wait until the server is assembling (its output file exists), or the completion answered.
    const assembling = join(dataDir, 'media', '.multipart', meta.upload_id, 'assembled');
    while (!completed && !existsSync(assembling)) await new Promise((r) => setTimeout(r, 2));
    assert.equal(completed, false, 'the completion answered before any other request could be served during the assembly');
    const query = await callApi(server, [{ action: 'query', expression: 'select id from Location where name is "ftrack.server"' }]);
    assert.equal(query.status, 200);
    assert.equal((query.body as [{ data: Obj[] }])[0].data.length, 1);
    assert.equal(completed, false, 'the query should be answered before the assembly finishes');

    const done = await completion;
    assert.equal(done.status, 200);
    assert.equal(((done.body as Obj[])[0] as Obj).component_id, 'c0ffee00-0000-4000-8000-000000000001');
    assert.equal(await md5File(join(dataDir, 'media', 'c0ffee00-0000-4000-8000-000000000001')), expected);
    assert.ok(!existsSync(join(dataDir, 'media', '.multipart', meta.upload_id)), 'the parts folder is removed');
  });
});
