import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli, HOST_READY, type CliProcess } from '../helpers/cli-process.js';

/** `npm start` = `ftrack-host run` with no server: embedded stand-in + bundled plugins, as a process. */
describe('host - e2e: embedded default', function () {
  this.timeout(180_000);
  let dir: string;
  const processes: CliProcess[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftrack-host-embedded-'));
  });
  after(async () => {
    for (const p of processes.splice(0).reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the stand-in in-process, prints what to try, and the printed discover command works', async () => {
    const noServer = { FTRACK_SERVER: '', FTRACK_API_USER: '', FTRACK_API_KEY: '', FTRACK_EVENT_PLUGIN_PATH: '', XDG_CACHE_HOME: dir };
    const run = startCli(['run'], noServer);
    processes.push(run);
    await run.waitFor(HOST_READY, 90_000);
    const [, web] = await run.waitFor(/^ {2}Web page: +(http:\/\/127\.0\.0\.1:\d+)\/ /);
    const [, command] = await run.waitFor(/^ {2}Discover: +(?:npx )?ftrack-host (actions discover .+)$/);
    // The instructions come after the start-up log lines, so they are the last thing a new user sees.
    const ready = run.lines.findIndex((l) => /"msg":"ready: /.test(l));
    const instructions = run.lines.findIndex((l) => /^ {2}Web page: /.test(l));
    assert.ok(ready >= 0 && ready < instructions, run.lines.join('\n'));
    assert.ok(existsSync(join(dir, 'ftrack-host', 'standin')), 'data dir under XDG_CACHE_HOME');
    const page = await fetch(`${web}/`, { signal: AbortSignal.timeout(30_000) });
    assert.equal(page.status, 200);
    await page.text();
    const discover = startCli([...command!.split(' '), '--wait', '10'], noServer);
    processes.push(discover);
    assert.equal(await discover.exited(), 0, discover.stderr.join(''));
    assert.ok(discover.lines.some((l) => l.startsWith('action: Encode media [ftrack-host.encode-media]')), discover.lines.join('\n'));
    // Ctrl-C: SIGINT stops the host and the embedded server gracefully, exit 0.
    assert.equal(await run.stop(60_000, 'SIGINT'), 0, run.stderr.join(''));
    assert.ok(run.lines.some((l) => /"msg":"stopped"/.test(l) && /"reason":"SIGINT"/.test(l)), run.lines.slice(-5).join('\n'));
  });

  it('Ctrl-C while starting stops gracefully once started, exit 0', async () => {
    const noServer = { FTRACK_SERVER: '', FTRACK_API_USER: '', FTRACK_API_KEY: '', FTRACK_EVENT_PLUGIN_PATH: '', XDG_CACHE_HOME: dir };
    const run = startCli(['run'], noServer);
    processes.push(run);
    // The stand-in is listening; the host is not ready yet (session, hub, plugins follow).
    await run.waitFor(/"msg":"stand-in server listening"/, 90_000);
    assert.equal(await run.stop(60_000, 'SIGINT'), 0, run.stderr.join(''));
    assert.ok(run.lines.some((l) => /"msg":"stopped"/.test(l) && /"reason":"SIGINT"/.test(l)), run.lines.slice(-5).join('\n'));
  });
});
