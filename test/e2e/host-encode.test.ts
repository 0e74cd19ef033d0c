import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Session as FtrackSession, EventHub as FtrackEventHub, Event as FtrackEvent } from '@ftrack/api';
import { DEMO_IDS } from '../../src/standin/index.js';
import { startCli, STANDIN_READY, HOST_READY, type CliProcess } from '../helpers/cli-process.js';

/**
 * The main promise of the product, end to end: the stand-in server and
 * `ftrack-host run` as separate processes; the official @ftrack/api client
 * plays the web UI.
 */
describe('host - e2e: encode media from the action menu', function () {
  this.timeout(240_000);
  let dir: string;
  let server: CliProcess | undefined;
  let host: CliProcess | undefined;
  let hub: FtrackEventHub | undefined;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftrack-host-e2e-'));
  });
  after(async () => {
    hub?.disconnect();
    const hostCode = await host?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(hostCode, 0, `host exit code; stderr: ${host?.stderr.join('')}`);
  });

  it('discover shows "Encode media", launch succeeds, the job finishes, the user is told, the mp4 downloads', async () => {
    server = startCli(['server', '--port', '0', '--data-dir', join(dir, 'standin')]);
    const [, url, apiUser, apiKey] = await server.waitFor(STANDIN_READY);
    host = startCli(['run', '--server', url!, '--api-user', apiUser!, '--api-key', apiKey!, '--health-port', '0'], { XDG_CACHE_HOME: join(dir, 'cache') });
    await host.waitFor(HOST_READY);

    const api = new FtrackSession(url!, apiUser!, apiKey!, { autoConnectEventHub: false });
    await api.initializing;
    const user = (await api.query(`select id, username from User where username is "${apiUser}"`)).data[0] as { id: string; username: string };
    assert.ok(user, 'the API user exists');

    // The web UI: its own hub, subscribed to user-interface pushes for this user.
    hub = new FtrackEventHub(url!, apiUser!, apiKey!, { applicationId: 'ftrack.client.web' });
    const messages: { type: string; success: boolean; message: string }[] = [];
    hub.connect();
    hub.subscribe('topic=ftrack.action.trigger-user-interface', (event) => void messages.push((event as unknown as { data: never }).data), {
      id: randomUUID(),
      applicationId: 'ftrack.client.web',
      user: { id: user.id, username: user.username },
    });
    await until(() => hub!.isConnected() || undefined, 'the web UI hub to connect');

    const source = { applicationId: 'ftrack.client.web', user: { id: user.id, username: user.username } };
    const selection = [{ entityId: DEMO_IDS.component, entityType: 'Component' }];
    const discoverReplies: any[] = [];
    await hub.publish(new FtrackEvent('ftrack.action.discover', { selection }, { source }), { onReply: (reply) => void discoverReplies.push(reply) });
    const offered = await until(() => discoverReplies.flatMap((r) => r.data?.items ?? []).find((i: any) => i.label === 'Encode media'), 'the discover reply');
    assert.equal(offered.actionIdentifier, 'ftrack-host.encode-media');

    const launchReplies: any[] = [];
    await hub.publish(new FtrackEvent('ftrack.action.launch', { ...offered, selection }, { source }), { onReply: (reply) => void launchReplies.push(reply) });
    const launched = await until(() => launchReplies[0], 'the launch reply');
    assert.equal(launched.data.success, true, launched.data.message);
    assert.match(launched.data.message, /^Encoding "main"/);

    const done = await until(() => messages.find((m) => m.type === 'message'), 'the completion message', 180_000);
    assert.equal(done.success, true, done.message);
    assert.match(done.message, /encoded and ready for review/);

    const jobs = (await api.query('select id, status, data from Job')).data as { status: string; data: string }[];
    assert.ok(jobs.length >= 1);
    assert.ok(jobs.every((j) => j.status === 'done'), JSON.stringify(jobs));
    const outputs = (await api.query(`select id, name, file_type from Component where version_id is "${DEMO_IDS.version}" and name is "ftrackreview-mp4"`)).data as { id: string }[];
    assert.equal(outputs.length, 1);
    const response = await fetch(api.getComponentUrl(outputs[0]!.id)!, { signal: AbortSignal.timeout(30_000) });
    assert.equal(response.status, 200);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.ok(bytes.length > 1000, `mp4 of ${bytes.length} bytes`);
    assert.equal(bytes.subarray(4, 8).toString('latin1'), 'ftyp');

    // Health endpoint of the running host.
    const health = /"health":"(http:[^"]+)"/.exec(host.lines.find((l) => HOST_READY.test(l))!)![1]!;
    const status = (await (await fetch(`${health}/healthz`)).json()) as { connected: boolean; pluginsLoaded: number };
    assert.equal(status.connected, true);
    assert.equal(status.pluginsLoaded, 1);
  });

  async function until<T>(fn: () => T | undefined, what: string, ms = 60_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = fn();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; host output:\n${host?.lines.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
