import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../helpers/cli-process.js';

type Obj = Record<string, unknown>;

const READY = /^ftrack stand-in server ready at (http:\/\/127\.0\.0\.1:\d+) \(api user: (\S+), api key: (\S+)\)$/;

interface Started {
  child: ChildProcess;
  url: string;
  user: string;
  key: string;
  stdout: string[];
  stderr: string[];
}

/** `ftrack-host server ARGS` from source, resolved once it printed its ready line. */
async function startServer(args: string[]): Promise<Started> {
  const cli = startCli(['server', ...args], { FTRACK_LOG_LEVEL: 'info' });
  const [, url, user, key] = await cli.waitFor(READY, 60_000);
  return { child: cli.child, url: url!, user: user!, key: key!, stdout: cli.lines, stderr: cli.stderr };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}/api`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(20_000) });
  return { status: response.status, json: await response.json() };
}

describe('standin server CLI - e2e', function () {
  this.timeout(120_000);
  let dataDir: string;
  let started: Started | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'standin-cli-'));
  });
  afterEach(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill('SIGKILL');
      await exitCode(started.child);
    }
    started = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one ready line, answers curl-like calls as protocol section 1 describes, exits 0 on SIGTERM', async () => {
    started = await startServer(['--port', '0', '--data-dir', dataDir]);
    const { url, user, key } = started;
    assert.equal(user, 'demo');
    const auth = { 'ftrack-user': user, 'ftrack-api-key': key };
    const info = await post(url, auth, '[{"action": "query_server_information"}]');
    assert.equal(info.status, 200);
    assert.equal(((info.json as Obj[])[0]!).schema_hash, '23a1157b8b1730fd91c76f63dcd67a8f');
    const query = await post(url, auth, '[{"action": "query", "expression": "select name from Location where name is \\"ftrack.server\\" limit 1"}]');
    assert.deepEqual(((query.json as Obj[])[0]!).metadata, { next: { offset: null } });
    const empty = await post(url, auth, '[]');
    assert.deepEqual(empty.json, []);
    const wrong = await post(url, { 'ftrack-user': user, 'ftrack-api-key': 'nope', 'ftrack-strict-api': 'true' }, '[]');
    assert.equal(wrong.status, 401);
    assert.equal((wrong.json as Obj).exception, 'InvalidCredentialsError');
    const bad = await post(url, auth, '{not json');
    assert.equal((bad.json as Obj).exception, 'ValidationError');
    started.child.kill('SIGTERM');
    assert.equal(await exitCode(started.child), 0);
    const readyLines = started.stdout.filter((l) => READY.test(l));
    assert.equal(readyLines.length, 1);
    // The key is printed once on stdout, never in the logs.
    assert.ok(!started.stderr.join('').includes(key), 'logs must not contain the API key');
  });

  it('uses --api-user/--api-key and keeps data across restarts; SIGINT also exits 0', async () => {
    started = await startServer(['--port', '0', '--data-dir', dataDir, '--api-user', 'pipeline', '--api-key', 'k-123']);
    assert.equal(started.user, 'pipeline');
    assert.equal(started.key, 'k-123');
    const auth = { 'ftrack-user': 'pipeline', 'ftrack-api-key': 'k-123' };
    await post(started.url, auth, JSON.stringify([{ action: 'create', entity_type: 'Location', entity_data: { name: 'cli.location' } }]));
    started.child.kill('SIGINT');
    assert.equal(await exitCode(started.child), 0);
    started = await startServer(['--port', '0', '--data-dir', dataDir]);
    assert.equal(started.user, 'pipeline', 'the stored first user stays first');
    const found = await post(started.url, { 'ftrack-user': 'pipeline', 'ftrack-api-key': 'k-123' }, JSON.stringify([{ action: 'query', expression: 'select id from Location where name is "cli.location"' }]));
    assert.equal((((found.json as Obj[])[0]!).data as unknown[]).length, 1);
    started.child.kill('SIGTERM');
    assert.equal(await exitCode(started.child), 0);
  });

  it('keeps every acknowledged write after a crash (SIGKILL)', async () => {
    started = await startServer(['--port', '0', '--data-dir', dataDir]);
    const auth = { 'ftrack-user': started.user, 'ftrack-api-key': started.key };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await post(started.url, auth, JSON.stringify([{ action: 'create', entity_type: 'Location', entity_data: { name: `crash.${i}` } }]));
      ids.push(String((((created.json as Obj[])[0]!).data as Obj).id));
    }
    started.child.kill('SIGKILL');
    await exitCode(started.child);
    started = await startServer(['--port', '0', '--data-dir', dataDir]);
    const found = await post(started.url, auth, JSON.stringify([{ action: 'query', expression: `select name from Location where id in (${ids.join(',')})` }]));
    assert.equal((((found.json as Obj[])[0]!).data as unknown[]).length, 20);
    started.child.kill('SIGTERM');
    assert.equal(await exitCode(started.child), 0);
  });

  it('says the port is in use (and exits non-zero) when another server holds it', async () => {
    started = await startServer(['--port', '0', '--data-dir', dataDir]);
    const port = new URL(started.url).port;
    const second = startCli(['server', '--port', port, '--data-dir', join(dataDir, 'other')]);
    assert.equal(await second.exited(), 2);
    const stderr = second.stderr.join('');
    assert.match(stderr, /\[FTRACK_ERR_CLI_USAGE\] Port \d+ on 127\.0\.0\.1 is already in use; stop the other server or pass --port 0/);
    // The first server is unharmed.
    const info = await post(started.url, { 'ftrack-user': started.user, 'ftrack-api-key': started.key }, '[{"action": "query_server_information"}]');
    assert.equal(info.status, 200);
  });

  it('applies --max-upload-bytes to uploads, and refuses a bad value', async () => {
    started = await startServer(['--port', '0', '--data-dir', dataDir, '--max-upload-bytes', '1000']);
    const headers = { 'ftrack-user': started.user, 'ftrack-api-key': started.key, 'ftrack-strict-api': 'true' };
    const op = (size: number): string => JSON.stringify([{ action: 'get_upload_metadata', component_id: '5e1f0000-0000-4000-8000-00000000beef', file_name: 'a.bin', file_size: size }]);
    const ok = await post(started.url, headers, op(1000));
    assert.equal(ok.status, 200);
    const tooLarge = await post(started.url, headers, op(1001));
    assert.equal(tooLarge.status, 413);
    assert.equal((tooLarge.json as { exception: string }).exception, 'ValidationError');
    assert.match((tooLarge.json as { content: string }).content, /above the upload limit of 1000 bytes/);
    const bad = startCli(['server', '--port', '0', '--data-dir', dataDir, '--max-upload-bytes', '10GB']);
    assert.equal(await bad.exited(), 2);
    const stderr = bad.stderr.join('');
    assert.match(stderr, /\[FTRACK_ERR_CLI_USAGE\] --max-upload-bytes must be a positive whole number/);
  });

  it('refuses a bad --port with a clear message and a non-zero exit', async () => {
    const child = startCli(['server', '--port', 'abc', '--data-dir', dataDir]);
    assert.equal(await child.exited(), 2);
    const stderr = child.stderr.join('');
    assert.match(stderr, /\[FTRACK_ERR_CLI_USAGE\] --port must be an integer/);
  });
});
