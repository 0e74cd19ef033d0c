import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, PACKAGE_ROOT } from '../../src/internal/paths.js';
import { DEMO_IDS } from '../../src/standin/index.js';
import { callApi, startStandin, type StandinServer } from '../helpers/standin.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (the stand-in lives in this process and must keep answering). */
function run(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, FTRACK_HOST_FROM_SOURCE: '1', ...env })) if (v !== undefined) merged[k] = v;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'ftrack-host.js'), ...args],
      { env: merged, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('encode CLI (e2e, stand-in)', function () {
  this.timeout(180_000);
  let server: StandinServer;
  let dir: string;
  let env: Record<string, string | undefined>;

  before(async () => {
    server = await startStandin();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'encode-cli-'));
    env = { FTRACK_SERVER: server.url, FTRACK_API_USER: server.apiUser, FTRACK_API_KEY: server.apiKey, FTRACK_API_SCHEMA_CACHE_PATH: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('encode CLI - uploads with progress, follows the job, prints outputs with working signed URLs (no key), exits 0', async () => {
    const result = await run(['encode', join(DATA_DIR, 'colour_wheel.mov'), '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Uploading 100%/);
    assert.match(result.stderr, /Job done/);
    assert.ok(!result.stdout.includes(server.apiKey), 'no API key on stdout');
    assert.ok(!result.stderr.includes(server.apiKey), 'no API key on stderr');
    const { outputs } = JSON.parse(result.stdout) as { outputs: { name: string; url: string; id: string; auth: string }[] };
    const mp4 = outputs.find((o) => o.name === 'ftrackreview-mp4')!;
    assert.ok(mp4);
    assert.equal(mp4.auth, 'signed');
    assert.ok(!mp4.url.includes('apiKey'));
    const response = await fetch(mp4.url);
    assert.equal(response.status, 200);
    assert.ok((await response.arrayBuffer()).byteLength > 0);
    assert.ok(server.store.get('Component', mp4.id));
  });

  it('encode CLI - takes server and credentials from flags too', async () => {
    const result = await run(
      ['encode', join(DATA_DIR, 'image.png'), '--server', server.url, '--api-user', server.apiUser, '--api-key', server.apiKey],
      { FTRACK_API_SCHEMA_CACHE_PATH: dir, FTRACK_SERVER: undefined, FTRACK_API_USER: undefined, FTRACK_API_KEY: undefined },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ftrackreview-image\.jpg/);
    assert.ok(!result.stdout.includes(server.apiKey), 'no API key on stdout (text output)');
    const urls = result.stdout.trim().split('\n').map((line) => line.split('\t').at(-1)!);
    assert.ok(urls.length >= 2);
    for (const url of urls) assert.equal((await fetch(url)).status, 200, 'the printed URL downloads without credentials');
  });

  it('encode CLI - --url-with-credentials opts into /component/get URLs with the key', async () => {
    const result = await run(['encode', join(DATA_DIR, 'image.png'), '--json', '--url-with-credentials'], env);
    assert.equal(result.code, 0, result.stderr);
    const { outputs } = JSON.parse(result.stdout) as { outputs: { url: string; auth: string }[] };
    assert.ok(outputs.length > 0);
    for (const o of outputs) {
      assert.equal(o.auth, 'credentials');
      assert.match(o.url, /\/component\/get\?id=.*apiKey=/);
      assert.equal((await fetch(o.url)).status, 200);
    }
  });

  it('encode CLI - --version-id X --keep-original attaches outputs to the version and keeps the source', async () => {
    const created = await callApi(server, [{ action: 'create', entity_type: 'AssetVersion', entity_data: { asset_id: DEMO_IDS.asset, comment: 'encode cli' } }]);
    const versionId = String((created.body as [{ data: { id: string } }])[0].data.id);
    const before = new Set(server.store.query('select id from FileComponent').data.map((r) => String(r.id)));
    const result = await run(['encode', join(DATA_DIR, 'image.png'), '--json', '--version-id', versionId, '--keep-original'], env);
    assert.equal(result.code, 0, result.stderr);
    const { outputs } = JSON.parse(result.stdout) as { outputs: { id: string; name: string }[] };
    for (const o of outputs) assert.equal((server.store.get('Component', o.id) as { version_id?: unknown }).version_id, versionId);
    const thumbnail = outputs.find((o) => o.name === 'thumbnail');
    assert.equal((server.store.get('AssetVersion', versionId) as { thumbnail_id?: unknown }).thumbnail_id, thumbnail?.id);
    const outputIds = new Set(outputs.map((o) => o.id));
    const kept = server.store
      .query(`select id, version_id from FileComponent where version_id is "${versionId}"`)
      .data.filter((r) => !outputIds.has(String(r.id)) && !before.has(String(r.id)));
    assert.equal(kept.length, 1, 'the uploaded source is kept, on the version');
  });

  it('encode CLI - a failed job exits non-zero with the job message', async () => {
    const bogus = join(dir, 'broken.mov');
    writeFileSync(bogus, 'not a movie');
    const result = await run(['encode', bogus], env);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /ftrack-host encode: job [0-9a-f-]{36} failed: \S.+/);
    assert.equal(result.stdout, '');
  });

  it('encode CLI - a missing file or missing server is a clear error, without the key', async () => {
    const missing = await run(['encode', join(dir, 'nope.mov')], env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /cannot read the file/);
    const noServer = await run(['encode', join(DATA_DIR, 'image.png')], { ...env, FTRACK_SERVER: undefined });
    assert.notEqual(noServer.code, 0);
    assert.match(noServer.stderr, /Missing serverUrl.*FTRACK_SERVER/);
    const wrongKey = await run(['encode', join(DATA_DIR, 'image.png')], { ...env, FTRACK_API_KEY: 'WRONG-KEY-0b1c' });
    assert.notEqual(wrongKey.code, 0);
    assert.match(wrongKey.stderr, /FTRACK_ERR_INVALID_CREDENTIALS/);
    assert.ok(!wrongKey.stderr.includes('WRONG-KEY-0b1c'));
  });

  it('encode CLI - a --timeout that is not a positive number is refused before anything is uploaded', async () => {
    for (const value of ['abc', '0', '-5']) {
      const result = await run(['encode', join(DATA_DIR, 'image.png'), '--timeout', value], env);
      assert.equal(result.code, 2, value);
      assert.match(result.stderr, /--timeout must be a positive number of seconds/);
      assert.doesNotMatch(result.stderr, /Encoding: job/);
    }
  });
});
