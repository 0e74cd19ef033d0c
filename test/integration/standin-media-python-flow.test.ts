import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandin, callApi, type StandinServer } from '../helpers/standin.js';
import { LOCATION_IDS } from '../../src/standin/context.js';
import { DATA_DIR } from '../../src/internal/paths.js';

type Obj = Record<string, unknown>;

/**
 * The exact wire order of the Python client (protocol 3.3 and 4.1), replayed
 * with plain HTTP because the Python client is not installed here: metadata
 * before the component exists, a bare PUT with the returned headers, the
 * commit with entity references, then encode_media with keep_original false.
 */
describe('standin media - Python client upload and encode order on the wire', function () {
  this.timeout(120_000);
  let server: StandinServer;
  beforeEach(async () => {
    server = await startStandin();
  });
  afterEach(async () => {
    await server.close();
  });

  it('upload before create, commit with references, encode_media, Job readable at once, bytes removed after success', async () => {
    const clip = readFileSync(join(DATA_DIR, 'colour_wheel.mov'));
    const id = randomUUID();
    const checksum = createHash('md5').update(clip).digest('base64');

    const located = await callApi(server, [
      { action: 'query', expression: `select component_id, resource_identifier from ComponentLocation where location_id is ${LOCATION_IDS.server} and component_id in (${id}) offset 0 limit 500` },
    ]);
    assert.deepEqual(((located.body as Obj[])[0]!.data as unknown[]).length, 0);

    const [meta] = (await callApi(server, [{ action: 'get_upload_metadata', component_id: id, file_name: 'main.mov', file_size: clip.length, checksum }])).body as Obj[];
    const headers = meta!.headers as Record<string, string>;
    assert.equal(headers['Content-MD5'], checksum);
    const put = await fetch(String(meta!.url), { method: 'PUT', headers, body: clip });
    assert.equal(put.status, 200);

    const commit = await callApi(server, [
      { action: 'create', entity_type: 'FileComponent', entity_data: { id, name: 'main', file_type: '.mov', size: clip.length, version_id: null } },
      {
        action: 'create',
        entity_type: 'ComponentLocation',
        entity_data: {
          id: randomUUID(),
          component: { __entity_type__: 'FileComponent', id },
          location: { __entity_type__: 'Location', id: LOCATION_IDS.server },
          resource_identifier: id,
        },
      },
    ]);
    assert.ok(Array.isArray(commit.body), JSON.stringify(commit.body));

    const [encoded] = (await callApi(server, [{ action: 'encode_media', component_id: id, version_id: null, keep_original: false }])).body as Obj[];
    const jobId = String(encoded!.job_id);
    const [job] = (await callApi(server, [{ action: 'query', expression: `select id from Job where (id is "${jobId}") offset 0 limit 500` }])).body as Obj[];
    assert.equal((job!.data as unknown[]).length, 1);
    const [withData] = (await callApi(server, [{ action: 'query', expression: `select data, status from Job where id is "${jobId}"` }])).body as Obj[];
    const data = JSON.parse(String(((withData!.data as Obj[])[0] as Obj).data)) as Obj;
    assert.ok((data.output as unknown[]).length > 0);
    assert.equal(data.source_component_id, id);
    assert.equal(data.keep_original, false);

    // Python's get_url does not URL-encode the query values
    const download = `${server.url}/component/get?id=${id}&username=${server.apiUser}&apiKey=${server.apiKey}`;
    let status = '';
    const until = Date.now() + 100_000;
    while (status !== 'done' && status !== 'failed' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = (await callApi(server, [{ action: 'query', expression: `select status, data from Job where id is "${jobId}"` }])).body as Obj[];
      status = String(((row!.data as Obj[])[0] as Obj).status);
    }
    assert.equal(status, 'done');
    // keep_original false: the uploaded source is gone, the outputs are downloadable
    assert.equal((await fetch(download)).status, 404);
    const output = (data.output as { component_id: string }[])[0]!.component_id;
    const res = await fetch(`${server.url}/component/get?id=${output}&username=${server.apiUser}&apiKey=${server.apiKey}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'video/mp4');
  });
});
