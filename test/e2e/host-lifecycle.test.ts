import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventHub as FtrackEventHub, Event as FtrackEvent } from '@ftrack/api';
import { PACKAGE_ROOT } from '../../src/internal/paths.js';
import { DEMO_IDS } from '../../src/standin/index.js';
import { startCli, STANDIN_READY, HOST_READY, type CliProcess } from '../helpers/cli-process.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'plugins');

/** `ftrack-host run` as a process: graceful stop with a handler in flight, config errors, `plugins`. */
describe('host - e2e: lifecycle and commands', function () {
  this.timeout(180_000);
  let dir: string;
  const processes: CliProcess[] = [];
  let hub: FtrackEventHub | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftrack-host-life-'));
  });
  afterEach(async () => {
    hub?.disconnect();
    hub = undefined;
    for (const p of processes.splice(0).reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (args: string[], env: Record<string, string> = {}): CliProcess => {
    const p = startCli(args, { XDG_CACHE_HOME: join(dir, 'cache'), ...env });
    processes.push(p);
    return p;
  };

  it('SIGTERM with a handler in flight: the handler finishes, its event is published, exit code 0', async () => {
    const server = cli(['server', '--port', '0', '--data-dir', join(dir, 'standin')]);
    const [, url, user, key] = await server.waitFor(STANDIN_READY);
    const host = cli(['run', '--server', url!, '--api-user', user!, '--api-key', key!, '--no-bundled-plugins', '--plugin-path', join(FIXTURES, 'slow'), '--drain-timeout', '20000']);
    await host.waitFor(HOST_READY);

    hub = new FtrackEventHub(url!, user!, key!);
    hub.connect();
    const done: string[] = [];
    hub.subscribe('topic=test.slow.done', (event) => void done.push((event as unknown as { data: { id: string } }).data.id), { id: randomUUID() });
    const token = randomUUID();
    // Publish repeatedly until the host's handler starts (the subscription may race the first publish).
    const started = host.waitFor(/slow handler started/, 60_000);
    let go = true;
    void (async () => {
      while (go) {
        if (hub!.isConnected()) await hub!.publish(new FtrackEvent('test.slow', { ms: 2500, token }));
        await Promise.race([started, new Promise((r) => setTimeout(r, 1000))]);
      }
    })();
    await started;
    go = false;
    host.child.kill('SIGTERM');
    const code = await host.exited();
    assert.equal(code, 0, host.stderr.join(''));
    assert.ok(host.lines.some((l) => /slow handler finished/.test(l)), 'the handler finished');
    assert.ok(host.lines.some((l) => /"msg":"stopped"/.test(l) && /"pending":0/.test(l)), host.lines.slice(-5).join('\n'));
    const deadline = Date.now() + 30_000;
    while (!done.includes(token) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(done.includes(token), 'the event published by the in-flight handler reached the server');
  });

  it('`actions discover` and `actions launch` act as the web UI and print replies and the user message', async () => {
    const server = cli(['server', '--port', '0', '--data-dir', join(dir, 'standin')]);
    const [, url, user, key] = await server.waitFor(STANDIN_READY);
    const host = cli(['run', '--server', url!, '--api-user', user!, '--api-key', key!]);
    await host.waitFor(HOST_READY);
    const creds = ['--server', url!, '--api-user', user!, '--api-key', key!];
    const selection = `component:${DEMO_IDS.component}`;
    const discover = cli(['actions', 'discover', ...creds, '--selection', selection, '--wait', '10']);
    assert.equal(await discover.exited(), 0, discover.stderr.join(''));
    assert.ok(discover.lines.includes('action: Encode media [ftrack-host.encode-media] - Encode for web review (H.264 mp4 of video, JPEG review image and thumbnail)'), discover.lines.join('\n'));
    const launch = cli(['actions', 'launch', 'ftrack-host.encode-media', ...creds, '--selection', selection, '--wait', '120']);
    await launch.waitFor(/^message \(success\): Encode media: "main" is encoded and ready for review\.$/, 150_000);
    assert.ok(launch.lines.includes('success: Encoding "main"… you will get a message when it is done.'), launch.lines.join('\n'));
    // The launch ends at the user message, long before --wait 120 passed (the test timeout is shorter than the wait left).
    assert.equal(await launch.exited(), 0, launch.stderr.join(''));
    const bad = cli(['actions', 'discover', ...creds, '--selection', 'nocolon']);
    assert.equal(await bad.exited(), 2);
    assert.match(bad.stderr.join(''), /\[FTRACK_ERR_CLI_USAGE\] --selection: .*Type:id/);
    const badValues = cli(['actions', 'launch', 'ftrack-host.encode-media', ...creds, '--selection', selection, '--values', '{not json']);
    assert.equal(await badValues.exited(), 2);
    assert.match(badValues.stderr.join(''), /\[FTRACK_ERR_CLI_USAGE\] --values is not valid JSON/);
    const noUser = cli(['actions', 'discover', ...creds, '--selection', selection, '--user', 'nobody-here']);
    assert.equal(await noUser.exited(), 2);
    assert.match(noUser.stderr.join(''), /\[FTRACK_ERR_CLI_USAGE\] No user "nobody-here"/);
  });

  it('`doctor` passes against a running server and explains failing credentials and an unreachable server', async () => {
    const server = cli(['server', '--port', '0', '--data-dir', join(dir, 'standin')]);
    const [, url, user, key] = await server.waitFor(STANDIN_READY);
    const good = cli(['doctor', '--server', url!, '--api-user', user!, '--api-key', key!]);
    assert.equal(await good.exited(), 0, good.lines.join('\n'));
    const out = good.lines.join('\n');
    for (const check of ['configuration', 'server reachable', 'credentials', 'event hub handshake', 'ffmpeg', 'plugins']) assert.match(out, new RegExp(`✔ ${check}:`));
    const badKey = cli(['doctor', '--server', url!, '--api-user', user!, '--api-key', 'wrong-key']);
    assert.equal(await badKey.exited(), 1);
    assert.match(badKey.lines.join('\n'), /✖ credentials: [\s\S]*fix: check the API key/);
    assert.doesNotMatch(badKey.lines.join('\n'), /wrong-key/);
    // No ffmpeg on PATH (a warning with a server configured) and a broken plugin (a failure), each with its fix.
    const broken = cli(['doctor', '--server', url!, '--api-user', user!, '--api-key', key!], { PATH: join(dir, 'empty-bin'), FTRACK_EVENT_PLUGIN_PATH: join(FIXTURES, 'broken', 'no-register.mjs') });
    assert.equal(await broken.exited(), 1, broken.lines.join('\n'));
    const brokenOut = broken.lines.join('\n');
    assert.match(brokenOut, /! ffmpeg: not found on PATH\n +fix: install ffmpeg/);
    assert.match(brokenOut, /✖ plugins: no-register: \[FTRACK_ERR_PLUGIN_NO_REGISTER\][^\n]*\n +fix: run `ftrack-host plugins`/);
    assert.match(brokenOut, /✔ credentials:/);
    assert.match(brokenOut, /^1 check\(s\) failed\.$/m);
    const unreachable = cli(['doctor', '--server', 'http://127.0.0.1:9', '--api-user', 'x', '--api-key', 'y', '--timeout', '3000']);
    assert.equal(await unreachable.exited(), 1);
    assert.match(unreachable.lines.join('\n'), /✖ server reachable: [\s\S]*fix: check the URL/);
  });

  it('a bad flag value stops run with exit 1, naming the flag, key, expectation and value', async () => {
    const run = cli(['run', '--health-port', 'ninety', '--server', 'http://127.0.0.1:9']);
    assert.equal(await run.exited(), 1);
    assert.match(run.stderr.join(''), /\[FTRACK_ERR_CONFIG\][\s\S]*flag --health-port: key "healthPort": expected a number, found "ninety"/);
  });

  it('a bad config file stops run with exit 1, naming the file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ logLevel: 'loud', plugins: [] }));
    const run = cli(['run', '--config', file]);
    assert.equal(await run.exited(), 1);
    const err = run.stderr.join('');
    assert.match(err, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: key "logLevel": expected one of "trace"`));
    assert.match(err, /key "plugins": expected an object, found \[\]/);
  });

  it('`plugins` lists what would load and why the broken ones would fail, exit 1', async () => {
    const list = cli(['plugins', '--no-bundled-plugins', '--plugin-path', join(FIXTURES, 'basic'), '--plugin-path', join(FIXTURES, 'broken')]);
    assert.equal(await list.exited(), 1);
    const out = list.lines.join('\n');
    for (const name of ['ok', 'default-export', 'typed', 'cjs-plugin', 'folder-plugin']) assert.match(out, new RegExp(`ok +${name} `));
    assert.match(out, /FAIL no-register[\s\S]*\[FTRACK_ERR_PLUGIN_NO_REGISTER\]/);
    assert.match(out, /FAIL import-error[\s\S]*\[FTRACK_ERR_PLUGIN_IMPORT\]/);
    assert.match(out, /FAIL bad-arguments[\s\S]*\[FTRACK_ERR_PLUGIN_ARGUMENTS\][^\n]*key 'maxConcurrent'/);
    // A dry run does not call register(), so throws/hangs only fail at `run`.
    assert.match(out, /7 would load, 3 would fail/);
    const good = cli(['plugins']);
    assert.equal(await good.exited(), 0);
    assert.match(good.lines.join('\n'), /ok +encode-media /);
  });
});
