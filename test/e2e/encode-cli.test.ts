import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, PACKAGE_ROOT } from '../../src/internal/paths.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

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

  it('encode CLI - uploads with progress, follows the job, prints outputs with working URLs, exits 0', async () => {
    const result = await run(['encode', join(DATA_DIR, 'colour_wheel.mov'), '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Uploading 100%/);
    assert.match(result.stderr, /Job done/);
    const { outputs } = JSON.parse(result.stdout) as { outputs: { name: string; url: string; id: string }[] };
    const mp4 = outputs.find((o) => o.name === 'ftrackreview-mp4')!;
    assert.ok(mp4);
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
  });

  it('encode CLI - a failed job exits non-zero with the job message', async () => {
    const bogus = join(dir, 'broken.mov');
    writeFileSync(bogus, 'not a movie');
    const result = await run(['encode', bogus], env);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /failed/);
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
});
