import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DATA_DIR, PACKAGE_ROOT } from '../../src/internal/paths.js';
import type { Host } from '../../src/host/index.js';
import { BROWSER_OUTPUT_DIR, launchBrowser, openPage, screenshot, waitUntil, type OpenedPage } from '../helpers/browser.js';
import { callApi, startStandin, type StandinServer } from '../helpers/standin.js';
import { startHost, startTestPlugin, type TestPlugin } from './fixtures.js';

/**
 * The action panel page in a real browser (Debian's chromium, headless)
 * against the real stand-in server: upload, discover, launch, jobs, video.
 * Screenshots of each step land in test-output/browser/. With
 * FTRACK_UPDATE_SCREENSHOTS=1 the main test also refreshes
 * docs/images/action-panel.png.
 */
describe('web page - action panel in chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: StandinServer | undefined;
  let host: Host | undefined;
  let plugin: TestPlugin | undefined;
  let opened: OpenedPage | undefined;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await opened?.context.close();
    await plugin?.close();
    await host?.stop('test done');
    await server?.close();
    opened = undefined;
    plugin = undefined;
    host = undefined;
    server = undefined;
  });

  /** Uploads a file through the page's form; resolves with the new component id. */
  async function upload(page: OpenedPage['page'], file: string): Promise<string> {
    await page.setInputFiles('#upload-file', file);
    await page.click('#upload-form button[type=submit]');
    await page.waitForSelector('#upload-status[data-component-id]', { timeout: 60_000 });
    const id = await page.getAttribute('#upload-status', 'data-component-id');
    assert.ok(id);
    // The new component is listed under Uploads and selected.
    await page.waitForSelector(`.node.selected[data-entity-id="${id}"]`);
    return id;
  }

  async function discover(page: OpenedPage['page']): Promise<void> {
    await page.click('#discover');
    await page.waitForSelector('.action-group, .no-actions', { timeout: 30_000 });
  }

  it('web page - uploads colour_wheel.mov, launches Encode media and plays the mp4', async () => {
    server = await startStandin();
    host = await startHost(server);
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.waitForSelector('#hub-status[data-state=connected]');
    // Browse: open the demo project down to its shot.
    for (const name of [/Expand Project/, /Expand Sequence/, /Expand Shot/]) {
      const toggle = await page.getByRole('button', { name }).first().elementHandle();
      assert.ok(toggle, String(name));
      await toggle.click();
      await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true' && !el.closest('li')?.querySelector(':scope > ul')?.textContent?.includes('Loading'), toggle);
    }
    await screenshot(page, '01-opened');

    const componentId = await upload(page, join(DATA_DIR, 'colour_wheel.mov'));
    const stored = await callApi(server, [
      { action: 'query', expression: `select id, name, file_type from FileComponent where id is "${componentId}"` },
      { action: 'query', expression: `select id from ComponentLocation where component_id is "${componentId}" and location_id is 3a372bde-05bc-11e4-8908-20c9d081909b` },
    ]);
    const [components, locations] = stored.body as { data: Record<string, unknown>[] }[];
    assert.equal(components!.data[0]?.name, 'colour_wheel');
    assert.equal(components!.data[0]?.file_type, '.mov');
    assert.equal(locations!.data.length, 1, 'the upload is registered in the server location');
    await screenshot(page, '02-uploaded');

    await discover(page);
    const encode = page.getByRole('button', { name: 'Encode media' });
    await encode.waitFor();
    await screenshot(page, '03-discovered');

    await encode.click();
    // The plugin's "encoded" message arrives as a trigger-user-interface notification; its toast
    // goes away after a few seconds, so watch for it from the launch on (awaited further down).
    const encodedToast = page.waitForSelector('.toast-success:has-text("Encode media")', { timeout: 170_000 });
    encodedToast.catch(() => undefined); // only to avoid an unhandled rejection when an earlier step fails
    await page.waitForSelector('.launch-message.success');
    await screenshot(page, '04-launched');

    await page.waitForSelector('.job[data-status=done], .job[data-status=failed]', { timeout: 150_000 });
    assert.equal(await page.getAttribute('.job', 'data-status'), 'done', await page.locator('.job').innerText());
    await screenshot(page, '05-job-done');

    await page.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('video.review-video');
      return video !== null && video.duration > 0;
    }, undefined, { timeout: 60_000 });
    const duration = await page.$eval('video.review-video', (v) => (v as HTMLVideoElement).duration);
    assert.ok(duration > 0, `video duration ${duration}`);
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('img.review-image')?.naturalWidth ?? 0) > 0);
    await encodedToast;
    await screenshot(page, '06-playing');

    if (process.env.FTRACK_UPDATE_SCREENSHOTS === '1') {
      await page.evaluate(() => document.querySelectorAll('.toast').forEach((toast) => toast.remove()));
      await mkdir(join(PACKAGE_ROOT, 'docs', 'images'), { recursive: true });
      const shot = join(BROWSER_OUTPUT_DIR, 'action-panel.png');
      await page.screenshot({ path: shot });
      await copyFile(shot, join(PACKAGE_ROOT, 'docs', 'images', 'action-panel.png'));
    }

    // Readable on a narrow window: one column, no horizontal scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than a 390px window`);
    await screenshot(page, '07-narrow');

    // After a reload the finished job is listed again, with its video.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('.job[data-status=done] video.review-video');

    assert.deepEqual(opened.foreignRequests, [], 'the page loads nothing from outside the stand-in');
    assert.deepEqual(opened.errors, []);
  });

  it('web page - the encode-media plugin understands the page selection types (assetversion yes, task no)', async () => {
    server = await startStandin();
    host = await startHost(server);
    opened = await openPage(browser, server.url);
    const { page } = opened;
    for (const name of [/Expand Project/, /Expand Sequence/, /Expand Shot/, /Expand Asset/]) {
      const toggle = await page.getByRole('button', { name }).first().elementHandle();
      assert.ok(toggle, String(name));
      await toggle.click();
      await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', toggle);
    }
    const task = page.getByRole('checkbox', { name: /Select Task / });
    await task.check();
    await discover(page);
    await page.locator('.no-actions').waitFor();
    await task.uncheck();
    await page.getByRole('checkbox', { name: /Select AssetVersion v1/ }).check();
    await discover(page);
    await page.getByRole('button', { name: 'Encode media' }).waitFor();
  });

  it('web page - without a running host, discover ends with "no actions" instead of spinning', async () => {
    server = await startStandin();
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.getByRole('checkbox', { name: /Select Project/ }).first().check();
    await discover(page);
    const text = await page.locator('.no-actions').innerText();
    assert.match(text, /No actions available/);
    assert.equal(await page.locator('.discovering').count(), 0, 'the spinner is gone');
    assert.equal(await page.getAttribute('#action-list', 'aria-busy'), null);
    assert.equal(await page.isEnabled('#discover'), true, 'Actions can be asked again');
    await screenshot(page, 'no-host-no-actions');
  });

  it('web page - a discover reply arriving after the window still shows its action', async () => {
    server = await startStandin();
    plugin = await startTestPlugin(server, { items: [{ label: 'Slow action', actionIdentifier: 'test.slow' }], discoverDelayMs: 3000, onLaunch: () => undefined });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.getByRole('checkbox', { name: /Select Project/ }).first().check();
    await discover(page);
    await page.locator('.no-actions').waitFor();
    await page.getByRole('button', { name: 'Slow action' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.no-actions').count(), 0);
  });

  it('web page - a plugin replying with a failure shows its message', async () => {
    server = await startStandin();
    plugin = await startTestPlugin(server, {
      items: [{ label: 'Publish', variant: 'to farm', actionIdentifier: 'test.publish', description: 'Send to the farm' }],
      onLaunch: () => ({ success: false, message: 'Render farm is offline (test failure)' }),
    });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.getByRole('checkbox', { name: /Select Project/ }).first().check();
    await discover(page);
    await page.getByRole('button', { name: 'Publish to farm' }).click();
    const message = page.locator('.launch-message.error');
    await message.waitFor();
    assert.equal(await message.innerText(), 'Render farm is offline (test failure)');
    await screenshot(page, 'plugin-failure');
    await waitUntil(() => plugin!.received.some((e) => e.topic === 'ftrack.action.launch'), 'the plugin to receive launch');
    const launch = plugin.received.find((e) => e.topic === 'ftrack.action.launch');
    assert.deepEqual((launch?.data as { selection: unknown[] }).selection.length, 1);
    assert.equal((launch?.data as { actionIdentifier: string }).actionIdentifier, 'test.publish');
  });

  it('web page - encoding an upload that is not media fails and shows the reason', async () => {
    server = await startStandin();
    host = await startHost(server);
    opened = await openPage(browser, server.url);
    const { page } = opened;
    const fake = join(BROWSER_OUTPUT_DIR, 'not-media.mov');
    await mkdir(BROWSER_OUTPUT_DIR, { recursive: true });
    await writeFile(fake, 'this is plain text, not a QuickTime movie\n'.repeat(50));
    await upload(page, fake);
    await discover(page);
    await page.getByRole('button', { name: 'Encode media' }).click();
    await page.waitForSelector('.job[data-status=failed]', { timeout: 150_000 });
    const reason = await page.locator('.job[data-status=failed] .job-message').innerText();
    assert.ok(reason.length > 0 && !/without a reason/.test(reason), `failure reason shown: ${reason}`);
    await screenshot(page, 'non-media-failed');
    // The server and the page stay usable: discover still works afterwards.
    await discover(page);
    await page.getByRole('button', { name: 'Encode media' }).waitFor();
  });

  it('web page - renders a form with every item type and submits the values back', async () => {
    server = await startStandin();
    const submitted: Record<string, unknown>[] = [];
    plugin = await startTestPlugin(server, {
      items: [{ label: 'Configure', actionIdentifier: 'test.form', icon: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }],
      onLaunch: (event) => {
        const data = event.data as { values?: Record<string, unknown> };
        if (data.values === undefined) {
          return {
            title: 'Render settings',
            submit_button_label: 'Render',
            items: [
              { type: 'label', value: 'Choose the **settings**' },
              { type: 'text', name: 'name', label: 'Name', value: 'sh010', empty_text: 'a name' },
              { type: 'textarea', name: 'note', label: 'Note', value: '' },
              { type: 'number', name: 'frames', label: 'Frames', empty_text: 'count' },
              { type: 'date', name: 'due', label: 'Due', value: '2026-01-02' },
              { type: 'boolean', name: 'hd', label: 'HD', value: true },
              { type: 'enumerator', name: 'queue', label: 'Queue', data: [{ label: 'Fast', value: 'fast' }, { label: 'Cheap', value: 3 }] },
              { type: 'enumerator', name: 'tags', label: 'Tags', multi_select: true, data: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }], value: ['a'] },
              { type: 'enumerator', name: 'unset', label: 'Unset', data: [{ label: 'X', value: 'x' }] },
              { type: 'hidden', name: 'step', value: { n: 2 } },
            ],
          };
        }
        submitted.push(data.values);
        return { success: true, message: 'Render queued' };
      },
    });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    await page.getByRole('checkbox', { name: /Select Project/ }).first().check();
    await discover(page);
    await page.getByRole('button', { name: 'Configure' }).click();
    const form = page.locator('form.action-form');
    await form.waitFor();
    await screenshot(page, 'form');
    await form.getByLabel('Name').fill('sh020');
    await form.getByLabel('Note').fill('two\nlines');
    await form.getByLabel('Frames').fill('48');
    await form.getByLabel('Due').fill('2026-03-04');
    await form.getByLabel('HD').uncheck();
    await form.getByLabel('Queue').selectOption({ label: 'Cheap' });
    await form.getByLabel('Tags').selectOption([{ label: 'A' }, { label: 'B' }]);
    // Keyboard submit, as a keyboard user would.
    await form.getByRole('button', { name: 'Render' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.launch-message.success');
    assert.deepEqual(submitted, [{ name: 'sh020', note: 'two\nlines', frames: 48, due: '2026-03-04', hd: false, queue: 3, tags: ['a', 'b'], unset: null, step: { n: 2 } }]);

    // A trigger-user-interface message targeted at this user shows as a notification.
    const userId = server.users.list().find((u) => u.username === 'demo')!.id;
    await plugin.hub.publish({
      topic: 'ftrack.action.trigger-user-interface',
      target: `applicationId=ftrack.client.web and user.id="${userId}"`,
      data: { type: 'message', success: false, message: 'Farm quota reached' },
    });
    await page.locator('.toast-error', { hasText: 'Farm quota reached' }).waitFor();
    await screenshot(page, 'form-submitted-and-notified');
  });

  it('web page - keyboard only: expand the tree down to a version, upload onto it, select it', async () => {
    server = await startStandin();
    opened = await openPage(browser, server.url);
    const { page } = opened;
    // Expand Project → Sequence → Shot → Asset → Version with Enter on the arrow buttons.
    for (const name of [/Expand Project/, /Expand Sequence/, /Expand Shot/, /Expand Asset/, /Expand AssetVersion/]) {
      const toggle = await page.getByRole('button', { name }).first().elementHandle();
      assert.ok(toggle);
      await toggle.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', toggle);
    }
    const versionBox = page.getByRole('checkbox', { name: /Select AssetVersion v1/ });
    await versionBox.waitFor();
    await versionBox.focus();
    await page.keyboard.press('Space');
    assert.equal(await versionBox.isChecked(), true);
    assert.match(await page.locator('#selection-summary').innerText(), /AssetVersion v1/);
    const demoVersion = (
      (await callApi(server, [{ action: 'query', expression: 'select id from AssetVersion where version is 1' }])).body as { data: { id: string }[] }[]
    )[0]!.data[0]!.id;

    await page.setInputFiles('#upload-file', join(DATA_DIR, 'image.png'));
    await page.waitForSelector(`#upload-target option[value="${demoVersion}"]`, { state: 'attached' });
    await page.selectOption('#upload-target', demoVersion);
    await page.focus('#upload-form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#upload-status[data-component-id]', { timeout: 60_000 });
    const componentId = (await page.getAttribute('#upload-status', 'data-component-id'))!;
    const [rows] = (await callApi(server, [{ action: 'query', expression: `select version_id from FileComponent where id is "${componentId}"` }])).body as {
      data: { version_id: string }[];
    }[];
    assert.equal(rows!.data[0]?.version_id, demoVersion);
    // The expanded version lists the new component.
    const twin = page.locator(`.node[data-entity-id="${demoVersion}"] .node[data-entity-id="${componentId}"] input.select`);
    await twin.waitFor();
    assert.equal(await twin.isChecked(), true, 'both listings of the new component share the selection');
    assert.equal(await page.locator(`input.select[data-entity-id="${componentId}"]`).count(), 2);
    await screenshot(page, 'keyboard-upload-onto-version');
    assert.deepEqual(opened.errors, []);
  });

  it('web page - the user switcher signs in as another stand-in user', async () => {
    server = await startStandin();
    plugin = await startTestPlugin(server, { items: [{ label: 'Who am I', actionIdentifier: 'test.who' }], onLaunch: () => undefined });
    opened = await openPage(browser, server.url);
    const { page } = opened;
    assert.equal(await page.getAttribute('body', 'data-user'), 'demo');
    await page.selectOption('#user-select', 'artist');
    await page.waitForSelector('body[data-user="artist"][data-ready="true"]');
    await page.getByRole('checkbox', { name: /Select Project/ }).first().check();
    await discover(page);
    await waitUntil(() => plugin!.received.some((e) => e.topic === 'ftrack.action.discover'), 'the plugin to receive discover');
    const discoverEvent = plugin.received.find((e) => e.topic === 'ftrack.action.discover');
    const user = (discoverEvent?.source as { user?: { username?: string; id?: string } }).user;
    assert.equal(user?.username, 'artist');
    assert.equal(user?.id, server.users.list().find((u) => u.username === 'artist')!.id);
    assert.equal((discoverEvent?.source as { applicationId?: string }).applicationId, 'ftrack.client.web');
  });
});
