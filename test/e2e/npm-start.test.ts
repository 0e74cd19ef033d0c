import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's main command as a user runs it: `npm start` in the project,
 * no server configured, then Ctrl-C (SIGINT to the whole foreground process
 * group, as a terminal sends it). npm must report the host's own exit status.
 */
describe('npm start - e2e: the README command', function () {
  this.timeout(180_000);
  let home: string;
  let child: ChildProcess | undefined;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'ftrack-host-npm-start-'));
  });
  after(() => {
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('starts the embedded stand-in and the host, prints the page address, and exits 0 on Ctrl-C', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_CACHE_HOME: join(home, '.cache'),
      FTRACK_SERVER: '',
      FTRACK_API_USER: '',
      FTRACK_API_KEY: '',
      FTRACK_EVENT_PLUGIN_PATH: '',
      FTRACK_HOST_FROM_SOURCE: '1',
    };
    // detached: the child leads its own process group, like a terminal's foreground job.
    child = spawn('npm', ['start', '--silent'], { cwd: process.cwd(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 120_000;
    while (!/Web page: +http:\/\/127\.0\.0\.1:\d+\//.test(output)) {
      if (child.exitCode !== null) assert.fail(`npm start exited early (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) assert.fail(`no "Web page" line within 120 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [, url] = /Web page: +(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)!;
    const page = await fetch(`${url}/`, { signal: AbortSignal.timeout(30_000) });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);

    process.kill(-child.pid!, 'SIGINT');
    assert.equal(await exited, 0, output.split('\n').slice(-15).join('\n'));
    assert.match(output, /"msg":"stopped"/);
  });
});
